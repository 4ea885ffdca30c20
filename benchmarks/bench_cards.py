"""What one new card costs to paint (#18's cold jumps at 6 students: a layers-chapter jump makes ~24 of them), in
CPU microseconds a card, and which of its parts the cost is in.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_cards.py [--students 6] [--model gpt2] [--chapter layers]
        [--reps 30] [--parts] [--profile]

The canvas of benchmarks/bench_frames.py (1600 x 900) is shown at a moment in the middle of --chapter; its card
items (StripItem) are then painted again and again through their own paint() onto a picture with the view's
transform, each time after forgetting what a card seen for the first time has not got: the kept pictures
(scene.pictures), the cells' images, the label lines and whether numbers fit. The numbers' text layouts
(text_lines) are kept, as a real jump finds most of them (--cold-text forgets them too). "blit" is the same
cards painted again at once: their kept pictures drawn.

--parts paints them with one part left out at a time (the rest as is): the difference from "full" is what that
part costs. --profile prints cProfile's view of the cold paints (its overhead inflates Python's share).
Wall time is printed too: until #18's 23rd session Qt split each card's scaled cells across its GUI thread pool
and waited for them (CPU time did not show it; classroom_gui now sets QT_NO_GUI_THREADPOOL).
Measured at session 19 (6 GPT-2 students, layers, load ~5): ~200 us a new card (a kept one blitted: ~12); the
numbers drawn ~50 of it, written and drawn ~75, the edge ~30, the whole body ~145 (the rest: the card's own
picture, its blit and the Python around them). --kept-numbers keeps where each number was placed in its cell
(strip._PLACED), as a jump finds 60-70% of them: ~10-30 us less a card (edge20, load 5-9, min of 30).
Tried and not kept (cold27, session 23): the card's edge stroked once onto a kept picture (content, scale and fraction
of a pixel as scene.pictures keys them) and blitted over the cells. Byte-equal in 1,500 random placements when the pen
is wider than a device pixel (a thinner one is Qt's cosmetic stroker: 1 off where it blends a pixel twice), yet 3 of
480 canvas grabs after cold jumps differed at 1024 x 768; and slower: in 160 cold jumps at 1600 x 900, 52% (teaching)
and 65% (GPT-2) of edges at 6 students were found kept, but a direct stroke is only ~75 us and a missed edge's picture
(new pixmap, painter, insert, blit) costs more: 55-80 ms in all edges against 22-37 ms stroked directly (load ~9).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=6)
    ap.add_argument("--model", default="gpt2", choices=("teaching", "gpt2"))
    ap.add_argument("--chapter", default="layers")
    ap.add_argument("--reps", type=int, default=30)
    ap.add_argument("--parts", action="store_true", help="the cost with each part left out")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--cold-text", action="store_true", help="forget the numbers' text layouts too")
    ap.add_argument("--kept-numbers", action="store_true",
                    help="keep where its numbers were placed (each number seen before in its cell: strip._PLACED)")
    args = ap.parse_args(argv)
    from bench_frames import canvas_for, gpt2_trace, parse_size, teaching_trace
    from PySide6.QtGui import QImage, QPainter, QPixmapCache
    from PySide6.QtWidgets import QApplication

    from classroom_gui.lesson.state import frame_at
    from classroom_gui.scene import card_labels, items, pictures, strip, text_lines

    app = QApplication.instance() or QApplication([])
    trace = (gpt2_trace if args.model == "gpt2" else teaching_trace)(args.students)
    sel, timeline, view = canvas_for(trace, parse_size("1600x900"))
    inside = [t for t in np.linspace(0.0, timeline.duration, 3000) if frame_at(trace, sel, t).chapter_key == args.chapter]
    if not inside:
        print(f"no moment in chapter {args.chapter!r}")
        return 1
    view.set_frame(frame_at(trace, sel, inside[len(inside) // 2]))
    view.viewport().repaint()
    app.processEvents()
    cards = [it for it in view.scene().items()
             if isinstance(it, strip.StripItem) and it.isVisible() and it.view.strip is not None]
    if not cards:
        print(f"no card item in chapter {args.chapter!r} at {args.students} students (a big class's cards are one picture)")
        return 1
    to_view = view.viewportTransform()
    image = QImage(1600, 900, QImage.Format.Format_ARGB32_Premultiplied)

    def forget() -> None:  # what a card seen for the first time has not got
        QPixmapCache.clear()
        for kept in (pictures._NAMES, pictures._PARTS, pictures._KEYS, items._CELL_CACHE):
            kept.clear()
        if not args.kept_numbers:
            strip._PLACED.clear()
        if args.cold_text:
            text_lines._LINES.clear()
            strip.shown_number.cache_clear()
        for fn in (strip.all_fit, card_labels.label_lines, card_labels.elided):
            fn.cache_clear()
        for it in cards:
            it.blitted = None
            it.view._texts = None

    walls: list[float] = []  # wall us a card of each paint_all: Qt's waits (its GUI thread pool) are no CPU time

    def paint_all() -> float:  # CPU us a card
        t0, w0 = time.process_time(), time.perf_counter()
        p = QPainter(image)
        try:
            p.setRenderHints(view.renderHints())
            for it in cards:
                p.setWorldTransform(it.sceneTransform() * to_view)
                it.paint(p, None)
        finally:
            p.end()
        walls.append((time.perf_counter() - w0) * 1e6 / len(cards))
        return (time.process_time() - t0) * 1e6 / len(cards)

    def cold() -> list[float]:
        out = []
        for _ in range(args.reps):
            forget()
            out.append(paint_all())
        return out

    full = cold()
    cold_walls = walls[:]
    blits = [paint_all() for _ in range(args.reps)]
    print(f"load {os.getloadavg()[0]:.2f}; {len(cards)} cards ({args.students} students, {args.model}, {args.chapter}); "
          f"a new card {statistics.median(full):.1f} us (min {min(full):.1f}), its kept picture blitted "
          f"{statistics.median(blits):.1f} us; wall: a new card {statistics.median(cold_walls):.1f} us (max "
          f"{max(cold_walls):.1f})")
    if args.parts:
        view_cls = strip.StripView
        left_out = [("the numbers drawn", "_paint_numbers", lambda self, p, zeroed: None),
                    ("the edge (paint_marks)", "paint_marks", lambda self, p: None),
                    ("the whole body", "paint_body", lambda self, p: None)]
        for label, name, stub in left_out:
            was = view_cls.__dict__[name]
            setattr(view_cls, name, stub)
            try:
                cost = statistics.median(full) - statistics.median(cold())
            finally:
                setattr(view_cls, name, was)
            print(f"  {label:<30} {cost:6.1f} us a card")
        was = view_cls.__dict__["cell_texts"]
        view_cls.cell_texts = property(lambda self: [])
        try:
            print(f"  {'the numbers, written and drawn':<30} {statistics.median(full) - statistics.median(cold()):6.1f} us a card")
        finally:
            view_cls.cell_texts = was
    if args.profile:
        import cProfile
        import pstats
        prof = cProfile.Profile(time.process_time)
        for _ in range(args.reps):
            forget()
            prof.enable()
            paint_all()
            prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
