"""The window's commands that open a dialog, as a mixin of MainWindow: the help screen, the glossary, About, the export
dialogs and View → Compare. Each dialog's module is imported when it is first opened, not at start
(tests/test_startup_lazy.py), and a modal dialog is deleted when it closes.
"""
from __future__ import annotations


class Dialogs:
    """Mixed into MainWindow, which provides model (app.model.ClassroomModel), checkpoint and t()."""

    def glossary_t(self, key: str, **values) -> str:
        """t() with the open model's activation, which the glossary's FFN entry names."""
        from ..model.activations import DISPLAY

        return self.t(key, act=DISPLAY[self.checkpoint.config.activation_function], **values)

    def show_help(self) -> None:
        self._dialog("help_dialog", self.t)

    def show_glossary(self) -> None:
        self._dialog("glossary_dialog", self.glossary_t)

    def show_about(self) -> None:
        self._dialog("about_dialog", self.t)

    def _dialog(self, name: str, t) -> None:
        from . import dialogs  # the help screen and the glossary load when first opened, not at start

        dialog = getattr(dialogs, name)(self, t)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()  # a child of the window: without this, every opening stays in memory

    def export(self, name: str) -> None:
        from . import export_dialogs  # the exporters load on first use, not at start

        getattr(export_dialogs, name)(self.model, self)

    def open_compare(self) -> None:
        from .compare_dialog import open_compare

        open_compare(self)
