"""The program's entry point (`classroom-gui`, `python -m classroom_gui`): the command line's modules take about a
second to import, and a Ctrl+C in that second must give the same one line as later (not a traceback, not an
abort inside NumPy's or Qt's import), so the signal handlers are set before anything else is imported."""
from __future__ import annotations


def main() -> int:
    from .export import stopping  # standard library only: ready in milliseconds

    stopping.handle_signals(interrupt=True)
    try:
        with stopping.hold_signals():
            from .cli import main as cli_main
        stopping.stop_if_signalled()
        code = cli_main()  # (it catches its own; this catches one in the instant before its handlers are set)
    except (KeyboardInterrupt, stopping.Terminated) as stop:
        return stopping.say_stopped(stop, "classroom-gui")
    # the command is over (its files written or not): a Ctrl+C while Python and Qt shut down has nothing left to
    # stop, and Python's shut-down would otherwise die of it (status -2 after "wrote ...")
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return code
