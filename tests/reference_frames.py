"""The seed's sentences drawn at every step, in both languages and both rules, as reference numbers plus a
hash of each 640x360 picture: what a move of the code must leave identical (tests/test_reference_frames.py).
On the 4:3 canvas (lesson.canvas.FOUR_THREE), each sentence in its own language: every chapter's last step as
the seats and its 480x360 picture (tests/test_reference_frames_43.py; the numbers are the 16:9 ones).

Another machine's BLAS and libm round a float32 product differently in the last bit (seen: a new machine's
AVX-512 OpenBLAS kernels against the old one's), so the numbers are compared within float32's noise
(NUMBER_TOLERANCE) and a picture whose hash differs is compared by its coarse picture (16 x 16 blocks' mean
colour): a digit in the 4th or 5th decimal place may change, a moved card, a new colour or a new line may not.

Regenerate after a deliberate change (a new teaching model, a new picture):
    python tests/reference_frames.py            # rewrites tests/reference/*.json
    python tests/reference_frames.py --png DIR  # also writes every picture to DIR, to look at
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent / "reference"
SENTENCES = {"en": "The cat sat on the mat", "ja": "猫がマットの上に座った"}
SIZE = (640, 360)
BLOCK = 16                      # the coarse picture: each 16 x 16 block's mean red, green and blue (40 x 22 blocks)
NUMBER_TOLERANCE = dict(rel_tol=1e-4, abs_tol=1e-5)  # float32 noise across machines is ~1e-6 relative
CHANGED_LEVEL = 2               # a block's colour differs when one channel moves by more than this (of 255)
CHANGED_BLOCKS = 8              # at most this many such blocks: a few digits redrawn, not a change of the picture
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


def coarse(image) -> str:
    """The picture's mean colour per BLOCK x BLOCK block, as base64 bytes (rows of blocks, R G B each)."""
    import numpy as np
    from PySide6.QtGui import QImage
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h = image.width(), image.height()
    rows = np.frombuffer(bytes(image.constBits()), np.uint8).reshape(h, image.bytesPerLine())[:, : w * 3]
    a = rows.reshape(h, w, 3)[: h // BLOCK * BLOCK, : w // BLOCK * BLOCK].astype(np.float64)
    blocks = a.reshape(h // BLOCK, BLOCK, w // BLOCK, BLOCK, 3).mean(axis=(1, 3))
    return base64.b64encode(np.rint(blocks).astype(np.uint8).tobytes()).decode("ascii")


def changed_blocks(want: str, have: str) -> int:
    """How many blocks of two coarse pictures differ by more than CHANGED_LEVEL in some channel."""
    import numpy as np
    a = np.frombuffer(base64.b64decode(want), np.uint8).astype(int).reshape(-1, 3)
    b = np.frombuffer(base64.b64decode(have), np.uint8).astype(int).reshape(-1, 3)
    if a.shape != b.shape:
        return max(len(a), len(b))
    return int((np.abs(a - b) > CHANGED_LEVEL).any(axis=1).sum())


def picture_problem(name: str, want: dict, have: dict, png_dir) -> str:
    """Why a step's picture is not its reference's ("" when it is): the same pixels, or on another machine at most
    CHANGED_BLOCKS changed blocks of its coarse picture (a digit redrawn)."""
    if have["picture_sha256"] == want["picture_sha256"]:
        return ""
    blocks = changed_blocks(want["picture_coarse"], have["picture_coarse"])
    if blocks <= CHANGED_BLOCKS:
        return ""
    step = want["step"]
    return (f"{name} step {step}: the picture differs in {blocks} blocks of 16 x 16 pixels; see "
            f"{png_dir}/{name}-{step:02d}.png (regenerate with `python tests/reference_frames.py` if the change "
            "is meant)")


def number_differences(want, have, path: str = "") -> list[str]:
    """Where two records of shown numbers differ: floats beyond NUMBER_TOLERANCE, anything else at all."""
    if isinstance(want, float) or isinstance(have, float):
        numeric = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (want, have))
        return [] if numeric and math.isclose(want, have, **NUMBER_TOLERANCE) else [f"{path}: {want!r} != {have!r}"]
    if isinstance(want, dict) and isinstance(have, dict):
        if want.keys() != have.keys():
            return [f"{path}: keys {sorted(want)} != {sorted(have)}"]
        return [d for k in want for d in number_differences(want[k], have[k], f"{path}.{k}")]
    if isinstance(want, list) and isinstance(have, list):
        if len(want) != len(have):
            return [f"{path}: {len(want)} items != {len(have)}"]
        return [d for i, (a, b) in enumerate(zip(want, have)) for d in number_differences(a, b, f"{path}[{i}]")]
    return [] if want == have else [f"{path}: {want!r} != {have!r}"]


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
        steps.append({"step": i + 1, "picture_sha256": pixels_hash(image), "picture_coarse": coarse(image),
                      "numbers": numbers})
    return steps


def case_record_43(checkpoint, text: str, lang: str, rule: str, png_dir: Path | None = None, name: str = "") -> list[dict]:
    """Per chapter, its last step on the 4:3 canvas: where the students sit and the picture (hash and coarse)."""
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
                      "picture_coarse": coarse(image), "seats": [[s.x, s.y, s.w, s.h] for s in frame.students]})
    return steps


def app():
    from PySide6.QtWidgets import QApplication
    return QApplication.instance() or QApplication([])


def main(argv: list[str]) -> int:
    png_dir = Path(argv[argv.index("--png") + 1]) if "--png" in argv else None
    if png_dir is not None:
        png_dir.mkdir(parents=True, exist_ok=True)
    app()  # (PySide6 keeps the QApplication: QApplication.instance())
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
