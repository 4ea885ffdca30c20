"""The seed's sentences drawn at every step, in both languages and both rules, as reference numbers plus a
hash of each 640x360 picture: what a move of the code must leave identical (tests/test_reference_frames.py).
On the 4:3 canvas (lesson.canvas.FOUR_THREE), each sentence in its own language: every chapter's last step as
the seats and a hash of its 480x360 picture (tests/test_reference_frames_43.py; the numbers are the same).

Regenerate after a deliberate change (a new teaching model, a new picture):
    python tests/reference_frames.py            # rewrites tests/reference/*.json
    python tests/reference_frames.py --png DIR  # also writes every picture to DIR, to look at
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent / "reference"
SENTENCES = {"en": "The cat sat on the mat", "ja": "猫がマットの上に座った"}
SIZE = (640, 360)
# (name, sentence, language of the labels, rule): each sentence in both languages and both rules
CASES = [(f"{s}-{lang}-{rule}", SENTENCES[s], lang, rule)
         for s in SENTENCES for lang in ("en", "ja") for rule in ("none", "causal")]
SIZE_43 = (480, 360)
CASES_43 = [(f"43-{s}-{s}-none", SENTENCES[s], s, "none") for s in SENTENCES]


def _checkpoint():
    from classroom_gui.model.checkpoint import load_checkpoint
    from classroom_gui.resources import teaching_model_dir
    return load_checkpoint(teaching_model_dir())


def case_frames(checkpoint, text: str, lang: str, rule: str, canvas=None):
    """(selection, [frame per step]) of one case, chosen as `classroom-gui deck --per beat` chooses them, on
    `canvas` (lesson.canvas; None: 16:9)."""
    from classroom_gui.lesson.canvas import WIDESCREEN
    from classroom_gui.export.moments import deck_times
    from classroom_gui.lesson.gallery import gallery_of, lesson_selection
    from classroom_gui.lesson.state import Selection, default_focus, frame_at, notices_for, timeline_for
    from classroom_gui.model.sentence import run_sentence
    from classroom_gui.resources import teaching_model_dir

    run = run_sentence(checkpoint, text, rule)
    trace = run.trace
    start = lesson_selection(gallery_of(teaching_model_dir())[0]).clamped(trace)
    sel = Selection(focus=default_focus(trace.tokens, rule), layer=start.layer, head=start.head, lang=lang, rule=rule,
                    canvas=canvas or WIDESCREEN)
    notices = notices_for(run, lang)
    times = deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat")
    return sel, [frame_at(trace, sel, t, notices) for t in times]


def picture(frame):
    """The frame drawn at 640x360 (a 4:3 canvas's at 480x360) in the classroom theme, as a QImage."""
    from classroom_gui.scene.palette import theme
    from classroom_gui.scene.render import render_frame
    return render_frame(frame, SIZE if frame.canvas.name == "16:9" else SIZE_43, theme("classroom"), False)


def pixels_hash(image) -> str:
    """sha256 of the raw ARGB pixels (not of the PNG file, whose encoder may change)."""
    from PySide6.QtGui import QImage
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return hashlib.sha256(bytes(image.constBits())).hexdigest()


def case_record(checkpoint, text: str, lang: str, rule: str, png_dir: Path | None = None, name: str = "") -> list[dict]:
    """Per step: every number shown (as the export's --json writes them) and the picture's hash."""
    from classroom_gui.export.frame_json import frame_numbers, json_value
    sel, frames = case_frames(checkpoint, text, lang, rule)
    steps = []
    for i, frame in enumerate(frames):
        image = picture(frame)
        if png_dir is not None:
            image.save(str(png_dir / f"{name}-{i + 1:02d}.png"))
        numbers = json.loads(json.dumps(frame_numbers(frame, sel), default=json_value))
        steps.append({"step": i + 1, "picture_sha256": pixels_hash(image), "numbers": numbers})
    return steps


def case_record_43(checkpoint, text: str, lang: str, rule: str, png_dir: Path | None = None, name: str = "") -> list[dict]:
    """Per chapter, its last step on the 4:3 canvas: where the students sit and the picture's hash."""
    from classroom_gui.lesson.canvas import FOUR_THREE
    _sel, frames = case_frames(checkpoint, text, lang, rule, FOUR_THREE)
    steps = []
    for i, frame in enumerate(frames):
        if i + 1 < len(frames) and frames[i + 1].chapter_key == frame.chapter_key:
            continue
        image = picture(frame)
        if png_dir is not None:
            image.save(str(png_dir / f"{name}-{i + 1:02d}.png"))
        steps.append({"step": i + 1, "chapter": frame.chapter_key, "picture_sha256": pixels_hash(image),
                      "seats": [[s.x, s.y, s.w, s.h] for s in frame.students]})
    return steps


def app():
    from PySide6.QtWidgets import QApplication
    return QApplication.instance() or QApplication([])


def main(argv: list[str]) -> int:
    png_dir = Path(argv[argv.index("--png") + 1]) if "--png" in argv else None
    if png_dir is not None:
        png_dir.mkdir(parents=True, exist_ok=True)
    _app = app()
    checkpoint = _checkpoint()
    HERE.mkdir(exist_ok=True)
    for name, text, lang, rule in CASES:
        steps = case_record(checkpoint, text, lang, rule, png_dir, name)
        (HERE / f"{name}.json").write_text(json.dumps(steps, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"{name}: {len(steps)} steps", file=sys.stderr)
    for name, text, lang, rule in CASES_43:
        steps = case_record_43(checkpoint, text, lang, rule, png_dir, name)
        (HERE / f"{name}.json").write_text(json.dumps(steps, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"{name}: {len(steps)} chapters", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
