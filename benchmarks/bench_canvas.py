"""Render time of the classroom canvas: set_frame + render into a 1920 x 1080 QImage, offscreen, for
every 0.1 s of the whole lesson, at 6 and at 64 students. Prints median and p95 ms per frame.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_canvas.py [--model DIR] [--step 0.1]

Uses the teaching model in assets/model when it exists, else a random model of the default shape over
a small EN vocabulary (the canvas's cost depends on the shapes, not on what the weights say).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

WORDS = "the cat sat on the mat . a dog ran to the park and".split()


def random_checkpoint():
    from classroom_gui.model import ClassroomTokenizer, GPTConfig, load_checkpoint, save_checkpoint
    from classroom_gui.model.checkpoint import expected_shapes
    vocab = ["<unk>"] + sorted(set(WORDS))
    cfg = GPTConfig(vocab_size=len(vocab))
    rng = np.random.default_rng(0)
    params = {k: (rng.standard_normal(s) * 0.5).astype(np.float32) for k, s in expected_shapes(cfg).items()}
    folder = tempfile.mkdtemp(prefix="bench_canvas_")
    save_checkpoint(folder, cfg, params, ClassroomTokenizer(vocab))
    return load_checkpoint(folder)


def checkpoint(model: str | None):
    from classroom_gui.model import load_checkpoint
    from classroom_gui.resources import teaching_model_dir
    folder = Path(model) if model else teaching_model_dir()
    if (folder / "config.json").is_file():
        return load_checkpoint(folder), str(folder)
    return random_checkpoint(), f"random (no checkpoint in {folder})"


def sentence(n: int) -> str:
    return " ".join((WORDS * (n // len(WORDS) + 1))[:n])


def sweep(ck, n: int, step: float):
    from PySide6.QtGui import QImage

    from classroom_gui.lesson.state import Selection, frame_at, timeline_for
    from classroom_gui.model.sentence import run_sentence
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_scene

    trace = run_sentence(ck, sentence(n)).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    times = np.arange(0.0, timeline.duration + 1e-9, step)
    frames = [frame_at(trace, Selection(), t) for t in times]  # the lesson's cost is not the canvas's
    scene = ClassroomScene()
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    ms, cpu, slowest = [], [], {}
    for frame in frames:
        t0, c0 = time.perf_counter(), time.process_time()
        scene.set_frame(frame)
        render_scene(scene, image)
        dt = (time.perf_counter() - t0) * 1000
        ms.append(dt)
        cpu.append((time.process_time() - c0) * 1000)
        slowest[frame.beat_key] = max(slowest.get(frame.beat_key, 0.0), dt)
    return trace.n_tokens, ms, cpu, slowest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="checkpoint folder (default: assets/model, else a random model)")
    ap.add_argument("--step", type=float, default=0.1, help="seconds of lesson between frames")
    ap.add_argument("--sizes", default="6,64", help="class sizes to sweep")
    args = ap.parse_args(argv)
    from PySide6.QtWidgets import QApplication
    QApplication.instance() or QApplication([])  # (PySide6 keeps it: QApplication.instance())
    ck, source = checkpoint(args.model)
    print(f"model: {source}; frames every {args.step} s; set_frame + render 1920x1080 offscreen")
    print("wall = elapsed time; cpu = this process's CPU time (steadier when other programs share the CPU)")
    print(f"{'students':>8} {'frames':>7} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'cpu median':>11} "
          f"{'cpu p95':>8}  slowest beat")
    for n in (int(s) for s in args.sizes.split(",")):
        tokens, ms, cpu, slowest = sweep(ck, n, args.step)
        worst = max(slowest, key=slowest.get)
        print(f"{tokens:>8} {len(ms):>7} {statistics.median(ms):>10.2f} {np.percentile(ms, 95):>8.2f} "
              f"{max(ms):>8.2f} {statistics.median(cpu):>11.2f} {np.percentile(cpu, 95):>8.2f}  "
              f"{worst} ({slowest[worst]:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
