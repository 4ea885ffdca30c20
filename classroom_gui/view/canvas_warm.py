"""CanvasWarmer draws the lesson's other moments ahead, in the window's idle time, so that a jump (a chapter key,
a click on the time line) finds their pictures, link routes and board layouts ready.

After a sentence or a choice changes, and once nothing has been drawn for IDLE_MS, it takes the moments of
every beat (every beat's stop, where the keys land, nearest to the moment shown first; then the beats' middles
and starts) and, a chunk of about CHUNK_MS at a time, sets the scene to one and paints it into an offscreen
image through the view (its transform, render hints and device pixel ratio): every item keeps its picture in
QPixmapCache under the key the canvas will ask for (scene.pictures). A moment is painted in BANDS horizontal
bands of the canvas, a few per chunk, so that one moment whose first painting takes 50-150 ms never holds the
event loop that long. After each chunk the scene is set back to the frame on screen, so the canvas never
shows a warmed moment. Every frame the canvas is given (the user's input, the player's ticks) pauses it until
the canvas has been idle again, so playing never competes with it; a new sentence, rule, layer or language
starts it again from the moment shown (start()). Nothing is drawn while the canvas is hidden or its window
minimised, while `held()` (an export with its progress dialog), or during a quiz (ClassroomModel.ahead).

Only classes up to WARM_UP_TO students are warmed, and for them QPixmapCache's budget is WARM_FRAMES canvases
instead of pictures.FRAMES_KEPT, at most WARM_MAX_KB (scene.pictures.fit_cache): a whole lesson's pictures at
6 students, where desks are biggest, took ~120 MB at 1600 x 900 (~100 MB at 64 and 128 students, where the
class is one picture), more than the 8 canvases' 87 MB. The budget bounds the memory (beyond it, the least
recently used go) while warming and after. Bigger classes are not warmed: their lesson's pictures would
outgrow any budget. Nothing here computes: the frames come from the function it is given.
"""
from __future__ import annotations

import contextlib
import logging
import time
from typing import Callable

from PySide6.QtCore import QObject, QRect, QRectF, QTimer
from PySide6.QtGui import QImage, QPainter

from ..export.stopping import stop_if_signalled
from ..scene import pictures, render

IDLE_MS = 400      # the canvas idle this long (no frame drawn) before warming starts or resumes
CHUNK_MS = 30      # warming works about this long (a band's cost is estimated before it starts), then yields
BANDS = 4          # a moment is painted in this many horizontal bands of the canvas, one or more per chunk
WARM_UP_TO = 128   # students: bigger classes are not warmed (their lesson's pictures outgrow the cache)
WARM_FRAMES = 16   # canvases of pictures kept while a class is warmed (the default keeps pictures.FRAMES_KEPT)
WARM_MAX_KB = 192 * 1024  # and never more than this (a 4K canvas would ask 16 x 66 MB)
PER_BEAT = (1.0, 0.5, 0.1)  # where in each beat a moment is drawn: its stop (the keys' jumps) first, then the rest

_held = [0]  # exports in progress (held()): nothing is drawn ahead meanwhile


@contextlib.contextmanager
def held():
    """No warming while this runs (an export: its progress dialog runs the event loop, and its pictures need
    the cache's room and the CPU)."""
    _held[0] += 1
    try:
        yield
    finally:
        _held[0] -= 1


class CanvasWarmer(QObject):
    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.frames: Callable[[float], object] | None = None
        self.warming_class = False  # the class on screen is small enough to warm (and its budget is raised)
        self.pending: list[float] = []  # moments still to draw, the next one last
        self.band = 0                   # the next band of pending[-1] to paint
        self.current = None             # (moment, Frame) of pending[-1], kept between its chunks
        self.failed = False             # a moment failed to draw since start() (logged once)
        self.asked = None  # start()'s arguments, for again()
        self.image: QImage | None = None
        # running estimates (ms): setting the scene to a moment, painting a band, setting it back to the frame shown
        self.set_ms, self.band_ms, self.back_ms = 5.0, 5.0, 2.0
        self.chunks_ms: list[float] = []  # the last chunks' wall times (a test, the benchmark)
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
        """Warm the moments of `beats` ((start, duration) each), nearest to `now` first, beat stops before the
        rest; frames(t) is the Frame the canvas would show at t (None: nothing to warm, e.g. during a quiz).
        Replaces any earlier work (a new sentence, rule, layer: what was pending is dropped)."""
        self.frames, self.asked = frames, (frames, beats, now, students)
        self.pending, self.band, self.current, self.failed = [], 0, None, False
        warmed = frames is not None and 0 < students <= WARM_UP_TO
        if warmed:
            for a in reversed(PER_BEAT):  # popped from the end: the first of PER_BEAT, nearest first
                moments = [start + a * duration for start, duration in beats]
                self.pending += sorted(moments, key=lambda t: -abs(t - now))
        if warmed != self.warming_class:
            self.warming_class = warmed
            self.view.fit_pictures()  # the budget for a warmed class, or back to the canvas's own
        self.pause()

    def frames_kept(self) -> int:
        """How many canvases of pictures QPixmapCache keeps for the canvas (see the module's docstring)."""
        return WARM_FRAMES if self.warming_class else pictures.FRAMES_KEPT

    def budget_kb(self, width: float, height: float) -> int:
        """QPixmapCache's limit for a canvas of width x height device pixels (CanvasView.fit_pictures)."""
        kb = pictures.budget_kb(width, height, self.frames_kept())
        return min(kb, max(WARM_MAX_KB, pictures.budget_kb(width, height))) if self.warming_class else kb

    def again(self) -> None:
        """The canvas changed size: what was drawn ahead is kept for the old size, so draw it all again, nearest
        to the moment on screen now (not the one shown when start() was called: presenter mode at beat 32)."""
        if self.asked is not None and self.asked[0] is not None:
            frames, beats, now, students = self.asked
            shown = self.view.frame
            self.start(frames, beats, shown.time if shown is not None else now, students)

    def stop(self) -> None:
        self.pending, self.band, self.current = [], 0, None
        self.idle.stop()
        self.next.stop()

    def halt(self) -> None:
        """The canvas was hidden: its timers stop, what is pending stays for pause() (the canvas shown again)."""
        self.idle.stop()
        self.next.stop()

    def pause(self) -> None:
        """The canvas drew a frame (or was shown again): wait until it has been idle for IDLE_MS again."""
        self.next.stop()
        if self.pending:
            self.idle.start()
        else:
            self.idle.stop()

    def can_draw(self) -> bool:
        """Something is shown, the canvas is visible in a window that is not minimised, and no export runs."""
        view = self.view
        return (view.frame is not None and view.isVisible() and not view.window().isMinimized()
                and not _held[0] and not view.viewport().size().isEmpty())

    def run_all(self) -> int:
        """Warm every pending moment now (what idle time does, without waiting: a benchmark, a test); the
        number of moments drawn."""
        n = len(self.pending)
        while self.pending and self._chunk(reschedule=False):
            pass
        return n - len(self.pending)

    def _chunk(self, reschedule: bool = True) -> bool:
        """Paint pending bands for about CHUNK_MS; False when nothing can be drawn now (see can_draw: then it
        looks again after IDLE_MS while moments are pending, e.g. until the window is restored)."""
        if not self.pending:
            self.image = None  # (a viewport-sized image: 8 MB at 1080p)
            return False
        if not self.can_draw():
            if reschedule and self.view.isVisible():  # minimised: look again later; hidden or closed: showEvent resumes
                self.idle.start()
            return False
        view, shown = self.view, self.view.frame
        scene = view.classroom
        began = time.perf_counter()
        end = began + CHUNK_MS / 1000
        # counted as painting, as an export's pictures are: a SIGTERM waits for the chunk instead of unwinding
        # through Qt's C++ inside a paint() (a crash), and is raised below, once the scene is set back
        render.painting += 1
        try:
            image = self._target()
            painted = False
            while self.pending:
                t = self.pending[-1]
                if painted and time.perf_counter() + (self.set_ms + self.band_ms + self.back_ms) / 1000 > end:
                    break  # the next moment would not fit: the next chunk starts it
                fresh = self.current is None or self.current[0] != t
                if fresh:
                    self.current = (t, self.frames(t))
                now = time.perf_counter()
                scene.set_frame(self.current[1])
                self.set_ms = 0.7 * self.set_ms + 0.3 * (time.perf_counter() - now) * 1000
                if fresh and time.perf_counter() + (self.band_ms + self.back_ms) / 1000 > end:
                    break  # a first visit's setting took the chunk (its routes, layouts kept): bands next chunk
                while self.band < BANDS:
                    now = time.perf_counter()
                    if painted and now + (self.band_ms + self.back_ms) / 1000 > end:
                        break
                    self._paint_band(image, self.band)
                    ms = (time.perf_counter() - now) * 1000
                    self.band_ms = 0.7 * self.band_ms + 0.3 * ms
                    self.band += 1
                    painted = True
                if self.band < BANDS:
                    break
                self.pending.pop()
                self.band, self.current = 0, None
        except Exception:  # warming is a convenience: a moment it cannot draw is skipped (said once), the rest go on
            if not self.failed:
                self.failed = True
                logging.getLogger("classroom_gui").exception("drawing a moment ahead failed (t=%s)", self.pending[-1:])
            if self.pending:
                self.pending.pop()
            self.band, self.current = 0, None
        finally:
            try:
                back = time.perf_counter()
                scene.set_frame(shown)  # the canvas shows what it showed
                self.back_ms = 0.7 * self.back_ms + 0.3 * (time.perf_counter() - back) * 1000
            finally:
                render.painting -= 1
        self.chunks_ms = (self.chunks_ms + [(time.perf_counter() - began) * 1000])[-256:]
        stop_if_signalled()
        if reschedule and self.pending:
            self.next.start()
        if not self.pending:
            self.image = None
        return True

    def _paint_band(self, image: QImage, band: int) -> None:
        """Band `band` of BANDS of the viewport, painted through the view as the canvas paints it: the same
        transform (QGraphicsView.render maps a source rect 1:1 onto an equal target rect) and render hints."""
        size = self.view.viewport().size()
        y0, y1 = size.height() * band // BANDS, size.height() * (band + 1) // BANDS
        rect = QRect(0, y0, size.width(), y1 - y0)
        painter = QPainter(image)
        painter.setRenderHints(self.view.renderHints())  # kept pictures are painted with the painter's hints
        try:
            self.view.render(painter, QRectF(rect), rect)
        finally:
            painter.end()

    def _target(self) -> QImage:
        """An image of the viewport's size and device pixel ratio: painted through the view, items get the
        canvas's transform, and anything that reads the device's scale reads the canvas's."""
        size, ratio = self.view.viewport().size(), self.view.viewport().devicePixelRatioF()
        if self.image is None or self.image.deviceIndependentSize().toSize() != size or \
                self.image.devicePixelRatio() != ratio:
            self.image = QImage(size * ratio, QImage.Format.Format_ARGB32_Premultiplied)
            self.image.setDevicePixelRatio(ratio)
        return self.image
