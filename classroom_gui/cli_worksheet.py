"""The `worksheet` subcommand: a printable exercise (one student's attention, worked by hand) and its
answer key as one PDF, from the real trace of the sentence (lesson.worksheet, export.worksheet_pdf).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .lesson.strings import LANGUAGES
from .cli_table import CliError, arg, subcommand


def _whole(text: str) -> int:
    if not text.lstrip("-").isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    return int(text)


@subcommand("worksheet", "a printable worksheet: one student's attention to work out by hand (dot products, "
            "÷√d, exp, sum, shares, the weighted sum of opinions), with an answer key, as a PDF",
            arg("--text", required=True, help='the sentence, e.g. "The cat sat on the mat"'),
            arg("--model", metavar="DIR", type=Path, help="model folder (default: the teaching model)"),
            arg("--lang", choices=LANGUAGES, default="en", help="language of the sheet"),
            arg("--focus", metavar="WORD", help="the student who asks: a word of the sentence or a seat number "
                "(default: cat or 猫; with --students, the student that picks)"),
            arg("--students", metavar="N", type=_whole, help="how many students' cards the sheet prints, the "
                "asker's own included (it listens to itself too): 2-5; the asker is the first student who "
                "listens to exactly N (the one in seat N under the causal mask)"),
            arg("--layer", metavar="L", type=_whole, default=1, help="layer, from 1 (default 1)"),
            arg("--head", metavar="H", type=_whole, default=1, help="head, from 1 (default 1)"),
            arg("--mask", choices=("none", "causal"), default="causal",
                help="causal: a student hears only those who have spoken and itself (GPT); none: everyone hears "
                     "everyone"),
            arg("--paper", choices=("a4", "letter"), default="a4", help="paper size (default a4)"),
            arg("-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.pdf"))
def worksheet_command(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .cli_export import _default_asker_note, _focus
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
        if not 1 <= args.layer <= c.n_layer:
            raise CliError(f"--layer must be between 1 and {c.n_layer}")
        if not 1 <= args.head <= c.n_head:
            raise CliError(f"--head must be between 1 and {c.n_head}")
        if args.focus:
            focus = _focus(args.focus, trace.tokens)
        elif args.students is None:
            focus = default_focus(trace.tokens)
            if _default_asker_note(trace.tokens, focus):
                print(f"note: {_default_asker_note(trace.tokens, focus)}", file=sys.stderr)
        else:
            focus = None
        asker = choose_asker(trace, args.layer - 1, focus, args.students)
        sheet = build_worksheet(trace, asker, args.layer - 1, args.head - 1, args.lang)
        from PySide6.QtWidgets import QApplication

        _app = QApplication.instance() or QApplication([sys.argv[0]])
        save_worksheet(sheet, args.output, args.paper, model_label(folder))
    except (ExportError, WorksheetError) as exc:
        raise CliError(str(exc)) from None
    print(f"wrote {args.output} ({trace.tokens[asker]!r} listens to {len(sheet.heard)} students; "
          "the answer key is page 2)", file=sys.stderr)
    return 0
