"""Names for a screen reader and the keyboard: every control gets an accessible name in the chosen language
(its tooltip, its text, or the label beside it), takes Tab focus, and the canvas describes what it shows in
words: the title, the narration and each student's seat, word and role (asks / is heard / cannot hear)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QSlider

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QSlider, QAbstractSpinBox)


def name_controls(window) -> None:
    """Call after retranslate: names follow the language."""
    named = {getattr(window, "focus_box", None): "access.focus", getattr(window, "layer_box", None): "access.layer",
             getattr(window, "head_box", None): "access.head", getattr(window, "lang_box", None): "access.language",
             getattr(window, "sentence", None): "access.sentence", getattr(window, "temperature", None): "access.temperature"}
    controls = getattr(window, "controls", None)
    if controls is not None:  # the lesson's scrubber and speed: said what they are, in the window's language
        named.update({controls.slider: "access.chapter_slider", controls.speed: "access.speed"})
    for kind in CONTROLS:
        for c in window.findChildren(kind):
            if c.window() is not window:
                continue
            if c.objectName().startswith("qt_") and c.accessibleName() and not c.property("classroom_named"):
                continue  # Qt's own parts (a dock's Float and Close buttons) keep the names Qt gave them
            key = named.get(c)
            text = window.t(key) if key else (c.toolTip() or (c.text() if isinstance(c, QAbstractButton) else "")
                                               or window.t("access.control"))
            c.setAccessibleName(_plain(text))
            c.setProperty("classroom_named", True)  # ours: said again in the next language
            if not c.focusPolicy() & Qt.FocusPolicy.TabFocus:
                c.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _plain(text: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", text).replace("&", "").strip()


def describe_canvas(window, frame) -> None:
    """The canvas's accessible name is the step's title; its description, what a sighted student sees."""
    t = window.t
    seats = []
    for s in frame.students:
        role = ("access.asks" if s.state == "focus" else "access.masked" if s.state == "masked" else "access.heard")
        seats.append(t("access.seat", seat=s.index + 1, word=s.text, role=t(role)))
    window.canvas.setAccessibleName(frame.title or t("access.canvas"))
    window.canvas.setAccessibleDescription(" ".join([frame.narration, *seats]).strip())
