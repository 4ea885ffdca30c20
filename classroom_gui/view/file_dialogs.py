"""The window's file dialogs: where to save an export, which model folder to open.

Qt's own (non-native) QFileDialog lists folders through a QFileSystemModel whose QAbstractFileIconProvider names
each file's type with QMimeDatabase.mimeTypeForFile in the default match mode, which reads a file's first bytes
when its name says nothing. The model does so on the GUI thread too (QFileSystemModelPrivate::fileSystemChanged
-> QFileInfoGatherer::getInfo -> type()), so typing "/proc/" in the name box made the window read /proc/kmsg,
which never ends (a blocking read; as root only: others cannot open it) and froze the window for good
(teacher7 H1). Our dialogs get an icon provider that tells a file's type from its name only and never opens it.
"""
from __future__ import annotations

from PySide6.QtCore import QFileInfo, QMimeDatabase
from PySide6.QtWidgets import QFileDialog, QFileIconProvider


class NameOnlyIcons(QFileIconProvider):
    """The platform's file and folder icons; a file's type (the dialog's Type column) from its name alone."""

    def __init__(self):
        super().__init__()
        self.mimes = QMimeDatabase()

    def icon(self, what):
        if isinstance(what, QFileInfo):  # the per-file icon would sniff the content too: file or folder only
            kind = QFileIconProvider.IconType.Folder if what.isDir() else QFileIconProvider.IconType.File
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if not info.isFile():
            return super().type(info)  # folders, drives and links: no content is read for these
        mime = self.mimes.mimeTypeForFile(info, QMimeDatabase.MatchMode.MatchExtension)
        return mime.comment() or mime.name()


def _dialog(parent, title: str, start: str, filters: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, title, start, filters)
    dialog.icons = NameOnlyIcons()  # kept on the dialog: QFileDialog does not own its icon provider
    dialog.setIconProvider(dialog.icons)
    return dialog


def save_dialog(parent, title: str, suggestion: str, filters: str) -> QFileDialog:
    """A save dialog as QFileDialog.getSaveFileName makes it (asks before replacing a file), never sniffing files."""
    dialog = _dialog(parent, title, suggestion, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return dialog


def _chosen(dialog: QFileDialog) -> str:
    try:
        accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
        return dialog.selectedFiles()[0] if accepted and dialog.selectedFiles() else ""
    finally:
        dialog.deleteLater()


def ask_save_path(parent, title: str, suggestion: str, filters: str) -> str:
    """The chosen file name, or "" when cancelled."""
    return _chosen(save_dialog(parent, title, suggestion, filters))


def ask_folder(parent, title: str) -> str:
    """The chosen folder, or "" when cancelled (QFileDialog.getExistingDirectory's dialog)."""
    dialog = _dialog(parent, title, "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _chosen(dialog)
