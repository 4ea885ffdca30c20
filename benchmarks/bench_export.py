"""Export speed with the teaching model and "The cat sat on the mat": a 4K PNG, 40-slide decks, a 10-second
1080p video. Prints a table of medians with the goals, then where the time goes.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_export.py [--repeats 5] [--no-gif] [--no-breakdown]

Goals:
  4K PNG (3840x2160) of one moment via save_picture, warm (after one export in the process)  <= 0.3 s
  40-slide PPTX via save_deck (one slide per step, steps repeated to make 40), 1920x1080        <= 8 s
  10-second 1080p MP4 at 30 fps (300 frames, the lesson's first 10 s) via save_video             <= 15 s
The PDF deck, a second 10-second MP4 (from the softmax chapter on, where more moves), the cold 4K PNG
(first export in a fresh process, counting font loading and the first scene) and a GIF of the same 300
frames are reported without a goal.

Wall times on a shared 2-core machine swing with other people's jobs: every figure is a median of
--repeats runs, the 'cpu' column is this process's CPU time plus its children's (ffmpeg) for the
same runs, and the load average is printed before and after.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a source checkout

SENTENCE = "The cat sat on the mat"
GOALS = {"png4k": 0.3, "pptx": 8.0, "mp4": 15.0}
FPS, VIDEO_FRAMES, SLIDES = 30, 300, 40


def cpu_seconds() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def measure(fn, repeats: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each of `repeats` calls."""
    wall, cpu = [], []
    for _ in range(repeats):
        c0, t0 = cpu_seconds(), time.perf_counter()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(cpu_seconds() - c0)
    return wall, cpu


class Lesson:
    def __init__(self):
        from classroom_gui.lesson.state import Selection, frame_at, timeline_for
        from classroom_gui.model.checkpoint import load_checkpoint
        from classroom_gui.model.sentence import run_sentence
        from classroom_gui.resources import teaching_model_dir
        from classroom_gui.lesson.state import default_focus

        self.checkpoint = load_checkpoint(teaching_model_dir())
        self.trace = run_sentence(self.checkpoint, SENTENCE).trace
        self.timeline = timeline_for(self.trace.n_tokens, self.trace.config.n_layer)
        self.sel = Selection(focus=default_focus(self.trace.tokens))
        self.frame_at = frame_at

    def frame(self, t: float):
        return self.frame_at(self.trace, self.sel, t)

    def beat_frames(self, n: int):
        """One frame per step (its finished picture), the steps repeated until there are n."""
        stops = [self.timeline.beat_stop(i) for i in range(len(self.timeline))]
        return [self.frame(stops[i % len(stops)]) for i in range(n)]

    def video_times(self, start: float, n: int = VIDEO_FRAMES) -> list[float]:
        return [start + i / FPS for i in range(n)]


COLD_SCRIPT = r"""
import os, sys, time
sys.path.insert(0, sys.argv[1])
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from classroom_gui.export.pictures import save_picture
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir
trace = run_sentence(load_checkpoint(teaching_model_dir()), sys.argv[3]).trace
tl = timeline_for(trace.n_tokens, trace.config.n_layer)
frame = frame_at(trace, Selection(), tl.chapter_stop("softmax"))
t1 = time.perf_counter()
save_picture(frame, sys.argv[2], (3840, 2160))
t2 = time.perf_counter()
print(f"{t1 - t0:.4f} {t2 - t1:.4f}")
"""


def cold_png(out: Path, repeats: int) -> tuple[list[float], list[float]]:
    """(seconds to the frame: imports, app, model, trace; seconds of the first save_picture) per fresh process."""
    setup, first = [], []
    for _ in range(repeats):
        r = subprocess.run([sys.executable, "-c", COLD_SCRIPT, str(ROOT), str(out), SENTENCE],
                           capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        if r.returncode != 0:
            raise SystemExit(f"cold export failed:\n{r.stderr}")
        a, b = (float(v) for v in r.stdout.split())
        setup.append(a)
        first.append(b)
    return setup, first


def breakdown_png(lesson: Lesson, out: Path, repeats: int) -> list[tuple[str, float]]:
    """Median ms of each part of a warm 4K PNG export of the softmax moment."""
    from PySide6.QtGui import QImage

    from classroom_gui.export.png import png_bytes
    from classroom_gui.scene.render import render_frame

    frame = lesson.frame(lesson.timeline.chapter_stop("softmax"))
    image = render_frame(frame, (3840, 2160))
    parts = {
        "frame_at (lesson state)": lambda: lesson.frame(lesson.timeline.chapter_stop("softmax")),
        "render_frame 4K (new scene, set_frame + paint)": lambda: render_frame(frame, (3840, 2160)),
        "ARGB32 -> RGB888 conversion": lambda: image.convertToFormat(QImage.Format.Format_RGB888),
        "png_bytes (conversion + rows + zlib level 2)": lambda: png_bytes(image, alpha=False),
        "old way: QImage.save(PNG), RGBA, libpng default": lambda: image.save(str(out), "PNG"),
    }
    return [(name, statistics.median(measure(fn, repeats)[0]) * 1000) for name, fn in parts.items()]


def breakdown_video(lesson: Lesson, start: float, out: Path) -> list[tuple[str, float]]:
    """Per-frame ms of the parts of a 1080p MP4, and ffmpeg's own CPU on frames drawn beforehand."""
    import imageio_ffmpeg
    from PySide6.QtGui import QImage

    from classroom_gui.export import video
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_scene

    times = lesson.video_times(start)
    t0 = time.perf_counter()
    frames = [lesson.frame(t) for t in times]
    t_state = (time.perf_counter() - t0) / len(times)
    scene = ClassroomScene()
    show, paint, rgb, raw = [], [], [], []
    for frame in frames:
        image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
        t0 = time.perf_counter()
        scene.set_frame(frame)
        t1 = time.perf_counter()
        render_scene(scene, image)
        t2 = time.perf_counter()
        video.rgb_array(image)
        t3 = time.perf_counter()
        show.append(t1 - t0)
        paint.append(t2 - t1)
        rgb.append(t3 - t2)
        raw.append(bytes(image.constBits()))
    rows = [("frame_at (lesson state)", t_state * 1000),
            ("scene.set_frame", statistics.median(show) * 1000),
            ("paint 1920x1080 (render_scene)", statistics.median(paint) * 1000),
            ("old way: rgb_array (RGB888 + copy), now skipped", statistics.median(rgb) * 1000)]

    def ffmpeg(preset: str) -> tuple[float, float]:
        k0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        writer = imageio_ffmpeg.write_frames(str(out), (1920, 1080), fps=FPS, codec="libx264",
                                             pix_fmt_in=video.RAW_FORMAT, pix_fmt_out="yuv420p", quality=7,
                                             macro_block_size=2, output_params=["-preset", preset, "-f", "mp4"],
                                             ffmpeg_log_level="error")
        writer.send(None)
        for b in raw:
            writer.send(b)
        writer.close()
        k1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter() - t0
        cpu = k1.ru_utime + k1.ru_stime - k0.ru_utime - k0.ru_stime
        return wall / len(raw) * 1000, cpu / len(raw) * 1000

    for preset in (video.X264_PRESET, "medium"):
        wall, cpu = ffmpeg(preset)
        size = out.stat().st_size / 1e6
        rows.append((f"ffmpeg alone, preset {preset}: wall (cpu {cpu:.1f} ms/frame, file {size:.2f} MB)", wall))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5, help="runs of the small cases (decks and videos: max(2, repeats // 2))")
    ap.add_argument("--no-gif", action="store_true", help="skip the GIF (Pillow quantizes every frame: slow)")
    ap.add_argument("--no-breakdown", action="store_true", help="skip the profile of where the time goes")
    args = ap.parse_args(argv)
    big = max(2, args.repeats // 2)

    from PySide6.QtWidgets import QApplication
    QApplication.instance() or QApplication([])  # (PySide6 keeps it: QApplication.instance())

    from classroom_gui.export.deck import save_deck
    from classroom_gui.export.pictures import save_picture
    from classroom_gui.export.video import save_video

    print(f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; {os.cpu_count()} cores")
    lesson = Lesson()
    print(f"model: teaching model ({lesson.trace.config.n_layer} layers, {lesson.trace.config.n_head} heads), "
          f"'{SENTENCE}' = {lesson.trace.n_tokens} students, {len(lesson.timeline)} steps, "
          f"{lesson.timeline.duration:g} s of lesson")
    rows = []  # (what, goal s or None, wall list, cpu list, note)
    with tempfile.TemporaryDirectory(prefix="bench_export_") as folder:
        out = Path(folder)
        softmax = lesson.frame(lesson.timeline.chapter_stop("softmax"))

        setup, first = cold_png(out / "cold.png", max(3, big))
        rows.append(("4K PNG, cold (first save_picture in a fresh process)", None, first, None,
                     f"process start to frame: {statistics.median(setup):.2f} s"))
        save_picture(softmax, out / "warmup.png", (3840, 2160))
        wall, cpu = measure(lambda: save_picture(softmax, out / "a.png", (3840, 2160)), args.repeats)
        rows.append(("4K PNG, warm, same moment (softmax)", GOALS["png4k"], wall, cpu,
                     f"{(out / 'a.png').stat().st_size / 1e6:.2f} MB"))
        beats = lesson.beat_frames(len(lesson.timeline))
        it = iter(beats * (args.repeats // len(beats) + 2))
        wall, cpu = measure(lambda: save_picture(next(it), out / "b.png", (3840, 2160)), max(args.repeats, len(beats)))
        rows.append(("4K PNG, warm, every step's moment in turn", GOALS["png4k"], wall, cpu, f"{len(wall)} moments"))

        slides = lesson.beat_frames(SLIDES)
        wall, cpu = measure(lambda: save_deck(slides, out / "d.pptx"), big)
        rows.append((f"PPTX deck, {SLIDES} slides 1920x1080", GOALS["pptx"], wall, cpu,
                     f"{(out / 'd.pptx').stat().st_size / 1e6:.1f} MB"))
        wall, cpu = measure(lambda: save_deck(slides, out / "d.pdf"), big)
        rows.append((f"PDF deck, {SLIDES} pages (vector)", None, wall, cpu,
                     f"{(out / 'd.pdf').stat().st_size / 1e6:.1f} MB"))

        for label, start in (("lesson start", 0.0), ("softmax chapter on", dict(lesson.timeline.chapter_starts())["softmax"])):
            times = lesson.video_times(start)

            def mp4(times=times):
                save_video((lesson.frame(t) for t in times), len(times), out / "v.mp4", FPS, (1920, 1080))
            wall, cpu = measure(mp4, big)
            rows.append((f"MP4 10 s 1080p30 ({VIDEO_FRAMES} frames), {label}", GOALS["mp4"], wall, cpu,
                         f"{statistics.median(wall) / VIDEO_FRAMES * 1000:.1f} ms/frame, "
                         f"{(out / 'v.mp4').stat().st_size / 1e6:.2f} MB"))
        if not args.no_gif:
            times = lesson.video_times(0.0)
            wall, cpu = measure(lambda: save_video((lesson.frame(t) for t in times), len(times), out / "v.gif", FPS,
                                                   (1920, 1080)), 1)
            rows.append((f"GIF 10 s 1080p30 ({VIDEO_FRAMES} frames), lesson start", None, wall, cpu,
                         f"{(out / 'v.gif').stat().st_size / 1e6:.1f} MB"))

        print()
        print(f"{'export':<58} {'goal s':>7} {'median s':>9} {'min s':>7} {'cpu s':>7} {'runs':>5}  ok?   note")
        for what, goal, wall, cpu, note in rows:
            med = statistics.median(wall)
            ok = "" if goal is None else ("yes" if med <= goal else "NO")
            cpu_s = f"{statistics.median(cpu):7.2f}" if cpu else f"{'-':>7}"
            print(f"{what:<58} {goal if goal else '-':>7} {med:9.3f} {min(wall):7.3f} {cpu_s} {len(wall):>5}  "
                  f"{ok:<4}  {note}")

        if not args.no_breakdown:
            print("\nwhere a warm 4K PNG's time goes (median ms of", args.repeats, "runs each):")
            for name, ms in breakdown_png(lesson, out / "c.png", args.repeats):
                print(f"  {name:<60} {ms:8.1f}")
            print("\nwhere a 1080p MP4's time goes, per frame (lesson start):")
            for name, ms in breakdown_video(lesson, 0.0, out / "w.mp4"):
                print(f"  {name:<88} {ms:8.2f}")
    print(f"\nload average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
