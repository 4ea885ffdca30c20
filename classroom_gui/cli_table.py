"""The command line as a table: each subcommand registers (name, help, arguments, function) here with
@subcommand, and cli.build_parser builds argparse from the table. The subcommand modules import this, never
cli.py, so the command line has no import loop. Every help is a key of messages/strings ("cli.help.…") or a
Phrase, said in the command line's language when the parser is built (cli_help).
"""
from __future__ import annotations

import argparse
import math
from pathlib import Path

from .messages.phrase import Phrase, PhraseError
from .lesson.strings import LANGUAGES
from .messages import numerals

COMMANDS: list[tuple[str, str, tuple, object]] = []  # (name, help key, arguments, function), in order


class CliError(Exception):
    """A problem the user can fix; str() is the whole message."""


class CliRefusal(PhraseError, CliError):
    """A CliError as a key of messages/strings and its values (messages.phrase): str() the English every command
    prints; a command with a --lang of its own (worksheet) says it in that language."""


def tell(lang: str, key: str, **values) -> None:
    """One line on stderr in `lang`: a sentence of messages/strings ("wrote x.png", 「書き出しました：x.png」)."""
    import sys

    from .lesson.strings import text

    print(text(lang, key, **values), file=sys.stderr)


def arg(*names, **options) -> tuple:
    """One argument for @subcommand, spelled like ArgumentParser.add_argument; its help a key of messages/strings
    ("cli.help.…") or a Phrase."""
    return names, options


def whole(text: str) -> int:
    """An argparse type: a whole number, negative allowed (the subcommand says which are in range)."""
    if not numerals.whole(text.lstrip("-")):
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    return int(text)


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    if not numerals.whole(text) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def file_name(text: str) -> Path:
    """An argparse type: a path that names something (student35 #12: `-o ""` was read as ".", "a folder")."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the file name is empty")
    return Path(text)


def seconds(text: str) -> float:
    """An argparse type: a moment of the lesson, a number of seconds of at least 0; never nan or inf, which were
    refused only after the model ran, as 「nan秒」 (the subcommand says where the lesson ends)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"expected a number of seconds of at least 0, got {text!r}")
    return value


# the arguments several subcommands share, written once
TEXT = arg("--text", required=True, help="cli.help.text")
MODEL = arg("--model", metavar="DIR", type=Path, help="cli.help.model")
# student35 #7: trace's rule was in turn whatever the model, while export, deck, video, quiz and worksheet start in the
# lesson's (discussion for the teaching model), so the README's `trace` never showed "mat 0.63": None, filled in with
# the lesson's rule (lesson.gallery.lesson_rule) as they do
MASK = arg("--mask", choices=("causal", "none"), default=None, help="cli.help.mask")
# the written what-if edits, for every --set help (model.whatif reads them)
EDIT_FORMS = Phrase("cli.help.edit_forms")


def check_layer_head(args, config) -> None:
    """--layer and --head (from 1) inside the model, or CliError saying the range (a one-layer or one-head model
    says it has only the one, not "between 1 and 1")."""
    if not 1 <= args.layer <= config.n_layer:
        raise CliRefusal("cli.layer_range_one" if config.n_layer == 1 else "cli.layer_range", most=config.n_layer)
    if not 1 <= args.head <= config.n_head:
        raise CliRefusal("cli.head_range_one" if config.n_head == 1 else "cli.head_range", most=config.n_head)


# teacher17 M4: `deck -o talk.pptx` replaced a hand-edited deck without a word, while the window asks first. Every
# command's outputs (-o/--output, --json) refuse a file already there, with one line in --lang and nothing written,
# unless --force is given; a folder output (a deck of PNGs) keeps its own rule: only a new or empty folder.
FORCE = arg("--force", action="store_true", help="cli.help.force")
OUTPUTS = ("output", "json")  # the arguments that name a command's output files


def refuse_replacing(args: argparse.Namespace) -> None:
    """CliRefusal("cli.exists") for the first output file of `args` already there, unless args.force; the outputs
    are then kept from being replaced by a file made there meanwhile (export.placing.unreplaceable: the same refusal
    just before the rename; the caller clears it when the command ends)."""
    import os

    from .export.placing import unreplaceable

    unreplaceable.clear()
    if getattr(args, "force", False):
        return
    for name in OUTPUTS:
        path = getattr(args, name, None)
        if path is not None and Path(path).is_file():
            raise CliRefusal("cli.exists", path=path)
        if path is not None:
            unreplaceable.add(os.path.abspath(path))


def lang_arg(help: str) -> tuple:
    """--lang, one of the languages there are strings for; `help` the key saying what it is the language of."""
    return arg("--lang", choices=LANGUAGES, default="en", help=help)


def subcommand(name: str, help: str, *arguments: tuple):
    """Register `function(args) -> int` as `classroom-gui NAME`; `help` is the key of its one-line description."""
    def register(function):
        COMMANDS.append((name, help, arguments, function))
        return function
    return register


def write_atomic(path: Path, text: str) -> None:
    """Write text (UTF-8) so that `path` is whole or untouched (export.files.atomic_path); a CliRefusal naming the
    file and why when it cannot be written, said in the command's --lang (refusing_in: teacher11 M3)."""
    from .export.files import ExportError, atomic_path

    try:
        with atomic_path(Path(path)) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except ExportError as exc:
        raise CliRefusal("cli.json_unwritable", reason=exc.phrase) from None  # exc names the file and why
