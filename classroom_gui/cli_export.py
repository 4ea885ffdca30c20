"""The export subcommands: `export` (one moment as PNG/SVG/PDF), `deck` (PPTX/PDF/folder of PNGs) and
`video` (MP4/GIF). They build the same frames as the window, with frame_at, and draw them offscreen.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .export.formats import output_help, output_names
from .lesson.timeline import CHAPTERS
from .messages.phrase import Phrase, PhraseError
from .cli_table import (EDIT_FORMS, FORCE, MODEL, TEXT, CliError, CliRefusal, arg, check_layer_head, lang_arg,
                        refuse_replacing, seconds, subcommand, tell)
from .cli_focus import default_asker_note, focus_seat

# the asker, layer, head and rule: one definition and one way of filling in their defaults (lesson_choices),
# for export, deck and video and for quiz, so that `quiz --json` asks the questions of the deck's slides
FOCUS = arg("--focus", metavar="WORD", help="cli.help.focus")
LAYER = arg("--layer", metavar="L", type=int, help="cli.help.layer")
HEAD = arg("--head", metavar="H", type=int, help="cli.help.head")
# the chapters a deck or a video shows, checked by export.moments.chapter_range
FIRST = arg("--from", dest="first", metavar="CHAPTER", help="cli.help.from")
LAST = arg("--to", dest="last", metavar="CHAPTER", help="cli.help.to")
RULE = arg("--mask", choices=("none", "causal"), help=Phrase("cli.help.rule", chapter=CHAPTERS.index("mask")))
# --compare in export, which alone has a --json to hold the comparison's 'classes'
COMPARE_JSON = Phrase("cli.help.compare_json", compare=Phrase("cli.help.compare"))


def common(compare) -> tuple:
    """The options export, deck and video share; `compare` is --compare's help (only export has a --json to hold
    the comparison's 'classes')."""
    return (
        TEXT, MODEL, FOCUS, LAYER, HEAD, RULE,
        lang_arg("cli.help.lang_picture"),
        arg("--size", default="1920x1080", help="cli.help.size"),
        arg("--theme", choices=("classroom", "slide", "contrast"), default="classroom", help="cli.help.theme"),
        arg("--temperature", type=float, default=1.0, help="cli.help.temperature"),
        arg("--board", action="store_true", help="cli.help.board"),  # the board close-up (lesson.close_up)
        arg("--compare", metavar="TEXT2", help=compare),
        arg("--set", dest="edits", action="append", metavar="EDIT", default=[],
            help=Phrase("cli.help.set_recomputed", forms=EDIT_FORMS)),
        FORCE,
    )


def _prepare(args):
    """checkpoint -> trace -> selection -> (qt app, trace, selection, theme, size, notices)."""
    from .export.sizes import parse_size

    size = parse_size(args.size)  # the options are checked before Qt loads (an ExportError: _export_errors)
    from .lesson.state import Selection
    from .model.sentence import run_sentence
    from .scene import palette

    if not 0.05 <= args.temperature <= 20:
        raise CliRefusal("cli.temperature", got=args.temperature)
    checkpoint, gallery = lesson_model(args)
    run = run_sentence(checkpoint, args.text, args.mask)  # an empty one: EmptySentence, said in --lang
    say_notices(run, args.lang)
    trace = with_edits(run.trace, args.edits, lang=args.lang)
    args.checkpoint = checkpoint  # for the --compare sentence (second_run)
    focus = lesson_view(args, trace, gallery)
    app = offscreen_app()
    # on the canvas of the output's shape: a 4:3 size gets the 4:3 layout (lesson.canvas)
    sel = Selection(focus=focus, layer=args.layer - 1, head=args.head - 1, temperature=args.temperature, lang=args.lang,
                    rule=args.mask, board=args.board).sized(*size)
    return app, trace, sel, palette.theme(args.theme), size, run


def offscreen_app():
    """The QApplication a command draws with (export, deck, video, worksheet): no display needed, and Qt's font
    warnings silenced (crash.quiet_qt_fonts)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from .crash import quiet_qt_fonts

    quiet_qt_fonts()
    return QApplication.instance() or QApplication([sys.argv[0]])


def lesson_model(args):
    """The model (--model or the teaching model) and its gallery; --mask filled in with the lesson's rule when
    not given (the teaching model: discussion, as in the seed's story; a GPT-2 folder: in turn)."""
    from .lesson.gallery import gallery_of, lesson_rule
    from .model.checkpoint import load_checkpoint

    folder = model_folder(args)
    checkpoint = load_checkpoint(folder)  # a missing folder: ModelMissing, said in --lang (refusing_in)
    gallery = gallery_of(folder)[0]
    args.mask = args.mask or lesson_rule(checkpoint, gallery)
    return checkpoint, gallery


def model_folder(args):
    """The folder of the model a command reads: --model, else the teaching model's."""
    from .resources import teaching_model_dir

    return args.model if args.model is not None else teaching_model_dir()


def lesson_layer_head(args, trace, gallery) -> None:
    """--layer and --head filled in with the seed example's (export, deck, video, quiz and worksheet alike), checked
    against the model."""
    from .lesson.gallery import lesson_selection

    start = lesson_selection(gallery).clamped(trace)
    args.layer = start.layer + 1 if args.layer is None else args.layer
    args.head = start.head + 1 if args.head is None else args.head
    check_layer_head(args, trace.config)


def lesson_view(args, trace, gallery) -> int:
    """--layer and --head filled in with the seed example's (checked against the model), and the asker's seat:
    --focus, else cat or 猫 (default_focus), with a note when another student asks instead."""
    from .lesson.state import default_focus

    lesson_layer_head(args, trace, gallery)
    focus = focus_seat(args.focus, trace.tokens) if args.focus else default_focus(trace.tokens, args.mask)
    if not args.focus:
        note = default_asker_note(trace.tokens, focus)
        if note:
            say_note(note, args.lang)
    return focus


def second_run(args):
    """The --compare sentence through the same model and rule (the --set edits belong to the first class); its
    notes in --lang, as the first's (say_notices). An empty one is said to be the --compare sentence (teacher21 L6:
    "the sentence is empty" read as the first one, which was fine)."""
    from .model.sentence import EmptySentence, run_sentence

    try:
        run = run_sentence(args.checkpoint, args.compare, args.mask)
    except EmptySentence:
        raise CliRefusal("cli.compare_empty") from None
    for notice in noticed(run, args.lang):
        tell(args.lang, "cli.note_second", note=notice)
    return run


def compared(args, trace, sel, run, times):
    """One lesson.compare.Pair per time of the first class's lesson."""
    pair_at = comparing(args, trace, sel, run)
    return [pair_at(t) for t in times]


def comparing(args, trace, sel, run):
    """lesson.compare.Pair of the first class's lesson time `t` and the --compare sentence's, as a function of `t`
    (the second sentence computed once, here)."""
    from .lesson.compare import compare
    from .lesson.state import notices_for

    other = second_run(args)
    a, b = notices_for(run, sel.lang), notices_for(other, sel.lang)
    return lambda t: compare(trace, other.trace, sel, t, a, b, (run.text, other.text), own=run.trace)


def say_notices(run, lang: str) -> None:
    """What the model noticed about the sentence, as notes in `lang`."""
    for notice in noticed(run, lang):
        say_note(notice, lang)


def noticed(run, lang: str) -> list:
    """What the model noticed about the sentence, in `lang` (English as the model says it): the first class's notes
    and the --compare sentence's."""
    from .lesson.state import english_notices, notices_for

    return english_notices(run) if lang == "en" else notices_for(run, lang)


def say_note(note, lang: str) -> None:
    """One note on stderr in `lang` ("note: …", 「注：…」); `note` a Phrase or text."""
    from .lesson.strings import text

    print(text(lang, "cli.note", note=note.said(lang) if hasattr(note, "said") else note), file=sys.stderr)


def with_edits(trace, specs, own_rule_only: bool = False, lang: str = "en"):
    """The trace with the --set edits applied by a real forward; a CliRefusal names a bad one (its EditError's
    phrase, said in --lang by refusing_in). A picture or worksheet may show the class under both rules (chapter
    6, answer time); `trace` prints only its own (own_rule_only). A word taken by its case is said (whatif.by_case)."""
    from .lesson.whatif_state import from_specs
    from .model.functions import MASK_RULES
    from .model.whatif import EditError, by_case

    try:
        edited = from_specs(trace, specs, (trace.mask_rule,) if own_rule_only else MASK_RULES)
    except EditError as exc:
        raise CliRefusal("cli.set", edit=exc.phrase) from None
    for note in (n for spec in specs for n in by_case(spec, list(trace.tokens))):
        say_note(note, lang)
    return edited


def _export_errors(function):
    """A problem the user can fix (an ExportError, a CliRefusal, an OSError such as a name too long to look at):
    one line in --lang, as worksheet says it (English as it always read; an OSError as "path: reason"), status 2."""
    def wrapped(args):
        return refusing_in(args.lang, function, args)
    return wrapped


def refusing_in(lang: str, function, *args):
    """function(*args), its refusals said in `lang` (export.errors.said) as a CliError (teacher7 M3)."""
    from .export.errors import said
    from .export.placing import unreplaceable

    try:
        refuse_replacing(args[0])  # every command's outputs: an existing file only with --force (teacher17 M4)
        return function(*args)
    except BrokenPipeError:  # main's: the reader of stdout has gone
        raise
    except (PhraseError, OSError) as exc:  # a CliRefusal, an ExportError, a WorksheetError, a model's refusal
        raise CliError(said(exc, lang)) from None
    finally:
        unreplaceable.clear()  # (the next command of this process, a test's, names its own)


def _progress(lang: str, what: str):
    from .lesson.strings import text

    label = text(lang, f"cli.progress_{what}")  # "slides: 3/30", 「スライド：3/30」
    colon = text(lang, "cli.progress_colon")

    def report(done: int, total: int) -> bool:
        if sys.stderr.isatty() or done == total:
            print(f"\r{label}{colon}{done}/{total}", end="\n" if done == total else "", file=sys.stderr)
        return True
    return report


def wrote(args) -> None:
    """export's last line: the picture written, and its numbers (--json) when asked, in --lang."""
    if args.json is None:
        tell(args.lang, "cli.wrote", path=args.output)
    else:
        tell(args.lang, "cli.wrote_json", path=args.output, json=args.json)


@subcommand("export", "cli.help.export", *common(COMPARE_JSON),
            arg("--chapter", metavar="NAME", help=Phrase("cli.help.chapter", last=len(CHAPTERS) - 1,
                                                          names=tuple(CHAPTERS))),
            arg("--beat", metavar="N", type=int, help="cli.help.beat"),
            arg("--time", metavar="S", type=seconds, help="cli.help.time"),
            arg("--transparent", action="store_true", help="cli.help.transparent"),
            arg("--svg-text", choices=("outline", "font"), default="outline", help="cli.help.svg_text"),
            arg("--json", metavar="FILE", type=Path, help="cli.help.export_json"),
            arg("-o", "--output", required=True, type=Path, metavar="FILE", help=output_names("picture")))
@_export_errors
def export_command(args: argparse.Namespace) -> int:
    from .export.files import atomic_paths, check_target
    from .export.formats import COMPARE_PICTURES, NUMBERS, PICTURES
    from .export.frame_json import check_json_target
    from .export.moments import moment
    from .export.pictures import write_picture
    from .lesson.state import frame_at, notices_for, timeline_for

    targets = [check_target(args.output, PICTURES)]  # fail on a bad path before any work
    if args.json is not None:
        targets.append(check_json_target(args.json))
        if targets[1].resolve() == targets[0].resolve():
            raise CliRefusal("cli.same_file", json=args.json)
    if args.compare is not None and targets[0].suffix.lower() not in COMPARE_PICTURES:
        raise CliError(f"{args.output}: a comparison is drawn as {output_help('compare picture')}")
    _app, trace, sel, theme, size, run = _prepare(args)
    t = moment(timeline_for(trace.n_tokens, trace.config.n_layer), args.chapter, args.beat, args.time)
    if args.compare is not None:
        return _export_compare(args, targets, compared(args, trace, sel, run, [t])[0], size, theme)
    frame = frame_at(trace, sel, t, notices_for(run, sel.lang))
    with atomic_paths(*targets) as temps:  # the picture and its numbers, both or neither
        drawn = write_picture(frame, temps[0], targets[0].suffix.lower(), size, theme, args.transparent,
                              args.svg_text)
        if args.json is not None:  # the board lines the picture left out, not only the lesson's (review12), and
            NUMBERS[targets[1].suffix.lower()].write(frame, sel, temps[1], *drawn)  # the students its gaps skip
    wrote(args)
    return 0


def _export_compare(args, targets, pair, size, theme) -> int:
    from .export.files import atomic_paths
    from .export.formats import COMPARE_PICTURES
    from .export.frame_json import frame_numbers, write_numbers

    with atomic_paths(*targets) as temps:
        COMPARE_PICTURES[targets[0].suffix.lower()].write(pair, temps[0], size, theme, args.lang)
        if args.json is not None:
            record = {"classes": [frame_numbers(f, s) for f, s in zip(pair.frames, pair.selections)],
                      "changed_most": pair.changed_most}
            write_numbers(record, temps[1])
    wrote(args)
    return 0


@subcommand("deck", "cli.help.deck", *common("cli.help.compare"),
            arg("--per", choices=("beat", "chapter"), default="beat", help="cli.help.per"),
            FIRST, LAST,
            arg("--quiz", action="store_true", help="cli.help.deck_quiz"),
            arg("-o", "--output", required=True, type=Path, metavar="OUT", help=output_names("deck")))
@_export_errors
def deck_command(args: argparse.Namespace) -> int:
    from .export.deck import save_deck
    from .export.files import ExportError, check_target
    from .export.formats import COMPARE_DECKS, DECKS
    from .export.moments import deck_times
    from .lesson.deck import deck_frames
    from .lesson.state import notices_for, timeline_for

    if args.output.suffix:  # before any work
        if args.compare is None:
            check_target(args.output, DECKS)
        else:
            check_target(args.output, COMPARE_DECKS, ExportError("error.compare_deck_type", path=args.output,
                                                                 names=output_names("compare deck"),
                                                                 suffix=args.output.suffix))
    _app, trace, sel, theme, size, run = _prepare(args)
    notices = notices_for(run, sel.lang)
    times = deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), args.per, args.first, args.last)
    if args.compare is not None:
        from .export.compare import save_compare_deck

        if args.quiz:
            raise CliRefusal("cli.quiz_compare")
        save_compare_deck(compared(args, trace, sel, run, times), args.output, size, theme, sel.lang,
                          _progress(args.lang, "slides"))
        _wrote_slides(args.lang, args.output, len(times))
        return 0
    frames = deck_frames(trace, sel, times, args.per, notices, args.quiz)  # per chapter: each chapter whole
    save_deck(frames, args.output, size, theme, _progress(args.lang, "slides"))
    _wrote_slides(args.lang, args.output, len(frames))
    return 0


def _wrote_slides(lang: str, path, n: int) -> None:
    """The deck's last line: "wrote d.pdf (1 slide)", "(30 slides)" (teacher26 L4: it said "(1 slides)")."""
    tell(lang, "cli.wrote_slides_one", path=path) if n == 1 else tell(lang, "cli.wrote_slides", path=path, n=n)


@subcommand("video", "cli.help.video", *common("cli.help.compare"),
            FIRST, LAST,
            arg("--fps", type=int, default=30, help="cli.help.fps"),
            arg("--pace", type=float, default=1.0, metavar="SPEED", help="cli.help.pace"),
            arg("-o", "--output", required=True, type=Path, metavar="FILE", help=output_names("video")))
@_export_errors
def video_command(args: argparse.Namespace) -> int:
    from .export.files import check_target
    from .export.formats import VIDEOS
    from .export.moments import chapter_span
    from .export.pace import check_pace, paced
    from .export.video import save_video
    from .lesson.deck import video_frame
    from .lesson.state import notices_for, timeline_for

    check_target(args.output, VIDEOS)
    check_pace(args.pace)  # before any work
    _app, trace, sel, theme, size, run = _prepare(args)
    notices = notices_for(run, sel.lang)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    chapter_span(timeline, args.fps, args.first, args.last)  # the fps and chapters checked before the second class
    chapters = (timeline, args.fps, args.first, args.last, args.pace, sel.lang)
    if args.compare is not None:
        from .export.compare import save_compare_video, said

        video = paced(*chapters, comparing(args, trace, sel, run), lambda pair: said(pair, sel.lang))
        save_compare_video(video.pictures(), video.count, args.output, args.fps, size, theme, sel.lang,
                           _progress(args.lang, "frames"), video.repeats)
    else:
        video = paced(*chapters, video_frame(trace, sel, notices), lambda frame: frame.narration)
        save_video(video.pictures(), video.count, args.output, args.fps, size, theme, _progress(args.lang, "frames"),
                   video.repeats)
    tell(args.lang, "cli.wrote_frames", path=args.output, n=video.count)
    return 0
