#!/usr/bin/env python3
"""Soak test: drive the real classroom window (offscreen) through N random actions and watch for crashes
and memory growth.

Actions: lesson keys and shortcuts, clicks on desks and on the transport buttons, sentences (weird ones
too: empty, 10,000 characters, emoji, right-to-left, control characters, Japanese), language switches,
layer / head / focus / temperature / speed choices, the scrubber, playing for a moment, chart tabs,
presenter mode, window resizes, the help and glossary, "add the answer", what-if edits (double-clicks on
numbers, undo, reset), View → Compare, the quiz, the other rule, gallery examples, opening a model (the
teaching model, or a folder that is not one), and exports of PNG / SVG / PDF to a temporary folder through
export_dialogs.export_picture. Message boxes and file dialogs are patched so nothing ever blocks.

A crash is an exception escaping an action, or one that reaches sys.excepthook from a Qt slot or event
handler (counted by classroom_gui.crash's reporter). Resident memory (VmRSS from /proc/self/status) is
sampled every --sample-every actions; growth is measured from the end of the warm-up to the end.

    python scripts/soak.py                      # 10,000 actions
    python scripts/soak.py --actions 2000 --seed 7 --tracemalloc
    python scripts/soak.py --actions 3000 --hostile   # opens hostile model folders 3 % of the time

Exit status 0 when there were no crashes and growth after warm-up stayed under --max-growth percent.
--delete-closed-dialogs deletes the window's closed dialogs after each action: the growth it removes is
what the app's own dialogs keep alive.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout too
sys.path.insert(0, str(Path(__file__).resolve().parent))
from soak_actions import LessonActions  # noqa: E402  (what-if, compare, quiz/rule/gallery)

WEIRD = ["The cat sat on the mat", "猫がマットの上に座った", "", "   ", "a", "🙂 zzz", "the " * 70, "mat\tcat\n",
         "🐈\u200d⬛ 👩\u200d👩\u200d👧\u200d👦 🇯🇵 the cat", "שלום the cat مرحبا", "\u202ethe cat sat\u202c",
         "bad\x00input\x07 cat", "\x1b[31mred cat", "The cat 猫がマットの上に座った sat on the mat.",
         "e\u0301\u0301\u0301 Z̷̢̛a̵l̸g̶o̵ \u200b\ufeff", "<b>the</b> cat & {word} %s", "x" * 10_000,
         ("the cat sat on the mat " * 500)[:10_000], "猫" * 10_000, "🙂" * 3000, "THE CAT SAT ON THE MAT!!!",
         "the cat's mat isn't on the floor", "１２３ ｶﾀｶﾅ ＡＢＣ", "\u3000\u3000猫\u3000"]


def _malloc_trim() -> None:
    """Give glibc's free pages back to the kernel (malloc_trim), so that RSS counts live memory only: the app
    keeps freed memory for reuse (model.allocator), which makes RSS the high-water mark of every sentence."""
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Soak(LessonActions):
    def __init__(self, args):
        from PySide6.QtWidgets import QApplication

        from classroom_gui import crash
        from classroom_gui.model.checkpoint import load_checkpoint
        from classroom_gui.resources import teaching_model_dir
        from classroom_gui.view import settings
        from classroom_gui.view.window import MainWindow

        self.args = args
        self.rng = random.Random(args.seed)
        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        self.app.setApplicationName("Attention Classroom")
        self.tmp = Path(tempfile.mkdtemp(prefix="classroom-soak-"))
        os.environ.setdefault(crash.LOG_DIR_ENV, str(self.tmp / "log"))
        self.dialogs: list[str] = []    # message boxes the app opened (errors shown to the user)
        self.qt_messages: dict[str, int] = {}  # Qt's warnings, counted (the offscreen platform has a few)
        from PySide6.QtCore import qInstallMessageHandler

        def qt_message(mode, context, message):
            self.qt_messages[f"{mode.name}: {message}"] = self.qt_messages.get(f"{mode.name}: {message}", 0) + 1
        self._previous_handler = qInstallMessageHandler(qt_message)
        self._patch_dialogs()
        crash.setup_logging(args.verbose)
        from classroom_gui.model.allocator import keep_freed_memory

        keep_freed_memory()  # as classroom-gui's main() does: RSS is then what the app really keeps
        self.reporter = crash.install(log_to_file=True)
        self.model_dir = Path(args.model) if args.model else teaching_model_dir()
        self.hostile: list[Path] = []
        if args.hostile:  # scripts/make_hostile_models.py, built into the temporary folder
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            import make_hostile_models

            self.hostile = list(make_hostile_models.build(self.tmp / "hostile").values())
            WEIRD.append(make_hostile_models.PANIC_TEXT)  # a tokenizer of one hostile model panics on it
            self.ACTIONS = tuple((n, 0.03 if n == "open_model" else w) for n, w in self.ACTIONS)
        self.vocab: list[str] = []
        self.window = MainWindow(load_checkpoint(self.model_dir), settings.open_store(str(self.tmp / "settings.ini")))
        self.vocab = [w for w in self.window.checkpoint.tokenizer.vocab if not w.startswith("<")]
        self.window.show()
        self.app.processEvents()
        self.crashes: list[str] = []
        self.counts: dict[str, int] = {}
        self.exports = 0
        self.answer = 0.0  # what the patched QInputDialog.getDouble answers (a what-if edit's value)

    # --- nothing may block -------------------------------------------------------------------------------
    def _patch_dialogs(self) -> None:
        from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

        def record(kind):
            def fake(*a, **k):
                texts = [x for x in a if isinstance(x, str)]
                self.dialogs.append(f"{kind}: {' | '.join(texts)[:300]}")
                return QMessageBox.StandardButton.Ok
            return staticmethod(fake)

        for name in ("warning", "critical", "information", "question"):
            setattr(QMessageBox, name, record(name))

        def box_exec(box):
            self.dialogs.append(f"box: {box.text()[:120]} | {box.informativeText()[:300]}")
            return int(QMessageBox.StandardButton.Ok.value)

        QMessageBox.exec = box_exec
        QDialog.exec = lambda self_: 0  # help, glossary, export options: closed at once
        QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: ("", ""))
        QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: "")
        QInputDialog.getDouble = staticmethod(lambda *a, **k: (self.answer, True))  # a what-if value (whatif)

    # --- the actions -------------------------------------------------------------------------------------
    def key(self):
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        K, M = Qt.Key, Qt.KeyboardModifier
        key, mod = self.rng.choice([
            (K.Key_Right, M.NoModifier), (K.Key_Left, M.NoModifier), (K.Key_PageDown, M.NoModifier),
            (K.Key_PageUp, M.NoModifier), (K.Key_Home, M.NoModifier), (K.Key_End, M.NoModifier),
            (K.Key_Up, M.NoModifier), (K.Key_Down, M.NoModifier), (K.Key_Plus, M.NoModifier),
            (K.Key_Minus, M.NoModifier), (K.Key_BracketRight, M.NoModifier), (K.Key_BracketLeft, M.NoModifier),
            (K.Key_Right, M.ControlModifier), (K.Key_Left, M.ControlModifier), (K.Key_Space, M.NoModifier),
            (K.Key_R, M.ControlModifier), (K.Key_L, M.ControlModifier | M.ShiftModifier), (K.Key_G, M.NoModifier),
            (K.Key_F1, M.NoModifier), (K.Key_F5, M.NoModifier), (K.Key_Escape, M.NoModifier),
            (K.Key_E, M.ControlModifier), (K.Key_C, M.ControlModifier), (K.Key_O, M.ControlModifier)])
        target = self.window.canvas if self.window.canvas.isVisible() else self.window
        QTest.keyClick(target, key, mod)

    def click_desk(self):
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        frame = self.window.model.frame()
        if not frame.students:
            return
        s = self.rng.choice(frame.students)
        p = self.window.canvas.mapFromScene(s.x + self.rng.uniform(0, s.w), s.y + self.rng.uniform(0, s.h))
        QTest.mouseClick(self.window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(p.x(), p.y()))

    def click_button(self):
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        buttons = list(self.window.controls.buttons.values()) + [self.window.controls.reset, self.window.apply_button]
        if self.window.add_answer.isVisible():
            buttons.append(self.window.add_answer)
        b = self.rng.choice(buttons)
        if b.isVisible():
            QTest.mouseClick(b, Qt.MouseButton.LeftButton)

    def sentence(self):
        r = self.rng.random()
        if r < 0.5:
            text = self.rng.choice(WEIRD)
        else:  # a fresh sentence of the model's own words, of any length up to past the context
            text = " ".join(self.rng.choice(self.vocab) for _ in range(self.rng.randint(1, 80)))
        self.window.sentence.setText(text)
        self.window.apply_sentence()

    def language(self):
        self.window.set_language(self.rng.choice(["en", "ja"]))

    def selector(self):
        box = self.rng.choice([self.window.layer_box, self.window.head_box, self.window.focus_box,
                               self.window.controls.speed])
        if box.count():
            box.setCurrentIndex(self.rng.randrange(box.count()))

    def temperature(self):
        self.window.temperature.setValue(round(self.rng.uniform(0.1, 5.0), 1))

    def scrub(self):
        slider = self.window.controls.slider
        slider.setValue(self.rng.randrange(slider.maximum() + 1))

    def play_a_moment(self):
        from PySide6.QtTest import QTest

        if not self.window.player.playing:
            self.window.do("play")
        QTest.qWait(self.rng.choice([20, 40]))
        if self.rng.random() < 0.5:
            self.window.do("play")

    def chart_tab(self):
        self.window.charts.setCurrentIndex(self.rng.randrange(self.window.charts.count()))

    def resize(self):
        if self.window.is_presenting():
            self.window.do("leave")
        self.window.resize(self.rng.randint(700, 1920), self.rng.randint(500, 1200))

    def menu(self):
        self.window.do(self.rng.choice(["help", "glossary", "reset", "presenter", "leave", "next_chapter",
                                        "prev_chapter", "end", "home", "language", "export_deck", "export_video"]))

    def add_answer(self):
        self.window.add_answer_to_class()

    def open_model(self):
        if self.hostile:  # a hostile folder (refused with a message, or run) most of the time
            folder = self.model_dir if self.rng.random() < 0.25 else self.rng.choice(self.hostile)
        else:
            folder = self.model_dir if self.rng.random() < 0.7 else self.tmp / "not-a-model"
        self.window.open_model(str(folder))
        self.window.worker.wait()
        self.app.processEvents()
        self.app.processEvents()

    def export(self):
        from classroom_gui.view.export_dialogs import OptionsDialog, export_picture

        kind = self.rng.choice([".png", ".png", ".svg", ".pdf"])
        options = OptionsDialog(self.window, self.window.t, "picture")
        options.size.setCurrentIndex(options.size.count() - 1)  # custom: small, for speed
        options.width.setValue(self.rng.choice([320, 480, 640]))
        options.height.setValue(self.rng.choice([180, 270, 360]))
        options.theme.setCurrentIndex(self.rng.randrange(options.theme.count()))
        options.transparent.setChecked(self.rng.random() < 0.3)
        path = self.tmp / f"export{kind}"
        try:
            if export_picture(self.window.model, self.window, path, options) is None:
                raise RuntimeError(f"export to {path} failed: {self.dialogs[-1] if self.dialogs else '?'}")
            if path.stat().st_size == 0:
                raise RuntimeError(f"{path} is empty")
            path.unlink()
        finally:
            options.deleteLater()
        self.exports += 1

    ACTIONS = (("key", 0.40), ("click_desk", 0.08), ("click_button", 0.06), ("sentence", 0.07), ("language", 0.04),
               ("selector", 0.09), ("temperature", 0.03), ("scrub", 0.07), ("play_a_moment", 0.02),
               ("chart_tab", 0.04), ("resize", 0.015), ("menu", 0.03), ("add_answer", 0.01), ("open_model", 0.003),
               ("export", 0.032), ("whatif", 0.03), ("compare", 0.01), ("lesson_mode", 0.02))

    # --- the run -----------------------------------------------------------------------------------------
    def step(self) -> None:
        from PySide6.QtCore import QEvent

        names, weights = zip(*self.ACTIONS)
        name = self.rng.choices(names, weights)[0]
        self.counts[name] = self.counts.get(name, 0) + 1
        before = self.reporter.count
        try:
            getattr(self, name)()
            self.app.processEvents()
            # what deleteLater() asked for: an event loop does this on its own, processEvents() does not
            if self.args.delete_closed_dialogs:
                self._delete_closed_dialogs()
            self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        except Exception:
            self.crashes.append(f"{name}: {traceback.format_exc()}")
        if self.reporter.count > before:
            self.crashes.append(f"{name}: {self.reporter.count - before} uncaught exception(s) in Qt (see the log)")

    def _delete_closed_dialogs(self) -> None:
        """What the window should do itself: delete a dialog once it is closed (see --delete-closed-dialogs)."""
        from PySide6.QtWidgets import QDialog

        for d in self.window.findChildren(QDialog):
            if not d.isVisible():
                d.deleteLater()

    def sample(self, done: int, started: float) -> dict:
        gc.collect()
        if self.args.trim:
            _malloc_trim()
        w = self.window
        from classroom_gui.model.allocator import held_bytes

        in_use, free = held_bytes() or (0, 0)  # glibc's heap: live memory, and freed memory it keeps
        return {"actions": done, "rss_mb": round(rss_mb(), 1), "seconds": round(time.perf_counter() - started, 1),
                "heap_in_use_mb": round(in_use / 2**20, 1), "heap_free_mb": round(free / 2**20, 1),
                "py_objects": len(gc.get_objects()), "scene_items": len(w.canvas.classroom.items()),
                "chart_items": sum(len(p.getPlotItem().items) for p in (  # the tabs made so far (made when shown)
                    getattr(w.charts, name, None) for name in ("bars_plot", "heat_plot", "layer_plot")) if p is not None),
                "widgets": len(self.app.allWidgets())}

    def run(self) -> dict:
        args = self.args
        if args.tracemalloc:
            import tracemalloc
            tracemalloc.start(12)
        samples = [self.sample(0, time.perf_counter())]
        started = time.perf_counter()
        print(f"{'actions':>8} {'RSS MB':>8} {'in use':>8} {'free':>8} {'seconds':>8} {'py objects':>11} "
              f"{'scene items':>12} "
              f"{'chart items':>12} {'widgets':>8}", flush=True)
        self._print(samples[0])
        snapshot = None
        for i in range(1, args.actions + 1):
            self.step()
            if i % args.sample_every == 0 or i == args.actions:
                samples.append(self.sample(i, started))
                self._print(samples[-1])
                if args.tracemalloc and i == args.warmup:
                    import tracemalloc
                    snapshot = tracemalloc.take_snapshot()
        elapsed = time.perf_counter() - started
        warm = next((s for s in samples if s["actions"] >= args.warmup), samples[-1])
        end = samples[-1]
        result = {"actions": args.actions, "seed": args.seed, "crashes": len(self.crashes),
                  "rss_start_mb": samples[0]["rss_mb"], "rss_warm_mb": warm["rss_mb"], "warmup_actions": warm["actions"],
                  "rss_end_mb": end["rss_mb"], "growth_pct": round(100 * (end["rss_mb"] - warm["rss_mb"]) / warm["rss_mb"], 2),
                  "heap_in_use_warm_mb": warm["heap_in_use_mb"], "heap_in_use_end_mb": end["heap_in_use_mb"],
                  "actions_per_second": round(args.actions / elapsed, 1), "seconds": round(elapsed, 1),
                  "exports": self.exports, "dialogs": len(self.dialogs), "counts": self.counts, "samples": samples}
        if snapshot is not None:
            import tracemalloc
            top = tracemalloc.take_snapshot().compare_to(snapshot, "traceback")[:8]
            result["tracemalloc_top"] = [f"{s.size_diff / 1024:+.0f} KiB in {s.count_diff:+d} blocks\n" +
                                         "\n".join(s.traceback.format()[-6:]) for s in top]
        return result

    @staticmethod
    def _print(s: dict) -> None:
        print(f"{s['actions']:>8} {s['rss_mb']:>8.1f} {s['heap_in_use_mb']:>8.1f} {s['heap_free_mb']:>8.1f} "
              f"{s['seconds']:>8.1f} {s['py_objects']:>11} {s['scene_items']:>12} "
              f"{s['chart_items']:>12} {s['widgets']:>8}", flush=True)

    def close(self) -> None:
        """Close the window; remove the temporary folder unless something crashed (it holds the log)."""
        import shutil

        from PySide6.QtCore import qInstallMessageHandler

        self.reporter.uninstall()
        qInstallMessageHandler(self._previous_handler)
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()
        if self.crashes or self.reporter.count:
            print(f"the log and the exports are kept in {self.tmp}", file=sys.stderr)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--actions", type=int, default=10_000, help="random actions (default 10000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sample-every", type=int, default=500, help="actions between memory samples (default 500)")
    p.add_argument("--warmup", type=int, default=1000, help="actions before the growth baseline (default 1000)")
    p.add_argument("--max-growth", type=float, default=10.0, help="allowed RSS growth after warm-up, percent")
    p.add_argument("--model", help="model folder (default: the teaching model)")
    p.add_argument("--tracemalloc", action="store_true", help="list the Python allocations that grew after warm-up")
    p.add_argument("--delete-closed-dialogs", action="store_true",
                   help="delete every closed dialog of the window after each action, to measure the growth that "
                        "is left once the app stops keeping its closed export dialogs")
    p.add_argument("--hostile", action="store_true",
                   help="open hostile model folders (scripts/make_hostile_models.py) instead of a missing one")
    p.add_argument("--trim", action="store_true",
                   help="malloc_trim before each sample: RSS then counts live memory, not the high-water mark "
                        "that the app's allocator settings keep (a leak grows either way)")
    p.add_argument("--json", help="also write the figures to this file")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)

    soak = Soak(args)
    try:
        result = soak.run()
        dialogs, crashes, qt_messages = soak.dialogs, soak.crashes, soak.qt_messages
    finally:
        soak.close()
    for c in crashes[:10]:
        print(f"\nCRASH {c}", file=sys.stderr)
    if dialogs:
        print(f"\n{len(dialogs)} message boxes the app opened (first 5):")
        for d in dialogs[:5]:
            print(f"  {d}")
    if qt_messages:
        print("\nQt messages:")
        for m, n in sorted(qt_messages.items(), key=lambda kv: -kv[1])[:10]:
            print(f"  {n:6} x {m[:200]}")
    for t in result.get("tracemalloc_top", []):
        print(f"\n{t}")
    print(f"\nactions: {result['actions']} ({', '.join(f'{k} {v}' for k, v in sorted(result['counts'].items()))})")
    print(f"crashes: {result['crashes']}")
    print(f"RSS: start {result['rss_start_mb']:.1f} MB, after warm-up ({result['warmup_actions']} actions) "
          f"{result['rss_warm_mb']:.1f} MB, end {result['rss_end_mb']:.1f} MB, growth {result['growth_pct']:+.1f} %")
    print(f"heap in use (live, without the freed memory glibc keeps): after warm-up {result['heap_in_use_warm_mb']:.1f} "
          f"MB, end {result['heap_in_use_end_mb']:.1f} MB")
    print(f"speed: {result['actions_per_second']} actions/s ({result['seconds']} s, {result['exports']} exports)")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0 if result["crashes"] == 0 and result["growth_pct"] < args.max_growth else 1


if __name__ == "__main__":
    sys.exit(main())
