"""teacher32 #7: a class of 30's share chart in F5 (the usual board: bars too thin for names or values) named no bar at
all; now the tallest bars say their names and values under them. And GPT-2's listening chart, asker 2 of 58 in turn
(2 heard), was 58 hairlines with no values, where the softmax chart before it had 2 bars: it charts the same bars."""
from __future__ import annotations

from pathlib import Path

from classroom_gui.lesson.canvas import FOUR_THREE
from classroom_gui.lesson.context import default_focus
from classroom_gui.lesson.state import Selection, frame_at, prepared_run, timeline_for
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

FIXTURES = Path(__file__).parent / "fixtures"
PARAGRAPH = "昨日、猫がマットの上に座った。犬は箱の中で寝た。私は🐱を見て、とても笑った。"


def _last(trace, sel, chapter):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = max(i for i, b in enumerate(timeline.beats) if b.chapter == chapter)
    return frame_at(trace, sel, timeline.beat_stop(i))


def test_a_crowded_share_chart_names_its_tallest_bars(qapp, checkpoint):
    from PySide6.QtGui import QImage, QPainter

    from classroom_gui.scene.classroom import ClassroomScene

    trace = prepared_run(checkpoint, PARAGRAPH, "none").trace
    sel = Selection(focus=default_focus(trace.tokens, "none"), lang="ja", rule="none", canvas=FOUR_THREE)
    for chapter in ("softmax", "listening"):
        frame = _last(trace, sel, chapter)
        assert frame.bars is not None and len(frame.bars.values) == trace.n_tokens == 30
        scene = ClassroomScene()
        scene.set_frame(frame)
        chart = scene.board.bars
        img = QImage(1440, 1080, QImage.Format.Format_ARGB32)
        p = QPainter(img)
        scene.render(p)  # (the chart lays its names out as it paints them)
        p.end()
        values = frame.bars.values
        tallest = sorted(range(len(values)), key=lambda i: -values[i])[:3]
        said = " / ".join(text for text, _ in chart.name_boxes)
        for i in tallest:
            assert frame.bars.labels[i] in said, (chapter, frame.bars.labels[i], said)
            assert chart.value_texts[i], (chapter, i)


def test_gpt2_listening_charts_the_bars_softmax_did(qapp):
    trace = run_sentence(load_checkpoint(FIXTURES / "tiny_gpt2"), PARAGRAPH, "causal").trace
    sel = Selection(focus=1, lang="ja", rule="causal", canvas=FOUR_THREE)
    softmax, listening = _last(trace, sel, "softmax"), _last(trace, sel, "listening")
    assert trace.n_tokens > 50
    assert softmax.bars.labels == listening.bars.labels and len(listening.bars.labels) < 10
