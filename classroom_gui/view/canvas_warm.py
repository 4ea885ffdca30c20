"""CanvasWarmer draws the lesson's other moments ahead, in the window's idle time, so that a jump (a chapter key,
a click on the time line) finds their pictures, link routes and board layouts ready.

After a sentence or a choice changes, and once nothing has been drawn for IDLE_MS, it takes the moments of
every beat (nearest to the moment shown first) and, a chunk of about CHUNK_MS at a time, sets the scene to
each and paints it into an offscreen image with the canvas's own transform: every item keeps its picture in
QPixmapCache under the key the canvas will ask for (scene.pictures). After each chunk the scene is set back to
the frame on screen, so the canvas never shows a warmed moment. Every frame the canvas is given (the user's
input, the player's ticks) pauses it until the canvas has been idle again, so playing never competes with it.

Only classes up to WARM_UP_TO students are warmed, and for them QPixmapCache's budget is WARM_FRAMES canvases
instead of FRAMES_KEPT (scene.pictures.fit_cache): a whole lesson's pictures at 6 students, where desks are
biggest, took ~120 MB at 1600 x 900 (~100 MB at 64 and 128 students, where the class is one picture), more
than the 8 canvases' 87 MB. The budget bounds the memory (beyond it, the least recently used go). Bigger
classes are not warmed: their lesson's pictures would outgrow any budget. Nothing here computes: the frames
come from the function it is given.
"""
from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QObject, QRectF, QTimer
from PySide6.QtGui import QImage, QPainter

from ..export.stopping import stop_if_signalled
from ..scene import pictures, render

IDLE_MS = 400      # the canvas idle this long (no frame drawn) before warming starts or resumes
CHUNK_MS = 30      # warming works this long, then gives the event loop back
WARM_UP_TO = 128   # students: bigger classes are not warmed (their lesson's pictures outgrow the cache)
WARM_FRAMES = 16   # canvases of pictures kept while a class is warmed (the default keeps pictures.FRAMES_KEPT)
PER_BEAT = (0.1, 0.5, 0.95)  # where in each beat a moment is drawn (cards and links settle as a beat plays)


class CanvasWarmer(QObject):
    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.frames: Callable[[float], object] | None = None
        self.warming_class = False  # the class on screen is small enough to warm (and its budget is raised)
        self.pending: list[float] = []
        self.asked = None  # start()'s arguments, for again()
        self.image: QImage | None = None
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(IDLE_MS)
        self.idle.timeout.connect(self._chunk)
        self.next = QTimer(self)
        self.next.setSingleShot(True)
        self.next.setInterval(0)
        self.next.timeout.connect(self._chunk)

    def start(self, frames: Callable[[float], object] | None, beats: list[tuple[float, float]], now: float,
              students: int) -> None:
        """Warm the moments of `beats` ((start, duration) each), nearest to `now` first; frames(t) is the Frame
        the canvas would show at t (None: nothing to warm, e.g. during a quiz). Replaces any earlier work."""
        self.frames, self.asked = frames, (frames, beats, now, students)
        self.pending = []
        warmed = frames is not None and 0 < students <= WARM_UP_TO
        if warmed:
            moments = [start + a * duration for start, duration in beats for a in PER_BEAT]
            self.pending = sorted(moments, key=lambda t: -abs(t - now))  # popped from the end: nearest first
        if warmed != self.warming_class:
            self.warming_class = warmed
            self.view.fit_pictures()  # the budget for a warmed class, or back to the canvas's own
        self.pause()

    def frames_kept(self) -> int:
        """How many canvases of pictures QPixmapCache keeps for the canvas (see the module's docstring)."""
        return WARM_FRAMES if self.warming_class else pictures.FRAMES_KEPT

    def again(self) -> None:
        """The canvas changed size: what was drawn ahead is kept for the old size, so draw it all again."""
        if self.asked is not None and self.asked[0] is not None:
            self.start(*self.asked)

    def stop(self) -> None:
        self.pending = []
        self.idle.stop()
        self.next.stop()

    def pause(self) -> None:
        """The canvas drew a frame: wait until it has been idle for IDLE_MS again."""
        self.next.stop()
        if self.pending:
            self.idle.start()
        else:
            self.idle.stop()

    def run_all(self) -> int:
        """Warm every pending moment now (what idle time does, without waiting: a benchmark, a test); the
        number of moments drawn."""
        n = len(self.pending)
        while self.pending and self._chunk(reschedule=False):
            pass
        return n - len(self.pending)

    def _chunk(self, reschedule: bool = True) -> bool:
        """Draw pending moments for about CHUNK_MS; False when there is nothing it can draw now (no frame shown
        yet, or the canvas hidden)."""
        view, shown = self.view, self.view.frame
        if shown is None or not self.pending or not view.isVisible():
            return False
        scene = view.classroom
        end = time.perf_counter() + CHUNK_MS / 1000
        # counted as painting, as an export's pictures are: a SIGTERM waits for the chunk instead of unwinding
        # through Qt's C++ inside a paint() (a crash), and is raised below, once the scene is set back
        render.painting += 1
        try:
            image = self._target()
            while self.pending and time.perf_counter() < end:
                scene.set_frame(self.frames(self.pending.pop()))
                painter = QPainter(image)
                painter.setRenderHints(view.renderHints())  # kept pictures are painted with the painter's hints
                try:
                    view.render(painter, QRectF(image.rect()), view.viewport().rect())
                finally:
                    painter.end()
        except Exception:  # warming is a convenience: a moment it cannot draw ends it, and the canvas goes on
            self.pending = []
        finally:
            try:
                scene.set_frame(shown)  # the canvas shows what it showed
            finally:
                render.painting -= 1
        stop_if_signalled()
        if reschedule and self.pending:
            self.next.start()
        return True

    def _target(self) -> QImage:
        """An image of the viewport's size: painted through the view, items get the canvas's transform."""
        size = self.view.viewport().size()
        if self.image is None or self.image.size() != size:
            self.image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        return self.image
