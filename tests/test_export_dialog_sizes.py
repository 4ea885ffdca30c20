"""teacher7 L4: the export dialog names a 4:3 size as such, offers 1024 × 768, and starts at the window's canvas
shape: 4:3 in presenter mode on a 4:3 screen (it offered 1920 × 1080 there)."""
from __future__ import annotations

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN, canvas_for
from helpers import random_window


def test_the_sizes_say_which_are_4_3_and_1024_by_768_is_one(qapp):
    from classroom_gui.view.export_dialogs import OptionsDialog

    dialog = OptionsDialog(None, lambda key, **v: key, "picture")
    names = [dialog.size.itemText(i) for i in range(dialog.size.count())]
    assert "1440 × 1080 (4:3)" in names and "1024 × 768 (4:3)" in names and "1920 × 1080" in names
    for i, name in enumerate(names):
        size = dialog.size.itemData(i)
        assert size is None or name.endswith("(4:3)") == (canvas_for(*size) is FOUR_THREE), name
    assert dialog.chosen_size() == (1920, 1080)  # no canvas given: as before
    dialog.deleteLater()


def test_the_dialog_starts_at_the_windows_canvas_shape(qtbot, tmp_path, monkeypatch):
    from classroom_gui.view import export_dialogs

    w = random_window(qtbot, tmp_path)
    assert w.model.run is not None
    offered = []

    def cancelled(self):  # the dialog the window made, as the user would first see it
        offered.append((self.chosen_size(), self.size.currentText()))
        return 0

    monkeypatch.setattr(export_dialogs.OptionsDialog, "exec", cancelled)
    for canvas in (WIDESCREEN, FOUR_THREE):  # as CanvasView.shapeChanged sets it (presenter mode, a 4:3 screen)
        w.model.set_canvas(canvas)
        export_dialogs.export_picture(w.model, w)
    assert offered == [((1920, 1080), "1920 × 1080"), ((1440, 1080), "1440 × 1080 (4:3)")]
