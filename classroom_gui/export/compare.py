"""A comparison drawn: two classes side by side at the same step (each drawn exactly as its own export draws
it), the classmate whose share changed most outlined in both, at answer time each class's top guesses under it
(compare_answer), and one line saying from what to what. Saved as
a PNG or PDF picture, a PDF or PNG-folder deck (formats.COMPARE_PICTURES, COMPARE_DECKS), or an MP4/GIF
video (formats.VIDEOS).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter, QPen

from ..lesson import compare_layout
from ..lesson.compare import ANSWER_CHAPTER, Pair, about, answer_of, caption
from ..lesson.strings import joined, text, unbroken_quotes, wrapping
from ..messages.glyphs import drawable
from ..scene import fonts, palette
from ..scene.areas import title_rect
from ..scene.classroom import ClassroomScene
from ..scene.items import qcolor
from ..scene.render import paint_scene
from .compare_answer import block_height, paint_answer, rows_that_fit, shared_top
from .deck import save_slides, write_png_folder
from .files import tick
from .formats import COMPARE_DECKS
from .pictures import pdf_pages
from .png import save_png
from .video import held, write_pictures


# Each class is drawn from the part of its own canvas a comparison shows (lesson.compare_layout.drawn_part: the desks,
# their links and the labels above the first row, the title row and the card legend; not the blackboard or the
# caption), each frame without its title (the comparison has its own, and a clipped title would reach a PDF as hidden
# text) and with only the strips its step is about (lesson.compare.about). The classes are seated on a canvas made
# for half the page (compare_layout.canvas_for_page), so they are drawn at about the lesson's own size: card numbers
# 14 px at 1920 x 1080, 8.8 px at 1024 x 768 (tests/test_compare_legible.py measures them).


def drawn_part(canvas) -> QRectF:
    return QRectF(*compare_layout.drawn_part(canvas))


def pair_layout(w: float, h: float, answers: bool = False, canvas=None) -> tuple[float, tuple[QRectF, QRectF], float]:
    """Where a w x h comparison draws its two classes (drawn_part of their `canvas`, by default the one
    compare_layout chooses for the page, scaled, side by side, centred with room for the title above and the change
    below, and at answer time each class's answer list between them): (text size px, the two rectangles, scale)."""
    canvas = canvas or compare_layout.canvas_for_page(w, h, answers)
    return _placed(w, h, canvas, answer_rows(w, h, canvas) if answers else 0)


def _placed(w: float, h: float, canvas, rows: int) -> tuple[float, tuple[QRectF, QRectF], float]:
    """pair_layout with `rows` guesses listed under each class (0: none)."""
    px, gap = compare_layout.text_px(h), compare_layout.gap_px(w)
    extra = block_height(px, rows) + gap if rows else 0.0  # the answer lists, and a gap under them
    above, below = compare_layout.margins(h, extra)
    scale = compare_layout.page_scale(canvas, w, h, extra)
    part = drawn_part(canvas)
    cw, ch = part.width() * scale, part.height() * scale
    left = (w - 2 * cw - gap) / 2
    top = above + max(0.0, (h - above - below - ch) / 2)
    return px, (QRectF(left, top, cw, ch), QRectF(left + cw + gap, top, cw, ch)), scale


def answer_rows(w: float, h: float, canvas=None) -> int:
    """The guesses each class lists at answer time: as many as the height the width-limited classrooms leave
    holds (compare_answer.rows_that_fit), so listing them never makes the classrooms smaller on a 16:9 or 4:3 page."""
    canvas = canvas or compare_layout.canvas_for_page(w, h, True)
    above, below = compare_layout.margins(h)
    drawn = drawn_part(canvas).height() * compare_layout.width_scale(canvas, w)
    return rows_that_fit(h - above - below - 2 * compare_layout.gap_px(w) - drawn, compare_layout.text_px(h))


def render_pair(pair: Pair, size, theme=None, scenes=None, lang: str = "en", whole: bool = False) -> QImage:
    """The two classes side by side on one size[0] x size[1] picture, with their sentences and the change; `whole`
    (an export, not a preview): see render.paint_scene."""
    w, h = (int(v) for v in size)
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    p = QPainter(image)
    try:
        paint_pair(p, pair, w, h, theme, scenes, lang, whole=whole)
    finally:
        p.end()
    return image


def paint_pair(p: QPainter, pair: Pair, w: float, h: float, theme=None, scenes=None, lang: str = "en",
               vector: bool = False, whole: bool = False) -> None:
    """The comparison drawn on `p` over w x h: for a picture, or (vector) a PDF page whose words stay text."""
    th = theme or palette.CLASSROOM
    p.fillRect(QRectF(0, 0, w, h), qcolor(th.color("background")))
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    answering = any(f.chapter_key == ANSWER_CHAPTER for f in pair.frames)  # the norm step too: no jump in size
    canvas = pair.frames[0].canvas
    rows = answer_rows(w, h, canvas) if answering else 0
    px, rects, scale = _placed(w, h, canvas, rows)
    gap = compare_layout.gap_px(w)
    part, title_row = drawn_part(canvas), title_rect(canvas)
    answers = [answer_of(f, lang, rows) for f in pair.frames] if answering else [None, None]
    p.setPen(qcolor(th.color("title")))
    _title(p, broken(text(lang, "compare.title", title=step_title(pair, lang)), vector),
           QRectF(rects[0].x(), rects[0].y() - px * 2.8, rects[1].right() - rects[0].x(), px * 2.4), px)
    for k, frame in enumerate(pair.frames):
        scene = scenes[k] if scenes else ClassroomScene(theme=theme)
        scene.set_frame(without_board(about(frame)), theme)
        rect = rects[k]
        paint_scene(scene, p, w, h, transparent=True, vector=vector, source=part, target=rect, whole=whole)
        # the class's sentence where its own title would be, left of the card legend when there is one
        room = QRectF(rect.x() + (title_row.x() - part.x()) * scale, rect.y() + (title_row.y() - part.y()) * scale,
                      (title_row.width() if not scene.legend.isVisible()
                       else scene.legend.area.x() - 24 - title_row.x()) * scale, title_row.height() * scale)
        room.setRight(min(room.right(), rect.right()))  # the title row spans the whole canvas, wider than the part drawn
        p.setPen(qcolor(th.color("text")))
        _label(p, broken(class_label(pair, k, lang), vector), room, px)
        _outline_changed(p, frame, rect, pair.changed_most, part)
        # no blackboard, so no probability chart: each class's top guesses under its own classroom
        paint_answer(p, answers[k], QRectF(rect.x(), rect.bottom() + gap, rect.width(), block_height(px, rows)), px,
                     shared_top(answers), th)
    p.setPen(qcolor(th.color("text")))
    under = broken(caption(pair, lang), vector)  # a picture's keeps each 「…」 on one line
    bottom = rects[0].bottom() + gap + (block_height(px, rows) + gap if rows else 0.0)
    room = QRectF(rects[0].x(), bottom, rects[1].right() - rects[0].x(), h - bottom)
    flags = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
    p.setFont(fonts.font(caption_px(under, room, px, flags), False))
    p.drawText(room, flags, under)


LEAST_CAPTION = 0.75  # of the text size: the smallest a long caption is drawn, to fit the page below the classes


def caption_px(said: str, room: QRectF, px: float, flags) -> float:
    """The caption's size: px, or smaller (down to LEAST_CAPTION of it) where its lines would run off the page's
    foot (teacher34 #4: a caption naming two what-if edits lost its last line at 1920 x 1080)."""
    size = px
    while size > px * LEAST_CAPTION and QFontMetricsF(fonts.font(size, False)).boundingRect(
            room, int(flags), said).height() > room.height():
        size = max(px * LEAST_CAPTION, size * 0.94)
    return size


def broken(said: str, vector: bool = False) -> str:
    """A comparison's words as a picture breaks them: Japanese between phrases only, each 「…」 whole (teacher34 #11:
    the label's sentence broke as 「…座っ / た」, the caption as 「クラ / ス2」); a PDF's text stays plain, to search."""
    return said if vector else wrapping(unbroken_quotes(said))


def _title(p: QPainter, title: str, room: QRectF, px: float) -> None:
    """The comparison's title on one line, smaller (down to px) where it is too wide, else on two lines: a long
    step's title ran off a 1024 x 768 page ("… (dot product) · discussion")."""
    size = px * 1.2
    width = QFontMetricsF(fonts.font(size, True)).horizontalAdvance(title)
    size = max(px, size * min(1.0, 0.98 * room.width() / max(width, 1.0)))
    p.setFont(fonts.font(size, True))
    wraps = QFontMetricsF(p.font()).horizontalAdvance(title) > room.width()
    p.drawText(room, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | (
        Qt.TextFlag.TextWordWrap if wraps else Qt.AlignmentFlag(0)), title)


def _label(p: QPainter, label: str, room: QRectF, px: float) -> None:
    """A class's sentence in its room beside the card legend: one line, smaller (down to 0.7 px) where it is too
    wide; else two lines as big as the room holds (at answer time the legend names two notebooks and cut a
    sentence at 1024 x 768: "Class 1: The cat sat on…"); only a sentence even two lines cannot hold ends in "…"."""
    size = max(px * 0.9, min(room.height() * 0.6, px * 1.1))
    fits = QFontMetricsF(fonts.font(size, True)).horizontalAdvance(label)
    size = max(px * 0.7, size * min(1.0, 0.97 * room.width() / max(fits, 1.0)))
    flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
    if QFontMetricsF(fonts.font(size, True)).horizontalAdvance(label) > room.width():
        two = min(size, room.height() / 2.5)
        wrapped = QFontMetricsF(fonts.font(two, True)).boundingRect(room, int(flags | Qt.TextFlag.TextWordWrap), label)
        if wrapped.height() <= room.height() + 0.5 and wrapped.width() <= room.width() + 0.5:
            p.setFont(fonts.font(two, True))
            p.drawText(room, flags | Qt.TextFlag.TextWordWrap, label)
            return
    p.setFont(fonts.font(size, True))
    label = QFontMetricsF(p.font()).elidedText(label, Qt.TextElideMode.ElideRight, room.width())  # a long sentence: "…"
    p.drawText(room, flags, label)


def without_board(frame):
    """The frame as a comparison draws it: without its title and its blackboard's lines, strips and charts (the
    compared canvas's board is a narrow strip outside the part drawn, compare_layout; answer_of reads the chart)."""
    return replace(frame, title="", board=[], board_more=0, board_worked=-1, board_strips=[], bars=None,
                   bars_beside=None)


def step_title(pair: Pair, lang: str) -> str:
    """The step's title, without the what-if mark a class with edits puts on its own title: the comparison's title
    spans both classes, and only the class with the edits is not the model's own (its label says so)."""
    title = pair.frames[0].title
    if pair.frames[0].edits:
        before, after = text(lang, "whatif.title", title="\0").split("\0")
        title = title.removeprefix(before).removesuffix(after) if after else title.removeprefix(before)
    return title


def class_label(pair: Pair, k: int, lang: str) -> str:
    """"Class 1: The cat sat on the mat"; when a class carries what-if edits (the window's, or --set, on the first
    class only), "Class 1 (what if: 1 edit): …" ("2 edits"; teacher36 #11b: not "1 edit(s)") and "Class 2 (the
    model's own): …", so that neither is mistaken for the other (teacher5 L3)."""
    sentence, edits = sentence_label(pair, k), len(pair.frames[k].edits)
    if edits:
        return text(lang, "compare.class_whatif_one" if edits == 1 else "compare.class_whatif", n=k + 1,
                    sentence=sentence, k=edits)
    if any(f.edits for f in pair.frames):
        return text(lang, "compare.class_own", n=k + 1, sentence=sentence)
    return text(lang, "compare.class", n=k + 1, sentence=sentence)


def sentence_label(pair: Pair, k: int) -> str:
    """Class k's sentence as typed (unknown words whole), on one line; else its students' words joined by the
    sentence's own script (spaces between English words, none in Japanese), never by the UI's language. A symbol
    the font lacks is written as its code, as on the desks (🧶: ⟨U+1F9F6⟩)."""
    typed = drawable(" ".join(pair.texts[k].split())) if pair.texts else ""
    return typed or joined([s.text for s in pair.frames[k].students])


def _outline_changed(p: QPainter, frame, rect: QRectF, change, part: QRectF | None = None) -> None:
    """The classmate whose share changed most: a thick vermillion frame around the desk (`rect`: where the drawn
    `part` of the frame's canvas is drawn); none when no share changed."""
    if not change or not change.get("changed", True) or change["seat"] - 1 >= len(frame.students):
        return
    part = part or drawn_part(frame.canvas)
    s = frame.students[change["seat"] - 1]
    k = rect.width() / part.width()
    x, y = rect.x() + (s.x - part.x()) * k, rect.y() + (s.y - part.y()) * k
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(qcolor(palette.OKABE_ITO["vermillion"]), max(2.0, 6 * k)))
    p.drawRoundedRect(QRectF(x - 6 * k, y - 6 * k, (s.w + 12) * k, (s.h + 12) * k), 6, 6)


# the writers of formats.COMPARE_PICTURES and COMPARE_DECKS ---------------------------------------------

def write_png(pair: Pair, tmp: Path, size, theme, lang: str) -> None:
    save_png(render_pair(pair, size, theme, lang=lang, whole=True), tmp, alpha=False)


def write_pdf(pair: Pair, tmp: Path, size, theme, lang: str) -> None:
    write_deck_pdf([pair], tmp, size, theme, lang, None)


def write_deck_pdf(pairs: list[Pair], tmp: Path, size, theme, lang: str, progress) -> None:
    """A page per pair, each the comparison drawn as vectors: its words stay text (selectable, searchable)."""
    scenes = _scenes(theme)
    with pdf_pages(tmp, size, pairs[0].frames[0].title) as (writer, painter):
        for i, pair in enumerate(pairs):
            if i:
                writer.newPage()
            paint_pair(painter, pair, writer.width(), writer.height(), theme, scenes, lang, vector=True, whole=True)
            tick(progress, i + 1, len(pairs))


def write_deck_folder(pairs: list[Pair], path: Path, size, theme, lang: str, progress) -> Path:
    """Numbered PNGs and notes.txt: "001.png<TAB>title<TAB>the change", a column fewer than the lesson's deck
    (deck.write_folder): a comparison has no speaker notes (no PPTX, no blackboard to point at)."""
    scenes = _scenes(theme)
    slides = ((render_pair(pair, size, theme, scenes, lang, whole=True),
               f"{pair.frames[0].title}\t{caption(pair, lang)}") for pair in pairs)
    return write_png_folder(slides, len(pairs), path, progress)


def save_compare_deck(pairs: list[Pair], path, size, theme=None, lang: str = "en", progress=None) -> Path:
    """One slide per pair: a PDF, or a folder of numbered PNGs with notes.txt (formats.COMPARE_DECKS)."""
    return save_slides(pairs, path, COMPARE_DECKS, size, theme, lang, progress)


def save_compare_video(pairs, count: int, path, fps: int, size, theme=None, lang: str = "en", progress=None,
                       repeats=None) -> Path:
    """`pairs` drawn, pair i repeats[i] times (export.pace.paced_shots), `count` pictures in all."""
    scenes = _scenes(theme)
    return write_pictures(lambda: held((render_pair(pair, size, theme, scenes, lang, whole=True) for pair in pairs),
                                       repeats), count, path, fps, size, progress)


def said(pair: Pair, lang: str) -> str:
    """What a compared picture says, for how long a video holds it (export.pace): its title and its caption."""
    return text(lang, "compare.title", title=step_title(pair, lang)) + caption(pair, lang)


def _scenes(theme) -> tuple[ClassroomScene, ClassroomScene]:  # one per class, reused for every picture
    return ClassroomScene(theme=theme), ClassroomScene(theme=theme)
