"""teacher17 L2: the slide dialog forgot its chapter range after a folder error (the reopened dialog was back at
chapters 0-13), and on a 1024 x 768 screen it started at 1920 x 1080 and chapters 0-13 while the video dialog
started at the chapter on screen. Both dialogs now start alike (the chapter on screen; 1024 x 768 on a 1024 x 768
screen) and open again with the last accepted choices, also after the export failed."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.timeline import CHAPTERS
from helpers import random_window


@pytest.mark.parametrize("kind", ["deck", "video"])
def test_both_dialogs_start_at_the_chapter_on_screen_and_a_projectors_size(qapp, kind):
    from classroom_gui.lesson.strings import text
    from classroom_gui.view.export_dialogs import OptionsDialog

    softmax = CHAPTERS.index("softmax")
    options = OptionsDialog(None, lambda key, **v: text("ja", key, **v), kind, softmax, screen=(1024, 768))
    try:
        assert options.chapters() == ("softmax", "softmax")
        assert options.chosen_size() == (1024, 768)
    finally:
        options.deleteLater()
    wide = OptionsDialog(None, lambda key, **v: text("ja", key, **v), kind, softmax, screen=(1920, 1080))
    square = OptionsDialog(None, lambda key, **v: text("ja", key, **v), kind, softmax, screen=(800, 800))
    assert wide.chosen_size() == square.chosen_size() == (1920, 1080)  # a 16:9 or square screen: as before
    wide.deleteLater()
    square.deleteLater()


def test_the_slide_dialog_keeps_its_choices_after_a_folder_error(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog
    from classroom_gui.view import message_box

    from classroom_gui.view import export_dialogs

    w = random_window(qtbot, tmp_path)
    offered, told = [], []

    def choose(self):  # the teacher picks chapters 7-8, 1024 x 768, per chapter, then OK
        offered.append((self.chapters(), self.chosen_size(), self.per.currentData()))
        self.first.setCurrentIndex(CHAPTERS.index("softmax"))
        self.last.setCurrentIndex(CHAPTERS.index("listening"))
        self.size.setCurrentIndex(export_dialogs.SIZE_CHOICES.index((1024, 768)))
        self.per.setCurrentIndex(self.per.findData("chapter"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialogs.OptionsDialog, "exec", choose)
    monkeypatch.setattr(message_box, "warning", lambda parent, title, message, *a: told.append(message))
    monkeypatch.setattr(export_dialogs, "_ask_path", lambda *a: tmp_path / "nosuch" / "talk.pptx")
    assert export_dialogs.export_deck(w.model, w) is None  # the folder is not there: one message, nothing written
    assert len(told) == 1 and "nosuch" in told[0] and not (tmp_path / "nosuch").exists()
    export_dialogs.export_deck(w.model, w)
    assert offered[1] == (("softmax", "listening"), (1024, 768), "chapter")  # as chosen, not 0-13 at 1920 x 1080
    assert offered[0][0][0] == offered[0][0][1]  # the first time: the chapter on screen, as the video dialog
    video = []
    monkeypatch.setattr(export_dialogs.OptionsDialog, "exec", lambda self: video.append(self.chapters()) or 0)
    export_dialogs.export_video(w.model, w)  # the video dialog keeps its own (none accepted yet)
    assert video == [offered[0][0]]
