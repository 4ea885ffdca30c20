"""The keyboard help screen (built from the shortcut table), the glossary and Help → About, in the current
language."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel, QScrollArea,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..app.actions import key_label, keys_label
from ..app.edit_keys import UNDO_KEYS
from ..lesson.strings import wrapping
from .message_box import PlainCopies, said_in
from .shortcuts import SHORTCUTS

# in the lesson's order, with every word a chapter title or the narration uses (teacher5 L8: 埋め込み, 残差接続, 温度 …
# had no entry; teacher15 L4: スコア, 割合（注意の重み）, 文脈ベクトル, アテンション行列)
GLOSSARY = ("embedding", "notebook", "query", "key", "value", "dot", "score", "scaling", "mask", "rule", "softmax",
            "share", "context", "matrix", "head", "wo", "residual", "ffn", "layernorm", "layer", "logit", "temperature")


def _dialog(parent, title: str, t) -> tuple[QDialog, QVBoxLayout]:
    d = QDialog(parent)
    d.setWindowTitle(title)
    box = QVBoxLayout(d)
    return d, box


def ok_cancel(dialog: QDialog, form: QFormLayout) -> None:
    """OK and Cancel as the last row of a dialog's form, accepting and rejecting it (the export options, the
    worksheet's paper, a what-if edit)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    shows_focus(dialog)


class _FocusShown(QObject):
    """Tells a dialog that its focus moved by keyboard whenever one of its controls takes the focus: Qt's styles draw
    a combo box's or a button's focus ring only then, and a dialog opened or clicked counts as not (teacher34 #2: W's
    dialog opened with the focus on a combo box that showed nothing)."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FocusIn:  # (Qt has just cleared the attribute for a focus not by Tab)
            self.parent().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
        return False


def shows_focus(dialog: QDialog) -> None:
    """Every control of `dialog` (those it holds now) shows its focus, from the moment it opens."""
    shown = _FocusShown(dialog)
    for control in dialog.findChildren(QWidget):
        control.installEventFilter(shown)


def _close_button(d: QDialog, box: QVBoxLayout, t) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(t("ui.close"))
    buttons.rejected.connect(d.reject)
    box.addWidget(buttons)


def help_dialog(parent, t) -> QDialog:
    d, box = _dialog(parent, t("ui.help_title"), t)
    table = QTableWidget(len(SHORTCUTS), 2)
    table.setHorizontalHeaderLabels([t("ui.key"), t("ui.action")])
    undo = key_label(UNDO_KEYS[0], t)  # the key the actions table binds, not one typed in a string (review30 7)
    for row, (keys, _action, help_key) in enumerate(SHORTCUTS):
        table.setItem(row, 0, QTableWidgetItem(keys_label(keys, t)))
        said = t(help_key, undo=undo)  # "Redo the change {undo} took back"
        item = QTableWidgetItem(wrapping(said))  # Japanese broken between phrases only, as the glossary's
        item.setData(Qt.ItemDataRole.AccessibleTextRole, said)  # what a screen reader says: without the word joiners
        table.setItem(row, 1, item)
    # the descriptions wrapped in the room left by the keys, each row as tall as its lines (teacher34 #9: at 1024x768
    # long ones were cut, 「…もう一度押すと教室に…」, and needed the horizontal scroll bar)
    table.setWordWrap(True)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setVisible(False)
    box.addWidget(table)
    _close_button(d, box, t)
    d.resize(640, 560)
    return d


def glossary_dialog(parent, t) -> QDialog:
    d, box = _dialog(parent, t("ui.glossary_title"), t)
    entries = QWidget()  # scrolled: 22 entries are taller than a 1024x768 screen
    inner = QVBoxLayout(entries)
    for key in GLOSSARY:
        said = t(f"glossary.{key}")
        label = QLabel(wrapping(said))  # Japanese broken between phrases only (teacher27 L1)
        label.setAccessibleName(said)  # what a screen reader says: without the word joiners (review29 1f)
        label.setWordWrap(True)
        inner.addWidget(label)
    inner.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(entries)
    box.addWidget(scroll)
    _close_button(d, box, t)
    d.resize(620, 520)
    return d


def about_dialog(parent, t) -> QDialog:
    """Help → About: the version, the open model (its folder, size and shape) and the licences (teacher5 L10)."""
    from .. import __version__
    from ..resources import assets_dir

    d, box = _dialog(parent, t("about.title"), t)
    ck = parent.checkpoint
    c = ck.config
    weights = Path(ck.path) / "model.safetensors"
    size = weights.stat().st_size / 1e6 if weights.is_file() else 0.0
    for said in (t("about.name", version=__version__), t("about.body"),
                 t("about.model", path=str(ck.path), layers=c.n_layer, heads=c.n_head, width=c.n_embd,
                   vocab=f"{c.vocab_size:,}", size=f"{size:,.1f}"),
                 t("about.licences", font_license=str(assets_dir() / "fonts" / "IPAexGothic-LICENSE.txt"))):
        label = QLabel()
        said_in(label, said)  # Japanese broken between phrases only, as the glossary's (polish25)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # a path to copy
        box.addWidget(label)
    PlainCopies(d)  # a path copied from it: without the word joiners
    box.itemAt(0).widget().setStyleSheet("font-weight: bold")  # the name and version
    box.setSpacing(12)
    box.addStretch(1)  # the lines together at the top, not spread over the dialog's height
    _close_button(d, box, t)
    d.resize(620, 300)
    return d
