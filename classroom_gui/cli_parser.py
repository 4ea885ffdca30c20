"""argparse's refusals in the command's --lang (teacher8 L6: `quiz --lang ja` without --json said "the following
arguments are required: --json" in English). A command line that names --lang gets argparse's messages it knows as
sentences of lesson/strings ("cli.parse.…"); English, and any message not known here, read as argparse writes them.
"""
from __future__ import annotations

import argparse
import re
import sys

from .lesson.strings import LANGUAGES, quote, text

# argparse's messages (Python 3.11) -> the key that says them, the groups named as its values
PATTERNS = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "cli.parse.required"),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"), "cli.parse.unrecognized"),
    (re.compile(r"argument (?P<option>\S+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)"),
     "cli.parse.choice"),
    (re.compile(r"argument (?P<option>\S+): expected one argument"), "cli.parse.one_value"),
    (re.compile(r"argument (?P<option>\S+): invalid (?:int|float) value: (?P<value>.+)"), "cli.parse.number"),
    (re.compile(r"argument (?P<option>\S+): expected a whole number of at least 1, got (?P<value>.+)"),
     "cli.parse.positive"),  # cli_table.positive's
    (re.compile(r"argument (?P<option>\S+): expected a whole number, got (?P<value>.+)"), "cli.parse.whole"),
)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose error line is in `lang` (cli.build_parser gives it the command line's: lang_of)."""
    lang = "en"

    def error(self, message: str):
        said = translated(message, self.lang)
        if said is None:
            super().error(message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {said}\n")  # "error:" as every refusal of the command line begins


def translated(message: str, lang: str) -> str | None:
    """argparse's `message` in `lang`, or None (English, or a message not known here: argparse's own words)."""
    if lang == "en":
        return None
    for pattern, key in PATTERNS:
        found = pattern.fullmatch(message)
        if found:
            return text(lang, key, **{k: _in(lang, v) for k, v in found.groupdict().items()})
    return None


def _in(lang: str, value: str) -> str:
    """A value of argparse's message as `lang` writes it: 'foo' quoted as a name (「foo」), lists with its gap
    ("'none', 'causal'" -> 「none」、「causal」)."""
    return re.sub(r"'([^']*)'", lambda m: quote(lang, m.group(1)), value).replace(", ", text(lang, "list.gap"))


def lang_of(argv: list[str]) -> str:
    """The --lang a command line names (`--lang ja`, `--lang=ja`), before argparse has read it; "en" without one."""
    for i, a in enumerate(argv):
        value = a.split("=", 1)[1] if a.startswith("--lang=") else argv[i + 1] if a == "--lang" and i + 1 < len(argv) \
            else None
        if value in LANGUAGES:
            return value
    return "en"
