"""Shared by the window's what-if tests (test_window_whatif_*.py): the window on a random checkpoint, a
double-click at a scene point, a jump to a step by its key, and an Edit menu item's text and whether it is enabled.
The window itself is conftest's `window` fixture."""
from PySide6.QtCore import QPoint, Qt

from classroom_gui.view.mnemonics import plain  # (a menu item's text without its access key)


def double_click(qtbot, w, scene_pos):
    p = w.canvas.mapFromScene(scene_pos)
    qtbot.mouseDClick(w.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(p.x(), p.y()))


def to_beat(w, key):
    beats = w.player.timeline.beats
    w.model.jump(w.player.timeline.beat_stop(next(i for i, b in enumerate(beats) if b.key == key)))


def menu_item(window, action_id):
    item = window.menu_actions[action_id]
    return plain(item.text().split("\t")[0]), item.isEnabled()


def card_cell(w, seat, role, i):
    """The scene point of number i of the card `role` ("key", "query", …) on the desk at `seat`, as drawn now."""
    student = w.model.frame().students[seat]
    roles = [s.role for s in ([student.notebook] if student.notebook else []) + student.cards]
    return w.canvas.classroom.desk(seat).cell_pos(roles.index(role), i)


def two_edits(window, lang: str):
    """Sets `lang` and makes two what-if edits on the asker's cards (a self-intro and a question number); returns them."""
    from classroom_gui.model.whatif import Edit
    from classroom_gui.view import whatif_edit

    window.set_language(lang)
    sel = window.sel
    edits = (Edit("k", sel.layer, sel.head, sel.focus, 0, 2.0), Edit("q", sel.layer, sel.head, sel.focus, 1, -1.0))
    for e in edits:
        assert whatif_edit.apply(window, e)
    return edits
