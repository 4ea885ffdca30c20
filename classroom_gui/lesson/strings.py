"""The words of the lesson in each language: flat dotted keys ("chapter.softmax") in messages/strings/<lang>.json, read
by messages.strings (the bottom layer owns them, so that the model's refusals have keys too), and the lesson's helpers
around them.

English is the reference: a key missing from another language falls back to English, and a test checks
that none is missing.
"""
from __future__ import annotations

import re
from functools import lru_cache

# re-exported: the lesson, the scene, the window and the CLI read their words from here
from ..messages.strings import LANGUAGES, QUOTE_MARKS, quote, table, text
from .numbers import close_second, winning

__all__ = ["LANGUAGES", "QUOTE_MARKS", "quote", "table", "text",  # (messages.strings')
           "joined", "japanese", "WORD_JOINER", "MIDDLE_DOT", "unbroken_quotes", "PHRASES", "PIECE_SPACE",
           "NO_BREAK_SPACE", "PARTICLES", "PAIRED", "NOT_ENDED", "unbroken_words", "by_rules", "wrapping", "LAST_LINE",
           "unbroken_end", "name_list", "sits_twice", "seat_quoted", "most_heard", "languages", "language_name"]


def joined(words: list[str]) -> str:
    """The students' words as a sentence: spaces between Latin words, none next to Japanese ones (whatever
    the language the lesson is told in)."""
    out = ""
    for i, w in enumerate(words):
        out += ("" if i == 0 or _cjk(w) or _cjk(words[i - 1]) else " ") + w
    return out


def _cjk(word: str) -> bool:
    return any(ord(c) >= 0x3000 for c in word)


def japanese(text: str) -> bool:
    """Whether `text` holds kana or kanji (the language of a sentence or a slide, not of the menus)."""
    return any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text)


WORD_JOINER = "\u2060"  # no line break here: Qt's line breaker keeps the characters it joins on one line
MIDDLE_DOT = "\u30fb"  # 「・」: in the katakana block, but it separates words
_QUOTED = re.compile(r"「[^「」]{1,24}」")


def unbroken_quotes(text: str) -> str:
    """`text` with each 「…」 (a name or a short example, up to 24 characters) kept on one line: Japanese breaks
    between any two characters, and 「猫がマットの上に座っ」 / 「た」 read as two words."""
    return _QUOTED.sub(lambda m: WORD_JOINER.join(m.group(0)), text)


def _kind(c: str) -> str:
    """A character's place in a Japanese line: "h" hiragana, "w" the rest of a word (kanji, katakana, 々, ー), "d" a
    digit, "" anything else (punctuation, brackets, Latin, spaces, the middle dot 「・」 between two words, as in
    「第1層・ヘッド2」: Qt's own line breaker decides there)."""
    o = ord(c)
    if 0x3041 <= o <= 0x309F:
        return "h"
    if (0x30A0 <= o <= 0x30FF and c != MIDDLE_DOT) or 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or c in "々〆ヶ":
        return "w"  # (「・」 separates words: 「第1層・ヘッド2」 may break after it)
    return "d" if c.isascii() and c.isdigit() else ""


_BEFORE_PARTICLE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_)∞")  # (and digits): no line starts
# with the particle after a Latin word, a formula or -∞ (「W_Q / で」, 「exp / も」)
_OKURIGANA = set("いきぎしじちひびみりえけげせぜべめれ")  # a word's one-kana ending (i- and e-row, as in 付け, 読み, 書き,
# 考え) that a word right after it continues: 「付け方」, 「足し算」 (never the particles に, て, で, へ, の, を, が, は, と, も)
PHRASES = ("もう一度", "もう少し", "切り替", "ひと組", "まとめ直", "やり直", "ではなく", "順番に発言", "番の席", "確かめ算",
           "元の値", "今の値")  # teacher37 #9: 「今の / 値0.31」
# read as one word: never 「もう / 一度」, 「切り / 替わります」, 「ひと / 組」, 「やり / 直す」, 「では / なく」, 「順番に / 発言」
# (jareview6 8), 「4、6番の / 席」 (a sheet's row), 「確かめ / 算」 (the --help's command list: jareview7 6, 9)
PIECE_SPACE = re.compile(r"(?:「|\")[^「」\"\s]+( )\d+/\d+(?:」|\")")  # a piece's name, 「小 2/3」 or "猫 2/2" (the
# English narration's, tidy27): never 「小 / 2/3」 (jareview7 8) nor "猫 / 2/2"
NO_BREAK_SPACE = "\u00a0"
PARTICLES = set("がをにでとものはへ")  # a particle right after a word (kanji, katakana, a name, a number) ends a phrase
PAIRED = ("には", "では", "とは", "にも", "でも", "とも", "への", "での", "との", "のは", "へは")  # two particles as one (not のも:
# 「正のもの」, 「「猫」のもとへ」)
NOT_ENDED = {"で": "きすしょ", "が": "らりるれろっ", "に": "くし", "は": "じずや", "の": "もこうまよあ"}  # hiragana that makes the particle part of a word:
# 「計算で / きる」, 「必要で / す」, 「必要で / しょう」, 「上が / る」, 「見に / くい」, 「授業のは / じまり」 (review25 #5)
# are never broken there, nor before the し of 「0に / し、」, nor before a formal noun after の (もの・こと・うち・まま・よう・あと:
# 「正の / もの」, 「空の / まま」, jareview5 #3)


@lru_cache(maxsize=256)  # the narration is set at every frame: the same few sentences
def unbroken_words(text: str) -> str:
    """Japanese `text` broken only between phrases: a line may end after hiragana that a word, a number or a
    bracket follows (after a particle or an ending: 「…足した / 内積です。」), and wherever Qt's line breaker breaks
    between punctuation, brackets and Latin words; never inside a word of kanji or katakana (「内 / 積」,
    「ベク / トル」), between a word and its hiragana ending (「書きま / す。」, 「注 / 意」), between a name in
    brackets and its particle (「マット」 / が), between a word's one-kana ending and the word it makes with the next
    (「付け / 方」, 「読み / 方」: _OKURIGANA), between a number and its counter (「24 / 個」), between a name or a term
    and the （…） right after it (「マット」 / （0.33）, 「自分自身 / （1.00）」), after a Latin word, a number, ")" or ∞ that
    hiragana follows (「W_Q / で」, 「exp / も」, 「-∞ / は」), or between - and ∞, or inside a PHRASES (「もう / 一度」). Joined with WORD_JOINER,
    which Qt's line breaker never breaks at. A text without a character from U+3000 on (English: every
    narration of a lesson told in English) can only be joined between - and ∞, so it is done at once (_LATIN: the
    rules below walked each of its ~300 characters, ~0.3 ms of a cold jump to a new sentence, #18)."""
    if _LATIN.fullmatch(text):
        return _pieces_whole(text.replace("-∞", "-" + WORD_JOINER + "∞"))
    return by_rules(text)


def _pieces_whole(text: str) -> str:
    """`text` with the space inside each piece's name (PIECE_SPACE) made a no-break space: Qt breaks after a space,
    joiners or not; a QTextDocument copies it as a space."""
    return PIECE_SPACE.sub(lambda m: m.group(0).replace(" ", NO_BREAK_SPACE), text)


def by_rules(text: str) -> str:
    """unbroken_words, its rules applied character by character (to any text: tests hold the Latin shortcut to it)."""
    keep = [False] * len(text)  # keep[i]: no break between text[i] and text[i + 1]
    for i, (a, b) in enumerate(zip(text, text[1:] + " ")):
        ka, kb = _kind(a), _kind(b)
        keep[i] = bool((ka and kb and not (ka == "h" and kb != "h") and not (ka == kb == "d")) or (ka, kb) == ("d", "w")
                   or (kb == "w" and a in _OKURIGANA and i and _kind(text[i - 1]) == "w")  # 付け方: one word
                   or (kb == "h" and (a in "」）" or a in _BEFORE_PARTICLE))
                   or (b == "（" and not a.isspace() and a not in "、。：！？")  # a name or a term and its （…）
                   or (a == "-" and b == "∞"))  # 「は-∞」 broke as 「は- / ∞」 after a kana (the minus of -0.67)
    for i in _after_particles(text):
        keep[i] = False
    for phrase in PHRASES:
        for m in re.finditer(phrase, text):
            keep[m.start():m.end() - 1] = [True] * (len(phrase) - 1)
    return "".join(a + WORD_JOINER * k for a, k in zip(_pieces_whole(text), keep))  # (one character for one)


_LATIN = re.compile("[\u0000-\u2fff]*")  # no hiragana, katakana, kanji, 「」, （）, full-width marks: _kind is "" or "d"
# for every character, so of the rules only "-∞" joins (two digits, or a digit and another kind, never do)


_ASIDE = re.compile(WORD_JOINER + "（(?=[^）]*、)")  # a word joined to a （…） that holds a 「、」


def wrapping(text: str) -> str:
    """`text` as a word-wrapping widget (a QLabel, a list's item) is to break it: Japanese between phrases only
    (unbroken_words: never 「向けま / す」, 「見 / つけます」, teacher27 L1), and also before a long aside in （…）, one
    with a 「、」 inside, which unbroken_words keeps with the word before it as it keeps 「「マット」（0.33）」 (teacher27
    L2: 「…1番目の数（第1 / 層、ヘッド1）」 is 「…1番目の数 / （第1層、ヘッド1）」). Latin text is left as it is. Word
    joiners `text` already holds (unbroken_quotes' 「…」 kept whole, as a refusal's box has it) stay where they are."""
    plain = text.replace(WORD_JOINER, "")
    shown = _ASIDE.sub("（", unbroken_words(plain))
    if plain == text:
        return shown
    kept = _joined(shown) | _joined(text)
    return "".join(c + WORD_JOINER * (i in kept) for i, c in enumerate(plain))


def _joined(text: str) -> set[int]:
    """Where `text` holds a word joiner: i, after the i-th character that is not one."""
    out, at = set(), -1
    for c in text:
        if c == WORD_JOINER:
            out.add(at)
        else:
            at += 1
    return out


def _after_particles(text: str) -> list[int]:
    """Where a run of hiragana may break after all (i: between text[i] and text[i + 1], both hiragana): after a
    particle, or two (PAIRED), that follows a word, unless the kana after it makes the particle part of a word
    (NOT_ENDED) or the two particles are one (「には」 stays whole, unless a PHRASES begins: 「最後に / もう一度」).
    A long run of hiragana otherwise never broke (「最後にもう一度レイヤー正規化で」, 「「猫」がいちばんよく」)."""
    out = []
    for i in range(1, len(text) - 1):
        a, b = text[i], text[i + 1]
        if _kind(a) != "h" or _kind(b) != "h" or a not in PARTICLES or b in NOT_ENDED.get(a, ""):
            continue
        phrase = any(text.startswith(p, i + 1) for p in PHRASES)
        if _word_end(text[i - 1]):  # one particle after a word
            if phrase or a + b not in PAIRED:
                out.append(i)
        elif i >= 2 and text[i - 1:i + 1] in PAIRED and _word_end(text[i - 2]):
            out.append(i)
    return out


def _word_end(c: str) -> bool:  # a character a particle can follow: a word's (kanji, katakana, digit, Latin), 」 or ）
    return _kind(c) in ("w", "d") or c in "」）" or c in _BEFORE_PARTICLE


LAST_LINE = 5  # characters a wrapped paragraph (a narration, a worksheet's instruction) keeps on its last line at
# least, where it would keep 2 or fewer (「内積です。」, "0.43.", not 「す。」 or "3.")


def unbroken_end(text: str, keep: int = LAST_LINE) -> str:
    """`text` with its last `keep` characters (spaces among them; the word joiners unbroken_words put in are not
    counted) joined, so a wrapped paragraph never leaves 「す。」 or "1." alone on its last line (teacher13 L5, teacher3
    L6): the line breaks before them instead. One joiner between two characters, never two."""
    shown = [i for i, c in enumerate(text) if c != WORD_JOINER]
    if len(shown) <= keep:
        return text
    start = shown[-keep]
    end = text[start:]
    if "\n" in end:
        return text
    return text[:start] + WORD_JOINER.join(end.replace(WORD_JOINER, ""))


def name_list(lang: str, words) -> str:
    """Quoted names in a row: 「猫」「が」「マット」 (the brackets already separate them) or "The", "cat"."""
    return text(lang, "name.separator").join(quote(lang, w) for w in words)


def sits_twice(names: list[str], seat: int) -> bool:
    """Whether the word at `seat` sits at another seat too (then it is said with its seat: seat_quoted)."""
    return names.count(names[seat]) > 1


def seat_quoted(lang: str, names: list[str], seat: int, repeated: set | None = None, share: str | None = None,
                asker: int | None = None) -> str:
    """names[seat] quoted, with its seat where the word sits more than once: "🐱" (seat 2), 9番の席の「猫」 (the one form
    of boards, narrations and notes, boards25; the seat first in Japanese as a share in brackets may follow);
    `repeated`, the names that sit more than once, where the caller keeps them (Ctx.qs: one count per class). With a
    `share` (as written), the share follows in the same one bracket: "mat" (0.33), 「マット」（0.33）, and with a seat
    "sat" (seat 10, 0.19), 10番の席の「座った」（0.19）, never two brackets in a row ('"sat" (seat 10) (0.19)', fix67).
    Whom `asker` listens to: "itself" (自分自身) where `seat` is the asker's own (teacher15 L3), "itself (1.00)"."""
    if seat == asker:
        itself = text(lang, "name.itself")
        return itself if share is None else text(lang, "name.share", name=itself, share=share)
    name = quote(lang, names[seat])
    twice = names[seat] in repeated if repeated is not None else sits_twice(names, seat)
    if share is not None:
        return text(lang, "name.seat_share" if twice else "name.share", name=name, seat=seat + 1, share=share)
    return text(lang, "quiz.seat", name=name, seat=seat + 1) if twice else name


def most_heard(lang: str, names: list[str], row, best: int, seats, repeated: set | None = None,
               asker: int | None = None) -> str:
    """Whom `asker` listens most to, for "… listens most to {name}": the best seat with its share (numbers.winning),
    and where the screen's 2 decimals show a tie, the runner-up too (name.close_second: "mat" (0.261), and almost as
    much to "sat" (0.259); 「マット」（0.261）で、「座った」（0.259）もほぼ同じ; teacher36 #4)."""
    share = winning(row, best, seats)
    name = seat_quoted(lang, names, best, repeated, share, asker=asker)
    second = close_second(row, best, seats)
    if second is None:
        return name
    other = seat_quoted(lang, names, second[0], repeated, second[1], asker=asker)
    return text(lang, "name.close_second", name=name, second=other)


def languages() -> list[tuple[str, str]]:
    """(code, name in its own language) of every language there is a strings file for."""
    return [(code, text(code, "language.name")) for code in LANGUAGES]


def language_name(code: str) -> str:
    """A language's name in itself ("日本語"), or its code when there is no strings file for it."""
    return text(code, "language.name") if code in LANGUAGES else code
