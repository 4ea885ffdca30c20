"""Start-up and responsiveness of the real window: process start to the first painted canvas beside a bare
PySide6 + pyqtgraph window, a sentence edit to the redrawn canvas, and canvas frame time at 1024 students.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_startup.py [--runs 15] [--edits 20] [--step 0.25]

Goals:
  start to first paint of the classroom canvas / the same for a bare window, median of the rounds' ratios <= 1.05x
    (the app: the real `classroom-gui` start path with no arguments, i.e. classroom_gui.cli.main() as the
    console script calls it, with the teaching model and a first start's settings; the bare window: a
    QMainWindow holding a pyqtgraph PlotWidget that plots one line. The two take turns in each round
    (the order alternating), so both see the same load; each child reports, on the system-wide monotonic
    clock, when its view's viewport got its first Paint event and when the event loop next turned, i.e.
    when the paint was done. Printed: the load average, the median and interquartile range of the
    per-round ratios, and how many modules each process had loaded by then.)
  sentence edit -> apply_sentence() -> canvas repainted, in-process, median of --edits             <= 30 ms
  a frame at 1024 students: frame_at + set_frame + paint into 1920x1080, every --step s of the whole
    lesson, p95 (30 fps); for a small random classroom checkpoint (n_positions 1024, a 1024-word
    sentence) and for random GPT-2-small-shaped weights; panels prepared first, as the window's worker
    thread does (lesson.panels.warm)                                                          <= 33 ms
Where the app's start-up time goes is printed from the child's own marks: interpreter, PySide6, the
command line, the window built and shown, first paint (`python -X importtime` and cProfile say more).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a source checkout

GOAL_RATIO, GOAL_EDIT_MS, GOAL_FRAME_MS = 1.05, 30.0, 33.0

# Both children mark time.monotonic() (CLOCK_MONOTONIC: one clock for every process on Linux), so the
# parent can subtract the moment it started them.
FIRST_PAINT = r"""
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "paint_event" not in MARKS:
            MARKS["paint_event"] = time.monotonic()
            QTimer.singleShot(0, self.done)  # runs once this paint (and the window's flush) is over
        return False

    def done(self):
        MARKS["painted"] = time.monotonic()
        MARKS["cpu s at painted"] = time.process_time()  # every thread of the process, from its start
        QApplication.instance().quit()
"""

# The app's child is the real start path, `classroom-gui` with no arguments: the console script is
# `from classroom_gui.cli import main; sys.exit(main())`, and so is this child. It only listens, and imports
# nothing early (a module imported before PySide6 skips PySide's per-module source scan, so importing
# PySide6 first would slow the app down): an import hook waits for the app's own import of
# PySide6.QtWidgets, then wraps QApplication.exec to put the paint watch on the canvas the app built;
# view.app.run is wrapped to mark when the command line is done.
APP_CHILD = r"""
import time
MARKS = {"interpreter": time.monotonic()}
import importlib.util, json, sys
sys.path.insert(0, sys.argv[1])
sys.argv = ["classroom-gui"]


def watch_exec(QtWidgets):
    from PySide6.QtCore import QEvent, QObject, QTimer
    QApplication = QtWidgets.QApplication
    MARKS["PySide6.QtWidgets imported"] = time.monotonic()
""" + "\n".join("    " + line for line in FIRST_PAINT.splitlines()) + r"""
    watch = FirstPaint()
    qt_exec = QApplication.exec

    def exec_and_watch(*args):
        MARKS["window built and shown (app.exec)"] = time.monotonic()
        window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "canvas"))
        window.canvas.viewport().installEventFilter(watch)
        return qt_exec()

    QApplication.exec = exec_and_watch


class WaitForQt:  # a meta path finder that asks only about one module
    def find_spec(self, name, path=None, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            watch_exec(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, WaitForQt())
from classroom_gui.cli import main
MARKS["classroom_gui.cli imported"] = time.monotonic()
import classroom_gui.view.app as view_app
real_run = view_app.run


def marked_run(args):
    MARKS["command line parsed (view.app.run)"] = time.monotonic()
    return real_run(args)


view_app.run = marked_run
main()
MARKS["modules at first paint"] = len(sys.modules)
print(json.dumps(MARKS))
"""

BARE_CHILD = r"""
import time
MARKS = {"interpreter": time.monotonic()}
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
MARKS["PySide6"] = time.monotonic()
import pyqtgraph as pg
MARKS["pyqtgraph"] = time.monotonic()
app = QApplication([])
MARKS["QApplication"] = time.monotonic()
window = QMainWindow()
plot = pg.PlotWidget()
plot.plot([0, 1, 2, 3, 4], [0, 1, 4, 9, 16])
window.setCentralWidget(plot)
window.resize(1440, 900)
MARKS["window built"] = time.monotonic()
""" + FIRST_PAINT + r"""
watch = FirstPaint()
plot.viewport().installEventFilter(watch)
window.show()
MARKS["shown"] = time.monotonic()
app.exec()
MARKS["modules at first paint"] = len(sys.modules)
print(json.dumps(MARKS))
"""


def child_env(folder: Path) -> dict[str, str]:
    """Both children: offscreen unless told otherwise; a fresh home for the app's settings and log (a first
    start, as a new user has); compiled bytecode kept in one cache folder, as an installed package has it
    (pip compiles on install; a checkout run with PYTHONDONTWRITEBYTECODE would compile every module at
    every start, the bare window's pyqtgraph included)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "HOME": str(folder / "home"), "XDG_CONFIG_HOME": str(folder / "home" / ".config"),
           "XDG_DATA_HOME": str(folder / "home" / ".local" / "share"),
           "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("CLASSROOM_GUI_LOG_DIR", None)
    return env


def launch(script: str, env: dict[str, str], *args: str) -> dict[str, float]:
    """Seconds from just before the child was started to each of its marks (counts stay counts)."""
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=120)
    if r.returncode != 0 or not r.stdout.strip():
        raise SystemExit(f"child failed ({r.returncode}):\n{r.stderr}")
    marks = json.loads(r.stdout.strip().splitlines()[-1])
    return {k: v if k.startswith(("modules", "cpu")) else v - t0 for k, v in marks.items()}


def startup(runs: int, folder: Path, root: Path = ROOT):
    """Interleaved rounds, the order within a round alternating; two warm-up rounds (disk cache, bytecode)
    are not counted."""
    env = child_env(folder)
    apps, bares = [], []
    for i in range(runs + 2):
        pair = [("app", APP_CHILD, (str(root),)), ("bare", BARE_CHILD, ())]
        for kind, script, args in (pair if i % 2 else pair[::-1]):
            marks = launch(script, env, *args)
            if i >= 2:
                (apps if kind == "app" else bares).append(marks)
    return apps, bares


def quartiles(values) -> tuple[float, float, float]:
    import numpy as np
    q1, q2, q3 = np.percentile(values, [25, 50, 75])
    return float(q1), float(q2), float(q3)


# ---- in-process: sentence edit, and the canvas at 1024 students ---------------------------------------

SENTENCES = ("The cat sat on the mat", "The dog ran to the park", "A cat sat on the mat .", "the mat sat on the cat")


def edits(n: int, folder: Path) -> tuple[list[float], list[float]]:
    """ms from setText to the canvas repainted, and ms of apply_sentence() alone, for n edits."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject
    from PySide6.QtWidgets import QApplication

    from classroom_gui.model.checkpoint import load_checkpoint
    from classroom_gui.resources import teaching_model_dir
    from classroom_gui.view import settings
    from classroom_gui.view.window import MainWindow

    app = QApplication.instance()

    class Paints(QObject):
        count = 0

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                Paints.count += 1
            return False

    window = MainWindow(load_checkpoint(teaching_model_dir()), settings.open_store(str(folder / "edit.ini")))
    paints = Paints()
    window.canvas.viewport().installEventFilter(paints)
    window.show()

    def until_painted(before: int, timeout: float = 5.0) -> None:
        end = time.perf_counter() + timeout
        while Paints.count == before:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            if time.perf_counter() > end:
                raise SystemExit("the canvas was not repainted within 5 s of a sentence edit")

    until_painted(0)
    total, apply = [], []
    for i in range(n + 2):  # two warm-up edits
        before = Paints.count
        t0 = time.perf_counter()
        window.sentence.setText(SENTENCES[(i + 1) % len(SENTENCES)])  # never the sentence shown now
        window.apply_sentence()
        t1 = time.perf_counter()
        until_painted(before)
        t2 = time.perf_counter()
        if i >= 2:
            total.append((t2 - t0) * 1000)
            apply.append((t1 - t0) * 1000)
    window.close()
    window.deleteLater()
    app.processEvents()
    return total, apply


def trace_1024(folder: Path, gpt2: bool):
    """A 1024-token trace: of a small random classroom checkpoint, or of random GPT-2-small-shaped weights
    (768-number notebooks, 12 layers x 12 heads), its panels prepared as the window's worker does."""
    import numpy as np

    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from helpers import VOCAB, random_checkpoint

    from classroom_gui.lesson.panels import warm
    from classroom_gui.model import forward
    from classroom_gui.model.sentence import run_sentence

    if gpt2:
        from random_weights import GPT2_SMALL as config, random_params
        ids = np.random.default_rng(0).integers(0, config.vocab_size, 1024)
        trace = forward(ids, random_params(config), config, tokens=[f"w{i}" for i in ids])
        trace.vocab = [f"v{i}" for i in range(config.vocab_size)]
    else:
        checkpoint = random_checkpoint(folder / "model1024", n_positions=1024)
        words = [w for w in VOCAB[1:] if w.isascii()]
        trace = run_sentence(checkpoint, " ".join((words * (1024 // len(words) + 1))[:1024])).trace
    if trace.n_tokens != 1024:
        raise SystemExit(f"the sentence gave {trace.n_tokens} students, not 1024")
    warm(trace)
    return trace


def canvas_1024(step: float, folder: Path, gpt2: bool = False, focus: int = 1):
    """Per frame ms: frame_at, set_frame, paint (render_scene into 1920x1080), over the whole lesson."""
    import numpy as np
    from PySide6.QtGui import QImage

    from classroom_gui.lesson.state import Selection, frame_at, timeline_for
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_scene

    trace = trace_1024(folder, gpt2)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=focus)
    scene = ClassroomScene()
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    state, show, paint, slowest = [], [], [], {}
    for t in np.arange(0.0, timeline.duration + 1e-9, step):
        t0 = time.perf_counter()
        frame = frame_at(trace, sel, float(t))
        t1 = time.perf_counter()
        scene.set_frame(frame)
        t2 = time.perf_counter()
        render_scene(scene, image)
        t3 = time.perf_counter()
        state.append((t1 - t0) * 1000)
        show.append((t2 - t1) * 1000)
        paint.append((t3 - t2) * 1000)
        slowest[frame.beat_key] = max(slowest.get(frame.beat_key, 0.0), (t3 - t1) * 1000)
    return trace, state, show, paint, slowest


def p95(values) -> float:
    import numpy as np
    return float(np.percentile(values, 95))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15, help="interleaved rounds of one start-up of each window")
    ap.add_argument("--edits", type=int, default=20, help="sentence edits timed in-process")
    ap.add_argument("--step", type=float, default=0.25, help="seconds of lesson between frames at 1024 students")
    ap.add_argument("--app-root", type=Path, default=ROOT, metavar="DIR",
                    help="the checkout whose classroom_gui starts (e.g. an older commit's, for a before/after)")
    ap.add_argument("--only", choices=("startup", "edit", "canvas"), help="run one part only")
    args = ap.parse_args(argv)
    print(f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; {os.cpu_count()} cores; "
          f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}")
    rows = []  # (what, goal, value, ok)
    notes = []
    with tempfile.TemporaryDirectory(prefix="bench_startup_") as tmp:
        folder = Path(tmp)
        if args.only in (None, "startup"):
            apps, bares = startup(args.runs, folder, args.app_root.resolve())
            app_ms = [a["painted"] * 1000 for a in apps]
            bare_ms = [b["painted"] * 1000 for b in bares]
            ratios = [a / b for a, b in zip(app_ms, bare_ms)]  # round by round: the same load for both
            q1, med, q3 = quartiles(ratios)
            rows.append(("start to first painted canvas: `classroom-gui`", "-",
                         f"{statistics.median(app_ms):.0f} ms (min {min(app_ms):.0f})", None))
            rows.append(("start to first painted plot: bare PySide6 + pyqtgraph", "-",
                         f"{statistics.median(bare_ms):.0f} ms (min {min(bare_ms):.0f})", None))
            rows.append(("ratio app / bare, median of rounds", f"<= {GOAL_RATIO}x",
                         f"{med:.3f}x (IQR {q1:.3f}-{q3:.3f}; medians {statistics.median(app_ms) / statistics.median(bare_ms):.3f}x,"
                         f" mins {min(app_ms) / min(bare_ms):.3f}x)", med <= GOAL_RATIO))
            cpu = [a["cpu s at painted"] / b["cpu s at painted"] for a, b in zip(apps, bares)]
            c1, cmed, c3 = quartiles(cpu)
            rows.append(("  the same in CPU time (a loaded machine's fairer clock)", "-",
                         f"{cmed:.3f}x (IQR {c1:.3f}-{c3:.3f}; app {statistics.median(a['cpu s at painted'] for a in apps) * 1000:.0f} ms,"
                         f" bare {statistics.median(b['cpu s at painted'] for b in bares) * 1000:.0f} ms)", None))
            for name, runs in (("classroom app", apps), ("bare window", bares)):
                lines, prev = [], 0.0
                for k in runs[0]:
                    if k.startswith(("modules", "cpu")):
                        scale = 1000 if k.startswith("cpu") else 1
                        lines.append(f"    {k.replace('cpu s', 'cpu ms'):<40} {statistics.median(r[k] for r in runs) * scale:7.0f}")
                        continue
                    at = statistics.median(r[k] for r in runs) * 1000
                    lines.append(f"    {k:<40} at {at:7.0f} ms   (+{at - prev:5.0f})")
                    prev = at
                notes.append(f"  {name}: median time of each mark since the process was started\n" + "\n".join(lines))
        if args.only in (None, "edit", "canvas"):
            from PySide6.QtWidgets import QApplication
            QApplication.instance() or QApplication([])  # (PySide6 keeps it: QApplication.instance())
        if args.only in (None, "edit"):
            total, apply = edits(args.edits, folder)
            rows.append(("sentence edit -> canvas repainted (teaching model)", f"<= {GOAL_EDIT_MS:.0f} ms",
                         f"{statistics.median(total):.1f} ms (p95 {p95(total):.1f}; apply_sentence alone "
                         f"{statistics.median(apply):.1f})", statistics.median(total) <= GOAL_EDIT_MS))
        if args.only in (None, "canvas"):
            cases = [("small random model, 'cat' = student 2 asks", False, 1),
                     ("GPT-2-small shapes, the last student asks", True, 1023)]
            for what, gpt2, focus in cases:
                trace, state, show, paint, slowest = canvas_1024(args.step, folder, gpt2, focus)
                frame_ms = [a + b for a, b in zip(show, paint)]
                with_state = [a + b for a, b in zip(state, frame_ms)]
                worst = max(slowest, key=slowest.get)
                ok = p95(with_state) <= GOAL_FRAME_MS
                rows.append((f"frame at {trace.n_tokens} students, {what}", f"<= {GOAL_FRAME_MS:.0f} ms",
                             f"p95 {p95(with_state):.1f} ms, median {statistics.median(with_state):.1f}, max "
                             f"{max(with_state):.1f} ({len(frame_ms)} frames)", ok))
                rows.append(("  ... set_frame + paint only (without frame_at)", "-",
                             f"p95 {p95(frame_ms):.1f} ms, median {statistics.median(frame_ms):.1f}", None))
                notes.append(f"  1024 students, {what}: frame_at median {statistics.median(state):.1f} ms "
                             f"(p95 {p95(state):.1f}), set_frame {statistics.median(show):.1f} ({p95(show):.1f}), "
                             f"paint {statistics.median(paint):.1f} ({p95(paint):.1f}); slowest step {worst} "
                             f"({slowest[worst]:.1f} ms)")

    print(f"\n{'case':<66} {'goal':>9}  value")
    for what, goal, value, ok in rows:
        print(f"{what:<66} {goal:>9}  {value}{'' if ok is None else '   ' + ('yes' if ok else 'NO')}")
    if notes:
        print("\nwhere the time goes:")
        print("\n".join(notes))
    print(f"\nload average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
