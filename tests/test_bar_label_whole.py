"""teacher20 L1: with 11 students chapter 6's two charts (and the softmax chart of a big class) say only the
highlighted bar's value and name, centred on its bar; on the rightmost bar they ran past the chart's edge and were
cut: 「0.47」 read 「0.4ɺ」 and 「遊んだ」 「遊ん」 at 1024×768, and in the window (16:9) 「遊んだ」 went altogether. Every value
and name a chart paints now lies inside the chart, and the highlighted bar's are whole: 6-12 students, en and ja,
at 1024×768 (4:3) and 1920×1080 (16:9, the window's canvas at any size)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.numbers import fmt
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

WORDS = {"ja": ["少年", "が", "雨", "の", "日", "に", "公園", "で", "友達", "と", "遊んだ", "よ"],
         "en": "the boy played with his friends in the park on a rainy afternoon".split()}


def painted(scene, size) -> None:
    image = QImage(*size, QImage.Format.Format_ARGB32)
    p = QPainter(image)
    scene.render(p, QRectF(0, 0, *size), scene.sceneRect())
    p.end()


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("n", [6, 9, 11, 12])
def test_every_value_and_name_a_chart_paints_is_whole_and_inside_it(qapp, checkpoint, lang, n):
    from classroom_gui.scene.classroom import ClassroomScene

    words = WORDS[lang][:n - 1] + ([WORDS[lang][10]] if lang == "ja" else ["friends"])  # a long name seated last
    trace = run_sentence(checkpoint, ("" if lang == "ja" else " ").join(words), "none").trace
    assert trace.n_tokens == n
    timeline = timeline_for(n, trace.config.n_layer)
    charts = 0
    for size in ((1024, 768), (1920, 1080)):
        for chapter in ("mask", "softmax"):
            frame = frame_at(trace, Selection(focus=n - 1, lang=lang, canvas=canvas_for(*size)),
                             timeline.chapter_end(chapter))
            scene = ClassroomScene()
            try:
                scene.set_frame(frame)
                painted(scene, size)
                for chart in (scene.board.bars, scene.board.beside):
                    if chart.bars is None or not chart.isVisible():
                        continue
                    charts += 1
                    area, bars = chart.area, chart.bars
                    for what, box in chart.value_boxes + chart.name_boxes:
                        assert area.left() - 0.5 <= box.left() and box.right() <= area.right() + 0.5, \
                            f"{size} {chapter}: {what!r} leaves the chart"
                    hl = bars.highlight
                    if 0 <= hl < len(bars.values):
                        assert fmt(bars.values[hl]) in [v for v, _ in chart.value_boxes], (size, chapter)
                        assert bars.labels[hl] in [name for name, _ in chart.name_boxes], (size, chapter)
            finally:
                scene.clear()
    assert charts >= 6  # chapter 6's two charts and the softmax chart, at both sizes


def test_the_answer_charts_names_take_the_room_their_short_neighbours_leave(qapp, checkpoint):
    """At 1024×768 the answer chart's ten guesses take two rows of names, each as wide as two slots: 「yesterday」 was
    cut to 「yester…」 between 「kind」 and 「today」. A name may now take the room its row's neighbours leave at their
    whole width: every name whole, inside the chart, and apart from the names beside it."""
    from classroom_gui.scene.classroom import ClassroomScene

    full = run_sentence(checkpoint, "the boy played with his friends in the park on a rainy day", "none").trace
    trace = run_sentence(checkpoint, " ".join(full.tokens[:12]), "none").trace
    frame = frame_at(trace, Selection(focus=trace.n_tokens - 1, lang="en", canvas=canvas_for(1024, 768)),
                     timeline_for(trace.n_tokens, trace.config.n_layer).chapter_end("answer"))
    assert "yesterday" in frame.bars.labels  # (the guess that was cut)
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        painted(scene, (1024, 768))
        chart = scene.board.bars
        names = chart.name_boxes
        assert [name for name, _ in names] == list(frame.bars.labels)  # whole
        for k, (a, ra) in enumerate(names):
            assert chart.area.left() <= ra.left() and ra.right() <= chart.area.right() + 1, a
            for b, rb in names[k + 1:]:
                assert not ra.adjusted(-3, 0, 3, 0).intersects(rb.adjusted(-3, 0, 3, 0)), f"{a!r} and {b!r} touch"
    finally:
        scene.clear()
