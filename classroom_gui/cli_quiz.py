"""`classroom-gui quiz`: the predict-then-reveal questions of one sentence as JSON (lesson.quiz). No Qt."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .cli_table import (HEAD, LAYER, MASK, MODEL, TEXT, arg, check_layer_head, lang_arg, subcommand,
                        write_atomic)


@subcommand("quiz", "questions to ask the class before a step reveals the answer (who gets the biggest share, "
            "what the shares add up to, who cannot be heard, which word comes next), read off the real numbers",
            TEXT, MODEL,
            arg("--focus", metavar="WORD", help="the student who asks: a word of the sentence or a seat number"),
            LAYER, HEAD, MASK, lang_arg("the questions"),
            arg("--json", metavar="FILE", type=Path, required=True,
                help="write the questions as a JSON list of {question, choices, answer, step}"))
def quiz_command(args: argparse.Namespace) -> int:
    from .cli_export import _focus
    from .lesson.quiz import questions
    from .lesson.state import Selection, default_focus
    from .model.checkpoint import load_checkpoint
    from .model.sentence import run_sentence
    from .resources import teaching_model_dir

    checkpoint = load_checkpoint(args.model if args.model is not None else teaching_model_dir())

    run = run_sentence(checkpoint, args.text, args.mask)
    trace, c = run.trace, checkpoint.config
    check_layer_head(args, c)
    focus = _focus(args.focus, trace.tokens) if args.focus else default_focus(trace.tokens, args.mask)
    sel = Selection(focus=focus, layer=args.layer - 1, head=args.head - 1, lang=args.lang, rule=args.mask)
    made = questions(trace, sel, checkpoint.tokenizer.vocab)
    write_atomic(args.json, json.dumps([q.as_dict() for q in made], ensure_ascii=False, indent=1))
    print(f"wrote {args.json} ({len(made)} questions)", file=sys.stderr)
    return 0
