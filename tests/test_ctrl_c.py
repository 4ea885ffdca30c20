"""Ctrl+C during an export gives one line, "stopped; no file was written", exit status 130, no temporary and the old
file kept, whenever it comes: while the command line's modules import, while Qt loads, while pages are painted.
Before export.stopping a Ctrl+C while a PDF page was painted crashed the process (SIGSEGV), and one during the
imports printed a traceback."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from classroom_gui.export import files, stopping
from helpers import part_files

TEXT = ("--text", "The cat sat on the mat")
OLD = b"%PDF-1.4 the old deck, which must survive\n%%EOF\n"
STOPPED = "classroom-gui{}: stopped; no file was written"


def start(args: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "classroom_gui", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def stop(proc: subprocess.Popen) -> tuple[int, str]:
    proc.send_signal(signal.SIGINT)  # what a terminal's Ctrl+C sends (here to this one process)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


def test_ctrl_c_while_pdf_pages_are_painted(tmp_path):
    target = tmp_path / "deck.pdf"
    target.write_bytes(OLD)
    proc = start(["deck", *TEXT, "--size", "4k", "--force", "-o", str(target)])
    deadline = time.monotonic() + 120
    while not part_files(tmp_path):  # the temporary exists: Qt is loaded and the pages are being painted
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the deck never started"
        time.sleep(0.02)
    time.sleep(0.3)
    code, err = stop(proc)
    assert (code, err.strip()) == (130, STOPPED.format(" deck")), err
    assert part_files(tmp_path) == [] and target.read_bytes() == OLD


def test_ctrl_c_while_the_command_line_loads(tmp_path):
    """Importing the command line's modules takes about a second: a Ctrl+C then waits for their end."""
    target = tmp_path / "deck.pdf"
    target.write_bytes(OLD)
    proc = start(["deck", *TEXT, "--force", "-o", str(target)])
    time.sleep(0.4)
    code, err = stop(proc)
    assert code == 130 and err.strip() in (STOPPED.format(""), STOPPED.format(" deck")), err
    assert part_files(tmp_path) == [] and target.read_bytes() == OLD


@pytest.fixture
def handlers():
    """The command line's handlers in this process, put back afterwards."""
    restore = stopping.handle_signals(interrupt=True, where="classroom-gui test")
    yield
    restore()
    stopping._pending.clear()


def test_a_ctrl_c_while_modules_import_waits_for_the_next_check(handlers):
    with stopping.hold_signals():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.01)  # Python runs the handler here: it must not raise inside the import
        assert stopping.pending()
    with pytest.raises(KeyboardInterrupt):
        stopping.stop_if_signalled()
    assert not stopping.pending()


def test_with_qt_loaded_a_ctrl_c_waits_for_the_next_page(handlers, monkeypatch):
    monkeypatch.setitem(sys.modules, "PySide6", sys.modules.get("PySide6", object()))
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.01)
    with pytest.raises(KeyboardInterrupt):
        files.tick(None, 1, 2)


def test_without_qt_a_ctrl_c_stops_at_once(handlers, monkeypatch):
    monkeypatch.delitem(sys.modules, "PySide6", raising=False)
    monkeypatch.delitem(sys.modules, "shiboken6", raising=False)
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.5)


def test_a_ctrl_c_after_the_files_are_written_changes_nothing(handlers, tmp_path):
    target = tmp_path / "a.json"
    with files.atomic_path(target) as tmp:
        tmp.write_text("{}")
    stopping._pending.append(signal.SIGINT)
    stopping.stop_unless_written()  # the file is in place: the command is simply done
    assert target.read_text() == "{}" and not stopping.pending()


def test_under_lang_ja_the_stopped_line_is_japanese(tmp_path):
    """polish10: the line was English under --lang ja. The command line knows --lang before it starts work."""
    target = tmp_path / "deck.pdf"
    target.write_bytes(OLD)
    proc = start(["deck", *TEXT, "--lang", "ja", "--size", "4k", "--force", "-o", str(target)])
    deadline = time.monotonic() + 120
    while not part_files(tmp_path):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the deck never started"
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err.strip()) == (128 + signal.SIGTERM,
                                              "classroom-gui deck：SIGTERMで中断しました。ファイルは書き出していません。")
    assert part_files(tmp_path) == [] and target.read_bytes() == OLD


def test_the_stopped_line_in_each_language(capsys):
    from classroom_gui.lesson.strings import table

    assert stopping.say_stopped(KeyboardInterrupt(), "classroom-gui deck", "ja") == 130
    assert capsys.readouterr().err == "classroom-gui deck：中断しました。ファイルは書き出していません。\n"
    assert stopping.say_stopped(KeyboardInterrupt(), "classroom-gui deck") == 130  # English as it always was
    assert capsys.readouterr().err == STOPPED.format(" deck") + "\n"
    assert stopping.say_stopped(stopping.Terminated(signal.SIGTERM), "classroom-gui video", "en") == 143
    assert capsys.readouterr().err == "classroom-gui video: stopped by SIGTERM; no file was written\n"
    for key, signum in (("cli.stopped", signal.SIGINT), ("cli.stopped_by", signal.SIGTERM)):  # the English table agrees
        assert table("en")[key].format(where="x", signal="SIGTERM") == stopping.stopped_line(signum, "x")
    stopping.stopping_as("classroom-gui deck", "ja")  # a second signal's line, made before any signal comes
    try:
        assert stopping._lines[signal.SIGINT] == "classroom-gui deck：中断しました。ファイルは書き出していません。"
    finally:
        stopping.stopping_as("classroom-gui")
