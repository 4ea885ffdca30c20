"""Which student --focus names (export, deck, worksheet, quiz): a seat number, or one student's word as typed or as its
desk writes it (a symbol the font lacks as ⟨U+1F44D⟩ or U+1F44D: messages.glyphs); a refusal names every student as
the desks do (teacher26 M3)."""
from __future__ import annotations

from .cli_table import CliRefusal
from .lesson.context import seed_pieces
from .messages.glyphs import drawn_name, drawn_names
from .messages.numerals import whole
from .messages.phrase import Name, Phrase, Words


def bare(word: str) -> str:
    """A student's word without GPT-2's leading-space mark (␣cat, or ' cat' as typed), lower case; written as its desk
    writes it (drawn_name: a symbol the font lacks, an invisible character), without the brackets (--focus 🐱 or
    U+1F431 finds the student shown as ⟨U+1F431⟩, --focus "⟨U+200B⟩ 1/3" a GPT-2 label held as "\u200b 1/3":
    messages.glyphs, review31 #1)."""
    return drawn_name(word).lower().removeprefix("␣").removeprefix(" ").replace("⟨", "").replace("⟩", "")


def default_asker_note(tokens: list[str], focus: int):
    """When the seed's asker (cat, 猫) does not ask, say who asks instead rather than pick someone silently: a
    Phrase (None when cat or 猫 asks)."""
    seeds = [i for i, t in enumerate(tokens) if bare(t) == "cat" or t == "猫"]  # as default_focus reads them
    if seeds and seeds[0] == focus:
        return None
    if seeds:
        return Phrase("cli.asker_first", first=Name(tokens[seeds[0]]), asker=Name(tokens[focus]), seat=focus + 1)
    pieces = seed_pieces(tokens)  # 猫 is there, cut into pieces: not 「「猫」という生徒がいない」 (jareview7 1)
    if pieces is not None and pieces[0] == focus:
        return Phrase("cli.asker_cat_pieces", n=pieces[1], asker=Name(tokens[focus]), seat=focus + 1)
    return Phrase("cli.asker_no_cat", asker=Name(tokens[focus]), seat=focus + 1)


def focus_seat(word: str, tokens: list[str]) -> int:
    if whole(word):
        if 1 <= int(word) <= len(tokens):
            return int(word) - 1
        raise CliRefusal("cli.focus_seats" if len(tokens) > 1 else "cli.focus_seat_one", word=word, last=len(tokens))
    # one rule (teacher26 M3): the word is one student's, as typed or as its desk writes it (⟨U+1F44D⟩, U+1F44D), never
    # a symbol read as several students ("👍🏽" is 👍 and a skin tone, two seats; it no longer picks the first silently)
    plain = _unmarked(word).replace("⟨", "").replace("⟩", "")
    for same in (lambda t: t.lower() == word.lower(), lambda t: plain in (_unmarked(t), bare(t))):
        for i, t in enumerate(tokens):  # the word as shown first, then without GPT-2's leading-space mark
            if same(t):
                return i
    raise _not_one_student(word, tokens)


def _unmarked(token: str) -> str:
    return token.lower().removeprefix("␣").removeprefix(" ")


def _not_one_student(word: str, tokens: list[str]) -> CliRefusal:
    """The refusal of a --focus word that is no student, every name as the desks write it (⟨U+200D⟩, not a blank or
    a Python escape); a word the sentence reads as several students in a row is said to be those seats."""
    names, want = drawn_names(tokens), "".join(word.split())
    shown = drawn_name(word)  # each character as a desk of its own writes it: "👍🏽" is ⟨U+1F44D⟩⟨U+1F3FD⟩, U+200B a code
    for a in range(len(tokens)):
        run = ""
        for b in range(a, len(tokens)):
            run += "".join(tokens[b].split())
            if run == want and b > a:
                return CliRefusal("cli.focus_several", word=shown, count=b - a + 1, first=a + 1, last=b + 1,
                                  names=Words(names[a:b + 1]), name=names[a])
            if not want.startswith(run):
                break
    return CliRefusal("cli.focus_unknown", word=shown, words=Words(names), last=len(tokens))
