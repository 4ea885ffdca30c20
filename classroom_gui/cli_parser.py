"""argparse's refusals in the command's --lang (teacher8 L6: `quiz --lang ja` without --json said "the following
arguments are required: --json" in English). A command line that names --lang gets argparse's messages it knows as
sentences of messages/strings ("cli.parse.…"), and its "usage:" and "error:" in that language too (teacher9 L1);
English, and any message not known here, read as argparse writes them. A subcommand refuses an argument it does not
know with its own usage (`video --chapters 5` showed the top-level one), and a --lang written before the command
(`classroom-gui --lang ja`) is told where it goes, unless help is asked for: `classroom-gui --lang ja export --help`
answers in that language (the help itself: cli_help).
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata

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
    (re.compile(r"argument (?P<option>\S+): expected a number of seconds of at least 0, got (?P<value>.+)"),
     "cli.parse.seconds"),  # cli_table.seconds's
    (re.compile(r"argument (?P<option>\S+): the file name is empty"), "cli.parse.empty_name"),  # cli_table.file_name's
)
EMPTY_NAME = PATTERNS[-1][0]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage and error lines are in `lang` (cli.build_parser gives it the command line's:
    lang_of). The top-level parser lists its `commands`; a subcommand's parser is `subcommand`."""
    lang = "en"
    commands: tuple[str, ...] = ()
    subcommand = False

    def parse_known_args(self, args=None, namespace=None):
        if self.commands:
            args = self._lang_before_command(sys.argv[1:] if args is None else list(args))
        parsed, extras = super().parse_known_args(args, namespace)
        if self.subcommand and extras:  # said here, with this command's usage, not the top-level parser's
            self.error("unrecognized arguments: " + " ".join(extras))  # argparse's own words (parse_args)
        return parsed, extras

    def _lang_before_command(self, args: list[str]) -> list[str]:
        """`classroom-gui --lang ja`: refused with where --lang goes (argparse took "ja" for the command). When help
        is asked for (`classroom-gui --lang ja export --help`), the help is in that language (cli.build_parser read
        it: lang_of) and the --lang is left out, as argparse would take "ja" for the command."""
        before = args[:args.index("--")] if "--" in args else args
        skip, helping = False, "-h" in before or "--help" in before
        for i, a in enumerate(args):
            if skip:  # --model's value, which may be any word, even a command's name
                skip = False
            elif a in self.commands or a in ("-h", "--help", "--version"):  # (help and version answer first)
                return args
            elif (a == "--lang" or a.startswith("--lang=")) and helping:
                return args[:i] + args[i + (2 if a == "--lang" else 1):]
            elif a == "--lang" or a.startswith("--lang="):
                self._refuse(text(self.lang, "cli.parse.lang_first", prog=self.prog))
            elif not a.startswith("-"):  # the command's place, mistyped ("expor"): argparse names the choices
                return args
            else:
                skip = a == "--model"
        return args

    def error(self, message: str):
        if EMPTY_NAME.fullmatch(message):  # a value refused, not the command line's shape: one line, as a bad suffix
            said = translated(message, self.lang)  # is (student39 #4: `-o ""` printed the whole usage first)
            self.exit(2, refusal(self.lang, self.prog, message if said is None else said) + "\n")
        if self.lang == "en":
            super().error(message)
        said = translated(message, self.lang)
        self._refuse(message if said is None else said)

    def _refuse(self, said: str):
        self.print_usage(sys.stderr)
        self.exit(2, refusal(self.lang, self.prog, said) + "\n")

    def format_help(self) -> str:
        """argparse's help, its usage line as format_usage lays it out ("使い方：" in Japanese)."""
        helped = super().format_help()
        if self.lang == "en":
            return helped
        return self.format_usage() + "\n" + helped.split("\n\n", 1)[1] if "\n\n" in helped else helped

    def format_usage(self) -> str:
        if self.lang == "en":
            return super().format_usage()
        prefix = text(self.lang, "cli.parse.usage")  # 「使い方：」
        # argparse indents the wrapped lines by the prefix's length in characters; a full-width prefix is wider on
        # screen, so the usage is laid out after spaces as wide as it and the spaces then swapped for it
        blank = " " * sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in prefix)
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, prefix=blank)
        return prefix + formatter.format_help()[len(blank):]


def refusal(lang: str, where: str, said: str) -> str:
    """A refused command's one line: "classroom-gui video: error: …", 「classroom-gui video：エラー：…」."""
    return text(lang, "cli.error", where=where, said=said)


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
