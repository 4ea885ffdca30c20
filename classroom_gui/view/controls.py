"""The transport bar under the classroom: chapter and step buttons, play/pause, a scrubber with
chapter marks (hovering names the chapter under the pointer), the step counter, speed and reset (on a second row
where one row does not fit: Controls.one_row_width). It only emits what the user asked for.
"""
from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QStyle, QStyleOptionSlider,
                               QToolTip, QVBoxLayout, QWidget)

from ..lesson.player import SPEEDS

SCRUB_STEPS_PER_SECOND = 100


class ChapterSlider(QSlider):
    """A time scrubber that marks where each chapter starts."""

    def __init__(self):
        super().__init__(Qt.Orientation.Horizontal)
        self.marks: list[float] = []  # chapter starts, in seconds
        self.names: list[str] = []    # every chapter's title ("7. Softmax: …"), in lesson order: the tooltip over
        # each chapter's stretch (every lesson has every chapter; the window sets them with its language)
        # 140 px: with the charts' dock (320 px) the whole bar still fits a 1024-pixel screen (200 px made the
        # window 1061 px wide when View → Charts opened, past the screen's edge)
        self.setMinimumWidth(140)

    def chapter_at(self, x: float) -> str:
        """The title of the chapter under x (widget pixels), "" when there are no names."""
        if not self.names or self.maximum() <= 0:
            return ""
        t = (x - 6) / max(1.0, self.width() - 12) * self.maximum() / SCRUB_STEPS_PER_SECOND
        return self.names[max(0, min(len(self.names) - 1, bisect_right(self.marks, t) - 1))]

    def event(self, event):
        if event.type() == QEvent.Type.ToolTip:  # teacher5 L9: the marks had no names
            name = self.chapter_at(event.pos().x())
            QToolTip.showText(event.globalPos(), name, self) if name else QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event):
        """A left click on the groove moves the handle to the clicked point (teacher14 L2: a page, 9 -> 10 -> 12),
        and the handle, now under the pointer, drags on from there."""
        if event.button() == Qt.MouseButton.LeftButton and self.maximum() > self.minimum():
            value = self.value_at(event.position().x())
            if value is not None:
                self.setValue(value)
        super().mousePressEvent(event)

    def value_at(self, x: float) -> int | None:
        """The value whose handle is centred at x (widget pixels), as the style places the handle; None over the
        handle itself (a press there drags it)."""
        opt = QStyleOptionSlider()
        self.initStyleOption(opt)
        style, CC, SC = self.style(), QStyle.ComplexControl.CC_Slider, QStyle.SubControl
        handle = style.subControlRect(CC, opt, SC.SC_SliderHandle, self)
        if handle.left() <= x <= handle.right():
            return None
        groove = style.subControlRect(CC, opt, SC.SC_SliderGroove, self)
        span = max(1, groove.width() - handle.width())
        pos = round(x - groove.x() - handle.width() / 2)
        return QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), max(0, min(span, pos)), span)

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.marks or self.maximum() <= 0:
            return
        p = QPainter(self)
        p.setPen(QPen(QColor("#555555"), 2))
        span = self.width() - 12
        for t in self.marks:
            x = 6 + span * (t * SCRUB_STEPS_PER_SECOND) / self.maximum()
            p.drawLine(int(x), 2, int(x), 7)
        p.end()


class Controls(QWidget):
    action = Signal(str)          # one of the shortcut table's action names
    scrubbed = Signal(float)      # seconds
    settled = Signal()            # the scrubber's handle let go (a click on the groove or the end of a drag)
    speedChosen = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(6, 2, 6, 2)
        rows.setSpacing(2)
        self.top, self.bottom = QHBoxLayout(), QHBoxLayout()
        for row in (self.top, self.bottom):
            row.setSpacing(SPACING)
            rows.addLayout(row)
        self.bottom.addStretch(1)  # (the tail, on its own row, at the right as on one row)
        row = self.top
        self.buttons: dict[str, QPushButton] = {}
        style = self.style()
        P = QStyle.StandardPixmap
        self.icons = {"prev_chapter": style.standardIcon(P.SP_MediaSkipBackward),
                      "prev_beat": style.standardIcon(P.SP_MediaSeekBackward),
                      "play": style.standardIcon(P.SP_MediaPlay), "pause": style.standardIcon(P.SP_MediaPause),
                      "next_beat": style.standardIcon(P.SP_MediaSeekForward),
                      "next_chapter": style.standardIcon(P.SP_MediaSkipForward)}
        for name in ("prev_chapter", "prev_beat", "play", "next_beat", "next_chapter"):
            b = QPushButton(self.icons[name], "")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, n=name: self.action.emit(n))
            self.buttons[name] = b
            row.addWidget(b)
        self.slider = ChapterSlider()
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider.valueChanged.connect(self._slid)
        self.slider.sliderReleased.connect(self.settled.emit)
        row.addWidget(self.slider, 1)
        self.head: list[QWidget] = [*self.buttons.values(), self.slider]
        self.step_label = QLabel()
        self.step_label.setMinimumWidth(110)
        self.speed_label = QLabel()
        self.speed = QComboBox()
        self.speed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for s in SPEEDS:
            self.speed.addItem(f"{s:g}×", s)
        self.speed.currentIndexChanged.connect(lambda i: self.speedChosen.emit(float(self.speed.itemData(i))))
        self.reset = QPushButton()
        self.reset.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reset.clicked.connect(lambda: self.action.emit("reset"))
        self.tail: list[QWidget] = []  # after the scrubber on one row, or on a row of their own (two_rows)
        self.two_rows = False
        for widget in (self.step_label, self.speed_label, self.speed, self.reset):
            self.add_tail(widget)
        self._updating = False

    def add_tail(self, widget: QWidget) -> None:
        """Put `widget` at the bar's end, after the speed and Reset (the window's "Add 「。」 to the class")."""
        self.tail.append(widget)
        (self.bottom if self.two_rows else self.top).addWidget(widget)
        self._fit()

    # polish17 saw "Step 33 of 35" run into "Speed:" at 1024 x 768: at the answer steps "Add 「。」 to the class" joins
    # the bar, which then needed 808 px (Japanese 834) on one row, past what the charts' dock (320 px) leaves of a
    # 1024-pixel screen. A window manager squeezed the row and its controls overlapped (X without one made the window
    # 1,134 px wide, past the screen). Where one row does not fit, the tail takes a second row; the bar never asks
    # the window for more than the wider of its two halves.
    def one_row_width(self) -> int:
        """The width the whole bar needs on one row: every shown control at its size, the scrubber at its least."""
        return self._margins() + _row_width(self.head + self.tail)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self._margins() + max(_row_width(self.head), _row_width(self.tail)), hint.height())

    def _margins(self) -> int:
        m = self.layout().contentsMargins()
        return m.left() + m.right()

    def _fit(self) -> None:
        """One row where the bar's width holds it, else the tail on a second row."""
        two = self.width() < self.one_row_width()
        if two == self.two_rows:
            return
        self.two_rows = two
        for widget in self.tail:
            (self.top if two else self.bottom).removeWidget(widget)
            (self.bottom if two else self.top).addWidget(widget)
        self.updateGeometry()
        self.layout().activate()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()

    def event(self, event):
        if event.type() == QEvent.Type.LayoutRequest:  # a control shown, hidden or given a longer text
            self._fit()
        return super().event(event)

    def _slid(self, value: int) -> None:
        if not self._updating:
            self.scrubbed.emit(value / SCRUB_STEPS_PER_SECOND)

    def set_timeline(self, duration: float, chapter_starts: list[float]) -> None:
        self._updating = True
        self.slider.setMaximum(int(round(duration * SCRUB_STEPS_PER_SECOND)))
        self.slider.marks = chapter_starts
        self._updating = False
        self.slider.update()

    def show_time(self, t: float, playing: bool, step_text: str, speed: float) -> None:
        self._updating = True
        self.slider.setValue(int(round(t * SCRUB_STEPS_PER_SECOND)))
        self.buttons["play"].setIcon(self.icons["pause" if playing else "play"])
        self.step_label.setText(step_text)
        i = self.speed.findData(speed)
        if i >= 0 and i != self.speed.currentIndex():
            self.speed.blockSignals(True)
            self.speed.setCurrentIndex(i)
            self.speed.blockSignals(False)
        self._updating = False

    def retranslate(self, t) -> None:
        for name, key in (("prev_chapter", "ui.prev_chapter"), ("prev_beat", "ui.prev_beat"), ("play", "ui.play"),
                          ("next_beat", "ui.next_beat"), ("next_chapter", "ui.next_chapter")):
            self.buttons[name].setToolTip(t(key))
        self.speed_label.setText(t("ui.speed"))
        self.reset.setText(t("ui.reset"))


SPACING = 6  # px between the bar's controls


def _row_width(widgets: list[QWidget]) -> int:
    """The width `widgets` take on one row: each shown one at its size (the scrubber at its least), with spacing."""
    shown = [w for w in widgets if not w.isHidden()]
    least = [w.minimumWidth() if isinstance(w, QSlider) else max(w.sizeHint().width(), w.minimumWidth()) for w in shown]
    return sum(least) + SPACING * max(0, len(shown) - 1)
