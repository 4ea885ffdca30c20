"""The names under the board's bars stay apart: in the Japanese answer chapter 「座った」「立った」「優しい」 each
filled its slot and read as one word (at 1920×1080 and, smaller still, at 1024×768); names too wide for a
slot now take two rows, so every painted name keeps a gap from its neighbours on the picture."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

GAP_PX = 6.0  # canvas pixels between two names' ink


@pytest.mark.parametrize("text,lang,chapter", [("猫がマットの上に座った", "ja", "answer"),
                                               ("The cat sat on the mat", "en", "answer"),
                                               ("猫がマットの上に座った", "ja", "softmax")])
def test_bar_names_keep_apart(qapp, checkpoint, text, lang, chapter):
    from classroom_gui.scene.classroom import ClassroomScene
    trace = compute_run(checkpoint, text, mask="causal").trace
    frame = frame_at(trace, Selection(focus=trace.n_tokens - 1, lang=lang),
                     timeline_for(trace.n_tokens, trace.config.n_layer).chapter_end(chapter))
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        bars = scene.board.bars
        for size in ((1920, 1080), (1024, 768)):  # paint as an export does, at both sizes
            image = QImage(*size, QImage.Format.Format_ARGB32)
            p = QPainter(image)
            scene.render(p, QRectF(0, 0, *size), scene.sceneRect())
            p.end()
            names = bars.name_boxes
            assert len(names) == len(frame.bars.labels), names
            assert all(name != "…" for name, _ in names)
            for k, (a, ra) in enumerate(names):
                for b, rb in names[k + 1:]:
                    near = ra.adjusted(-GAP_PX / 2, 0, GAP_PX / 2, 0)
                    assert not near.intersects(rb.adjusted(-GAP_PX / 2, 0, GAP_PX / 2, 0)), \
                        f"{size}: {a!r} and {b!r} run together"
                assert bars.area.left() <= ra.left() and ra.right() <= bars.area.right() + 1, f"{a!r} leaves the chart"
    finally:
        scene.clear()


MANY = {"en": "the cat sat on the mat and the dog sat on the rug and the bird sang in the tree",
        "ja": "猫がマットの上に座って犬が床の上で寝て鳥が木の上で歌った日"}


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("n, size", [(11, (1024, 768)), (13, (1024, 768)), (16, (1024, 768)), (16, (1920, 1080)),
                                     (20, (1920, 1080))])
def test_a_big_class_keeps_its_bar_names(qapp, checkpoint, lang, n, size):
    """teacher7 L1: with 11 or more students the share chart drew no names (4:3) and bars could be matched only
    through the board's list; where upright names do not fit they are drawn turned, one under each bar, apart."""
    from classroom_gui.lesson.canvas import canvas_for
    from classroom_gui.scene.classroom import ClassroomScene

    tokens = compute_run(checkpoint, MANY[lang], mask="causal").trace.tokens[:n]
    trace = compute_run(checkpoint, ("" if lang == "ja" else " ").join(tokens), mask="causal").trace
    assert trace.n_tokens == n
    frame = frame_at(trace, Selection(focus=n - 1, lang=lang, canvas=canvas_for(*size)),
                     timeline_for(n, trace.config.n_layer).chapter_end("softmax"))
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        image = QImage(*size, QImage.Format.Format_ARGB32)
        p = QPainter(image)
        scene.render(p, QRectF(0, 0, *size), scene.sceneRect())
        p.end()
        bars = scene.board.bars
        names = bars.name_boxes
        shown = [name.rstrip("…︙") for name, _ in names]  # whole, or the start of the name and "…"
        assert len(names) == n and all(shown)
        assert shown == [t[:len(s)] for t, s in zip(frame.bars.labels, shown)]
        slot = bars._geometry()[0]
        for i, (name, box) in enumerate(names):  # under its own bar, apart from the others (on up to 3 rows, fix67)
            cx = bars.area.x() + 52.0 + slot * (i + 0.5)
            assert box.left() <= cx <= box.right() and box.bottom() <= bars.area.bottom() + 1, name
            for other, near in names[i + 1:]:
                assert not box.adjusted(-2, 0, 2, 0).intersects(near.adjusted(-2, 0, 2, 0)), f"{name!r} and {other!r} touch"
    finally:
        scene.clear()


def test_chapter_6s_narrow_charts_write_names_across_in_two_rows_where_they_fit(qapp, checkpoint):
    """teacher8 L4: chapter 6's two charts stood 「マ/ッ/ト」 and 「座/っ/た」 upright beside 「猫」 and 「が」 across.
    Where every name fits across in two slots (16:9), they take two rows across, the last moved left to end at
    the chart's edge; apart, whole and inside each chart. (4:3's thinner slots still write them upright.)"""
    from classroom_gui.scene.classroom import ClassroomScene
    trace = compute_run(checkpoint, "猫がマットの上に座った", mask="causal").trace
    frame = frame_at(trace, Selection(focus=trace.n_tokens - 1, lang="ja", rule="causal"),
                     timeline_for(trace.n_tokens, trace.config.n_layer).chapter_end("mask"))
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        image = QImage(1920, 1080, QImage.Format.Format_ARGB32)
        p = QPainter(image)
        scene.render(p, QRectF(0, 0, 1920, 1080), scene.sceneRect())
        p.end()
        for chart in (scene.board.bars, scene.board.beside):
            names = chart.name_boxes
            assert [n for n, _ in names] == list(frame.bars.labels)  # whole: none cut or stacked
            assert all(r.width() > r.height() for n, r in names if len(n) > 1)  # across, not upright
            for k, (a, ra) in enumerate(names):
                for b, rb in names[k + 1:]:
                    assert not ra.adjusted(-GAP_PX / 2, 0, GAP_PX / 2, 0).intersects(rb), f"{a!r} and {b!r} touch"
                assert chart.area.left() <= ra.left() and ra.right() <= chart.area.right() + 1, a
    finally:
        scene.clear()
