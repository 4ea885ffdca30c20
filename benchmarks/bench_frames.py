"""Frame time of the real window's canvas at 6 to 1,024 students, for the teaching model's shapes and GPT-2's,
playing (one 60 fps tick after another) and jumping (random moments: scrubbing, chapter keys), each frame
taking turns with a floor: a bare pyqtgraph PlotWidget of the same pixel size redrawn with as many points.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_frames.py [--sizes 6,64,...] [--models teaching,gpt2]
        [--frames 120] [--size 1600x900] [--json FILE]

A frame is what the window does when the lesson's time changes: frame_at(trace, selection, t) (the lesson),
CanvasView.set_frame (the scene's items refilled) and a synchronous repaint of the canvas's viewport at
--size (QGraphicsView painting the scene with its item caches, as on screen). The floor is
PlotWidget.plot(...).setData(new points) + repaint of a PlotWidget of the same size, one point per student
(students x numbers per notebook would make the floor slower than the classroom itself: 49,152 points take
~85 ms a frame on this machine). The two take turns frame by frame, so both
see the same machine load; the ratio per round is frame / floor, summarised by its median and its
interquartile range. Python's cycle collector runs as in the app (classroom_gui.collector: collect_rarely, and the
canvas settles it once its first frame is shown; --default-gc: neither), and
so does malloc (model.allocator.keep_freed_memory, as classroom-gui's main() sets it; --default-malloc: not). In
#18's twelfth session neither setting changed the cold jumps' CPU p95 beyond the noise of a shared machine (A/B of
glibc's, its two thresholds, one arena, both: 23-30 ms at 6 and 64 students either way).
"cpu" is this process's CPU time for the frame (steadier than wall time when other
programs share the machine; Qt's offscreen painting runs in this process, so it is all of the frame's work).

Models: "teaching" is the shipped checkpoint (n_embd 24, 3 layers x 3 heads; its 64 positions tiled to
1,024 so that a class can be as big as GPT-2's: the cost depends on the shapes, not on what the weights
say); "gpt2" is random GPT-2-small-shaped weights (benchmarks/random_weights.py: n_embd 768, 12 x 12 heads).
The sentence is the same few words repeated. Panels are prepared first, as the window's worker thread does
(lesson.panels.warm: the overview, the layer view, the answer, and since #18's ninth session the first layer's
FFN steps, which chapter 11's first frame made before: 50-110 ms for GPT-2 at 512-1,024); --cold-ffn leaves those
to the first frame that shows them, as before.

Modes: "playing"; "jumping" (cold: the app given no idle time, the lesson's other moments never drawn); and
"jumping-warm": the same jumps after the app was left idle, as a teacher reading the screen leaves it, until
the canvas had drawn every beat ahead (view.canvas_warm, run by its own timers in the event loop: 0.4 s idle,
then chunks of about 15-30 ms on a twin scene that is never shown: the canvas repaints nothing meanwhile). Its
line says how long that took ("idle"), the CPU it used, the chunks' median / p95 / max wall ms (how long input
could wait) and thread CPU ms (the chunk's own work, whatever the load), and the process's resident memory before
and after. Classes over canvas_warm.PAINT_UP_TO students are only set ahead (link routes, label places and
layouts chosen; no pictures painted but, up to canvas_warm.PREPARE_UP_TO, the class's desks and cards pictures),
over canvas_warm.WARM_UP_TO not at all.
Both jumping modes are reported; the goal is judged on "jumping" (cold) unless the lead decides that the
idle time "jumping-warm" needs is a fair thing to give the window.

Goal (#18): p95 <= 16.7 ms up to 64 students and <= 33 ms at every larger size, both models, both modes.
The floor's own p95 ("fl p95", "floor_p95_ms") is printed beside its median: where the bare plot's p95 is over
the goal too, this machine (its load, its speed) cannot show a frame meeting it, whatever the classroom does.
--json FILE writes {"<students>": {"model", "mode", "median_ms", "p95_ms", "floor_ms", "floor_p95_ms", "ratio", "ok",
"runs": [{"model", "mode", "ahead": {"idle_s", "cpu_s", "moments", "chunks", "chunk_median_ms", "chunk_p95_ms",
"chunk_max_ms", "chunk_cpu_median_ms", "chunk_cpu_p95_ms", "chunk_cpu_max_ms", "rss_before_mb", "rss_after_mb"}
(jumping-warm only), "median_ms", "p95_ms", "floor_ms", "floor_p95_ms", "ratio", "ratio_iqr", "frames",
"cpu_median_ms", "cpu_p95_ms", "parts_median_ms", "parts_p95_ms", "goal_ms", "ok"}, ...]}}: the top-level fields are the slowest run (highest p95) at that size, "runs" has every
model x mode.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a source checkout
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402

SIZES = (6, 64, 128, 256, 512, 1024)
WORDS = "the cat sat on the mat .".split()
TICK = 1 / 60


def goal_ms(students: int) -> float:
    return 16.7 if students <= 64 else 33.0


def teaching_trace(n: int):
    """The shipped model's weights over n students (positions beyond its 64 reuse its rows in turn)."""
    from dataclasses import replace

    from classroom_gui.model import forward, load_checkpoint
    from classroom_gui.resources import teaching_model_dir

    ck = load_checkpoint(teaching_model_dir())
    params, config = dict(ck.params), ck.config
    if n > config.n_positions:
        wpe = params["wpe.weight"]
        params["wpe.weight"] = np.ascontiguousarray(wpe[np.arange(n) % len(wpe)])
        config = replace(config, n_positions=n)
    words = (WORDS * (n // len(WORDS) + 1))[:n]
    ids = [ck.tokenizer.encode(w)[0].id for w in words]
    trace = forward(ids, params, config, tokens=words)
    trace.vocab = ck.tokenizer.vocab
    return trace


def gpt2_trace(n: int, _cache={}):
    from random_weights import GPT2_SMALL as config, random_params

    from classroom_gui.model import forward

    if "params" not in _cache:
        _cache["params"] = random_params(config)
    words = (WORDS * (n // len(WORDS) + 1))[:n]
    table = {w: 1000 + i for i, w in enumerate(sorted(set(WORDS)))}
    trace = forward([table[w] for w in words], _cache["params"], config, tokens=words)
    trace.vocab = [f"v{i}" for i in range(config.vocab_size)]
    return trace


class Floor:
    """A bare pyqtgraph plot of the canvas's pixel size, redrawn with `points` new points a frame."""

    def __init__(self, size: tuple[int, int], points: int):
        import pyqtgraph as pg
        self.widget = pg.PlotWidget()
        self.widget.resize(*size)
        self.widget.show()
        self.curve = self.widget.plot()
        rng = np.random.default_rng(0)
        self.x = np.arange(points, dtype=np.float64)
        self.ys = [rng.standard_normal(points) for _ in range(4)]
        self.i = 0

    def frame(self) -> None:
        self.i += 1
        self.curve.setData(self.x, self.ys[self.i % 4])
        self.widget.viewport().repaint()

    def close(self) -> None:
        self.widget.close()
        self.widget.deleteLater()


def moments(duration: float, mode: str, frames: int, rng) -> list[float]:
    if mode.startswith("jumping"):
        return list(rng.uniform(0.0, duration, frames))
    # playing: a few stretches of consecutive 60 fps ticks from random places in the lesson
    out, stretch = [], max(1, frames // 4)
    while len(out) < frames:
        t0 = float(rng.uniform(0.0, max(0.0, duration - stretch * TICK)))
        out += [t0 + k * TICK for k in range(min(stretch, frames - len(out)))]
    return out


def canvas_for(trace, size: tuple[int, int], cold_ffn: bool = False):
    """The panels prepared as the window's worker prepares them, the selection every case uses (the second
    student asks), the lesson's timeline and a shown CanvasView of `size`: what a case times frames on.
    `trace` is computed in turn (answer time's rule); the lesson is told in discussion, whose trace the window
    computes and prepares on its worker (lesson.state.prepared_run: panels.warm with the opening asker and head),
    so that trace is made and prepared here too (before #18's session 13 it was made by the untimed first frames
    and never prepared: the first FFN frame made its hidden units, the first softmax frame its board's row)."""
    from classroom_gui.lesson import rules
    from classroom_gui.lesson.panels import warm
    from classroom_gui.lesson.state import Selection, timeline_for
    from classroom_gui.view.canvas_view import CanvasView

    sel = Selection(focus=min(1, trace.n_tokens - 1))
    warm(trace, None if cold_ffn else 0)
    if rules.under(trace, sel.rule) is not trace:
        warm(rules.under(trace, sel.rule), None if cold_ffn else 0, asker=sel.focus, head=sel.head)
    view = CanvasView()
    view.resize(*size)
    view.show()
    return sel, timeline_for(trace.n_tokens, trace.config.n_layer), view


def run_case(trace, mode: str, frames: int, size: tuple[int, int], app, seed: int = 0, cold_ffn: bool = False,
             settled: bool = True) -> dict:
    from classroom_gui.lesson.state import frame_at

    sel, timeline, view = canvas_for(trace, size, cold_ffn)
    view.settled = not settled  # (--default-gc: the collector never settled)
    floor = Floor(size, trace.n_tokens)
    app.processEvents()
    rng = np.random.default_rng(seed)
    base, warmed = mode.removesuffix("-warm"), mode.endswith("-warm")
    times = moments(timeline.duration, base, frames, rng)
    if not warmed:  # as the window does whenever a sentence is shown (window._changed): the warmer is told the
        # lesson, which sets the picture budgets it keeps for this class (canvas_warm.budget_kb: 16 canvases up to
        # PAINT_UP_TO students), and waits for 0.4 s of idle time that these frames never give it: nothing is drawn
        # ahead (checked below). Before #18's seventeenth session the cold modes kept the window's budget without
        # a lesson shown (8 canvases), smaller than any window with a sentence on screen has.
        view.warmer.chunks_ms = []
        view.warmer.start(lambda t: frame_at(trace, sel, t), [(b.start, b.duration) for b in timeline.beats],
                          times[0], trace.n_tokens)
    for t in times[:3]:  # warm-up: first frames build the items and caches
        view.set_frame(frame_at(trace, sel, t))
        view.viewport().repaint()
        floor.frame()
    if not warmed:  # (no idle time for it: a warm-up frame slower than canvas_warm.NEAR_MS would let it draw here)
        view.warmer.halt()
    app.processEvents()  # (the canvas settles the collector once its first frame is shown: collector.settle)
    ahead = None
    if warmed:
        ahead = draw_ahead(view, trace, sel, timeline, times[0], app)
    app_ms, floor_ms, parts, cpu_ms = [], [], [], []
    for t in times:
        c0 = time.process_time()
        t0 = time.perf_counter()
        frame = frame_at(trace, sel, t)
        t1 = time.perf_counter()
        view.set_frame(frame)
        t2 = time.perf_counter()
        view.viewport().repaint()
        t3 = time.perf_counter()
        cpu_ms.append((time.process_time() - c0) * 1000)
        floor.frame()
        t4 = time.perf_counter()
        app_ms.append((t3 - t0) * 1000)
        parts.append(((t1 - t0) * 1000, (t2 - t1) * 1000, (t3 - t2) * 1000))
        floor_ms.append((t4 - t3) * 1000)
    if not warmed and view.warmer.chunks_ms:
        raise SystemExit(f"the warmer drew {len(view.warmer.chunks_ms)} chunks ahead in a cold case")
    view.warmer.start(None, [], 0.0, 0)  # (nothing left for it to do once the window closes)
    if settled:
        gc.unfreeze()  # (the next case is another window: this one's objects may go)
    view.close()
    view.deleteLater()
    floor.close()
    app.processEvents()
    ratios = np.array(app_ms) / np.maximum(np.array(floor_ms), 1e-6)
    q1, q3 = np.percentile(ratios, [25, 75])
    p = np.array(parts)
    return {**({"ahead": ahead} if ahead else {}), "median_ms": round(statistics.median(app_ms), 2), "p95_ms": round(float(np.percentile(app_ms, 95)), 2),
            "floor_ms": round(statistics.median(floor_ms), 2), "floor_p95_ms": round(float(np.percentile(floor_ms, 95)), 2),
            "ratio": round(float(np.median(ratios)), 2),
            "ratio_iqr": [round(float(q1), 2), round(float(q3), 2)], "frames": len(app_ms),
            "cpu_median_ms": round(statistics.median(cpu_ms), 2), "cpu_p95_ms": round(float(np.percentile(cpu_ms, 95)), 2),
            "parts_median_ms": {k: round(float(v), 2) for k, v in zip(("frame_at", "set_frame", "paint"),
                                                                     np.median(p, axis=0))},
            "parts_p95_ms": {k: round(float(v), 2) for k, v in zip(("frame_at", "set_frame", "paint"),
                                                                  np.percentile(p, 95, axis=0))}}


def draw_ahead(view, trace, sel, timeline, now: float, app) -> dict:
    """What the window does once a sentence is shown and then left alone: the canvas's warmer started as
    window._changed starts it, and the event loop run (waiting for its timers, not spinning) until it has drawn
    every moment it will; the idle wall time and CPU that took, and its chunks' wall times."""
    from PySide6.QtCore import QEventLoop

    from classroom_gui.lesson.state import frame_at

    from proc_status import status

    warmer = view.warmer
    warmer.chunks_ms, warmer.chunks_cpu_ms = [], []
    rss0 = status("VmRSS")
    c0, t0 = time.process_time(), time.perf_counter()
    warmer.start(lambda t: frame_at(trace, sel, t), [(b.start, b.duration) for b in timeline.beats], now,
                 trace.n_tokens)
    moments = len(warmer.pending)
    while warmer.pending and time.perf_counter() - t0 < 600:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    app.processEvents()
    ms, cpu = warmer.chunks_ms or [0.0], warmer.chunks_cpu_ms or [0.0]
    return {"idle_s": round(time.perf_counter() - t0, 2), "cpu_s": round(time.process_time() - c0, 2),
            "moments": moments - len(warmer.pending), "chunks": len(warmer.chunks_ms),
            "chunk_median_ms": round(statistics.median(ms), 1), "chunk_p95_ms": round(float(np.percentile(ms, 95)), 1),
            "chunk_max_ms": round(max(ms), 1), "chunk_cpu_median_ms": round(statistics.median(cpu), 1),
            "chunk_cpu_p95_ms": round(float(np.percentile(cpu, 95)), 1), "chunk_cpu_max_ms": round(max(cpu), 1),
            "rss_before_mb": round(rss0 / 2**20), "rss_after_mb": round(status("VmRSS") / 2**20)}


def parse_size(text: str) -> tuple[int, int]:
    w, h = text.lower().split("x")
    return int(w), int(h)


def ahead_note(a: dict | None) -> str:
    if not a or not a["moments"]:
        return ""
    return (f"   (drawn ahead first: {a['moments']} moments, {a['idle_s']:.1f} s idle, {a['cpu_s']:.1f} s cpu, "
            f"{a['chunks']} chunks of {a['chunk_median_ms']:.0f} / {a['chunk_p95_ms']:.0f} / {a['chunk_max_ms']:.0f} ms "
            f"median / p95 / max, cpu {a['chunk_cpu_median_ms']:.0f} / {a['chunk_cpu_p95_ms']:.0f} / "
            f"{a['chunk_cpu_max_ms']:.0f}; rss {a['rss_before_mb']} -> {a['rss_after_mb']} MB)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="class sizes (students)")
    ap.add_argument("--models", default="teaching,gpt2", help="teaching, gpt2 or both")
    ap.add_argument("--modes", default="playing,jumping,jumping-warm",
                    help="playing, jumping, jumping-warm (jumping after the lesson was drawn ahead), any of them")
    ap.add_argument("--frames", type=int, default=120, help="timed frames per case")
    ap.add_argument("--size", default="1600x900", help="the canvas's pixel size (the window's canvas)")
    ap.add_argument("--json", help="write the results to this file")
    ap.add_argument("--cold-ffn", action="store_true",
                    help="do not prepare the first layer's FFN steps with the panels (chapter 11's first frame makes them)")
    ap.add_argument("--default-gc", action="store_true",
                    help="keep Python's collector as it is instead of collector.collect_rarely() and settle() as the app does")
    ap.add_argument("--default-malloc", action="store_true",
                    help="keep glibc's malloc settings instead of allocator.keep_freed_memory() as the app sets them")
    args = ap.parse_args(argv)
    if not args.default_gc:
        from classroom_gui.collector import collect_rarely
        collect_rarely()
    if not args.default_malloc:
        from classroom_gui.model.allocator import keep_freed_memory
        keep_freed_memory()
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([])
    size = parse_size(args.size)
    print(f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; {os.cpu_count()} cores; "
          f"canvas {size[0]}x{size[1]}; {args.frames} frames per case; QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}; "
          f"first layer's FFN steps {'made by the first frame that shows them (--cold-ffn)' if args.cold_ffn else 'prepared with the panels'}; "
          f"malloc {'as glibc sets it (--default-malloc)' if args.default_malloc else 'as the app sets it'}")
    print(f"\n{'students':>8} {'model':>8} {'mode':>12} {'median':>7} {'p95':>7} {'goal':>5} {'floor':>6} "
          f"{'fl p95':>6} {'ratio':>6} {'ratio IQR':>11}  ok?  {'cpu med':>7} {'cpu p95':>7}   parts median ms (frame_at / set_frame / paint)")
    results: dict[str, dict] = {}
    makers = {"teaching": teaching_trace, "gpt2": gpt2_trace}
    for n in (int(s) for s in args.sizes.split(",")):
        runs = []
        for model in args.models.split(","):
            trace = makers[model](n)
            for mode in args.modes.split(","):
                r = {"model": model, "mode": mode, **run_case(trace, mode, args.frames, size, app, cold_ffn=args.cold_ffn,
                                                                settled=not args.default_gc)}
                r["goal_ms"] = goal_ms(n)
                r["ok"] = r["p95_ms"] <= r["goal_ms"]
                runs.append(r)
                pm = r["parts_median_ms"]
                print(f"{n:>8} {model:>8} {mode:>12} {r['median_ms']:7.1f} {r['p95_ms']:7.1f} {r['goal_ms']:5.1f} "
                      f"{r['floor_ms']:6.1f} {r['floor_p95_ms']:6.1f} {r['ratio']:6.2f} {r['ratio_iqr'][0]:5.2f}-{r['ratio_iqr'][1]:<5.2f}  "
                      f"{'yes' if r['ok'] else 'NO ':<4} {r['cpu_median_ms']:7.1f} {r['cpu_p95_ms']:7.1f}   "
                      f"{pm['frame_at']:.1f} / {pm['set_frame']:.1f} / "
                      f"{pm['paint']:.1f}" + ahead_note(r.get("ahead")), flush=True)
            del trace
        worst = max(runs, key=lambda r: r["p95_ms"])
        results[str(n)] = {k: worst[k] for k in ("model", "mode", "median_ms", "p95_ms", "floor_ms", "floor_p95_ms", "ratio", "ok")}
        results[str(n)]["runs"] = runs
    print(f"\nload average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    if args.json:
        tmp = Path(args.json + ".part")
        tmp.write_text(json.dumps(results, indent=1))
        tmp.replace(args.json)
    return 0 if all(r["ok"] for r in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
