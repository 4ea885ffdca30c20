"""The command line as a table: each subcommand registers (name, help, arguments, function) here with
@subcommand, and cli.build_parser builds argparse from the table. The subcommand modules import this, never
cli.py, so the command line has no import loop.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from .messages.phrase import PhraseError
from .lesson.strings import LANGUAGES

COMMANDS: list[tuple[str, str, tuple, object]] = []  # (name, help, arguments, function), in order


class CliError(Exception):
    """A problem the user can fix; str() is the whole message."""


class CliRefusal(PhraseError, CliError):
    """A CliError as a key of messages/strings and its values (messages.phrase): str() the English every command
    prints; a command with a --lang of its own (worksheet) says it in that language."""


def tell(lang: str, key: str, **values) -> None:
    """One line on stderr in `lang`: a sentence of messages/strings ("wrote x.png", 「x.pngを書き出しました。」)."""
    import sys

    from .lesson.strings import text

    print(text(lang, key, **values), file=sys.stderr)


def arg(*names, **options) -> tuple:
    """One argument for @subcommand, spelled like ArgumentParser.add_argument."""
    return names, options


def whole(text: str) -> int:
    """An argparse type: a whole number, negative allowed (the subcommand says which are in range)."""
    if not text.lstrip("-").isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    return int(text)


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


# the arguments several subcommands share, written once
TEXT = arg("--text", required=True, help='the sentence, e.g. "The cat sat on the mat"')
MODEL = arg("--model", metavar="DIR", type=Path, help="model folder (default: the teaching model)")
MASK = arg("--mask", choices=("causal", "none"), default="causal", help="the classroom's rule: causal (in turn, "
           "GPT's mask: a student hears those who have spoken and itself; the default) or none (discussion: every "
           "student hears every other)")
# the written what-if edits, for every --set help (model.whatif reads them)
EDIT_FORMS = ('"score[L,H,FROM,TO]=X", "q[L,H,WORD,i]=X" (also k, v) or "mask[L,FROM,TO]=0|1" (1: FROM cannot hear '
              'TO, 0: it hears TO)')
LAYER = arg("--layer", metavar="L", type=whole, default=1, help="layer, from 1 (default 1)")
HEAD = arg("--head", metavar="H", type=whole, default=1, help="head, from 1 (default 1)")


def check_layer_head(args, config) -> None:
    """--layer and --head (from 1) inside the model, or CliError saying the range."""
    if not 1 <= args.layer <= config.n_layer:
        raise CliRefusal("cli.layer_range", most=config.n_layer)
    if not 1 <= args.head <= config.n_head:
        raise CliRefusal("cli.head_range", most=config.n_head)


def lang_arg(what: str) -> tuple:
    """--lang, one of the languages there are strings for; `what` is what it is the language of."""
    return arg("--lang", choices=LANGUAGES, default="en", help=f"language of {what}")


def subcommand(name: str, help: str, *arguments: tuple):
    """Register `function(args) -> int` as `classroom-gui NAME`."""
    def register(function):
        COMMANDS.append((name, help, arguments, function))
        return function
    return register


def write_atomic(path: Path, text: str) -> None:
    """Write text (UTF-8) so that `path` is whole or untouched (export.files.atomic_path)."""
    from .export.files import ExportError, atomic_path

    try:
        with atomic_path(Path(path)) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except ExportError as exc:
        raise CliError(f"cannot write the JSON: {exc}") from None  # exc names the file and why
