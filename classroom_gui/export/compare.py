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

from ..lesson.compare import ANSWER_CHAPTER, Pair, answer_of, changed_text
from ..lesson.canvas import WIDESCREEN
from ..lesson.strings import joined, text
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
from .video import write_pictures


# The part of each class's canvas a comparison shows: the desks, their links and the labels above the first row
# (link_labels.ROOM) and the card legend, without the blackboard and the caption; each frame is drawn without its
# title (the comparison has its own, and a clipped title would reach a PDF as hidden text). Two whole
# canvases side by side drew every text at 0.49 of the lesson's size (card numbers 7 px at 1080p); two classrooms
# draw it at 0.72 (tests/test_compare_layout.py measures both sizes). A comparison's classes are always seated on
# the 16:9 canvas (whose classroom is the wider of the two: two of them side by side fill a 16:9 or a 4:3 page).
CLASSROOM = QRectF(4, 4, WIDESCREEN.board[0] - 8, WIDESCREEN.caption_y - 14)
TITLE = title_rect(WIDESCREEN)


def pair_layout(w: float, h: float, answers: bool = False) -> tuple[float, tuple[QRectF, QRectF], float]:
    """Where a w x h comparison draws its two classrooms (CLASSROOM scaled, side by side, centred with room
    for the title above and the change below, and at answer time each class's answer list between them):
    (text size px, the two rectangles, scale)."""
    px, gap = _text_px(h), w * 0.012
    above, below = px * 3.0, px * 3.2
    if answers:
        below += block_height(px, answer_rows(w, h)) + gap
    scale = min((w - 3 * gap) / 2 / CLASSROOM.width(), (h - above - below - gap) / CLASSROOM.height())
    cw, ch = CLASSROOM.width() * scale, CLASSROOM.height() * scale
    left = (w - 2 * cw - gap) / 2
    top = above + max(0.0, (h - above - below - ch) / 2)
    return px, (QRectF(left, top, cw, ch), QRectF(left + cw + gap, top, cw, ch)), scale


def _text_px(h: float) -> float:
    return max(12.0, h * 0.026)


def answer_rows(w: float, h: float) -> int:
    """The guesses each class lists at answer time: as many as the height the width-limited classrooms leave
    holds (compare_answer.rows_that_fit), so listing them never makes the classrooms smaller on a 16:9 or 4:3 page."""
    px, gap = _text_px(h), w * 0.012
    wide = (w - 3 * gap) / 2 / CLASSROOM.width()
    return rows_that_fit(h - px * 6.2 - 2 * gap - CLASSROOM.height() * wide, px)


def render_pair(pair: Pair, size, theme=None, scenes=None, lang: str = "en") -> QImage:
    """The two classes side by side on one size[0] x size[1] picture, with their sentences and the change."""
    w, h = (int(v) for v in size)
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    p = QPainter(image)
    try:
        paint_pair(p, pair, w, h, theme, scenes, lang)
    finally:
        p.end()
    return image


def paint_pair(p: QPainter, pair: Pair, w: float, h: float, theme=None, scenes=None, lang: str = "en",
               vector: bool = False) -> None:
    """The comparison drawn on `p` over w x h: for a picture, or (vector) a PDF page whose words stay text."""
    th = theme or palette.CLASSROOM
    p.fillRect(QRectF(0, 0, w, h), qcolor(th.color("background")))
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    answering = any(f.chapter_key == ANSWER_CHAPTER for f in pair.frames)  # the norm step too: no jump in size
    px, rects, scale = pair_layout(w, h, answering)
    gap = w * 0.012
    rows = answer_rows(w, h) if answering else 0
    answers = [answer_of(f, lang, rows) for f in pair.frames] if answering else [None, None]
    p.setPen(qcolor(th.color("title")))
    p.setFont(fonts.font(px * 1.2, True))
    p.drawText(QRectF(rects[0].x(), rects[0].y() - px * 2.8, rects[1].right() - rects[0].x(), px * 2.4),
               Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text(lang, "compare.title", title=step_title(pair, lang)))
    for k, frame in enumerate(pair.frames):
        scene = scenes[k] if scenes else ClassroomScene(theme=theme)
        scene.set_frame(replace(frame, title=""), theme)
        rect = rects[k]
        paint_scene(scene, p, w, h, transparent=True, vector=vector, source=CLASSROOM, target=rect)
        # the class's sentence where its own title would be, left of the card legend when there is one
        room = QRectF(rect.x() + (TITLE.x() - CLASSROOM.x()) * scale, rect.y() + (TITLE.y() - CLASSROOM.y()) * scale,
                      (TITLE.width() if not scene.legend.isVisible() else scene.legend.area.x() - 24 - TITLE.x()) * scale,
                      TITLE.height() * scale)
        room.setRight(min(room.right(), rect.right()))  # TITLE spans the blackboard too, which a comparison leaves out
        label = class_label(pair, k, lang)
        size = max(px * 0.9, min(room.height() * 0.6, px * 1.1))
        fits = QFontMetricsF(fonts.font(size, True)).horizontalAdvance(label)
        p.setFont(fonts.font(max(px * 0.7, size * min(1.0, 0.97 * room.width() / max(fits, 1.0))), True))  # smaller before "…"
        p.setPen(qcolor(th.color("text")))
        label = QFontMetricsF(p.font()).elidedText(label, Qt.TextElideMode.ElideRight, room.width())  # a long sentence: "…"
        p.drawText(room, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
        _outline_changed(p, frame, rect, pair.changed_most)
        # no blackboard, so no probability chart: each class's top guesses under its own classroom
        paint_answer(p, answers[k], QRectF(rect.x(), rect.bottom() + gap, rect.width(), block_height(px, rows)), px,
                     shared_top(answers), th)
    p.setFont(fonts.font(px, False))
    p.setPen(qcolor(th.color("text")))
    bottom = rects[0].bottom() + gap + (block_height(px, rows) + gap if rows else 0.0)
    p.drawText(QRectF(rects[0].x(), bottom, rects[1].right() - rects[0].x(), h - bottom),
               Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
               changed_text(lang, pair.changed_most))


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
    class only), "Class 1 (what if: 1 edit(s)): …" and "Class 2 (the model's own): …", so that neither is mistaken
    for the other (teacher5 L3)."""
    sentence, edits = sentence_label(pair, k), len(pair.frames[k].edits)
    if edits:
        return text(lang, "compare.class_whatif", n=k + 1, sentence=sentence, k=edits)
    if any(f.edits for f in pair.frames):
        return text(lang, "compare.class_own", n=k + 1, sentence=sentence)
    return text(lang, "compare.class", n=k + 1, sentence=sentence)


def sentence_label(pair: Pair, k: int) -> str:
    """Class k's sentence as typed (unknown words whole), on one line; else its students' words joined by the
    sentence's own script (spaces between English words, none in Japanese), never by the UI's language."""
    typed = " ".join(pair.texts[k].split()) if pair.texts else ""
    return typed or joined([s.text for s in pair.frames[k].students])


def _outline_changed(p: QPainter, frame, rect: QRectF, change) -> None:
    """The classmate whose share changed most: a thick vermillion frame around the desk (`rect`: where the
    CLASSROOM part of the canvas is drawn); none when no share changed."""
    if not change or not change.get("changed", True) or change["seat"] - 1 >= len(frame.students):
        return
    s = frame.students[change["seat"] - 1]
    k = rect.width() / CLASSROOM.width()
    x, y = rect.x() + (s.x - CLASSROOM.x()) * k, rect.y() + (s.y - CLASSROOM.y()) * k
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(qcolor(palette.OKABE_ITO["vermillion"]), max(2.0, 6 * k)))
    p.drawRoundedRect(QRectF(x - 6 * k, y - 6 * k, (s.w + 12) * k, (s.h + 12) * k), 6, 6)


# the writers of formats.COMPARE_PICTURES and COMPARE_DECKS ---------------------------------------------

def write_png(pair: Pair, tmp: Path, size, theme, lang: str) -> None:
    save_png(render_pair(pair, size, theme, lang=lang), tmp, alpha=False)


def write_pdf(pair: Pair, tmp: Path, size, theme, lang: str) -> None:
    write_deck_pdf([pair], tmp, size, theme, lang, None)


def write_deck_pdf(pairs: list[Pair], tmp: Path, size, theme, lang: str, progress) -> None:
    """A page per pair, each the comparison drawn as vectors: its words stay text (selectable, searchable)."""
    scenes = _scenes(theme)
    with pdf_pages(tmp, size, pairs[0].frames[0].title) as (writer, painter):
        for i, pair in enumerate(pairs):
            if i:
                writer.newPage()
            paint_pair(painter, pair, writer.width(), writer.height(), theme, scenes, lang, vector=True)
            tick(progress, i + 1, len(pairs))


def write_deck_folder(pairs: list[Pair], path: Path, size, theme, lang: str, progress) -> Path:
    scenes = _scenes(theme)
    slides = ((render_pair(pair, size, theme, scenes, lang), f"{pair.frames[0].title}\t{changed_text(lang, pair.changed_most)}")
              for pair in pairs)
    return write_png_folder(slides, len(pairs), path, progress)


def save_compare_deck(pairs: list[Pair], path, size, theme=None, lang: str = "en", progress=None) -> Path:
    """One slide per pair: a PDF, or a folder of numbered PNGs with notes.txt (formats.COMPARE_DECKS)."""
    return save_slides(pairs, path, COMPARE_DECKS, size, theme, lang, progress)


def save_compare_video(pairs, count: int, path, fps: int, size, theme=None, lang: str = "en", progress=None) -> Path:
    scenes = _scenes(theme)
    return write_pictures(lambda: (render_pair(pair, size, theme, scenes, lang) for pair in pairs), count, path, fps,
                          size, progress)


def _scenes(theme) -> tuple[ClassroomScene, ClassroomScene]:  # one per class, reused for every picture
    return ClassroomScene(theme=theme), ClassroomScene(theme=theme)
