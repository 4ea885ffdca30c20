"""The `worksheet` subcommand: a printable exercise (one student's attention, worked by hand) and its
answer key as one PDF, from the real trace of the sentence (lesson.worksheet, export.worksheet_pdf).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .cli_table import (HEAD, LAYER, MASK, MODEL, TEXT, CliError, CliRefusal, arg, check_layer_head, lang_arg,
                        subcommand, whole)


@subcommand("worksheet", "a printable worksheet: one student's attention to work out by hand (dot products, "
            "÷√d, exp, sum, shares, the weighted sum of opinions), with an answer key, as a PDF",
            TEXT, MODEL, lang_arg("the sheet"),
            arg("--focus", metavar="WORD", help="the student who asks: a word of the sentence or a seat number "
                "(default: cat or 猫; with --students, the student that picks)"),
            arg("--students", metavar="N", type=whole, help="how many students' cards the sheet prints, the "
                "asker's own included (it listens to itself too): 2-5; the asker is the first student who "
                "listens to exactly N (the one in seat N under the causal mask)"),
            LAYER, HEAD, MASK,
            arg("--set", dest="edits", action="append", metavar="EDIT", default=[], help='a what-if edit, repeatable, '
                'as for export and trace: "score[L,H,FROM,TO]=X", "q[L,H,WORD,i]=X" (also k, v) or "mask[L,FROM,TO]=0|1"; '
                'the sheet is worked from the edited class, its edited numbers underlined and a "What if:" line'),
            arg("--paper", choices=("a4", "letter"), default="a4", help="paper size (default a4)"),
            arg("-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.pdf"))
def worksheet_command(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .cli_export import _default_asker_note, _focus, with_edits
    from .export.errors import said as in_language  # (fix10 names its notes `said`)
    from .export.files import ExportError, check_target
    from .export.worksheet_pdf import WORKSHEETS, model_label, save_worksheet
    from .lesson.state import default_focus
    from .lesson.worksheet import WorksheetError, build_worksheet, choose_asker
    from .model.checkpoint import load_checkpoint
    from .model.sentence import run_sentence
    from .resources import teaching_model_dir

    try:
        check_target(args.output, WORKSHEETS)  # a bad path fails before any work
        folder = args.model if args.model is not None else teaching_model_dir()
        checkpoint = load_checkpoint(folder)

        run = run_sentence(checkpoint, args.text, args.mask)
        for notice in run.notices:
            print(f"note: {notice}", file=sys.stderr)
        trace, c = run.trace, checkpoint.config
        check_layer_head(args, c)
        trace = with_edits(trace, args.edits)
        if args.focus:
            focus = _focus(args.focus, trace.tokens)
        elif args.students is None:
            focus = default_focus(trace.tokens)
            if _default_asker_note(trace.tokens, focus):
                print(f"note: {_default_asker_note(trace.tokens, focus)}", file=sys.stderr)
        else:
            focus = None
        asker = choose_asker(trace, args.layer - 1, focus, args.students)
        sheet = build_worksheet(trace, asker, args.layer - 1, args.head - 1, args.lang, cli=True, typed=run.text)
        from PySide6.QtWidgets import QApplication

        _app = QApplication.instance() or QApplication([sys.argv[0]])
        written = save_worksheet(sheet, args.output, args.paper, model_label(folder, args.lang))
    except (CliRefusal, ExportError, WorksheetError, OSError) as exc:  # in the sheet's language (OSError: a name too long)
        raise CliError(in_language(exc, args.lang)) from None
    key = (f"page {written.key_page}" if written.key_page == written.pages
           else f"pages {written.key_page}-{written.pages}")
    print(f"wrote {args.output} ({trace.tokens[asker]!r} listens to {len(sheet.heard)} students; "
          f"{written.pages} pages, the answer key is {key})", file=sys.stderr)
    return 0
