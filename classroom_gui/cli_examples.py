"""The `examples` subcommand: the gallery of the model folder (examples.json), printed, and with --json written
as the list the window's Lesson → Examples shows ({text, lang, mask, focus, layer, head, expect_top, what}).
"""
from __future__ import annotations

import argparse
import json

from .cli_table import FORCE, MODEL, CliRefusal, arg, file_name, lang_arg, subcommand, tell, write_atomic


@subcommand("examples", "cli.help.examples",
            MODEL, lang_arg("cli.help.lang_examples"),
            arg("--json", metavar="FILE", type=file_name, help="cli.help.examples_json"), FORCE)
def examples_command(args: argparse.Namespace) -> int:
    from .cli_export import refusing_in

    return refusing_in(args.lang, _examples, args)  # its refusals (a --json it cannot write) in --lang


def _examples(args: argparse.Namespace) -> int:
    from .cli_export import model_folder
    from .lesson.gallery import GalleryError, example_top, example_where, gallery_file, load_gallery

    folder = model_folder(args)
    try:
        examples = load_gallery(gallery_file(folder))
    except GalleryError as exc:
        raise CliRefusal("cli.no_gallery", why=exc.phrase) from None  # said in --lang (refusing_in)
    if args.json is not None:
        records = [e.to_json() for e in examples]
        write_atomic(args.json, json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    sep = "　" if args.lang == "ja" else "; "
    for i, e in enumerate(examples, 1):  # in the --lang's words, as the window's Lesson → Examples says it
        print(f"{i:>3}. {e.text}\n     {example_where(e, args.lang)}{sep}{example_top(e, args.lang)}\n"
              f"     {e.describe(args.lang)}")
    if args.json is not None:
        tell(args.lang, "cli.wrote_examples", path=args.json, n=len(examples))
    return 0
