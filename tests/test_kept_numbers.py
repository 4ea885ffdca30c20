"""A card's number seen before in the same cell of a card of the same layout is drawn from where it was placed then
(scene.strip._PLACED: its kept line and point), without looking its layout up or placing it again: the same pixels
as placing every number anew through text_lines.draw_line_centred. Offscreen Qt (see conftest.py)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene import strip, text_lines
from test_kept_marks import canvas, moment


@pytest.fixture(scope="module")
def cards_on_canvas(qapp, checkpoint):
    trace = run_sentence(checkpoint, "the cat sat on the mat", "causal").trace  # 6 students: numbers on the cards
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    view = canvas((1531, 861))  # (a scale that puts the cells at fractions of a pixel)
    view.set_frame(frame_at(trace, Selection(focus=2, rule="causal"), moment(timeline, "cards.value")))
    view.viewport().repaint()
    items = [it for it in view.scene().items() if isinstance(it, strip.StripItem) and it.isVisible()
             and it.view.strip is not None and it.view.cell_texts]
    yield view, items
    view.close()


def painted(view, items):
    """Every card with numbers painted through its view's paint(), in place, at its place on a canvas-sized image."""
    from PySide6.QtGui import QImage, QPainter
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    p = QPainter(image)
    p.setRenderHints(view.renderHints())
    for it in items:
        p.setWorldTransform(it.sceneTransform() * view.viewportTransform())
        it.view.paint(p)
    p.end()
    return image


def test_numbers_seen_in_their_cells_are_drawn_where_they_were_placed(cards_on_canvas, monkeypatch):
    view, items = cards_on_canvas
    numbers = sum(len(it.view.cell_texts) for it in items)
    assert len(items) >= 6 and numbers >= 40
    strip._PLACED.clear()
    first = painted(view, items)  # each number placed (and kept) as it is drawn
    assert len(strip._PLACED) >= 20
    looked_up = {"n": 0}
    line = text_lines.line

    def counted(text, font):
        looked_up["n"] += 1
        return line(text, font)
    monkeypatch.setattr(text_lines, "line", counted)
    again = painted(view, items)  # every number from where it was placed
    assert looked_up["n"] == 0
    monkeypatch.setattr(text_lines, "line", line)
    monkeypatch.setattr(strip, "_LINE_CENTRED", None)  # (as under the text census: every number placed anew)
    strip._PLACED.clear()
    anew = painted(view, items)
    assert not strip._PLACED
    assert again == first == anew
    before = sum(1 for px in range(0, first.width(), 7) for py in range(0, first.height(), 7) if first.pixel(px, py))
    assert before > 100  # (something was painted)


def test_placed_numbers_keep_no_more_lines_alive_than_text_lines_keeps():
    """review24: PLACED was 16384 against text_lines.LINES' 8192, so the placed numbers could keep alive twice the
    layouts that LINES (~1 KB each) says bound them."""
    from classroom_gui.scene import strip, text_lines
    assert 0 < strip.PLACED <= text_lines.LINES
