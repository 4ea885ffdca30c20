"""A card's label as its label row shows it: cut with "…" (elided), broken into lines between words (label_lines),
the lines a row of 1 or 2 shows (label_texts). Measured in the card's bold font (scene.fonts)."""
from __future__ import annotations

from functools import lru_cache

from . import fonts
from .board_wrap import wrapped
from .items import elide
from .text_width import widths


@lru_cache(maxsize=1024)
def elided(label: str, px: float, room: float) -> str:  # a card's label in its bold font, cut to `room` with "…"
    return elide(label, fonts.font(px, bold=True), room)


@lru_cache(maxsize=1024)
def label_lines(label: str, px: float, room: float) -> tuple[str, ...]:
    """A card's label (bold, px) as the lines it takes in `room`: one where it fits, else broken between words
    (_label_breaks) or, if no break fits, as a blackboard line breaks (board_wrap.wrapped)."""
    metrics = widths(px, bold=True)
    if metrics.horizontalAdvance(label) <= room:
        return (label,)
    fits = [i for i in _label_breaks(label) if metrics.horizontalAdvance(label[:i].rstrip()) <= room]
    if fits:
        return (label[:fits[-1]].rstrip(),) + label_lines(label[fits[-1]:].lstrip(), px, room)
    return tuple(line.strip() for line in wrapped(label, metrics, room))


def _label_breaks(label: str) -> list[int]:
    """Where a label may break between words: at a space, before a bracket, after 「の」, where katakana meet a
    kanji (「最後のレイヤー」「正規化（ノート）」, not 「…正規」「化…」); never inside brackets (jareview3: 「レイヤー正規化
    （最後の / ノート）±6」 at 1920×1080, now 「レイヤー正規化 / （最後のノート）±6」, as 「マット」（0.33） keeps its （…）)."""
    def kana(ch: str) -> bool:
        return "ァ" <= ch <= "ヺ" or ch == "ー"
    depth, inside = 0, []
    for ch in label:  # inside[i]: label[i] is within a （…） or (…)
        depth = max(0, depth - (ch in "）)"))
        inside.append(depth > 0)
        depth += ch in "（("
    return [i for i in range(1, len(label)) if not (inside[i] and inside[i - 1]) and (
            label[i - 1] == " " or label[i] in "（(" or label[i - 1] == "の"
            or (kana(label[i - 1]) and "一" <= label[i] <= "龯"))]


def _rejoined(label: str, parts: list[str]) -> str:
    """Lines of `label` put back into one: with the space the label had where it broke ('new understanding'), none
    where it broke between Japanese words (review15: English words ran together, 'newunder…')."""
    out = parts[0]
    for part in parts[1:]:
        out += (" " if f"{out} {part}" in label else "") + part
    return out


def label_texts(label: str, px: float, room: float, lines: int) -> list[str]:
    """What a label row of `lines` lines shows: label_lines, the last one shown ending in "…" if more are left."""
    texts = list(label_lines(label, px, room)) if lines > 1 else [label]
    if len(texts) > lines:
        texts = texts[: lines - 1] + [_rejoined(label, texts[lines - 1:])]
    return texts[:-1] + [elided(texts[-1], px, room)]
