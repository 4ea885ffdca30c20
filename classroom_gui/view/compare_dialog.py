"""View → Compare: asks for a second sentence (the gallery's pair, or lesson.compare's default, offered) and
shows both classes at the window's current step, side by side as export.compare draws them; the arrow keys
step both together. The numbers come from lesson.compare; this file only asks and shows."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QVBoxLayout

from ..lesson.compare import compare, default_pair
from ..lesson.state import notices_for, prepared_run


class CompareDialog(QDialog):
    def __init__(self, window, other_run):
        super().__init__(window)
        self.window_, self.other = window, other_run
        self.setWindowTitle(window.t("ui.compare"))
        self.picture = QLabel(self)
        self.picture.setAccessibleName(window.t("ui.compare"))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture)
        self.pair = None
        self.show_step()

    def show_step(self) -> None:
        from ..export.compare import render_pair

        w = self.window_
        self.pair = compare(w.model.shown_trace(), self.other.trace, w.sel, w.player.time, w.notices,
                            notices_for(self.other, w.sel.lang))
        self.picture.setPixmap(QPixmap.fromImage(render_pair(self.pair, (1280, 720), lang=w.sel.lang)))

    def keyPressEvent(self, event):
        step = {Qt.Key.Key_Right: "next_beat", Qt.Key.Key_PageDown: "next_beat",
                Qt.Key.Key_Left: "prev_beat", Qt.Key.Key_PageUp: "prev_beat"}.get(event.key())
        if step is None:
            return super().keyPressEvent(event)
        self.window_.model.play(step)  # the window redraws on the model's notice
        self.show_step()


def open_compare(window, text: str | None = None) -> CompareDialog | None:
    """Ask for the second sentence (unless given) and show the comparison; None when cancelled or unreadable."""
    if window.run is None:
        return None
    if text is None:
        first, second = default_pair(window.sel.lang, window.gallery)
        offer = second if window.sentence.text().strip() != second else first
        text, ok = QInputDialog.getText(window, window.t("ui.compare"), window.t("ui.compare_ask"), text=offer)
        if not ok:
            return None
    try:
        other = prepared_run(window.checkpoint, text, window.sel.rule)
    except Exception as exc:  # the sentence cannot be read: say why, keep the window
        window.statusBar().showMessage(str(exc), 8000)
        return None
    if other is None:
        return None
    dialog = CompareDialog(window, other)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
