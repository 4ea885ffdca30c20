"""OK and Cancel are one view.dialogs.ok_cancel for the export options, the worksheet's paper and a what-if edit:
OK goes through the dialog's own accept (the export options' check of the chapter range), Cancel rejects."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout

from classroom_gui.view import message_box

from classroom_gui.lesson.strings import text
from classroom_gui.view.dialogs import ok_cancel


def _button(dialog, which):
    return dialog.findChild(QDialogButtonBox).button(which)


def test_ok_and_cancel_accept_and_reject(qapp):
    for which, result in ((QDialogButtonBox.StandardButton.Ok, QDialog.DialogCode.Accepted),
                          (QDialogButtonBox.StandardButton.Cancel, QDialog.DialogCode.Rejected)):
        dialog = QDialog()
        form = QFormLayout(dialog)
        ok_cancel(dialog, form)
        assert form.rowCount() == 1
        dialog.setResult(-1)
        _button(dialog, which).click()
        assert dialog.result() == result
        dialog.deleteLater()


def test_ok_in_the_export_options_checks_the_chapter_range_first(qapp, monkeypatch):
    from classroom_gui.view.export_dialogs import OptionsDialog

    warned = []
    monkeypatch.setattr(message_box, "warning", lambda parent, title, message, *a: warned.append(message))
    options = OptionsDialog(None, lambda key, **v: text("en", key, **v), "deck")
    options.first.setCurrentIndex(options.first.findData("softmax"))
    options.last.setCurrentIndex(options.last.findData("mask"))
    accepted = []
    options.accepted.connect(lambda: accepted.append(True))
    _button(options, QDialogButtonBox.StandardButton.Ok).click()
    assert accepted == [] and len(warned) == 1  # the reason, and the dialog stays with its choices
    options.last.setCurrentIndex(options.last.findData("softmax"))
    _button(options, QDialogButtonBox.StandardButton.Ok).click()
    assert accepted == [True] and len(warned) == 1
    options.deleteLater()
