"""A comparison drawn: two classes side by side at the same step (each drawn exactly as its own export draws
it), the classmate whose share changed most outlined in both, and one line saying from what to what. Saved as
a PNG or PDF picture, a PDF or PNG-folder deck (formats.COMPARE_PICTURES, COMPARE_DECKS), or an MP4/GIF
video (formats.VIDEOS).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter, QPen

from ..lesson.compare import Pair, changed_text
from ..lesson.frame import CANVAS_H, CANVAS_W
from ..lesson.strings import joined, text
from ..scene import fonts, palette
from ..scene.classroom import ClassroomScene
from ..scene.items import qcolor
from ..scene.render import render_frame
from .deck import save_slides, write_png_folder
from .files import tick
from .formats import COMPARE_DECKS
from .pictures import pdf_pages
from .png import save_png
from .video import write_pictures


def render_pair(pair: Pair, size, theme=None, scenes=None, lang: str = "en") -> QImage:
    """The two frames side by side on one size[0] x size[1] picture, with their sentences and the change."""
    w, h = (int(v) for v in size)
    th = theme or palette.CLASSROOM
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(qcolor(th.color("background")))
    gap = w * 0.012
    pw = (w - 3 * gap) / 2
    ph = pw * CANVAS_H / CANVAS_W
    top = max((h - ph) / 2, h * 0.12)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    try:
        px = max(12.0, h * 0.026)
        p.setPen(qcolor(th.color("title")))
        p.setFont(fonts.font(px * 1.2, True))
        p.drawText(QRectF(gap, top - px * 5.2, w - 2 * gap, px * 2.4), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   text(lang, "compare.title", title=pair.frames[0].title))
        for k, frame in enumerate(pair.frames):
            scene = scenes[k] if scenes else ClassroomScene(theme=theme)
            picture = render_frame(frame, (round(pw), round(ph)), theme, scene=scene)
            rect = QRectF(gap + k * (pw + gap), top, pw, ph)
            p.drawImage(rect, picture)
            p.setFont(fonts.font(px * 0.9, True))
            p.setPen(qcolor(th.color("text")))
            label = text(lang, "compare.class", n=k + 1, sentence=sentence_label(pair, k))
            label = QFontMetricsF(p.font()).elidedText(label, Qt.TextElideMode.ElideRight, pw)  # a long sentence: "…"
            p.drawText(QRectF(rect.x(), top - px * 2.4, pw, px * 2.2), Qt.AlignmentFlag.AlignVCenter, label)
            _outline_changed(p, frame, rect, pair.changed_most)
        p.setFont(fonts.font(px, False))
        p.setPen(qcolor(th.color("text")))
        p.drawText(QRectF(gap, top + ph + gap, w - 2 * gap, h - top - ph - gap),
                   Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                   changed_text(lang, pair.changed_most))
    finally:
        p.end()
    return image


def sentence_label(pair: Pair, k: int) -> str:
    """Class k's sentence as typed (unknown words whole), on one line; else its students' words joined by the
    sentence's own script (spaces between English words, none in Japanese), never by the UI's language."""
    typed = " ".join(pair.texts[k].split()) if pair.texts else ""
    return typed or joined([s.text for s in pair.frames[k].students])


def _outline_changed(p: QPainter, frame, rect: QRectF, change) -> None:
    """The classmate whose share changed most: a thick vermillion frame around the desk."""
    if not change or not change.get("changed", True) or change["seat"] - 1 >= len(frame.students):
        return
    s = frame.students[change["seat"] - 1]
    k = rect.width() / CANVAS_W
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(qcolor(palette.OKABE_ITO["vermillion"]), max(2.0, 6 * k)))
    p.drawRoundedRect(QRectF(rect.x() + (s.x - 6) * k, rect.y() + (s.y - 6) * k, (s.w + 12) * k, (s.h + 12) * k), 6, 6)


# the writers of formats.COMPARE_PICTURES and COMPARE_DECKS ---------------------------------------------

def write_png(pair: Pair, tmp: Path, size, theme, lang: str) -> None:
    save_png(render_pair(pair, size, theme, lang=lang), tmp, alpha=False)


def write_pdf(pair: Pair, tmp: Path, size, theme, lang: str) -> None:
    write_deck_pdf([pair], tmp, size, theme, lang, None)


def write_deck_pdf(pairs: list[Pair], tmp: Path, size, theme, lang: str, progress) -> None:
    """A page per pair, each the comparison's picture filling the page."""
    scenes = _scenes(theme)
    with pdf_pages(tmp, size, pairs[0].frames[0].title) as (writer, painter):
        for i, pair in enumerate(pairs):
            if i:
                writer.newPage()
            painter.drawImage(QRectF(0, 0, writer.width(), writer.height()), render_pair(pair, size, theme, scenes, lang))
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
