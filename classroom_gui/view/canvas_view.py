"""CanvasView shows the ClassroomScene scaled to the widget, keeping its canvas's logical size, and
turns a click on a desk into "this student asks" (by looking the point up in the Frame's desks). It says which
canvas suits its shape (shapeChanged: 4:3 on a 4:3 projector in presenter mode, lesson.canvas), and the window
asks the model for frames on it.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPixmapCache
from PySide6.QtWidgets import QFrame, QGraphicsView

from .. import collector
from ..lesson.canvas import WIDESCREEN, window_canvas
from ..lesson.frame import Frame
from ..model import allocator
from ..scene import class_pictures, pictures
from ..scene.classroom import ClassroomScene
from ..scene.quiz import choice_at as quiz_choice_at
from .canvas_note import CanvasNote
from .start_hint import StartHint
from .toast import Toast
from .canvas_warm import CanvasWarmer

FAULT_IN_UP_TO = 64  # students: a class this small has its pictures' memory faulted in after its first frame
# (#18: a cold jump at 6 students kept ~20 new pictures; its slow jumps' page faults 575 -> 18, CPU p95 of 80 cold
# jumps 25.0 -> 21.1 ms at 1600 x 900). A bigger class's window cannot spare the memory ahead: GPT-2 at 512
# students holds 1,074 of its 1,100 MB


class CanvasView(QGraphicsView):
    studentClicked = Signal(int)
    choiceClicked = Signal(int)  # a choice of the asked quiz card, from 0 (scene.quiz.choice_at; teacher34 #13)
    numberDoubleClicked = Signal(QPointF, bool)  # scene position, Shift held: a what-if edit (view.whatif_edit)
    shapeChanged = Signal(object)  # the lesson.canvas.Canvas for the viewport's shape (window_canvas), when it changes

    def __init__(self, parent=None):
        self.classroom = ClassroomScene()
        super().__init__(self.classroom, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(480, 270)
        # the 16:9 classroom hangs from the top: a taller widget leaves its spare room below, not a band
        # above the title
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        # the scene's background brush fills every pixel the view paints (drawBackground: the whole exposed area, the
        # band beside or below the canvas too), so the viewport is opaque: Qt no longer fills it with its palette first
        # (#18: one fill of the whole viewport less in every frame, ~0.5 ms at 1600 x 900; the same pixels)
        self.viewport().setAutoFillBackground(False)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.frame: Frame | None = None
        self.shape = WIDESCREEN  # the canvas that suits the viewport (window_canvas), last said by shapeChanged
        self.warmer = CanvasWarmer(self)  # draws the lesson's other moments ahead in idle time (see canvas_warm)
        self.note = CanvasNote(self)  # a what-if refusal, said over the class (canvas_note)
        self.hint = StartHint(self)  # "press → or ▶" on the board while the lesson stands at its start (start_hint)
        self.toast = Toast(self)  # a brief sign over the class: the quiz turned on or off in F5 (toast)
        self.settled = False  # collector.settle() asked for, once the first frame was shown
        self.fault_in_due = False  # the first frame is a small class's: fault its pictures' memory in once painted

    def set_frame(self, frame: Frame, lang: str = "en") -> None:
        self.frame = frame
        before = self.classroom.canvas
        self.classroom.set_frame(frame)
        if self.classroom.canvas != before:  # a frame on the other canvas: the scene changed shape
            self.fitInView(self.classroom.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.hint.follow(frame, lang)
        self.warmer.pause()
        if not self.settled:  # the first frame shown: what start-up made is there to stay (collector.settle)
            self.settled = True
            QTimer.singleShot(0, collector.settle)
            self.fault_in_due = len(frame.students) <= FAULT_IN_UP_TO  # once that frame is painted (paintEvent)

    def drawBackground(self, painter: QPainter, rect) -> None:
        """Every exposed pixel filled whole with the scene's background (its brush, set by the first frame; before
        that the viewport's palette, which Qt filled it with while it was not opaque), in device pixels and not
        antialiased: the scene's rectangle mapped back ends a fraction of a pixel short of the viewport's edge at some
        sizes (1024 x 768's bottom row, a 4:3 canvas's right column), and Qt's antialiased fill blended that row with
        what it held before, so a grab of one moment differed with what was painted there earlier (fix80)."""
        brush = self.classroom.backgroundBrush()
        if brush.style() == Qt.BrushStyle.NoBrush:
            brush = self.backgroundBrush()
        if brush.style() == Qt.BrushStyle.NoBrush:
            vp = self.viewport()
            brush = vp.palette().brush(vp.backgroundRole())
        device = painter.transform().mapRect(rect).toAlignedRect()
        painter.save()
        painter.resetTransform()
        painter.fillRect(device, brush)
        painter.restore()

    def paintEvent(self, event):
        super().paintEvent(event)
        if self.fault_in_due:  # from the event loop, once this paint is over: start-up's first paint is not delayed
            self.fault_in_due = False
            QTimer.singleShot(0, self.fault_in)

    def fault_in(self) -> None:
        """The memory of FRAMES_KEPT canvases of pictures (what QPixmapCache fills up to over a lesson's jumps)
        faulted in now, after the first frame is shown, instead of page by page in the frames that paint them
        (model.allocator.fault_in: once per process, ~30 ms for a 1600 x 900 canvas's 90 MB)."""
        ratio = self.devicePixelRatioF()
        allocator.fault_in(pictures.budget_kb(self.viewport().width() * ratio, self.viewport().height() * ratio) * 1024)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fitInView(self.classroom.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.hint.place()
        self.fit_pictures()
        self.warmer.again()  # pictures are kept per size: the lesson is drawn ahead again for this one
        shape = window_canvas(self.shape, self.viewport().width(), self.viewport().height())
        if shape != self.shape:
            self.shape = shape
            self.shapeChanged.emit(shape)

    def showEvent(self, event):
        super().showEvent(event)
        self.fitInView(self.classroom.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.hint.place()
        self.fit_pictures()
        self.warmer.pause()  # shown again (restored from minimised): what is pending resumes once idle

    def hideEvent(self, event):
        super().hideEvent(event)
        self.warmer.halt()  # hidden, minimised or closed: nothing is drawn ahead until shown again (showEvent)

    def fit_pictures(self) -> None:
        """QPixmapCache sized for this canvas's device pixels (scene.pictures.fit_cache), also after an export
        made room for bigger pictures; for more canvases while a small class's lesson is drawn ahead."""
        ratio = self.devicePixelRatioF()
        w, h = self.viewport().width() * ratio, self.viewport().height() * ratio
        QPixmapCache.setCacheLimit(self.warmer.budget_kb(w, h))
        class_pictures.set_limit(self.warmer.class_bytes(w, h))  # a big class's pictures (scene.class_pictures)

    def student_at(self, x: float, y: float) -> int:
        for s in (self.frame.students if self.frame else []):
            if s.x <= x <= s.x + s.w and s.y <= y <= s.y + s.h:
                return s.index
        return -1

    def mousePressEvent(self, event):
        p = self.mapToScene(event.position().toPoint())
        choice = quiz_choice_at(self.classroom, p.x(), p.y())
        if choice >= 0:  # the card is over the class: a click on a choice answers, it does not pick an asker
            self.choiceClicked.emit(choice)
            event.accept()
            return
        seat = self.student_at(p.x(), p.y())
        if seat >= 0:
            self.studentClicked.emit(seat)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event):
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.numberDoubleClicked.emit(self.mapToScene(event.position().toPoint()), shift)
        super().mouseDoubleClickEvent(event)
