"""Can a cold jump's painting use the machine's second core from Python threads? (#18, session 20: cold22)

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_threads.py [--students 6] [--model gpt2] [--rounds 40]

Three measurements, each printed with the load average:

1. Which Qt calls let go of Python's GIL: each runs once on a thread while the GUI thread spins in Python; a call
   that lets go leaves the spinning thread's longest pause far below the call's time alone, one that holds it
   a pause about as long (or longer: the OS shares the core too). QThread.msleep and time.sleep
   are the controls that let go.
2. Whether a second core is free at all now: hashlib.sha256 over 8 MB (it lets go of the GIL) twice, one after
   the other and on two threads at once. x1.0 means the machine has no spare core at this moment.
3. The new cards of a cold jump (the canvas of bench_frames.py at 1600 x 900, a moment in the layers chapter),
   each painted through its StripView onto a picture of its own as scene.pictures paints it, with the caches a
   new card has not got emptied first: on one thread; split over two threads; and on a thread while the GUI
   thread does ~8 ms of Python and small NumPy work (what building the links and the board is), against the
   two one after the other.

Session 20 (cold22), 4 runs (the first of a draft of this script), PySide6 6.11.3, 2 cores, load 2.7-5.4
(other sessions busy):
- QPainter.drawImage, QImage.scaled and convertToFormat hold the GIL: the GUI thread paused about as long as the
  call takes alone (42 of 41 ms, 74 of 72, 31 of 18); QThread.msleep and time.sleep let go (0.2-4 ms of 30).
- sha256 on two threads x0.84-1.46: a core was free only now and then.
- the 24 new cards of a 6 GPT-2 layers moment: one thread 3.4-8.0 ms, split over two 4.4-8.4 (slower in every
  run: the threads take turns with the GIL); on a thread beside ~8 ms of Python against the two one after the
  other 8.8 / 8.5, 12.9 / 13.1, 17.5 / 20.1, 13.8 / 10.9 ms (no gain beyond the noise).
So the lever #18's brief named, PySide6 letting go of the GIL inside Qt's painting, is not there in this build:
a card's painting is Python calling Qt, and both hold the GIL.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402


def longest_pause(call) -> tuple[float, float]:
    """(the call's ms on a thread, the longest ms the GUI thread's Python loop waited meanwhile)."""
    span = [0.0]

    def run():
        t0 = time.perf_counter()
        call()
        span[0] = time.perf_counter() - t0

    th = threading.Thread(target=run)
    pause, last = 0.0, time.perf_counter()
    th.start()
    while th.is_alive():
        now = time.perf_counter()
        pause, last = max(pause, now - last), now
    th.join()
    return span[0] * 1e3, pause * 1e3


def both_ways(one, other, rounds: int) -> tuple[float, float]:
    """Median ms of one() then other(), and of one() on a thread while other() runs here."""
    serial, overlap = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        one()
        other()
        serial.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        th = threading.Thread(target=one)
        th.start()
        other()
        th.join()
        overlap.append(time.perf_counter() - t0)
    return statistics.median(serial) * 1e3, statistics.median(overlap) * 1e3


def gil_calls() -> None:
    from PySide6.QtCore import QRectF, Qt, QThread
    from PySide6.QtGui import QImage, QPainter

    fmt = QImage.Format.Format_ARGB32_Premultiplied
    src, big = QImage(2000, 2000, fmt), QImage(3000, 3000, fmt)
    src.fill(0x80FF8040)
    big.fill(0)

    def draw():
        p = QPainter(big)
        p.rotate(0.5)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(QRectF(0, 0, 2999, 2999), src)
        p.end()

    calls = {"QThread.msleep(30)": lambda: QThread.msleep(30), "time.sleep(0.03)": lambda: time.sleep(0.03),
             "QPainter.drawImage": draw,
             "QImage.scaled": lambda: src.scaled(3000, 3000, Qt.AspectRatioMode.IgnoreAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation),
             "QImage.convertToFormat": lambda: src.convertToFormat(QImage.Format.Format_RGB888)}
    print(f"1. the GIL in Qt calls (load {os.getloadavg()[0]:.2f})")
    for name, call in calls.items():
        alone = min(timed(call) for _ in range(3))  # (on a thread its time also counts its waits for the GIL)
        ms, pause = longest_pause(call)
        print(f"   {name:<24} alone {alone:6.1f} ms, on a thread {ms:6.1f} ms, GUI thread's longest pause "
              f"{pause:6.1f} ms ({'holds the GIL' if pause > alone / 2 else 'lets go'})")


def timed(call) -> float:
    t0 = time.perf_counter()
    call()
    return (time.perf_counter() - t0) * 1e3


def spare_core(rounds: int) -> None:
    data = os.urandom(8 << 20)

    def digest():
        hashlib.sha256(data).digest()

    serial, two = both_ways(digest, digest, rounds)
    print(f"2. a spare core (load {os.getloadavg()[0]:.2f}): sha256 twice {serial:.1f} ms, on two threads {two:.1f} ms "
          f"(x{serial / two:.2f})")


def cards(students: int, model: str, rounds: int) -> None:
    from bench_frames import canvas_for, gpt2_trace, parse_size, teaching_trace
    from PySide6.QtGui import QImage, QPainter, QPixmapCache
    from PySide6.QtWidgets import QApplication

    from classroom_gui.lesson.state import frame_at
    from classroom_gui.scene import card_labels, items, strip

    app = QApplication.instance()
    trace = (gpt2_trace if model == "gpt2" else teaching_trace)(students)
    sel, timeline, view = canvas_for(trace, parse_size("1600x900"))
    inside = [t for t in np.linspace(0.0, timeline.duration, 3000) if frame_at(trace, sel, t).chapter_key == "layers"]
    view.set_frame(frame_at(trace, sel, inside[len(inside) // 2]))
    view.viewport().repaint()
    app.processEvents()
    shown = [it for it in view.scene().items()
             if isinstance(it, strip.StripItem) and it.isVisible() and it.view.strip is not None]
    places = [it.sceneTransform() * view.viewportTransform() for it in shown]
    hints = view.renderHints()

    def forget():  # what a new card has not got (its numbers' text layouts are kept, as a jump finds most)
        QPixmapCache.clear()
        items._CELL_CACHE.clear()
        strip._PLACED.clear()
        for fn in (strip.all_fit, card_labels.label_lines, card_labels.elided):
            fn.cache_clear()
        for it in shown:
            it.view._texts = None

    def paint(which):
        for k in which:
            img = QImage(420, 240, QImage.Format.Format_ARGB32_Premultiplied)
            img.fill(0)
            p = QPainter(img)
            p.setRenderHints(hints)
            p.setWorldTransform(places[k])
            shown[k].view.paint(p)
            p.end()

    every = list(range(len(shown)))
    spin = int(0.008 / python_ms_per_loop())
    one, split, serial, overlap = [], [], [], []
    for _ in range(rounds):
        forget()
        t0 = time.perf_counter()
        paint(every)
        one.append(time.perf_counter() - t0)
        forget()
        t0 = time.perf_counter()
        th = threading.Thread(target=paint, args=(every[::2],))
        th.start()
        paint(every[1::2])
        th.join()
        split.append(time.perf_counter() - t0)
        forget()
        s, o = both_ways(lambda: paint(every), lambda: python_work(spin), 1)
        serial.append(s)
        overlap.append(o)
    med = statistics.median
    print(f"3. {len(shown)} new cards, {students} {model} students, layers (load {os.getloadavg()[0]:.2f}, "
          f"{rounds} rounds, "
          f"median ms): one thread {med(one) * 1e3:.2f}, split over two {med(split) * 1e3:.2f}; beside ~8 ms of Python "
          f"{med(overlap):.2f} against one after the other {med(serial):.2f}")


def python_work(loops: int) -> float:  # Python and small NumPy arrays, holding the GIL as building links does
    total = 0.0
    for k in range(loops):
        total += float((np.arange(16.0) * k).sum()) + sum(range(20))
    return total


def python_ms_per_loop() -> float:
    t0 = time.perf_counter()
    python_work(2000)
    return (time.perf_counter() - t0) / 2000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=6)
    ap.add_argument("--model", default="gpt2", choices=("teaching", "gpt2"))
    ap.add_argument("--rounds", type=int, default=40)
    args = ap.parse_args(argv)
    from PySide6 import __version__
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    print(f"PySide6 {__version__}, {os.cpu_count()} cores")
    gil_calls()
    spare_core(max(5, args.rounds // 4))
    cards(args.students, args.model, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
