"""CanvasWarmer draws the lesson's other moments ahead, in the window's idle time, so that a jump (a chapter key,
a click on the time line) finds their pictures, link routes and board layouts ready.

After a sentence or a choice changes, and once nothing has been drawn for IDLE_MS, it takes the moments of
every beat (every beat's stop, where the keys land, nearest to the moment shown first; then the beats' middles
and starts) and draws them on a TWIN: a second ClassroomScene in a QGraphicsView that is never shown, kept at
the canvas's size, transform and render hints, painted into an offscreen image at the canvas's device pixel
ratio. Every item keeps its picture in QPixmapCache under the key the canvas will ask for (scene.pictures: by
content, scale and fraction of a pixel), and the twin's link layer shares the canvas's remembered routes, so
what the twin painted is what the canvas finds. The canvas's own scene is never touched: it shows its moment
and repaints nothing while the lesson is drawn ahead.

A moment is drawn in steps: its Frame (the function given), the twin set to it, a big class's two pictures
(its desks, its cards: CLASS_STEPS), then BANDS horizontal bands of the canvas painted. Each chunk runs steps while the next step's running estimate fits in AIM_MS (always at
least one), then yields to the event loop; a moment left half drawn resumes at its next step. So a chunk
lasts about AIM_MS, and at worst one step: the twin's first setting of a moment or a band whose biggest
picture is new (a step cannot be split). Every frame the canvas is given (the user's input, the player's
ticks) pauses it until the canvas has been idle again, so playing never competes with it: IDLE_MS, but only NEAR_MS
for the shown moment's neighbours (the beat stops before and after it, where ← and → land), which are then drawn
first, so that a user stepping through the lesson a few times a second finds the next step drawn; a new sentence,
rule, layer, language, theme or what-if starts it again from the moment shown (start()). Nothing is drawn
while the canvas is hidden or its window minimised, while `held()` (an export with its progress dialog), or
during a quiz (ClassroomModel.ahead).

Classes up to PAINT_UP_TO students are painted ahead, and for them QPixmapCache's budget is WARM_FRAMES
canvases instead of pictures.FRAMES_KEPT, at most WARM_MAX_KB (scene.pictures.fit_cache): a whole lesson's
pictures at 6 students, where desks are biggest, took ~120 MB at 1600 x 900 (~100 MB at 64 and 128 students),
more than the 8 canvases' 87 MB. The budget bounds the memory (beyond it, the least recently used go) while
warming and after. Bigger classes, up to WARM_UP_TO, are only SET ahead (no bands): what the twin's scene
chooses and remembers in shared caches (link routes, label places, text and board layouts) is ready, while their
items' pictures, which would outgrow any budget, are not painted; up to PREPARE_UP_TO students their class's two
pictures (its desks, its cards: CLASS_STEPS) are still drawn, within the big class's budget below (at 256 students
they were most of a warm jump's misses: a jump's new desks and cards took 10-40 ms). A big class's desks and cards (ClassImage) are kept by
content in scene.class_pictures, shared with the canvas: while a class is warmed its budget is
WARM_CLASS_CANVASES canvases, at most WARM_CLASS_MAX. The twin's ClassImage draws them straight onto the band
(no item cache of its own); a very big class's CrowdItem keeps its pictures to itself, so the twin never paints
it. Nothing here computes: the frames come from the function it is given.
"""
from __future__ import annotations

import bisect
import contextlib
import logging
import time
from typing import Callable

import shiboken6

from PySide6.QtCore import QCoreApplication, QObject, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsView

from ..export.stopping import stop_if_signalled
from ..scene import class_pictures, pictures, render
from ..scene.class_image import COMPOSE_FROM
from ..scene.classroom import ClassroomScene

IDLE_MS = 400      # the canvas idle this long (no frame drawn) before warming starts or resumes
NEAR_MS = 60       # ... or this long, for the shown moment's neighbours (the beat stops before and after it)
CHUNK_MS = 30      # the promise: a chunk (input waits for it) lasts about this long at most
AIM_MS = 15        # a chunk starts a step only while its estimate ends by this: an overrun still lands near CHUNK_MS
BANDS = 4          # a moment is painted in this many horizontal bands of the canvas, one step each
PAINT_UP_TO = 128  # students: bigger classes are set ahead but not painted (their lesson's pictures outgrow the cache)
PREPARE_UP_TO = 256  # students: ... but up to this many their class's two pictures (CLASS_STEPS) are still drawn
WARM_UP_TO = 512   # students: bigger classes are not drawn ahead at all (at 1,024 GPT-2 students one moment's
                   # Frame or setting alone took up to 124 ms CPU: input would wait that long; 512: 51 ms at most)
WARM_FRAMES = 16   # canvases of pictures kept while a class is warmed (the default keeps pictures.FRAMES_KEPT)
WARM_MAX_KB = 192 * 1024  # and never more than this (a 4K canvas would ask 16 x 66 MB)
# a big class's pictures (scene.class_pictures) kept while it is warmed, in canvases of 32-bit pixels: a whole
# lesson's took 175 MB at 64 teaching students and 200 MB at 128 GPT-2 on a 1600 x 900 canvas (32-37 canvases)
WARM_CLASS_CANVASES = 40
WARM_CLASS_MAX = 256 << 20  # bytes, and never more than this
PER_BEAT = (1.0, 0.5, 0.1)  # where in each beat a moment is drawn: its stop (the keys' jumps) first, then the rest
CHUNKS_KEPT = 4096  # the last chunks' times kept (a lesson of 128 GPT-2 students takes ~2,000 chunks)
FRAME, SET = -2, -1  # a moment's first two steps; 0 .. BANDS - 1 are its bands
CLASS_STEPS = {-4: "shells", -3: "cards"}  # then a big class's two pictures (ClassImage.prepare), a step each

clock = time.perf_counter  # the idle waits' clock (shown_at, _due), seconds; the chunks' own budget reads perf_counter
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
        self.warming_class = False  # the class on screen is small enough to paint ahead (and its budget is raised)
        self.big_class = False  # ... and drawn as one ClassImage, whose pictures (scene.class_pictures) get more room
        self.painting = False       # the moments drawn ahead are painted, not only set (PAINT_UP_TO)
        self.pending: list[float] = []  # moments still to draw, the next one last
        self.stops: list[float] = []    # the beats' stops, in order (where the keys land)
        self.near: tuple[float, ...] = ()  # the shown moment's neighbours among them (pause)
        self.shown_at = 0.0             # when the canvas last drew a frame (clock(), s)
        self.band = 0                   # the next band of pending[-1] to paint (once the twin is set to it)
        self.current = None             # (moment, Frame, twin set to it) of pending[-1], kept between chunks
        self.failed = False             # a moment failed to draw since start() (logged once)
        self.asked = None  # start()'s arguments, for again()
        self.image: QImage | None = None
        self.twin: QGraphicsView | None = None  # the never-shown view and scene the moments are drawn on
        self.twin_scene: ClassroomScene | None = None
        # running estimates (ms) of each kind of step: a moment's Frame, setting the twin to it, a band
        self.step_ms = {FRAME: 2.0, SET: 5.0, 0: 5.0, **{k: 2.0 for k in CLASS_STEPS}}
        self.prepared = 0  # the class steps done for pending[-1]
        self.chunks_ms: list[float] = []  # the last chunks' wall times (a test, the benchmark)
        self.chunks_cpu_ms: list[float] = []  # and their thread CPU times (steady under the machine's load)
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
        self.stops = sorted(start + duration for start, duration in beats)
        warmed = frames is not None and 0 < students <= PAINT_UP_TO
        self.painting = warmed
        prepared = frames is not None and 0 < students <= PREPARE_UP_TO  # (the class's pictures drawn ahead)
        if frames is not None and 0 < students <= WARM_UP_TO:
            for a in reversed(PER_BEAT):  # popped from the end: the first of PER_BEAT, nearest first
                moments = [start + a * duration for start, duration in beats]
                self.pending += sorted(moments, key=lambda t: -abs(t - now))
        else:
            self._let_go()
        big = prepared and students > COMPOSE_FROM
        if (warmed, big) != (self.warming_class, self.big_class):
            # the budgets for a warmed class, or back to the canvas's own: a small class after a big one lets
            # the big class's pictures go (nothing else would trim them: a small class keeps none)
            self.warming_class, self.big_class = warmed, big
            self.view.fit_pictures()
        self.near = ()  # (nearest to `now` first, as sorted)
        self.pause(near=False)

    def frames_kept(self) -> int:
        """How many canvases of pictures QPixmapCache keeps for the canvas (see the module's docstring)."""
        return WARM_FRAMES if self.warming_class else pictures.FRAMES_KEPT

    def budget_kb(self, width: float, height: float) -> int:
        """QPixmapCache's limit for a canvas of width x height device pixels (CanvasView.fit_pictures)."""
        kb = pictures.budget_kb(width, height, self.frames_kept())
        return min(kb, max(WARM_MAX_KB, pictures.budget_kb(width, height))) if self.warming_class else kb

    def class_bytes(self, width: float, height: float) -> int:
        """scene.class_pictures' budget for a canvas of width x height device pixels (CanvasView.fit_pictures)."""
        if not self.big_class:
            return class_pictures.budget(width, height)
        return max(class_pictures.budget(width, height),
                   min(WARM_CLASS_MAX, class_pictures.budget(width, height, WARM_CLASS_CANVASES)))

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
        self._let_go()

    def halt(self) -> None:
        """The canvas was hidden: its timers stop, what is pending stays for pause() (the canvas shown again)."""
        self.idle.stop()
        self.next.stop()

    def pause(self, near: bool = True) -> None:
        """The canvas drew a frame (or was shown again): wait until it has been idle for IDLE_MS again, or (`near`)
        for NEAR_MS where the shown moment's neighbours are still to draw (they are drawn first)."""
        self.next.stop()
        self.shown_at = clock()
        if self.pending:
            self.idle.start(NEAR_MS if near and self._near_first() else IDLE_MS)
        else:
            self.idle.stop()

    def _near_first(self) -> bool:
        """The beat stops before and after the shown moment (where ← and → land from it), those still pending
        moved to be drawn next (the one after first); whether there are any."""
        frame, stops = self.view.frame, self.stops
        if frame is None or not stops:
            self.near = ()
            return False
        t = frame.time  # (as lesson.timeline's prev_stop and next_stop find them)
        i, j = bisect.bisect_left(stops, t - 1e-6), bisect.bisect_right(stops, t + 1e-6)
        self.near = tuple(s for s in (stops[i - 1] if i else None, stops[j] if j < len(stops) else None)
                          if s is not None and s in self.pending)
        for s in self.near:  # (a few hundred floats compared: ~10 us a frame while anything is pending)
            self.pending.remove(s)
            self.pending.append(s)
        return bool(self.near)

    def can_draw(self) -> bool:
        """Something is shown, the canvas is visible in a window that is not minimised, and no export runs."""
        view = self.view
        return (view.frame is not None and view.isVisible() and not view.window().isMinimized()
                and not _held[0] and not view.viewport().size().isEmpty())

    def left(self) -> float:
        """Moments still to draw, the one under way counting the steps it has done (a test, a progress)."""
        if not self.pending or self.current is None or self.current[0] != self.pending[-1]:
            return float(len(self.pending))
        return len(self.pending) - (1 + self.current[2] + self.prepared + self.band) / (BANDS + 2 + len(CLASS_STEPS))

    def run_all(self) -> int:
        """Warm every pending moment now (what idle time does, without waiting: a benchmark, a test); the
        number of moments drawn."""
        n = len(self.pending)
        while self.pending and self._chunk(reschedule=False):
            pass
        return n - len(self.pending)

    def _chunk(self, reschedule: bool = True) -> bool:
        """Run steps for about AIM_MS; False when nothing can be drawn now (see can_draw: a minimised window
        looks again after IDLE_MS; a hidden or closed one waits for showEvent's pause())."""
        if not self.pending:
            self._let_go()
            return False
        if not self.can_draw():
            if reschedule and self.view.isVisible():  # minimised: look again later; hidden or closed: showEvent resumes
                self.idle.start(IDLE_MS)
            return False
        began, cpu = time.perf_counter(), time.thread_time()
        end = began + AIM_MS / 1000
        # counted as painting, as an export's pictures are: a SIGTERM waits for the chunk instead of unwinding
        # through Qt's C++ inside a paint() (a crash), and is raised below, once the chunk is over
        render.painting += 1
        try:
            twin = self._twin()
            if twin is None:  # (the twin cannot take the canvas's transform: nothing drawn would be found)
                self.stop()
                return False
            first = True
            while self.pending:
                step = self._next_step()
                now = time.perf_counter()
                if not first and now + self.step_ms[min(step, 0)] / 1000 > end:
                    break  # the next step would not fit: the next chunk starts with it
                if not first and not self._due(self.pending[-1]):
                    break  # the neighbours drawn: the rest waits until the canvas has been idle for IDLE_MS
                self._run_step(step, twin)
                ms = (time.perf_counter() - now) * 1000
                self.step_ms[min(step, 0)] = 0.7 * self.step_ms[min(step, 0)] + 0.3 * ms
                first = False
        except Exception:  # warming is a convenience: a moment it cannot draw is skipped (said once), the rest go on
            if not self.failed:
                self.failed = True
                logging.getLogger("classroom_gui").exception("drawing a moment ahead failed (t=%s)", self.pending[-1:])
            if self.pending:
                self.pending.pop()
            self.band, self.current = 0, None
        finally:
            render.painting -= 1
        self.chunks_ms.append((time.perf_counter() - began) * 1000)
        self.chunks_cpu_ms.append((time.thread_time() - cpu) * 1000)
        del self.chunks_ms[:-CHUNKS_KEPT], self.chunks_cpu_ms[:-CHUNKS_KEPT]
        stop_if_signalled()
        if reschedule and self.pending:  # on at once, but past the neighbours only once idle for IDLE_MS
            if self._due(self.pending[-1]):
                self.next.start()
            else:
                self.next.stop()
                self.idle.start(max(0, round(IDLE_MS - (clock() - self.shown_at) * 1000)))
        if not self.pending:
            self._let_go()
        return True

    def _due(self, moment: float) -> bool:
        """Whether `moment` may be drawn now: a neighbour of the shown moment, or the canvas idle for IDLE_MS."""
        return moment in self.near or (clock() - self.shown_at) * 1000 >= IDLE_MS

    def _next_step(self) -> int:
        """FRAME, SET or the band to paint next for the moment pending[-1]."""
        if self.current is None or self.current[0] != self.pending[-1]:
            return FRAME
        if not self.current[2]:
            return SET
        return list(CLASS_STEPS)[self.prepared] if self.prepared < len(CLASS_STEPS) else self.band

    def _run_step(self, step: int, twin: QGraphicsView) -> None:
        if step == FRAME:
            t = self.pending[-1]
            self.current, self.band, self.prepared = (t, self.frames(t), False), 0, 0
        elif step == SET:
            scene = twin.scene()
            scene.theme = self.view.classroom.theme  # (the window sets the canvas's theme: the twin follows)
            scene.set_frame(self.current[1])
            scene.crowd.setVisible(False)  # (its pictures stay its own: see the module's docstring)
            self.current = self.current[:2] + (True,)
            if not scene.class_image.isVisible() or not self.big_class:  # no class pictures to draw (a small
                self.prepared = len(CLASS_STEPS)  # class), or none kept for it (over PREPARE_UP_TO)
            self._done_unpainted()
        elif step in CLASS_STEPS:  # its picture drawn into scene.class_pictures, where the band finds it
            twin.scene().class_image.prepare(CLASS_STEPS[step], twin.viewportTransform())
            self.prepared += 1
            self._done_unpainted()
        else:
            self._paint_band(self._target(), step)
            self.band += 1
            if self.band >= BANDS:
                self.pending.pop()
                self.band, self.current = 0, None

    def _done_unpainted(self) -> None:
        """A big class (over PAINT_UP_TO) is set ahead and has its class pictures drawn, no band painted: its
        moment is done once the class steps are."""
        if not self.painting and self.prepared >= len(CLASS_STEPS):
            self.pending.pop()
            self.current = None

    def _paint_band(self, image: QImage, band: int) -> None:
        """Band `band` of BANDS of the viewport, painted through the twin as the canvas paints its scene: the
        same transform (QGraphicsView.render maps a source rect 1:1 onto an equal target rect) and render hints."""
        size = self.twin.viewport().size()
        y0, y1 = size.height() * band // BANDS, size.height() * (band + 1) // BANDS
        rect = QRect(0, y0, size.width(), y1 - y0)
        painter = QPainter(image)
        painter.setRenderHints(self.view.renderHints())  # kept pictures are painted with the painter's hints
        try:
            self.twin.render(painter, QRectF(rect), rect)
        finally:
            painter.end()

    def _twin(self) -> QGraphicsView | None:
        """The twin view at the canvas's size and transform (made on first use; None if it cannot match)."""
        view = self.view
        if self.twin is None:
            self.twin_scene = ClassroomScene()  # (held here: the view does not own its scene)
            # a big class's pictures go to the shared scene.class_pictures, not into an item cache of the twin's
            self.twin_scene.class_image.setCacheMode(QGraphicsItem.CacheMode.NoCache)
            self.twin_scene.class_image.blits = True
            twin = self.twin = QGraphicsView(self.twin_scene)
            twin.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            twin.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            twin.setFrameShape(QFrame.Shape.NoFrame)
            # the canvas's remembered link routes (a route set chosen here is the one the canvas would choose)
            twin.scene().links._route_sets = view.classroom.links._route_sets
        twin = self.twin
        twin.scene().use_canvas(view.classroom.canvas)  # (the window's canvas may have turned 4:3: lesson.canvas)
        twin.setRenderHints(view.renderHints())
        twin.setAlignment(view.alignment())
        if twin.size() != view.size():
            twin.resize(view.size())
            QCoreApplication.sendPostedEvents(twin, 0)  # (never shown: its viewport is laid out by this event)
        if twin.viewportTransform() != view.viewportTransform():
            twin.fitInView(twin.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)  # as the canvas does
        if twin.viewportTransform() != view.viewportTransform() or twin.viewport().size() != view.viewport().size():
            return None
        return twin

    def _let_go(self) -> None:
        """Nothing left to draw: the twin and the image go (a viewport-sized image: 8 MB at 1080p)."""
        self.image = None
        if self.twin is not None:
            twin, self.twin = self.twin, None
            scene, self.twin_scene = self.twin_scene, None
            twin.setScene(None)
            shiboken6.delete(twin)  # now, not when the collector breaks the scene's cycles (LinkLayer <-> scene)
            shiboken6.delete(scene)  # (and its items with it)

    def _target(self) -> QImage:
        """An image of the viewport's size and device pixel ratio: painted through the twin, items get the
        canvas's transform, and anything that reads the device's scale reads the canvas's."""
        size, ratio = self.view.viewport().size(), self.view.viewport().devicePixelRatioF()
        if self.image is None or self.image.deviceIndependentSize().toSize() != size or \
                self.image.devicePixelRatio() != ratio:
            self.image = QImage(size * ratio, QImage.Format.Format_ARGB32_Premultiplied)
            self.image.setDevicePixelRatio(ratio)
        return self.image
