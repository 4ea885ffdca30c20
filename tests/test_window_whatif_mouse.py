"""What-if in the window with the mouse, driven like a teacher: double-click a card's number (a desk of its own or
one drawn in a big class's picture, the asker's or a classmate's) or a cell of the attention map, type a value, see
the class recompute with the number outlined; Shift+double-click switches a cell's mask; OK without typing changes
nothing."""
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from classroom_gui.lesson.whatif_state import edited
from classroom_gui.model.whatif import Edit
from classroom_gui.scene.heatmap import HeatmapItem
from classroom_gui.view import number_box
from whatif_window import double_click, to_beat


def test_double_click_on_a_card_number_edits_it_and_the_class_recomputes(qtbot, window, monkeypatch):
    to_beat(window, "softmax.weights")
    frame = window.model.frame()
    seat = 2
    k = [s.role for s in ([frame.students[seat].notebook] if frame.students[seat].notebook else [])
         + frame.students[seat].cards].index("key")
    asked = []
    monkeypatch.setattr(number_box, "ask_number", lambda *a, **kw: (asked.append(a[2]), (3.25, True))[1])
    double_click(qtbot, window, window.canvas.classroom.desk(seat).cell_pos(k, 1))
    sel = window.sel
    edit = Edit("k", sel.layer, sel.head, seat, 1, 3.25)
    assert window.model.whatif.edits == (edit,) and asked
    assert window.run.trace.edits == ()  # the model's own trace is kept for Reset
    frame = window.model.frame()
    assert [c.edited for c in frame.students[seat].cards if c.role == "key"] == [[1]]
    expected = edited(window.run.trace, [edit])
    assert frame.bars.values == pytest.approx(list(expected.layers[sel.layer].weights[sel.head, sel.focus]))
    assert "What if" in frame.narration
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.whatif.edits == () and "What if" not in window.model.frame().narration


def test_a_heatmap_cell_is_a_score_and_shift_switches_its_mask(qtbot, window):
    from classroom_gui.view import whatif_edit

    for beat in window.player.timeline.beats:  # the first step whose blackboard shows the attention map
        to_beat(window, beat.key)
        items = [i for i in window.canvas.classroom.items() if isinstance(i, HeatmapItem) and i.isVisible()]
        if items:
            break
    item = items[0]
    window.canvas.grab()  # painted once, so the item knows where its cells are
    x0, y0, cell, t = item.grid
    pos = item.mapToScene(x0 + cell * 0.5, y0 + cell * 1.5)  # row 2, column 1
    target = whatif_edit.target_at(window, pos)
    assert target is not None and (target.kind, target.seat, target.index) == ("score", 1, 0)
    switched = whatif_edit.edit_at(window, pos, mask=True)  # Shift+double-click: cannot hear now
    assert switched and window.model.whatif.edits[-1].kind == "mask"
    assert window.model.whatif.edits[-1].value == 1.0  # row 2 heard seat 1 under either rule
    assert window.model.frame().heatmap.edited == [(1, 0)]


def test_a_card_number_of_a_big_class_desk_drawn_in_one_picture_is_editable(qtbot, window, monkeypatch):
    from classroom_gui.model.sentence import run_sentence
    window.model.set_run(run_sentence(window.model.checkpoint, " ".join(["the", "cat", "sat", "on", "the", "mat"] * 8)))
    to_beat(window, "softmax.weights")
    frame = window.model.frame()
    scene, seat = window.canvas.classroom, 30
    assert scene.composed and scene.desk(seat) is None  # drawn in the ClassImage, not by a DeskItem of its own
    s, box = frame.students[seat], scene.class_image.box
    strips = ([s.notebook] if s.notebook else []) + s.cards
    k = [st.role for st in strips].index("key")
    cell = box.strips[k]  # the middle of its second cell
    at_cell = (s.x + cell.x + cell.tab_w + 1.5 * cell.cell_w, s.y + cell.y + cell.label_h + cell.row_h / 2)
    monkeypatch.setattr(number_box, "ask_number", lambda *a, **kw: (2.5, True))
    double_click(qtbot, window, QPointF(*at_cell))
    sel = window.sel
    assert window.model.whatif.edits == (Edit("k", sel.layer, sel.head, seat, 1, 2.5),)
    # the edited desk now stands out: its own DeskItem, with the edited cell outlined
    assert scene.desk(seat) is not None
    assert [c.edited for c in window.model.frame().students[seat].cards if c.role == "key"] == [[1]]


def test_a_double_click_on_a_classmates_number_keeps_the_asker(qtbot, window, monkeypatch):
    """teacher3 M1: the double-click's first press is also a click on the desk, which chose that classmate as
    the asker; the asker now stays, and the edit is the classmate's number (a single click still chooses)."""
    to_beat(window, "scaling.divide" if any(b.key == "scaling.divide" for b in window.player.timeline.beats)
            else "softmax.weights")
    before = window.sel.focus
    seat = next(i for i in range(window.run.trace.n_tokens) if i != before)
    frame = window.model.frame()
    k = [s.role for s in ([frame.students[seat].notebook] if frame.students[seat].notebook else [])
         + frame.students[seat].cards].index("key")
    at = window.canvas.mapFromScene(window.canvas.classroom.desk(seat).cell_pos(k, 0))
    monkeypatch.setattr(number_box, "ask_number", lambda *a, **kw: (3.0, True))
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))
    assert window.sel.focus == seat  # the first press: a click
    qtbot.mouseDClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))
    sel = window.sel
    assert sel.focus == before, "the double-click made the classmate the asker"
    assert window.model.whatif.edits == (Edit("k", sel.layer, sel.head, seat, 0, 3.0),)
    qtbot.wait(QApplication.doubleClickInterval() + 300)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))
    assert window.sel.focus == seat  # a click on its own still chooses the asker


def test_a_double_click_answered_without_typing_changes_nothing_and_says_so(qtbot, window, monkeypatch):
    """The prompt shows 4 decimals; OK on it untouched means the number itself (not its rounding), which changes
    nothing: it is refused with one message, and the class stays the model's own (L9 for numbers)."""
    to_beat(window, "softmax.weights")
    frame, seat = window.model.frame(), 2
    k = [s.role for s in ([frame.students[seat].notebook] if frame.students[seat].notebook else [])
         + frame.students[seat].cards].index("key")
    monkeypatch.setattr(number_box, "ask_number", lambda *a, **kw: (round(a[3], 4), True))
    double_click(qtbot, window, window.canvas.classroom.desk(seat).cell_pos(k, 1))
    sel = window.sel
    exact = float(window.run.trace.layers[sel.layer].k[sel.head, seat, 1])
    assert exact != round(exact, 4)  # a rounded number would have been a (tiny) edit
    assert window.model.whatif.edits == () and window.model.shown_trace() is window.run.trace
    assert "This changes nothing: the self-introduction card of " in window.statusBar().currentMessage()
