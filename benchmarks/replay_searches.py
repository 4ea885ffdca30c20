"""The cold jumps' searches replayed alone: every link route choice (link_routes.choose) and label placing
(link_labels._place) that bench_frames' jumping mode makes, captured in a run of profile_jumps.jump_log, then run
again with their kept placings, curves and label spots let go (link_routes._PLACINGS, link_geometry's kept
curves, link_labels' kept spots near each desk: routes30), timed (CPU ms, best of --rounds) and checked to give
the same answers. A change to either search can be timed and checked on the very inputs the tail meets, without
the painting around them.

    QT_QPA_PLATFORM=offscreen python benchmarks/replay_searches.py [--students 6] [--model teaching]
        [--frames 120] [--rounds 5] [--profile]

(#18, session 25, cold30, load 5-7: 6 teaching students, 120 jumps: 12 route choices, 4-9 ms each, and 36 label
placings, most under 1 ms but the 3 of 6 labels at ~6 ms; 64 GPT-2 students: 17 route choices, 6-8 ms each, up to
15-23 ms in the layers chapter. Both are many small NumPy calls: no one function over ~15% of the time.)
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def capture(module, name: str, calls: list):
    """module.name wrapped so that each call's arguments and answer are kept in `calls`; returns the original."""
    original = getattr(module, name)

    def kept(*args, **kwargs):
        answer = original(*args, **kwargs)
        calls.append((args, kwargs, answer))
        return answer

    setattr(module, name, kept)
    return original


def replay(original, calls: list, rounds: int, forget=lambda: None) -> list[float]:
    """Each call made again `rounds` times (its best CPU ms kept), its answer checked against the captured one."""
    best = [float("inf")] * len(calls)
    for _ in range(rounds):
        for k, (args, kwargs, answer) in enumerate(calls):
            forget()
            t0 = time.process_time()
            again = original(*args, **kwargs)
            best[k] = min(best[k], (time.process_time() - t0) * 1000)
            if repr(again) != repr(answer):
                raise SystemExit(f"call {k} of {original.__name__} answered differently: {again!r} != {answer!r}")
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=6)
    ap.add_argument("--model", default="teaching", choices=("teaching", "gpt2"))
    ap.add_argument("--frames", type=int, default=120)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--size", default="1600x900")
    ap.add_argument("--profile", action="store_true", help="cProfile's view of one replay of each search")
    ap.add_argument("--full", action="store_true", help="above links.BOUNDED students: how many links' routes the "
                    "full search (every link trying all variants) would choose otherwise, and its CPU ms")
    args = ap.parse_args(argv)
    from bench_frames import gpt2_trace, parse_size, teaching_trace
    from profile_jumps import jump_log

    from classroom_gui.collector import collect_rarely
    from classroom_gui.model.allocator import keep_freed_memory
    collect_rarely()
    keep_freed_memory()
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([])
    from classroom_gui.scene import link_geometry, link_labels, link_routes, links

    def routes_cold():  # the kept placings and the kept variant curves (link_geometry._ROUTES) let go: a cold
        link_routes._PLACINGS.clear()  # jump's new set makes its curves too (~9 of 21 ms at 1,024 GPT-2)
        link_geometry.routes_forget()

    def labels_cold():  # the kept spots near each far desk (_near_grid: ~0.3 ms a new desk) and along each curve
        link_labels._near_grid.cache_clear()
        link_labels._candidates.cache_clear()

    trace = (gpt2_trace if args.model == "gpt2" else teaching_trace)(args.students)
    routes, labels = [], []
    choose = capture(links, "choose", routes)  # (links imported choose by name)
    place = capture(link_labels, "_place", labels)
    try:
        jump_log(trace, args.frames, parse_size(args.size), app)
    finally:
        links.choose, link_labels._place = choose, place
    print(f"load {os.getloadavg()[0]:.2f}; {args.students} students, {args.model}; {args.frames} cold jumps")
    for name, original, calls, forget in (("route choices", choose, routes, routes_cold),
                                          ("label placings", place, labels, labels_cold)):
        if not calls:
            print(f"{name}: none")
            continue
        best = sorted(replay(original, calls, args.rounds, forget))
        print(f"{name}: {len(calls)}, CPU ms best of {args.rounds}: total {sum(best):.1f}, median "
              f"{best[len(best) // 2]:.2f}, max {best[-1]:.2f} (same answers)")
        if args.profile:
            prof = cProfile.Profile(time.process_time)
            for a, k, _ in calls:
                forget()
                prof.enable()
                original(*a, **k)
                prof.disable()
            pstats.Stats(prof).sort_stats("tottime").print_stats(15)
    if args.full and routes:
        full_ms, moved, placed = [], 0, 0
        for a, k, answer in routes:  # (above BOUNDED every link in `light` is bounded: no small-class light ones)
            a = a[:7] + (frozenset(),) + a[8:]
            routes_cold()
            t0 = time.process_time()
            again = choose(*a, **k)
            full_ms.append((time.process_time() - t0) * 1000)
            placed += len(a[3])  # (the links ordered to place)
            moved += sum(x != y for x, y in zip(again, answer))
        full_ms.sort()
        print(f"full search: {moved} of {placed} placed links' routes differ; CPU ms total {sum(full_ms):.1f}, "
              f"median {full_ms[len(full_ms) // 2]:.2f}, max {full_ms[-1]:.2f} (one round)")
    print(f"load at end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
