"""Screenshots of the window in presenter mode on a 1024 x 768 projector, in Japanese: scoring, softmax and
listening for 「猫がマットの上に座った」, written to docs/screenshots/. Runs without a display (Qt's offscreen
platform, given a 1024 x 768 screen) and with a throw-away settings file, so nothing of yours is touched.

    python scripts/presenter_screenshots.py [--out docs/screenshots] [--size 1024x768]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

SENTENCE = "猫がマットの上に座った"
SHOTS = (("scoring", "scoring.classmate", 3), ("softmax", "softmax.weights", 0), ("listening", "listening.merge", 0))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--size", default="1024x768")
    args = parser.parse_args(argv)
    w, h = (int(v) for v in args.size.lower().split("x"))
    tmp = Path(tempfile.mkdtemp(prefix="classroom-shots-"))
    screen = {"synchronousWindowSystemEvents": False, "windowFrameMargins": False,
              "screens": [{"name": "Projector", "x": 0, "y": 0, "width": w, "height": h,
                           "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
    (tmp / "screen.json").write_text(json.dumps(screen))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={tmp / 'screen.json'}"

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from classroom_gui.model import load_checkpoint
    from classroom_gui.resources import teaching_model_dir
    from classroom_gui.view.window import MainWindow

    app = QApplication(sys.argv[:1])
    window = MainWindow(load_checkpoint(teaching_model_dir()),
                        store=QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    window.show()
    window.set_language("ja")
    window.sentence.setText(SENTENCE)
    window.apply_sentence()
    window.set_presenter(True)
    app.processEvents()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    timeline = window.player.timeline
    for name, key, arg in SHOTS:
        i = next(i for i, b in enumerate(timeline.beats) if b.key == key and b.arg == arg)
        window.model.jump(timeline.beat_stop(i))  # the model tells the window, which redraws
        app.processEvents()
        path = out / f"{name}-ja-{w}x{h}-presenter.png"
        if not window.grab().save(str(path)):
            print(f"presenter_screenshots: could not write {path}", file=sys.stderr)
            return 2
        print(f"wrote {path}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
