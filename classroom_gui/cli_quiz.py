"""`classroom-gui quiz`: the predict-then-reveal questions of one sentence as JSON (lesson.quiz). No Qt."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .cli_export import COMMON
from .cli_table import MODEL, TEXT, arg, check_layer_head, lang_arg, subcommand, write_atomic

# --focus, --layer, --head and --mask with export's and deck's defaults (the asker cat or 猫, the seed example's
# layer and head, the model's lesson rule), so that `quiz --json` asks what `deck --quiz` shows
FOCUS, LAYER, HEAD, MASK = COMMON[2:6]


@subcommand("quiz", "questions to ask the class before a step reveals the answer (who gets the biggest share, "
            "what the shares add up to, who cannot be heard, which word comes next), read off the real numbers",
            TEXT, MODEL, FOCUS, LAYER, HEAD, MASK, lang_arg("the questions"),
            arg("--json", metavar="FILE", type=Path, required=True,
                help="write the questions as a JSON list of {question, choices, answer, step}"))
def quiz_command(args: argparse.Namespace) -> int:
    from .cli_export import _focus
    from .lesson.gallery import gallery_of, lesson_rule, lesson_selection
    from .lesson.quiz import questions
    from .lesson.state import Selection, default_focus
    from .model.checkpoint import load_checkpoint
    from .model.sentence import run_sentence
    from .resources import teaching_model_dir

    folder = args.model if args.model is not None else teaching_model_dir()
    checkpoint = load_checkpoint(folder)
    gallery = gallery_of(folder)[0]
    args.mask = args.mask or lesson_rule(checkpoint, gallery)
    run = run_sentence(checkpoint, args.text, args.mask)
    trace, c = run.trace, checkpoint.config
    start = lesson_selection(gallery).clamped(trace)  # the seed example's layer and head, as export and deck
    args.layer = start.layer + 1 if args.layer is None else args.layer
    args.head = start.head + 1 if args.head is None else args.head
    check_layer_head(args, c)
    focus = _focus(args.focus, trace.tokens) if args.focus else default_focus(trace.tokens, args.mask)
    sel = Selection(focus=focus, layer=args.layer - 1, head=args.head - 1, lang=args.lang, rule=args.mask)
    made = questions(trace, sel, checkpoint.tokenizer.vocab)
    write_atomic(args.json, json.dumps([q.as_dict() for q in made], ensure_ascii=False, indent=1))
    print(f"wrote {args.json} ({len(made)} questions)", file=sys.stderr)
    return 0
