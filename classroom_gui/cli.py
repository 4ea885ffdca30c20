"""The command line: `classroom-gui` opens the window, `classroom-gui trace` prints what the model did.

This file is argparse and dispatch only. A subcommand is one function decorated with @subcommand,
naming its arguments; it returns an exit status. Problems a user can fix (InputError,
CheckpointError, CliError, OSError) are reported by main() as one line on stderr with exit status 2,
never a traceback.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

from . import __version__
from .cli_help import formatter_for, in_language, said
from .cli_parser import Parser, lang_of, refusal
from .cli_table import (COMMANDS, EDIT_FORMS, FORCE, MASK, MODEL, TEXT, CliError, arg, file_name, lang_arg, positive,  # noqa: F401  (CliError: raised by callers)
                        CliRefusal, subcommand, tell, write_atomic)
from .messages.phrase import Phrase

PROG = "classroom-gui"


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The command line's parser; `lang`: the language it refuses a command line in (cli_parser) and gives its
    help in (cli_help: every help of the table is a key)."""
    form = formatter_for(lang)
    parser = Parser(prog=PROG, description=said("cli.help.description", lang), formatter_class=form)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help=said("cli.help.verbose_window", lang))
    parser.add_argument("--model", dest="gui_model", metavar="DIR", type=Path, help=said("cli.help.window_model", lang))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_, arguments, function in COMMANDS:
        p = sub.add_parser(name, help=said(help_, lang), description=said(help_, lang), formatter_class=form)
        # also after the command (`classroom-gui export ... --verbose`); SUPPRESS keeps the one given before it
        p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                       help=said("cli.help.verbose", lang))
        for names, options in arguments:
            p.add_argument(*names, **{**options, "help": said(options.get("help"), lang)})
        p.set_defaults(func=function)
        p.lang, p.subcommand = lang, True
        in_language(p, lang)
    parser.lang, parser.commands = lang, tuple(name for name, *_ in COMMANDS)
    in_language(parser, lang)
    return parser


TEXT_OPTIONS = ("--text", "--focus", "--compare")  # free text, which may start with "-" ("-x", "-1")


def glue_text_options(argv: list[str]) -> list[str]:
    """`--text -x` as `--text=-x`: argparse would take a value starting with "-" for an option."""
    out, i = [], 0
    while i < len(argv):
        if argv[i] in TEXT_OPTIONS and i + 1 < len(argv) and argv[i + 1].startswith("-"):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status. Ctrl+C, SIGTERM and SIGHUP stop a command with one line
    ("stopped; no file was written", status 128 + the signal's number), whenever they come (export.files)."""
    import signal

    from .export.stopping import handle_signals

    try:
        restore = handle_signals(interrupt=True, where=PROG)
    except ValueError:  # not the main thread (a test may call main from one): Python's own handlers stay
        restore = None
    try:
        return _main(argv, restore is not None)
    finally:
        if restore is not None:
            restore()
            if signal.getsignal(signal.SIGINT) is None:  # set from C before Python ran: Python's own
                signal.signal(signal.SIGINT, signal.default_int_handler)


def _main(argv: list[str] | None, handling: bool) -> int:
    from .export import stopping
    from .export.stopping import Terminated, stop_if_signalled

    where, lang = PROG, "en"
    try:
        argv = glue_text_options(list(sys.argv[1:] if argv is None else argv))
        lang = lang_of(argv)
        with stopping.hold_signals():  # a Ctrl+C while modules load waits for the first stop_if_signalled
            parser = build_parser(lang)
        stop_if_signalled()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # argparse has printed usage (status 2) or --help/--version (status 0)
            return exc.code if isinstance(exc.code, int) else 2
        with stopping.hold_signals():
            from .crash import setup_logging

            setup_logging(args.verbose)
            from .model.allocator import keep_freed_memory

            keep_freed_memory()  # the next sentence's trace reuses the last one's memory (no page faults)
            from .collector import collect_rarely

            collect_rarely()  # no garbage collection in most frames (see collector.py)
        command = getattr(args, "func", run_gui)
        if args.command and args.gui_model is not None and getattr(args, "model", None) is None:
            args.model = args.gui_model  # `classroom-gui --model DIR export …`: that model, not the teaching one
        if (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "") != "utf8":
            # e.g. a Windows pipe in cp1252: show ? for a Japanese word rather than fail on it
            with contextlib.suppress(AttributeError, ValueError):
                sys.stdout.reconfigure(errors="replace")
        where = f"{PROG} {args.command}" if args.command else PROG
        stopping.stopping_as(where, lang)
        stop_if_signalled()
        if command is run_gui and handling:
            import signal

            signal.signal(signal.SIGINT, signal.default_int_handler)  # the window keeps Python's Ctrl+C
        code = int(command(args) or 0)
        stopping.stop_unless_written()  # a signal that came during a last picture with no file after it
        return code
    except BrokenPipeError:  # `classroom-gui trace ... | head`: the reader has all it wanted
        _quiet_stdout()
        return 141  # as a program stopped by SIGPIPE
    except (KeyboardInterrupt, Terminated) as stop:
        return stopping.say_stopped(stop, where, lang)
    except Exception as exc:
        if stopping.pending():  # a Ctrl+C that also stopped ffmpeg (the terminal signals its whole group)
            try:
                stop_if_signalled()
            except (KeyboardInterrupt, Terminated) as stop:
                return stopping.say_stopped(stop, where, lang)
        return _report(exc, where, lang)


def _report(exc: Exception, where: str, lang: str = "en") -> int:
    """One line on stderr for a failed command (status 2), its "error:" in the command line's --lang; the
    traceback with --verbose only."""
    import logging

    from .lesson.strings import text
    from .messages.fit import shortened
    from .messages.phrase import PhraseError
    from .model.sentence import InputError

    from .crash import LOGGER

    log = logging.getLogger(LOGGER)
    log.debug("%s failed", where, exc_info=exc)
    if isinstance(exc, PhraseError):  # a model folder's refusal, a tokenizer failing on the sentence: in --lang
        said = exc.phrase.said(lang)
    elif isinstance(exc, (InputError, CliError, OSError)):
        said = str(exc)
    elif isinstance(exc, MemoryError):
        said = text(lang, "cli.memory")
    else:  # a bug: one line; the traceback with --verbose
        said = text(lang, "cli.bug", kind=type(exc).__name__, said=shortened(" ".join(str(exc).split()), 300))
    print(refusal(lang, where, said), file=sys.stderr)
    return 2


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit does not fail on the closed pipe again."""
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def no_display(env, platform: str) -> bool:
    """Whether the window has nowhere to open: Linux (or another X11/Wayland system) with no DISPLAY, no
    WAYLAND_DISPLAY and no QT_QPA_PLATFORM chosen, where Qt would abort in QApplication (teacher31 #6: exit 134)."""
    if platform.startswith(("win", "darwin", "cygwin")):
        return False
    return not any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run_gui(args: argparse.Namespace) -> int:
    import os

    if no_display(os.environ, sys.platform):  # one line saying what to do, before Qt can abort (status 2)
        raise CliRefusal("cli.no_display")
    try:
        from .view.app import run
    except ModuleNotFoundError as exc:
        if exc.name not in ("classroom_gui.view.app", "classroom_gui.view"):
            raise CliError(f"the window needs the Python package '{exc.name}', which is not installed") from None
        print(f"{PROG}: the window is not built yet; try `{PROG} trace --text \"The cat sat on the mat\"`",
              file=sys.stderr)
        return 2
    return int(run(args) or 0)


@subcommand("trace", "cli.help.trace",
            TEXT, MODEL,
            arg("--json", metavar="FILE", type=file_name, help="cli.help.trace_json"),
            MASK,
            arg("--top", metavar="N", type=positive, default=10, help="cli.help.top"),
            arg("--set", dest="edits", action="append", metavar="EDIT", default=[],
                help=Phrase("cli.help.set", forms=EDIT_FORMS)),
            lang_arg("cli.help.lang_trace"), FORCE)
def trace_command(args: argparse.Namespace) -> int:
    from .cli_export import refusing_in

    return refusing_in(args.lang, _trace, args)  # its refusals (an empty --text, a bad --set) in --lang


def _trace(args: argparse.Namespace) -> int:
    from .cli_export import model_folder, say_notices, with_edits
    from .model.checkpoint import CheckpointError, load_checkpoint
    from .model.sentence import run_sentence
    from .lesson.gallery import gallery_of, lesson_rule
    from .lesson.rules import ANSWER_RULE, under
    from .model.trace_json import next_tokens, trace_to_dict
    from .model.whatif import EditError

    folder = model_folder(args)
    try:
        checkpoint = load_checkpoint(folder)
    except CheckpointError as exc:
        if args.model is not None:
            raise  # (a missing folder: said in --lang)
        raise CheckpointError("model.teaching_missing", why=exc.phrase) from None

    args.mask = args.mask or lesson_rule(checkpoint, gallery_of(folder)[0])  # export's default (student35 #7)
    run = run_sentence(checkpoint, args.text, args.mask)
    say_notices(run, args.lang)
    trace = with_edits(run.trace, args.edits, own_rule_only=True, lang=args.lang)  # the table shows this rule only
    # the next words as answer time gives them, always in turn: a class in discussion names at its last seat that
    # seat's own word (the teaching model was trained so), not the next ("the" 0.63 after "The cat sat on the")
    try:
        answers, why = under(trace, ANSWER_RULE), None
    except EditError as exc:  # mask edits only discussion can take ("The" deaf to itself hears no one in turn)
        answers, why = None, exc.phrase
    if args.json is not None:  # written before printing, so a bad path fails before any output
        record = shown_too(trace_to_dict(trace, checkpoint.tokenizer.vocab, run.notices, n_next=args.top,
                                         answers=answers))
        if answers is None:  # no in-turn class to answer: no next words, and why
            record.update(next_token=[], next_token_mask=ANSWER_RULE, next_token_none=str(why))
        write_atomic(args.json, json.dumps(record, ensure_ascii=False, allow_nan=False))
    words = next_tokens(answers, checkpoint.tokenizer.vocab, args.top) if answers is not None else why
    print(format_trace(trace, folder, words, args.lang))
    if args.json is not None:
        tell(args.lang, "cli.wrote", path=args.json)
    return 0


def shown_too(record: dict) -> dict:
    """The trace's JSON record with each name also as it is drawn (messages.glyphs.drawn_name): "tokens" and each
    next word's "token" stay as the model keeps them (typed, or a GPT-2 label: ␣cat, 🧶), "tokens_shown" and
    "shown" are what desks, lists and the table write (⟨U+1F9F6⟩)."""
    from .messages.glyphs import drawn_name, drawn_names

    record["tokens_shown"] = drawn_names(record["tokens"])
    for item in record["next_token"]:
        item["shown"] = drawn_name(item["token"])
    return record


# ---- plain-text layout of a trace (widths count East Asian characters as two columns: messages.fit) ----

def _probability(p) -> str:
    return f"{p:.4f}" if p is not None else "   nan"  # None: the model's numbers overflowed


def format_trace(trace, model_dir, next_words, lang: str = "en") -> str:
    """The trace as plain text, its headings in `lang` (cli.trace.* of messages/strings; English byte for byte as
    before); `next_words` the answer-time list, or the Phrase saying why there is none. Tokens, ids and numbers are the model's own in every language."""
    from .lesson.numbers import ROOT_PLACES, fmt
    from .lesson.strings import seat_quoted, sits_twice, text
    from .lesson.whatif_words import describe
    from .messages.fit import columns, padded, shortened
    from .messages.glyphs import drawn_name, drawn_names

    def say(key: str, **values) -> str:
        return text(lang, key, **values)

    c = trace.config
    labels = [t + ("?" if u else "") for t, u in zip(drawn_names(trace.tokens), trace.unknown)]
    # a word that sits twice is told apart in the tables by its seat, "the(4)" (student39 #4), cut before it
    seats = [f"({i + 1})" if sits_twice(trace.tokens, i) else "" for i in range(trace.n_tokens)]
    # √d as the board, the narration and the worksheet write it (2.8284, not 2.828)
    divisors = say("list.gap").join(fmt(layer.score_divisor, ROOT_PLACES) for layer in trace.layers)
    layers = say("cli.trace.layers", last=c.n_layer) if c.n_layer > 1 else say("cli.trace.layer_one")
    lines = [say("cli.trace.model", path=model_dir, layers=c.n_layer, heads=c.n_head, width=c.n_embd,
                 d_head=c.d_head, context=c.n_positions, vocab=c.vocab_size),
             say("cli.trace.ffn", units=c.d_ffn, activation=c.activation_function, divisors=divisors, layers=layers,
                 answer="wte" if c.tie_word_embeddings else "lm_head"),
             say(f"cli.trace.rule_{trace.mask_rule}"),
             *([say("cli.trace.whatif", edits=say("whatif.join").join(describe(lang, e, list(trace.tokens))
                                                                      for e in trace.edits))] if trace.edits else []),
             say("cli.trace.tokens", n=trace.n_tokens),
             f"  {padded(say('cli.trace.seat'), 4, right=True)}  {padded(say('cli.trace.token'), 16)}  id"]
    for i, (tok, tid, unk) in enumerate(zip(drawn_names(trace.tokens), trace.token_ids, trace.unknown)):
        unknown = f"  {say('cli.trace.unknown')}" if unk else ""
        lines.append(f"  {i + 1:>4}  {padded(tok, 16)}  id {int(tid):>5}{unknown}")
    named = [s + seat for s, seat in zip(labels, seats)]
    row_w = min(12, max(columns(s) for s in named))
    # a column as wide as its widest name up to 8 (「座った」 is 6 columns: it was cut to 「座っ…」 at 5)
    col_w = max(5, min(8, max(columns(s) for s in named)))

    def cell(i: int, width: int, right: bool = False) -> str:  # student i's name in a table's cell, its seat kept
        return padded(shortened(labels[i], width - columns(seats[i])) + seats[i], width, right)
    for l, layer in enumerate(trace.layers):
        for h in range(c.n_head):
            # a dot's reason: the rule's (not yet spoken) and/or a what-if mask edit's, each said only when present
            cut = {(e.seat, e.index) for e in trace.edits if e.kind == "mask" and e.value and e.layer == l}
            rule_dots = any(layer.mask[i, j] and (i, j) not in cut for i, j in zip(*layer.mask.nonzero()))
            reasons = ([say("cli.trace.dot_rule")] if rule_dots else []) + ([say("cli.trace.dot_edit")] if cut else [])
            dots = say("cli.trace.dots", reasons=say("cli.trace.dot_or").join(reasons)) if reasons else ""
            lines += ["", say("cli.trace.weights", layer=l + 1, head=h + 1, dots=dots),
                      " " * row_w + "".join(" " + cell(j, col_w, right=True) for j in range(len(labels)))]
            for i, row in enumerate(layer.weights[h]):
                cells = ("." if layer.mask[i, j] else f"{w:.2f}" for j, w in enumerate(row))
                cells = (cell.rjust(col_w) for cell in cells)
                lines.append(cell(i, row_w) + "".join(" " + c for c in cells))
    # English names the last student as Python writes a string ('sat'); other languages as a name (「座った」)
    if not isinstance(next_words, list):  # why there are none: edits the in-turn class cannot take
        return "\n".join([*lines, "", say("cli.trace.next_none", name=seat_quoted(lang, labels, len(labels) - 1),
                                           why=next_words.said(lang))])
    lines += ["", say("cli.trace.next" if trace.mask_rule == "causal" else "cli.trace.next_in_turn",
                      name=seat_quoted(lang, labels, len(labels) - 1))]
    for rank, item in enumerate(next_words, 1):
        lines.append(f"  {rank:>3}  {padded(drawn_name(item['token']), 16)}  {_probability(item['probability'])}")
    return "\n".join(lines)


from . import cli_export  # noqa: E402  (registers the export, deck and video subcommands)
from . import cli_examples  # noqa: E402  (registers the examples subcommand, listed after them)
from . import cli_quiz  # noqa: E402  (registers the quiz subcommand)
from . import cli_worksheet  # noqa: E402  (registers the worksheet subcommand)

REGISTERING = (cli_export, cli_examples, cli_quiz, cli_worksheet)  # the modules above, imported for what they register
