"""The `worksheet` subcommand: a printable exercise (one student's attention, worked by hand) and its
answer key as one PDF, from the real trace of the sentence (lesson.worksheet, export.worksheet_pdf).
"""
from __future__ import annotations

import argparse
import sys

from .cli_export import HEAD, LAYER
from .cli_table import EDIT_FORMS, FORCE, MODEL, TEXT, arg, file_name, lang_arg, subcommand, whole
from .messages.phrase import Phrase

# the lesson's rule, as export and deck (a slide and a handout of the same defaults show the same class), whatever
# the class size (lesson.worksheet.rows_of); only --students N that no student hears in it is worked in turn
RULE = arg("--mask", choices=("causal", "none"), help="cli.help.sheet_rule")


@subcommand("worksheet", "cli.help.worksheet",
            TEXT, MODEL, lang_arg("cli.help.lang_sheet"),
            arg("--focus", metavar="WORD", help="cli.help.sheet_focus"),
            arg("--students", metavar="N", type=whole, help="cli.help.students"),
            LAYER, HEAD, RULE,
            arg("--set", dest="edits", action="append", metavar="EDIT", default=[],
                help=Phrase("cli.help.sheet_set", forms=EDIT_FORMS)),
            arg("--paper", choices=("a4", "letter"), default="a4", help="cli.help.paper"),
            arg("-o", "--output", required=True, type=file_name, metavar="FILE", help="cli.help.sheet_output"), FORCE)
def worksheet_command(args: argparse.Namespace) -> int:
    from .cli_export import refusing_in

    return refusing_in(args.lang, _worksheet, args)  # its refusals in the sheet's language


def _worksheet(args: argparse.Namespace) -> int:
    from .cli_focus import focus_seat
    from .cli_export import (lesson_layer_head, lesson_model, model_folder, offscreen_app, say_note,
                             say_notices, with_edits)
    from .export.files import check_target
    from .export.worksheet_pdf import WORKSHEETS, model_label, save_worksheet
    from .lesson.strings import sits_twice
    from .lesson.worksheet import asker_note, build_worksheet, choose_asker, students_in_turn
    from .messages.phrase import Name, Phrase
    from .model.sentence import run_sentence

    check_target(args.output, WORKSHEETS)  # a bad path fails before any work
    folder = model_folder(args)
    given, said = args.mask, []  # notes of the choices made for the sheet, said once it is written
    checkpoint, gallery = lesson_model(args)  # --mask: the lesson's rule when not given
    run = run_sentence(checkpoint, args.text, args.mask)
    say_notices(run, args.lang)
    lesson_layer_head(args, run.trace, gallery)  # the seed example's layer and head, as export's
    trace = with_edits(run.trace, args.edits, lang=args.lang)
    focus = focus_seat(args.focus, trace.tokens) if args.focus else None  # the asker first: the rule depends on it
    if given is None and args.mask == "none" and args.students is not None:
        trace, note = students_in_turn(trace, args.layer - 1, focus, args.students)  # counted with the edits
        said += [note] if note else []
        args.mask = trace.mask_rule
    notes = []  # what the sheet itself says of them (teacher20 L4: only the terminal said them)
    # the lesson's rule whatever the class size: an asker who hears more than a sheet has rows for gets its strongest
    # classmates' rows and the rest's part as one number (lesson.worksheet.rows_of; teacher31 #4)
    chosen = focus is None and args.students is None
    if chosen:
        before = len(said)
        focus = sheet_asker(trace, args.layer - 1, args.mask, said)
        chosen = len(said) > before  # the asker is not the lesson's (cat, 猫): the sheet says who asks
    asker = choose_asker(trace, args.layer - 1, focus, args.students)
    notes += [asker_note(trace, asker)] if chosen else []
    sheet = build_worksheet(trace, asker, args.layer - 1, args.head - 1, args.lang, cli=True, typed=run.text,
                            notes=notes)
    offscreen_app()  # (PySide6 keeps the QApplication: QApplication.instance())
    written = save_worksheet(sheet, args.output, args.paper, model_label(folder, args.lang))
    for note in said:
        say_note(note, args.lang)
    key = (Phrase("cli.key_page", page=written.key_page) if written.key_page == written.pages
           else Phrase("cli.key_pages", first=written.key_page, last=written.pages))
    name, n = Name(trace.tokens[asker]), sheet.hears  # with its seat where the word sits twice (jareview5 10)
    wrote = (Phrase("cli.sheet_wrote_seat", path=args.output, asker=name, seat=asker + 1, count=n,
                    pages=written.pages, answers=key) if sits_twice(trace.tokens, asker)
             else Phrase("cli.sheet_wrote", path=args.output, asker=name, count=n, pages=written.pages, answers=key))
    print(wrote.said(args.lang), file=sys.stderr)
    return 0


def sheet_asker(trace, layer: int, rule: str, said: list) -> int:
    """The asker a sheet of the defaults works: cat or 猫 (default_focus, as the slides' asker), else (where it hears
    only itself) the student who listens to the most; a note saying who asks and why joins `said`."""
    import numpy as np

    from .cli_focus import default_asker_note
    from .lesson.state import default_focus
    from .lesson.worksheet import MIN_STUDENTS
    from .messages.phrase import Name, Phrase

    tokens = trace.tokens
    focus = default_focus(tokens, rule)
    counts = np.count_nonzero(~trace.layers[layer].mask, axis=1)
    fits = [i for i, c in enumerate(counts) if MIN_STUDENTS <= c]  # (a sheet has rows for MAX_STUDENTS: rows_of)
    if MIN_STUDENTS <= counts[focus] or not fits:
        note = default_asker_note(tokens, focus)  # (none fits: choose_asker says why)
    else:
        focus = max(fits, key=lambda i: (counts[i], -i))
        note = Phrase("cli.sheet_asker", asker=Name(tokens[focus]), seat=focus + 1, count=counts[focus],
                      own=Name(tokens[default_focus(tokens, rule)]))
    if note:
        said.append(note)
    return focus
