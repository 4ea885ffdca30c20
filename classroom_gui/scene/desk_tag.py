"""A desk's name tag beside its badge: the badge pill's size (badge_size), text (pill_text), place (pill_box) and
painting (paint_pill), and the name's font and text in the room they leave (fit_name, name_room), and whether the
badge takes a line of its own (crowded). Kept by what they show: a big class names the same few words and shares at
hundreds of desks. scene.desk's DeskItem paints with them; a big class's composed desks (scene.class_parts,
class_badges, class_cells) and the layout's badge line (scene.desk_boxes) measure with them."""
from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from ..lesson.strings import WORD_JOINER, wrapping
from ..messages.fit import whole_codes
from . import fonts
from .items import ALIGN_CENTER, elide, fitted_font, qcolor
from .layout import NAME_MIN, DeskBox
from .palette import Theme
from .text_width import widths


@lru_cache(maxsize=1024)
def badge_size(badge: str, box: DeskBox, font_scale: float, name_left: float, name: str = "",
               unknown: bool = False) -> tuple[float, float]:
    """(width, font px) of a desk's badge pill: kept, since a big class asks for the same few shares often. Beside
    a `name` that would be cut (fit_name) the badge is as small as the name may get (NAME_MIN), if then it is not:
    at 4:3 with 7-8 students 「マット」 beside "→ 「の」" (answer chapter) is whole, not 「マ…」. If even then it would
    be cut, the badge takes the room the name leaves and ends in "…": at 16:9 with 11-12 students (6 a row, 193 px
    desks) "animal" beside "→ "didn't"" was "an…", and "street" beside "→ "because"" was left off."""
    px = max(box.name_px * 0.82, min(box.name_px, NAME_MIN)) * font_scale
    badge = badge_face(badge)  # (as the pill writes it)
    w = _pill_w(badge, px, box, name_left)
    if box.badge_h:  # on a line of its own under the name: as wide as the desk allows
        return _shown(badge, *_shrunk(badge, max(px * 2.0, min(w, box.w - 2 * box.pad)), px, w))
    least = NAME_MIN * font_scale
    if name and px > least:
        name_w = _bold_advance(name, least)
        small = _pill_w(badge, least, box, name_left)
        left = box.w - name_left - name_w - 4 - box.pad  # the room the name at its least size leaves
        if w > left:  # the name would be cut beside the badge as it is
            # a smaller badge if then the name fits; if not even then, the badge takes what the name leaves and
            # ends in "…" (its tooltip has it)
            px, w = least, small if left >= small else max(least * 2.0, left)
    room = box.w - 2 * box.pad - name_left + box.pad  # never over the seat number
    if name:  # nor over all of the name: at 64 students (110 px desks) "the" beside "→ "kind"" was left off, and
        room -= name_keep(name, box, font_scale, unknown) + 4  # 44 of 63 desks showed no word (teacher21 L4)
    return _shown(badge, *_shrunk(badge, max(px * 2.0, min(w, room)), px, w))  # a badge wider than that ends in "…"
    # (tooltip: all)


def _shown(badge: str, bw: float, px: float) -> tuple[float, float]:
    """(bw, px), or no pill (0, 0) for a guess that would not show its arrow and one whole character of its word
    even at its smallest (teacher32 #5: the emoji desk's 「→…」 at 1024x768 answer time): the board lists every
    guess, and an empty pill reads as a guess of nothing; the desk's tooltip still has it."""
    if badge.startswith("→") and not _kept_guess(pill_text(badge, bw, px)):
        return 0.0, 0.0
    return bw, px


def _shrunk(badge: str, bw: float, px: float, w: float) -> tuple[float, float]:
    """(bw, px) of a badge pill bw wide whose text, w wide at px, is cut: a guess or a number drawn smaller where
    then it keeps what it must."""
    if bw < w and badge.startswith("→"):  # a guess cut: its arrow and its word's first letters kept (teacher28 M4)
        px = next((px * f for f in GUESS_SHRINK if _kept_guess(pill_text(badge, bw, px * f))), px * GUESS_SHRINK[-1])
    elif bw < w and _number(badge):  # a number cut ("12.…", "-…": teacher28 L1, F5 at 4:3 with 64 desks): smaller
        px = next((px * f for f in GUESS_SHRINK if px * f >= NUMBER_LEAST and pill_text(badge, bw, px * f) == badge),
                  px)  # where then whole and still legible (not at 512 desks: hundreds of pills of their own)
    return bw, px


GUESS_SHRINK = (1.0, 0.9, 0.8, 0.7)  # the font sizes a cut guess or number tries, as parts of its badge's size
NUMBER_LEAST = 10.5  # px: a number is drawn no smaller whole (64 desks at 4:3: 16 px badges drawn at 11.2-14.4)


def _number(badge: str) -> bool:
    return badge.lstrip("-−").replace(".", "", 1).isdigit()


def _kept_guess(shown: str) -> bool:
    """The arrow and at least one whole character of the guessed word: a symbol's code whole or not at all
    (「→⟨U+24…」 was neither the symbol nor its code: teacher30 #2)."""
    word = shown.removeprefix("→").strip().strip('"「」').removesuffix("…")
    return shown.startswith("→") and len(word) >= 1 and word.count("⟨") == word.count("⟩")


def name_keep(name: str, box: DeskBox, font_scale: float, unknown: bool = False) -> float:
    """The least room a desk's name keeps beside its badge: the name whole (never cut: teacher30 #2) at its least
    usual size, and its "?" tag, where it has one."""
    short = _bold_advance(name, _name_least(box, font_scale)) + 1.0  # (+1: elide's rounding; where the badge leaves
    # less at its narrowest, fit_name draws the name smaller or on two lines)
    return short + (box.tag_h * 0.62 + 4 if unknown else 0)


def _name_least(box: DeskBox, font_scale: float) -> float:  # the least size of a desk's name (fit_name)
    px = box.name_px * font_scale
    least = min(px, NAME_MIN) if px >= NAME_MIN else max(7.0, px * 0.6)
    return max(least, px * 0.6)


def crowded(badge: str, text: str, box: DeskBox, font_scale: float, name_left: float, unknown: bool,
            shrunk: bool = True) -> bool:
    """Whether on one line beside its name the badge or the name would end in "…" (a guess, the answer step's
    point, was "→「did…」" at 16:9 with 11 students), or (shrunk) the name would shrink at all (at 0.92 of its
    size 「マット」 beside "→ 「の」" read as smaller than its classmates: retrain4's model, 4:3 ja answer step)
    or touch the pill (4:3 answer step: 「に」 small beside 「→「座った」」, 「マット」 against 「→「の」」; teacher12
    L3): then the desk's badge takes a line of its own. A name drawn below its least usual size to stay whole
    (fit_name: it was cut there) is crowded too, and so is a name that shrinks beside a guess even where
    shrunk=False (16:9's laned classes: at the answer step with 11 students "street" at 16 px beside "→because"
    and "animal" at 20 beside "→didn't" once the pills wrote their guesses bare, badge_face)."""
    if not badge:
        return False
    bw, px = badge_size(badge, box, font_scale, name_left, text, unknown)
    whole = _pill_w(badge_face(badge), px, box, name_left)
    font, shown = fit_name(text, box, font_scale, name_left, bw, unknown)
    room = name_room(box, name_left, bw, unknown)
    shrunk = shrunk or badge.startswith("→")
    return bw < whole - 0.01 or shown != text or font.pixelSize() < _name_least(box, font_scale) or shrunk and (
        font.pixelSize() < round(box.name_px * font_scale) or QFontMetricsF(font).horizontalAdvance(text) > room)


@lru_cache(maxsize=4096)
def _bold_advance(text: str, px: float) -> float:  # kept: a chapter of scores measures each desk's name and badge
    return widths(px, True).horizontalAdvance(text)  # (badge_size misses by the hundred)


def _pill_w(badge: str, px: float, box: DeskBox, name_left: float) -> float:
    w = _bold_advance(badge, px) + px * 1.0
    if box.w - name_left - w - box.pad < NAME_MIN * 2.5:  # a dense class: a slimmer pill leaves the name room
        w -= px * 0.5  # (at 64 desks "mat" and "dog" then fit whole at 16 px, 「マット」 shows 「マ…」, not "…")
    return w


def badge_pens(th: Theme, role: str) -> tuple:
    """(the pill's border pen, its fill, its text's colour) of a badge in the colour of `role`."""
    return QPen(qcolor(th.role(role)), 2.0), qcolor(th.color("badge")), qcolor(th.color("text"))


@lru_cache(maxsize=4096)
def pill_text(badge: str, bw: float, px: float) -> str:  # a badge as a pill bw wide shows it (a slim pill: badge_size)
    """(kept: a big class's pills are keyed by it) A guess is written as its arrow and bare word (badge_face), and
    where too wide for its pill its word ends in "…" at a whole character, never inside a symbol's code: "→ "Good""
    shows "→Go…" (teacher21 L4 showed "kind" without its arrow, so teacher28 M4 read "Go…" as a word: the arrow says
    it is a guess; badge_size draws a cut guess smaller until this keeps it)."""
    font, room = fonts.font(px, True), bw - px * 0.25
    face = badge_face(badge)
    return whole_codes(elide(face, font, room))  # never half a symbol's code (「→⟨U+24…」): cut before it


def badge_face(badge: str) -> str:
    """A badge as its pill writes it: a guess as its arrow and bare word, at every desk ("→ 「が」" is 「→が」 and
    "→ "kind"" is "→kind"): the pill dropped the quotes only where short of room, so 「→「が」」 stood beside 「→ソファ」
    (teacher30 #8); the arrow marks the guess, and the tooltip and the board quote it."""
    if not badge.startswith("→"):
        return badge
    word = badge[1:].strip()
    return "→" + (word[1:-1] if len(word) > 2 and (word[0], word[-1]) in (('"', '"'), ("「", "」")) else word)


def pill_box(b: DeskBox, bw: float, px: float) -> QRectF:
    """A desk's badge pill (bw wide, for font px) in desk coordinates: at the right of its badge row (below the tag
    row, where the desk has one) or of its header."""
    bh = px * 1.5
    top, hh = (b.tag_h, b.badge_h) if b.badge_h else (0.0, b.header_h)
    return QRectF(b.w - b.pad - bw, top + (hh - bh) / 2, bw, bh)


def paint_pill(p: QPainter, b: DeskBox, bw: float, px: float, pens: tuple, text: str | None = None,
               body: bool = True) -> QRectF:
    """A desk's badge pill (bw wide, its text at font px, as badge_size sizes it) in desk coordinates, with
    badge_pens' pens: its body (unless not body) and text (DeskItem.badge_text: elided where too narrow) if given;
    returns its rect."""
    pill = pill_box(b, bw, px)
    bh = pill.height()
    if body:
        p.setPen(pens[0])
        p.setBrush(pens[1])
        p.drawRoundedRect(pill, bh / 2, bh / 2)
    if text is not None:
        p.setPen(pens[2])
        p.setFont(fonts.font(px, True))
        p.drawText(pill, ALIGN_CENTER, text)
    return pill


def name_room(box: DeskBox, name_left: float, badge_w: float, unknown: bool) -> float:
    """The room of a desk's name beside its seat number, its badge (badge_w wide) and its "?" tag, 4 px from them:
    what fit_name fits the name in and crowded measures it against."""
    tags = badge_w + (box.tag_h * 0.62 + 4 if unknown else 0)
    tags += 4 if tags else 0
    return box.w - name_left - tags - box.pad


@lru_cache(maxsize=4096)
def fit_name(text: str, box: DeskBox, font_scale: float, name_left: float, badge_w: float, unknown: bool):
    """(font, text) of a desk's name in the room its seat number, badge (badge_w wide) and "?" tag leave:
    kept, since a big class names the same few words at hundreds of desks."""
    px = box.name_px * font_scale
    room = name_room(box, name_left, badge_w, unknown)
    # a long name is cut with "…" rather than shrunk below what a projector shows (its tooltip has it all)
    least = _name_least(box, font_scale)
    font = fitted_font(text, px, room, bold=True, min_px=least)
    shown = elide(text, font, room)  # (cut to its first characters + "…" where even one fits)
    if shown != text and (badge_w or unknown):  # 2 px from the badge's pill rather than 4 can be what shows it whole ("dog"
        room += 2  # beside a score of -10.30), never smaller than NAME_MIN (a projector's 16 px)
        font = fitted_font(text, px, room, bold=True, min_px=least)
        shown = elide(text, font, room)
    if shown != text:  # a name is never cut (teacher30 #2: 「小さな」 read 「小…」, GPT-2's 「小 1/3」「小 2/3」 all
        # 「小…」): whole, smaller, or on two lines; cut only where not even that fits (a class of hundreds)
        least = CODE_LEAST if CODE in text else NAME_LEAST
        return name_whole(text, box, px, room, least) or (font, shown)
    return font, shown


CODE = "⟨U+"  # how a symbol the font lacks is written (messages.glyphs.code): ⟨U+1F431⟩
CODE_LEAST = 9.0  # the least chalk of a code on a desk
NAME_LEAST = 11.0  # the least chalk of a whole name that would not fit at the desk's least size (NAME_MIN)
LINE_H = 1.2  # a name line's height over its font size


def name_breaks(text: str) -> list[str]:
    """The two-line forms of a name, the kinder first: broken at its last space (GPT-2's 「小 1/3」: 「小」 over
    「1/3」; 「⟨U+1F431⟩」 over 「1/3」), or where Japanese breaks between phrases (lesson.strings.wrapping: GPT-2's
    long piece 「…がマットの上に…」 was cut to 「…がマ…」, having no space: teacher32 #4), never inside a Latin word nor
    next to its "…"; last, after its last "⟨U+" ("⟨U+" over "1F431⟩"), which name_whole takes only where nothing
    else fits."""
    out = []
    if " " in text.strip():
        at = text.rstrip().rindex(" ")
        out.append(text[:at] + "\n" + text[at + 1:])
    elif CODE not in text:
        joined = wrapping(text)
        plain, at, cuts = joined.replace(WORD_JOINER, ""), -1, []
        for i, c in enumerate(joined):  # a break between plain[at] and plain[at + 1] where no joiner is
            if c == WORD_JOINER:
                continue
            at += 1
            if 0 < at and joined[i - 1] != WORD_JOINER and not _latin(plain[at - 1] + c) and "…" not in plain[at - 1] + c:
                cuts.append(at)
        out += [plain[:at] + "\n" + plain[at:] for at in sorted(cuts, key=lambda a: abs(2 * a - len(plain)))[:3]]
    if CODE in text:
        at = text.rindex(CODE) + len(CODE)
        out.append(text[:at] + "\n" + text[at:])
    return out


def _latin(pair: str) -> bool:  # two letters or digits of a Latin word: never broken between
    return all(c.isascii() and c.isalnum() for c in pair)


def name_whole(text: str, box: DeskBox, px: float, room: float, least: float = NAME_LEAST):
    """(font, text) of a name, whole: on its line at a smaller size, or on two (name_breaks) where that is bigger,
    each no wider than `room` and both within the tag's row, at `least` or more; None where none fits. A symbol's
    code stays on one line down to CODE_ONE_LINE and is broken inside only where not even then (teacher32 #4:
    「(U+ / 1F431)」 on two lines beside its "?" and share read as two words)."""
    forms = [text, *name_breaks(text)]
    whole = [f for f in forms if not _code_broken(f)]
    best = _biggest(whole, box, px, room, min(least, CODE_ONE_LINE) if CODE in text else least)
    return best or _biggest([f for f in forms if _code_broken(f)], box, px, room, least)


CODE_ONE_LINE = 8.0  # the least chalk of a symbol's code kept on one line (its capitals and digits read smaller)


def _code_broken(shown: str) -> bool:
    return any(line.count("⟨") != line.count("⟩") for line in shown.split("\n"))


def _biggest(forms: list[str], box: DeskBox, px: float, room: float, least: float):
    """(font, form) of the forms of a name at the biggest size at `least` or more where all its lines fit."""
    best = None
    for shown in forms:
        lines = shown.count("\n") + 1
        top = math.floor(min(px, box.tag_h / (lines * LINE_H)) if lines > 1 else px)  # (a font's size is whole
        widest = max(_bold_advance(line, top) for line in shown.split("\n"))  # pixels: 11.5 measured as 12 was 1 px short)
        if widest <= 0 or room <= 0:  # (a name of no width, "\ufeff", that elide still changes; a desk with no room)
            continue
        size = math.floor(min(top, top * room / widest))
        while size >= least and max(_bold_advance(line, size) for line in shown.split("\n")) > room:
            size -= 1
        if size >= least and (best is None or size > best[0].pixelSize()):
            best = (fonts.font(size, True), shown)
    return best
