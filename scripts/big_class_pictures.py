"""Pictures of big classes at many moments, hashed, to show that a change to the big-class drawing leaves every
pixel as it was: the window's canvas (a CanvasView at 1600 x 900, jumping from moment to moment, so the kept
pictures and recomposed desks are what is compared) and exports from a fresh scene (1920 x 1080, 1024 x 768).

    QT_QPA_PLATFORM=offscreen python scripts/big_class_pictures.py OUT.json [--png DIR] [--sizes 256,512,1024]
    python scripts/big_class_pictures.py --compare BEFORE.json AFTER.json

The classes are benchmarks/bench_frames.py's (the teaching model's weights tiled, random GPT-2-small weights).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402


def digest(img) -> str:
    from PySide6.QtGui import QImage
    img = img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    bits = np.frombuffer(img.constBits(), np.uint8)[: img.sizeInBytes()]
    return hashlib.sha256(bits.tobytes() + f"{img.width()}x{img.height()}".encode()).hexdigest()[:20]


def pictures(sizes, moments_per: int, png: Path | None) -> dict[str, str]:
    from bench_frames import gpt2_trace, moments, teaching_trace
    from PySide6.QtWidgets import QApplication

    from classroom_gui.lesson.panels import warm
    from classroom_gui.lesson.state import Selection, frame_at, timeline_for
    from classroom_gui.scene.render import render_frame
    from classroom_gui.view.canvas_view import CanvasView

    app = QApplication.instance() or QApplication([])
    out = {}
    for n in sizes:
        for model, make in (("teaching", teaching_trace), ("gpt2", gpt2_trace)):
            trace = make(n)
            warm(trace, 0)
            timeline = timeline_for(n, trace.config.n_layer)
            # every chapter's end, then random moments (mid-beat: fading, travelling, growing cards)
            times = [timeline.chapter_end(key) for key, _ in timeline.chapter_starts()]
            times += list(moments(timeline.duration, "jumping", moments_per, np.random.default_rng(n)))
            for lang, rule in (("en", "none"), ("ja", "causal")):
                sel = Selection(focus=min(1, n - 1), lang=lang, rule=rule)
                view = CanvasView()
                view.resize(1600, 900)
                view.show()
                app.processEvents()
                for k, t in enumerate(times):
                    frame = frame_at(trace, sel, t)
                    view.set_frame(frame)
                    img = view.viewport().grab().toImage()
                    name = f"{n}-{model}-{lang}-{k:02d}-{frame.chapter_key}-window"
                    out[name] = digest(img)
                    if png is not None and k < len(times) - moments_per:
                        img.save(str(png / f"{name}.png"))
                    if k % 3 == 0:  # an export from a fresh scene, at the two screen sizes
                        size = (1920, 1080) if k % 2 == 0 else (1024, 768)
                        pic = render_frame(frame, size)
                        out[f"{n}-{model}-{lang}-{k:02d}-{frame.chapter_key}-export{size[0]}"] = digest(pic)
                view.close()
                view.deleteLater()
                app.processEvents()
            print(f"{n} {model}: {len(out)} pictures so far", flush=True)
            del trace
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?")
    ap.add_argument("--sizes", default="256,512,1024")
    ap.add_argument("--moments", type=int, default=10, help="random moments per class after the chapters' ends")
    ap.add_argument("--png", help="save the chapters' pictures of the canvas here")
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args(argv)
    if args.compare:
        a, b = (json.loads(Path(p).read_text()) for p in args.compare)
        differ = sorted(k for k in a if k in b and a[k] != b[k])
        missing = sorted(set(a) ^ set(b))
        print(f"{len(a)} / {len(b)} pictures; {len(differ)} differ; {len(missing)} in one only")
        for k in differ:
            print("  differs:", k)
        return 1 if differ or missing else 0
    png = Path(args.png) if args.png else None
    if png is not None:
        png.mkdir(parents=True, exist_ok=True)
    out = pictures([int(s) for s in args.sizes.split(",")], args.moments, png)
    Path(args.out).write_text(json.dumps(out, indent=0, sort_keys=True))
    print(f"{len(out)} pictures hashed into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
