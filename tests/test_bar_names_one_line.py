"""teacher30 #7: on chapter 6's two charts at 1024×768 the bar names stood one character a line (「マ/ッ/ト」「座/っ/た」),
as every Japanese name under bars too thin for it across did (a 16-word sentence's share chart). A name is never
broken: it is written on one line, across (on up to three rows) or turned, whole or cut with "…"."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

SEED = "猫がマットの上に座った"
MANY = {"en": "the cat sat on the mat and the dog sat on the rug and the bird sang in the tree",
        "ja": "猫がマットの上に座って犬が床の上で寝て鳥が木の上で歌った日"}


def one_line(name: str, box: QRectF, fm: QFontMetricsF, line: float) -> bool:
    """Whether a name's ink box is one line of it: across (its width, a line high) or turned (its width high, a line
    wide); a stack of characters is a character wide and a line a character high."""
    ink = fm.horizontalAdvance(name)
    across = abs(box.width() - ink) < 0.5 and box.height() <= line + 0.5
    turned = abs(box.height() - ink) < 0.5 and abs(box.width() - fm.height()) < 0.5
    return across or turned


def charts_of(checkpoint, text: str, lang: str, chapter: str, size: tuple[int, int], n: int | None = None):
    from classroom_gui.scene import fonts
    from classroom_gui.scene.classroom import ClassroomScene

    trace = compute_run(checkpoint, text, mask="causal").trace
    if n is not None:
        trace = compute_run(checkpoint, ("" if lang == "ja" else " ").join(trace.tokens[:n]), mask="causal").trace
    frame = frame_at(trace, Selection(focus=trace.n_tokens - 1, lang=lang, rule="causal", canvas=canvas_for(*size)),
                     timeline_for(trace.n_tokens, trace.config.n_layer).chapter_end(chapter))
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        image = QImage(*size, QImage.Format.Format_ARGB32)
        p = QPainter(image)
        scene.render(p, QRectF(0, 0, *size), scene.sceneRect())  # laid out and painted as an export does
        p.end()
        out = []
        for chart in (scene.board.bars, scene.board.beside):
            if chart.bars is not None and chart.isVisible() and chart.name_boxes:
                label_px = chart._geometry()[1]
                out.append((list(chart.bars.labels), list(chart.name_boxes),
                            QFontMetricsF(fonts.font(label_px)), label_px * 1.6))
        return out
    finally:
        scene.clear()


@pytest.mark.parametrize("text, lang, chapter, n", [(SEED, "ja", "mask", None), (SEED, "ja", "answer", None),
                                                    (MANY["ja"], "ja", "softmax", 16), (MANY["en"], "en", "softmax", 16),
                                                    (MANY["ja"], "ja", "mask", 11)])
@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_no_bar_name_is_broken_inside(qapp, checkpoint, text, lang, chapter, n, size):
    charts = charts_of(checkpoint, text, lang, chapter, size, n)
    assert charts, (chapter, size)
    for labels, names, fm, line in charts:
        for name, box in names:
            assert name in labels or name.endswith("…") and any(t.startswith(name[:-1]) for t in labels), name
            assert len(name) < 2 or one_line(name, box, fm, line), (size, name, box)
        for k, (a, ra) in enumerate(names):  # and apart from each other (4 px, as turned names keep)
            for b, rb in names[k + 1:]:
                assert not ra.adjusted(-2, 0, 2, 0).intersects(rb.adjusted(-2, 0, 2, 0)), (size, a, b)
