"""`classroom-gui quiz`: the predict-then-reveal questions of one sentence as JSON (lesson.quiz), with export's and
deck's defaults (cli_export.lesson_model, lesson_view), so they match `deck --quiz`'s slides. No Qt."""
from __future__ import annotations

import argparse
import json

from .cli_export import FOCUS, HEAD, LAYER, RULE, refusing_in
from .cli_table import FORCE, MODEL, TEXT, arg, file_name, lang_arg, subcommand, tell, write_atomic


@subcommand("quiz", "cli.help.quiz",
            TEXT, MODEL, FOCUS, LAYER, HEAD, RULE, lang_arg("cli.help.lang_quiz"),
            arg("--json", metavar="FILE", type=file_name, required=True, help="cli.help.quiz_json"), FORCE)
def quiz_command(args: argparse.Namespace) -> int:
    return refusing_in(args.lang, _quiz, args)  # its refusals (an empty --text, no model folder) in --lang


def _quiz(args: argparse.Namespace) -> int:
    from .cli_export import lesson_model, lesson_view
    from .lesson.quiz import questions
    from .lesson.state import Selection
    from .model.sentence import run_sentence

    checkpoint, gallery = lesson_model(args)  # the same asker, layer, head and rule as export and deck
    trace = run_sentence(checkpoint, args.text, args.mask).trace
    focus = lesson_view(args, trace, gallery)
    sel = Selection(focus=focus, layer=args.layer - 1, head=args.head - 1, lang=args.lang, rule=args.mask)
    made = questions(trace, sel, checkpoint.tokenizer.vocab)
    write_atomic(args.json, json.dumps([q.as_dict() for q in made], ensure_ascii=False, indent=1))
    tell(args.lang, "cli.wrote_questions", path=args.json, n=len(made))
    return 0
