"""CPU cost of choosing link routes cold (scene.links.LinkLayer._choose_routes, route's kept curves cleared), per
set of links the lesson shows at random moments, and what was chosen, so that a change to route choice is
measured and checked for changed choices on the same inputs.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_routes.py [--students 6,64,1024] [--model gpt2]
        [--frames 80] [--repeat 3] [--choices FILE.json] [--compare FILE.json]

The real canvas is set to bench_frames' jumping moments (the second student asks) and every call of
_choose_routes is caught with its arguments; each distinct set is then chosen again --repeat times, cold, and
the per-set median CPU ms reported (median, p95, max and the sum over the sets). --choices writes every set's
chosen variants; --compare reads such a file (written by another version of the code on the same moments) and
counts the sets whose choice differs. Run two checkouts in turn (each puts its own source first on sys.path)
to compare them under the same load.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402


def catch_sets(trace, frames: int, size, app, seed: int = 0, focus: int | None = None) -> list[tuple]:
    """The arguments of every _choose_routes call the canvas makes at the jumping moments, distinct ones once
    (`focus`: the student who asks, else bench_frames' second student)."""
    from bench_frames import canvas_for, moments

    from classroom_gui.lesson.state import frame_at
    from classroom_gui.scene import links

    sel, timeline, view = canvas_for(trace, size)
    if focus is not None:
        sel = replace(sel, focus=focus)
    caught: dict[tuple, tuple] = {}
    was = links.LinkLayer._choose_routes

    def catch(self, *args):
        links_, ranked, drawn, labelled, desks, hub, header_h, gap, scale = args[:9]
        numbers = args[9] if len(args) > 9 and args[9] is not None else ()  # the cards' digits (since routes5)
        key = (tuple((l.source, l.target, links.bucket(l.weight), l.label) for l in links_), tuple(drawn),
               tuple(sorted(labelled)), hub, header_h, gap, scale, tuple(sorted(desks.items())),
               bytes(memoryview(numbers)) if len(numbers) else b"")
        caught.setdefault(key, args)
        return was(self, *args)

    links.LinkLayer._choose_routes = catch
    try:
        for t in moments(timeline.duration, "jumping", frames, np.random.default_rng(seed)):
            view.set_frame(frame_at(trace, sel, t))
    finally:
        links.LinkLayer._choose_routes = was
    view.close()
    view.deleteLater()
    app.processEvents()
    return list(caught.values())


def time_sets(sets: list[tuple], repeat: int) -> tuple[list[float], list[list]]:
    """Per set: the median CPU ms of choosing it cold, and what was chosen ([link index, bow, entry] rows)."""
    from classroom_gui.scene import link_geometry
    from classroom_gui.scene.links import LinkLayer

    layer = LinkLayer.__new__(LinkLayer)
    ms, chosen = [], []
    for args in sets:
        runs = []
        for _ in range(repeat):
            link_geometry.route.cache_clear()  # (kept curves: routes_forget)
            t0 = time.process_time()
            got = layer._choose_routes(*args)
            runs.append((time.process_time() - t0) * 1000)
        ms.append(statistics.median(runs))
        chosen.append([[i, *got[i]] for i in sorted(got)])
    return ms, chosen


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", default="6,64,1024")
    ap.add_argument("--model", default="gpt2", choices=("teaching", "gpt2"))
    ap.add_argument("--frames", type=int, default=80)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--size", default="1600x900")
    ap.add_argument("--choices", help="write every set's chosen variants here")
    ap.add_argument("--compare", help="count the sets whose choice differs from this file's")
    args = ap.parse_args(argv)
    from bench_frames import gpt2_trace, parse_size, teaching_trace

    from classroom_gui.collector import collect_rarely
    collect_rarely()
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([])
    print(f"{ROOT.name}: load {os.getloadavg()[0]:.2f}; {args.model}; canvas {args.size}")
    everything = {}
    for n in map(int, args.students.split(",")):
        trace = (gpt2_trace if args.model == "gpt2" else teaching_trace)(n)
        sets = catch_sets(trace, args.frames, parse_size(args.size), app, args.seed)
        ms, chosen = time_sets(sets, args.repeat)
        everything[str(n)] = chosen
        line = f"{n:>5} students: {len(sets)} link sets"
        if ms:
            line += (f"; choose CPU ms median {statistics.median(ms):.2f}, p95 {np.percentile(ms, 95):.2f}, "
                     f"max {max(ms):.2f}, sum {sum(ms):.1f}")
        if args.compare:
            old = json.loads(Path(args.compare).read_text()).get(str(n), [])
            differ = sum(a != b for a, b in zip(old, chosen)) + abs(len(old) - len(chosen))
            line += f"; {differ} of {len(chosen)} sets chose otherwise than {Path(args.compare).name}"
        print(line, flush=True)
    if args.choices:
        Path(args.choices).write_text(json.dumps(everything))
    print(f"load at end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
