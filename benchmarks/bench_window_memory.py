"""Peak memory of the real window with GPT-2-small-shaped weights and a 512-student sentence, walked through
every chapter of the lesson, each case in a fresh process.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_window_memory.py [--tokens 512] [--cases causal,none]

Goal: the whole process's peak resident memory (VmHWM, which includes the weights' 498 MB) < 1.1 GB.

The run first writes a model folder with random GPT-2-small weights (benchmarks/random_weights.py). A case
keeps freed memory as `classroom-gui` does (allocator.keep_freed_memory), loads the folder with
load_checkpoint as the window's start does (the loading peak counts), gives it a 50,257-word vocabulary, opens
MainWindow on it as the `classroom-gui` window would (its worker thread computes the sentence), and then
jumps to every step of every chapter (at most --per-chapter steps, spread over the chapter), each painted
in the shown window (offscreen), waiting for the worker whenever a step needs the other rule's trace.
Cases: "causal" is a GPT-2 folder's lesson (it starts in turn and keeps one trace); "none" starts in
discussion, so answer time (told in turn) adds the in-turn trace: the lesson holds both. "charts" is
"causal" with the side panel open (every head's map drawn). Printed per case: the peak, and per phase
(start, loading, the window with its sentence, the first frame, each chapter's highest step; --steps: every
step) the resident memory after it, the peak during it and glibc's malloc figures; the load average.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from proc_status import status  # noqa: E402  (beside this file)

GOAL_BYTES = 1.1e9
MB = 1e6


class Words:
    """A GPT-2-sized vocabulary ("w0" … "w50256") read word by word. Not a ClassroomTokenizer, so the lesson
    starts in turn as it does for a GPT-2 folder (lesson.gallery.lesson_rule)."""

    def __init__(self, size: int):
        from classroom_gui.model.tokenizer import ClassroomTokenizer

        self._words = ClassroomTokenizer.from_words([f"w{i}" for i in range(size - 2)], [])
        self.vocab = self._words.vocab

    def encode(self, text: str):
        return self._words.encode(text)

    def extend(self, text: str, token_id: int) -> str:
        return f"{text} {self.vocab[token_id]}"


def write_model(folder: Path) -> None:
    """A GPT-2-small-shaped model folder (random weights, 0.5 GB of model.safetensors) that the children load
    as the app loads a folder."""
    from classroom_gui.model.checkpoint import save_checkpoint
    from classroom_gui.model.tokenizer import ClassroomTokenizer
    from random_weights import GPT2_SMALL, random_params

    words = ClassroomTokenizer.from_words([f"w{i}" for i in range(GPT2_SMALL.vocab_size - 2)], [])
    save_checkpoint(folder, GPT2_SMALL, random_params(GPT2_SMALL), words)


class Meter:
    """Resident memory phase by phase, with each phase's own peak: the kernel's peak (VmHWM) is reset after
    every reading (writing 5 to /proc/self/clear_refs), so a reading's peak is the highest since the last."""

    def __init__(self):
        self.rows = []  # (phase, resident, peak during the phase, malloc in use, malloc freed but kept)
        self.peak = status("VmHWM")

    def read(self, phase: str) -> None:
        from classroom_gui.model.allocator import held_bytes

        rss, hwm = status("VmRSS"), status("VmHWM")
        self.peak = max(self.peak, hwm)
        self.rows.append((phase, rss, hwm, *(held_bytes() or (0, 0))))
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:  # not Linux, or refused: each peak is then the highest so far
            pass


def child(case: str, tokens: int, per_chapter: int, folder: Path, model: Path, where: int = 0,
          pixmap_mb: int = 0) -> dict:
    """Runs in a fresh interpreter; returns the resident memory at each stage."""
    from dataclasses import replace

    from PySide6.QtGui import QPixmapCache
    from PySide6.QtWidgets import QApplication

    from classroom_gui.model.allocator import held_bytes, keep_freed_memory
    from classroom_gui.model.checkpoint import load_checkpoint
    from classroom_gui.view import settings
    from classroom_gui.view.window import MainWindow
    from random_weights import GPT2_SMALL

    keep_freed_memory()  # as classroom-gui's main() does before anything else
    app = QApplication.instance() or QApplication([])
    meter = Meter()
    meter.read("start (Python, Qt)")
    # loaded from its folder as view.app.run loads it; the lesson starts in turn, as for a GPT-2 folder
    checkpoint = replace(load_checkpoint(model), path=folder, tokenizer=Words(GPT2_SMALL.vocab_size))
    meter.read("weights loaded")
    store = settings.open_store(str(folder / "settings.ini"))
    # one sentence of `tokens` words the vocabulary knows, as a teacher would paste it
    rng_words = [f"w{(i * 7919) % (GPT2_SMALL.vocab_size - 2)}" for i in range(tokens)]
    settings.save(store, settings.Settings(" ".join(rng_words), "en", 1.0, None))
    if where:
        import tracemalloc
        tracemalloc.start(where)
    window = MainWindow(checkpoint, store)
    if pixmap_mb:  # after the window: its scene raises the limit to what it wants when it is made
        QPixmapCache.setCacheLimit(pixmap_mb * 1024)
    out = {"pixmap cache MB": QPixmapCache.cacheLimit() // 1024}
    window.resize(1920, 1080)
    window.show()

    def settle(until=lambda: True, timeout: float = 600.0) -> None:
        end = time.monotonic() + timeout
        while True:
            app.processEvents()
            window.worker.wait(50)
            app.processEvents()
            if until() and window.worker.pool.activeThreadCount() == 0:
                return
            if time.monotonic() > end:
                raise SystemExit(f"the window did not settle within {timeout:.0f} s")

    settle(lambda: window.run is not None)
    if window.run.trace.n_tokens != tokens:
        raise SystemExit(f"the sentence gave {window.run.trace.n_tokens} students, not {tokens}")
    meter.read("window and its sentence")
    if case == "none":
        window.set_rule("none")
        settle(lambda: window.sel.rule == "none")
        meter.read("the other rule's trace")
    if case == "charts":
        window.show_charts(True)
    window.canvas.viewport().repaint()
    meter.read("first frame")
    if where:
        import tracemalloc
        first_snap = tracemalloc.take_snapshot()
    timeline = window.player.timeline
    beats = timeline.beats
    steps = []  # (chapter, time): up to per_chapter steps of each chapter, first and last included
    for chapter, _start in timeline.chapter_starts():
        mine = [b for b in beats if b.chapter == chapter]
        pick = sorted({round(i * (len(mine) - 1) / max(1, per_chapter - 1)) for i in range(per_chapter)})
        steps += [(chapter, mine[i].start + mine[i].duration * 0.99) for i in pick]
    for chapter, t in steps:
        window.scrub(t)
        settle()
        window.canvas.viewport().repaint()  # the canvas painted as the teacher sees it
        if window.dock.isVisible():
            window.charts.repaint()
        beat = timeline.beats[timeline.locate(t)[0]]
        meter.read(f"{chapter}: {beat.key}" + (f" {beat.arg + 1}" if isinstance(beat.arg, int) else ""))
    out["steps"] = len(steps)
    out["phases"] = meter.rows
    out["peak"] = meter.peak
    out["malloc"] = held_bytes()  # (in use, freed but kept) by glibc's malloc: the rest is Qt's and the libraries'
    out["weights_bytes"] = sum(a.nbytes for a in checkpoint.params.values())
    out["traces"] = 2 if case == "none" else 1
    if where:  # NumPy's arrays are traced too: who holds the memory at the end, by where it was allocated
        import tracemalloc
        snap = tracemalloc.take_snapshot()
        out["held"] = [(stat.size, "\n      ".join(str(f) for f in stat.traceback[:where]))
                       for stat in snap.statistics("traceback")[:14]]
        out["traced"] = sum(stat.size for stat in snap.statistics("filename"))
        out["grew"] = [(stat.size_diff, "\n      ".join(str(f) for f in stat.traceback[:where]))
                       for stat in snap.compare_to(first_snap, "traceback")[:10]]
    window.close()
    return out


def run_case(case: str, tokens: int, per_chapter: int, model: Path, where: int = 0, pixmap_mb: int = 0) -> dict:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench_window_memory_") as tmp:
        r = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", case, "--tokens", str(tokens),
                            "--per-chapter", str(per_chapter), "--folder", tmp, "--model", str(model),
                            "--where", str(where), "--pixmap-mb", str(pixmap_mb)], capture_output=True, text=True,
                           env={**os.environ, "CLASSROOM_GUI_LOG_DIR": tmp})
    if r.returncode != 0:
        raise SystemExit(f"case {case} failed:\n{r.stderr[-4000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=512, help="students in the sentence")
    ap.add_argument("--cases", default="causal,none,charts", help="comma-separated: causal, none, charts")
    ap.add_argument("--per-chapter", type=int, default=4, help="steps visited in each chapter")
    ap.add_argument("--where", type=int, default=0, metavar="FRAMES",
                    help="also list the biggest holders at the end (tracemalloc, this many frames each; slower)")
    ap.add_argument("--pixmap-mb", type=int, default=0, metavar="MB",
                    help="set QPixmapCache's limit after the window is built (to see what the picture cache holds)")
    ap.add_argument("--steps", action="store_true", help="print every step walked, not only each chapter's highest")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--model", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.tokens, args.per_chapter, args.folder, args.model, args.where,
                               args.pixmap_mb)))
        return 0
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench_window_memory_model_") as model:
        write_model(Path(model))
        return cases(args, Path(model))


def cases(args, model: Path) -> int:
    print(f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; {os.cpu_count()} cores")
    for case in filter(None, args.cases.split(",")):
        r = run_case(case, args.tokens, args.per_chapter, model, args.where, args.pixmap_mb)
        ok = r["peak"] < GOAL_BYTES
        print(f"\ncase {case}: GPT-2-small shapes, {args.tokens} students, {r['steps']} steps walked, "
              f"{r['traces']} trace(s), QPixmapCache limit {r['pixmap cache MB']} MB")
        print(f"  peak resident (VmHWM)   {r['peak'] / MB:7.0f} MB   goal < {GOAL_BYTES / MB:.0f} MB   "
              f"{'yes' if ok else 'NO'}")
        print(f"  weights                 {r['weights_bytes'] / MB:7.0f} MB")
        if r.get("malloc"):
            print(f"  glibc malloc at the end: {r['malloc'][0] / MB:.0f} MB in use, {r['malloc'][1] / MB:.0f} MB freed "
                  f"but kept")
        print("  MB: resident after, peak during, malloc in use after, malloc freed but kept after")
        rows, shown = r["phases"], []
        for chapter in dict.fromkeys(row[0].split(":")[0] for row in rows):  # each chapter's highest step
            mine = [row for row in rows if row[0].split(":")[0] == chapter]
            shown += mine if args.steps or ":" not in mine[0][0] else [max(mine, key=lambda row: row[2])]
        for phase, rss, hwm, used, kept in shown:
            mark = "  <- peak" if hwm == r["peak"] else ""
            print(f"    {phase:38.38s} {rss / MB:6.0f} {hwm / MB:6.0f} {used / MB:6.0f} {kept / MB:6.0f}{mark}")
        if "held" in r:
            print(f"  traced by Python at the end: {r['traced'] / MB:.0f} MB; the biggest holders:")
            for size, where in r["held"]:
                print(f"    {size / MB:7.1f} MB  {where}")
            print("  what grew after the first frame:")
            for size, where in r["grew"]:
                print(f"    {size / MB:+7.1f} MB  {where}")
    print(f"\nload average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
