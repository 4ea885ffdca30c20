"""The keyboard help screen (built from the shortcut table) and the glossary, in the current language."""
from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout)

from ..app.actions import keys_label
from .shortcuts import SHORTCUTS

GLOSSARY = ("query", "key", "value", "dot", "softmax", "average", "mask", "rule", "head", "layer", "ffn")


def _dialog(parent, title: str, t) -> tuple[QDialog, QVBoxLayout]:
    d = QDialog(parent)
    d.setWindowTitle(title)
    box = QVBoxLayout(d)
    return d, box


def _close_button(d: QDialog, box: QVBoxLayout, t) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(t("ui.close"))
    buttons.rejected.connect(d.reject)
    box.addWidget(buttons)


def help_dialog(parent, t) -> QDialog:
    d, box = _dialog(parent, t("ui.help_title"), t)
    table = QTableWidget(len(SHORTCUTS), 2)
    table.setHorizontalHeaderLabels([t("ui.key"), t("ui.action")])
    for row, (keys, _action, help_key) in enumerate(SHORTCUTS):
        table.setItem(row, 0, QTableWidgetItem(keys_label(keys, t)))
        table.setItem(row, 1, QTableWidgetItem(t(help_key)))
    table.resizeColumnsToContents()
    table.verticalHeader().setVisible(False)
    box.addWidget(table)
    _close_button(d, box, t)
    d.resize(640, 560)
    return d


def glossary_dialog(parent, t) -> QDialog:
    d, box = _dialog(parent, t("ui.glossary_title"), t)
    for key in GLOSSARY:
        label = QLabel(t(f"glossary.{key}"))
        label.setWordWrap(True)
        box.addWidget(label)
    _close_button(d, box, t)
    d.resize(620, 520)
    return d
