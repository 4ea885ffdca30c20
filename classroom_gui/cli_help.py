"""The command line's help in its language (polish11: `export --lang ja --help` printed English): every help of the
command table is a key of messages/strings ("cli.help.…") or a Phrase (a key and values: the chapters, the output
files), said when cli.build_parser builds the parser in the language lang_of reads, and argparse's own words (its
section titles, -h's and --version's help) come from the same file. English reads as argparse writes it, byte for
byte; a language whose lines break between any two characters ("language.line_breaks": Japanese) is wrapped by a
terminal's columns (messages.fit) and broken between phrases only, where argparse's textwrap counts characters and
breaks only at spaces.
"""
from __future__ import annotations

import argparse
import re

from .lesson.strings import WORD_JOINER, unbroken_words
from .messages.fit import char_columns, columns
from .messages.phrase import Phrase
from .messages.strings import text


def said(help, lang: str):
    """A help of the table in `lang`: a key's sentence, a Phrase said; None (no help) as it is."""
    if help is None or help == argparse.SUPPRESS:
        return help
    return help.said(lang) if isinstance(help, Phrase) else text(lang, help)


def in_language(parser: argparse.ArgumentParser, lang: str) -> None:
    """argparse's own words of `parser` in `lang`: its section titles and the help of -h and --version."""
    parser._positionals.title = text(lang, "cli.help.positionals")
    parser._optionals.title = text(lang, "cli.help.options")
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = text(lang, "cli.help.help")
        elif isinstance(action, argparse._VersionAction):
            action.help = text(lang, "cli.help.version")


def formatter_for(lang: str) -> type[argparse.HelpFormatter]:
    """argparse's formatter for a language that breaks lines at spaces (English), ColumnsFormatter for one that
    breaks them anywhere (Japanese)."""
    return ColumnsFormatter if text(lang, "language.line_breaks") == "anywhere" else argparse.HelpFormatter


class ColumnsFormatter(argparse.HelpFormatter):
    """argparse's help with its descriptions wrapped by a terminal's columns (wrap), and its section titles
    followed by a full-width colon, as the rest of the text is punctuated (「オプション：」, not 「オプション:」)."""

    def format_help(self) -> str:  # a title is the only line at the margin that argparse ends with ":"
        return re.sub(r"^(\S[^\n]*):$", r"\1：", super().format_help(), flags=re.MULTILINE)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width))


# a line does not start with a closing mark or a small kana (kinsoku), nor end with an opening mark
NO_START = set("、。，．・：；？！）」』】〕〉》ー…ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜")
NO_END = set("「『（【〔〈《")
# the pieces a line is made of: a short 「name」 whole, a run of narrow characters (a Latin word, an option,
# "FILE.png", a number) whole, a space, or any other one character
PIECE = re.compile(r"「[^「」\s]{1,12}」|[\x21-\u2fff]+|\s|.")


def kept_together(text: str) -> set[int]:
    """The places i where `text` does not break between text[i] and text[i + 1]: inside a phrase, as the narration
    keeps them (lesson.strings.unbroken_words: never 「聞こえな / いか」, 「指 / 定しなければ」, 「GPT / の」)."""
    kept, i = set(), -1
    for c in unbroken_words(text):
        if c == WORD_JOINER:
            kept.add(i)
        else:
            i += 1
    return kept


def wrap(text: str, width: int) -> list[str]:
    """`text` (its whitespace collapsed, as argparse does) in lines of at most `width` columns, broken at a space or
    between two characters that are not one piece (PIECE, NO_START, NO_END) nor one phrase (kept_together); a piece
    wider than a line is cut."""
    units: list[str] = []
    text = " ".join(text.split())
    kept = kept_together(text)
    for m in PIECE.finditer(text):
        piece = m.group()
        if units and units[-1] != " " and piece != " " and (piece[0] in NO_START or units[-1][-1] in NO_END
                                                            or m.start() - 1 in kept):
            units[-1] += piece
        else:
            units.append(piece)
    lines, line, gap = [], "", False
    for unit in units:
        if unit == " ":
            gap = bool(line)
            continue
        joined = line + (" " if gap else "") + unit
        if columns(joined) <= width:
            line, gap = joined, False
            continue
        if line:
            lines.append(line)
        line, gap = "", False
        for c in unit:  # a unit wider than a whole line: cut where it is full (kinsoku still: a closing mark takes
            if columns(line) + char_columns(c) > width and line:  # the character before it along, 「こち / ら）。」,
                # and an opening mark goes with what it opens)
                cut, after = len(line), c
                while cut > 1 and (after in NO_START or line[cut - 1] in NO_END):
                    cut -= 1
                    after = line[cut]
                lines.append(line[:cut])
                line = line[cut:]
            line += c
    return lines + [line] if line else lines
