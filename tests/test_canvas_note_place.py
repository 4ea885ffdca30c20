"""teacher15 L6: in presenter mode (F5) an export of slides ended with no sign of success nor of where the file went
(the status bar is hidden there), where a picture's export said "wrote …" over the class; and the what-if's note,
centred on the canvas, hid the attention matrix's changed row for its seconds; teacher30 #13: over the caption it hid
the narration, and named the Edit menu, which presenter mode hides. A note now sits in the title's band above the
desks and the board, and names Reset what-if edits by its key."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt

from classroom_gui.app.edit_keys import RESET_EDITS_KEYS, key_label

from classroom_gui.model.whatif import Edit
from classroom_gui.scene.areas import board_rect, caption_rect
from classroom_gui.view import export_dialogs, whatif_edit
from test_start_hint import fresh


def test_slides_exported_in_presenter_mode_say_where_they_went(qtbot, tmp_path):
    w = fresh(qtbot, tmp_path, "The cat sat on the mat")
    w.set_presenter(True)
    assert w.is_presenting()
    options = export_dialogs.OptionsDialog(w, w.t, "deck")
    options.per.setCurrentIndex(options.per.findData("chapter"))
    options.size.setCurrentIndex(options.size.findData(None))
    options.width.setValue(320)
    options.height.setValue(240)
    target = tmp_path / "lesson.pptx"
    assert export_dialogs.export_deck(w.model, w, target, options) == target and target.exists()
    qtbot.wait(50)
    note = w.canvas.note
    assert note.isVisible() and str(target) in note.accessibleName(), note.accessibleName()
    assert note.timer.remainingTime() > 60_000  # not 15 s: it stays until the teacher's next key or click
    step = w.model.frame().beat
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)  # → is a window shortcut
    qtbot.keyClick(w.canvas, Qt.Key.Key_Right)  # the key goes, and does what it does
    assert not note.isVisible() and w.model.frame().beat == step + 1
    w.set_presenter(False)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_whatif_note_covers_neither_the_class_nor_the_board_nor_the_narration(qtbot, tmp_path, lang):
    w = fresh(qtbot, tmp_path, "The cat sat on the mat")
    w.resize(1024, 768)
    if lang == "ja":
        w.do("language")
    assert w.sel.lang == lang
    w.set_presenter(True)
    w.model.go_to_chapter("everyone")  # the attention matrix on the board, its rows changed by the edit
    sel = w.sel
    assert whatif_edit.apply(w, Edit("q", sel.layer, sel.head, sel.focus, 0, -3.0))
    note, view, frame = w.canvas.note, w.canvas, w.canvas.frame
    assert note.isVisible() and note.accessibleName() == w.statusBar().currentMessage() != ""
    shown = [board_rect(frame.canvas)] + [QRectF(s.x, s.y, s.w, s.h) for s in frame.students]
    covered = [r for r in shown if view.mapFromScene(r).boundingRect().intersects(note.geometry())]
    assert not covered, (note.geometry(), covered)
    assert not view.mapFromScene(caption_rect(frame.canvas)).boundingRect().intersects(note.geometry())
    assert view.viewport().rect().contains(note.geometry())
    said = note.accessibleName()  # the reset named by the key that does it, not by the hidden menu
    assert key_label(RESET_EDITS_KEYS[0], w.t) in said and w.t("ui.menu_edit").replace("&", "").split("（")[0] not in said
    assert not w.menuBar().isVisible() or not w.is_presenting()
    w.set_presenter(False)
