"""Lesson → What if…: a what-if edit chosen from the keyboard (what a double-click on the canvas does, for a
keyboard or switch user and a presenter with only a clicker): which number (a card's, a score, a mask cell),
whose, which place on the card or which classmate, and the new value, in the shown layer and head. The edit
goes to the model through whatif_edit.apply, as a double-click's does.
"""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QSpinBox, QWidget

from ..lesson.numbers import fmt
from ..lesson.whatif_state import PROMPT_DECIMALS, as_typed, mask_now, own_value, too_far
from ..messages.glyphs import drawn_names
from ..model.whatif import Edit
from .dialogs import ok_cancel
from .number_box import NumberBox

KINDS = ("q", "k", "v", "score", "mask")  # the order of the first box (whatif.kind.* names them)


class WhatIfDialog(QDialog):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window_ = window
        t, sel = window.t, window.sel
        self.tokens = list(window.model.whatif.trace.tokens)
        # as the toolbar's "1：猫", each name as its desk writes it ("2: ⟨U+200B⟩ 1/3", not a blank: review31 #2)
        names = [t("ui.seat_n", n=i + 1, word=w) for i, w in enumerate(drawn_names(self.tokens))]
        form = QFormLayout(self)
        self.heading = QLabel()  # the title again (no title bar without a window manager); _show words both
        form.addRow(self.heading)
        self.kind = QComboBox()
        self.kind.addItems([t(f"whatif.kind.{k}") for k in KINDS])
        self.student = QComboBox()
        self.student.addItems(names)
        self.student.setCurrentIndex(shown_asker(window))
        self.classmate = QComboBox()
        self.classmate.addItems(names)
        self.number = QSpinBox()
        self.number.setRange(1, window.model.whatif.trace.config.d_head)
        self.value = NumberBox(sel.lang, PROMPT_DECIMALS)  # read as --set reads it: 2e1 is 20 (teacher26 M1)
        self.hears = QComboBox()
        self.hears.addItems([t("whatif.mask_off"), t("whatif.mask_on")])
        self.own = QLabel()
        self.start = 0.0  # the unrounded number the value box started from (_show)
        self.rows = {}
        for key, widget in (("whatif.field.kind", self.kind), ("whatif.field.student", self.student),
                            ("whatif.field.number", self.number), ("whatif.field.classmate", self.classmate),
                            ("whatif.field.value", self.value), ("whatif.field.hears", self.hears),
                            ("whatif.field.own", self.own)):
            form.addRow(t(key), widget)
            self.rows[key] = widget
        form.addRow(self.value.note)  # why a value typed is refused (accept)
        # the refusal of a value far outside the class's names the card and the range: a few lines, not nine (teacher34)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        ok_cancel(self, form)
        for box in (self.kind, self.student, self.classmate):
            box.currentIndexChanged.connect(self._show)
        self.number.valueChanged.connect(self._show)
        self._show()
        # the new value first, selected, as a double-click's prompt opens: digits typed after W replace it and Enter
        # makes the edit (teacher34 #2: they went to the kind's box, and Enter said 「何も変わりません」)
        self.value.setFocus()
        self.value.selectAll()

    def edit(self, value: float | None = None) -> Edit:
        """The edit the boxes describe (value: the spin box's, or the one given)."""
        sel, kind = self.window_.sel, KINDS[self.kind.currentIndex()]
        if kind == "mask":
            return Edit("mask", sel.layer, 0, self.student.currentIndex(), self.classmate.currentIndex(),
                        float(self.hears.currentIndex()))
        index = self.classmate.currentIndex() if kind == "score" else self.number.value() - 1
        if value is None:  # the box shows PROMPT_DECIMALS: left as it started, it means the number unrounded
            value = as_typed(self.value.value(), self.start)
        return Edit(kind, sel.layer, sel.head, self.student.currentIndex(), index, float(value))

    def accept(self) -> None:
        """OK: not on a value that cannot be used (said under the box, the dialog stays open with it as typed)."""
        if KINDS[self.kind.currentIndex()] == "mask" or self.value.check(self._beyond):
            super().accept()

    def _beyond(self, typed: float) -> str:
        """Why the place chosen cannot take `typed` ("" when it can): far outside the class's numbers, said in teacher
        words while the dialog stays open with the kind, student and place still chosen (teacher34 #12)."""
        return too_far(self.window_.sel.lang, self.window_.model.whatif.own, self.edit(typed))

    def _show(self) -> None:
        """Only the boxes this kind needs, the model's own number at the place, and the number shown there now as
        the starting value."""
        kind = KINDS[self.kind.currentIndex()]
        form, t, sel = self.layout(), self.window_.t, self.window_.sel
        # a mask cell is the layer's, every head's (teacher11 M5: the title said head 1), and it is heard or not,
        # not a number: its row says what the model's own class does
        title = t("whatif.dialog_title_mask" if kind == "mask" else "whatif.dialog_title", layer=sel.layer + 1,
                  head=sel.head + 1)
        self.setWindowTitle(title)
        self.heading.setText(title)
        form.labelForField(self.own).setText(t("whatif.field.own_mask" if kind == "mask" else "whatif.field.own"))
        for key, shown in (("whatif.field.number", kind in ("q", "k", "v")),
                           ("whatif.field.classmate", kind in ("score", "mask")),
                           ("whatif.field.value", kind != "mask"), ("whatif.field.hears", kind == "mask")):
            form.setRowVisible(self.rows[key], shown)
        whatif, place = self.window_.model.whatif, self.edit(0.0)
        rule = self.window_.model.rule_shown()  # a mask cell as the step on screen draws it (report 11 M1)
        own = own_value(whatif.own, place) if kind != "mask" else mask_now(whatif.own, (), place, rule)
        self.own.setText(fmt(own) if kind != "mask" else self.hears.itemText(int(own)))
        # the start: the number as drawn now (earlier edits included), as a double-click starts, so OK without
        # typing changes nothing and the mask's switch is the one a Shift+double-click makes on the cell now
        now = own_value(whatif.trace, place) if kind != "mask" else mask_now(whatif.own, whatif.edits, place, rule)
        self.value.note.setVisible(False)  # a refusal is of the value typed, which this replaces
        if kind == "mask":
            self.hears.setCurrentIndex(1 - int(now))
        else:
            self.value.setValue(now)
            self.value.selectAll()  # what is typed next replaces it
            self.start = now


def shown_asker(window) -> int:
    """The student the toolbar shows as asking, or at answer time as answering (teacher34 #12: W edited the lesson's
    asker while the toolbar said 「答える生徒 6：is」)."""
    shown = window.focus_box.currentIndex() if hasattr(window, "focus_box") else -1
    return shown if 0 <= shown < len(window.model.whatif.trace.tokens) else window.sel.focus


def open_whatif(window) -> bool:
    """Ask for an edit and apply it; True when the class changed."""
    from .whatif_edit import apply

    if window.model.whatif is None:
        return False
    dialog = WhatIfDialog(window)
    try:
        return bool(dialog.exec()) and apply(window, dialog.edit())
    finally:
        dialog.deleteLater()
