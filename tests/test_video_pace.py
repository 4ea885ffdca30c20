"""A chapter video at a reading pace (teacher11 M2: softmax was 8 s for 3 steps, each narration still for 0.5-1 s):
each step's finished picture is held still, in the MP4 itself, for as long as its narration takes to read (15
characters a second in English, 7 in Japanese, spaces not counted; 1.5 s at least), `video --pace` plays the whole
faster or slower, and a bad --pace is one message and no file. The window's video dialog offers the same speeds."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model import load_checkpoint
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir

SEED = {"en": "The cat sat on the mat", "ja": "猫がマットの上に座った"}
READS = {"en": 15.0, "ja": 7.0}  # characters a second
FPS = 10


def pictures(path, w: int, h: int) -> np.ndarray:
    """A video's pictures, decoded by the ffmpeg imageio-ffmpeg carries: [n, h, w, 3]."""
    import subprocess

    import imageio_ffmpeg

    raw = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "rawvideo",
                          "-pix_fmt", "rgb24", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, h, w, 3)


def gif_durations(path) -> list[int]:
    """Each picture's duration (ms) in a GIF: Pillow merges identical neighbours, adding up their durations, so a
    held step is one picture of the hold's length."""
    from PIL import Image

    with Image.open(path) as im:
        out = []
        for i in range(im.n_frames):
            im.seek(i)
            out.append(im.info["duration"])
        return out


def narrations(lang: str) -> list[str]:
    """What each softmax step says when finished, as the video draws it."""
    trace = run_sentence(load_checkpoint(teaching_model_dir()), SEED[lang], "none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(lang=lang, rule="none").sized(320, 240)
    return [frame_at(trace, sel, b.end).narration for b in timeline.beats if b.chapter == "softmax"]


@pytest.mark.parametrize("lang", list(SEED))
def test_each_step_is_held_still_long_enough_to_read(qapp, tmp_path, lang):
    out = tmp_path / "v.gif"
    assert main(["video", "--lang", lang, "--text", SEED[lang], "--mask", "none", "--from", "softmax", "--to",
                 "softmax", "--fps", str(FPS), "--size", "320x240", "-o", str(out)]) == 0
    said = narrations(lang)
    holds = [max(1.5, len("".join(s.split())) / READS[lang]) for s in said]
    durations = gif_durations(out)
    seconds = sum(durations) / 1000
    assert seconds >= 8.0 + sum(holds) - 0.5  # the steps' 8 s of animation, then each one's reading
    # every step's hold is there as one still picture at least as long as its reading
    for need, shown in zip(sorted(holds, reverse=True), sorted(durations, reverse=True)):
        assert shown >= need * 1000 - 1000 / FPS, (lang, need, shown)
    if lang == "ja":  # the same steps read more slowly in Japanese: a longer video than the English one
        assert seconds > 8.0 + sum(max(1.5, len("".join(s.split())) / READS["en"]) for s in narrations("en")) + 3


def test_pace_plays_the_whole_faster_or_slower(qapp, tmp_path):
    lengths = {}
    for pace in ("0.5", "1", "2"):
        out = tmp_path / f"v{pace}.mp4"
        assert main(["video", "--text", SEED["en"], "--from", "softmax", "--to", "softmax", "--fps", "4", "--pace", pace,
                     "--size", "160x120", "-o", str(out)]) == 0
        lengths[pace] = len(pictures(out, 160, 120))
    assert abs(lengths["0.5"] - 2 * lengths["1"]) <= 3 and abs(lengths["2"] - lengths["1"] / 2) <= 3


@pytest.mark.parametrize("pace", ["0", "-1", "5", "nan", "inf", "abc", "1e400"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_bad_pace_is_one_message_and_no_file(qapp, tmp_path, capsys, pace, lang):
    out = tmp_path / "v.mp4"
    assert main(["video", "--lang", lang, "--text", SEED[lang], "--pace", pace, "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert "Traceback" not in "".join(err) and "--pace" in err[-1], err
    if pace != "abc":  # (a word that is no number: argparse's usage, then its line naming --pace, as for --fps)
        assert len(err) == 1 and "0.25" in err[0] and "4" in err[0], err
        assert ("速さ" in err[0]) if lang == "ja" else ("speed" in err[0]), err
    assert list(tmp_path.iterdir()) == []


def test_the_window_video_dialog_offers_the_paces_at_the_lessons_speed(qapp):
    from classroom_gui.lesson.player import SPEEDS
    from classroom_gui.lesson.strings import text
    from classroom_gui.view.export_dialogs import OptionsDialog

    dialog = OptionsDialog(None, lambda key, **v: text("ja", key, **v), "video", speed=2.0)
    try:
        assert [dialog.pace.itemData(i) for i in range(dialog.pace.count())] == list(SPEEDS)
        assert dialog.pace.currentData() == 2.0
        labels = [dialog.layout().itemAt(i).widget().text() for i in range(dialog.layout().count())
                  if hasattr(dialog.layout().itemAt(i).widget(), "text")]
        assert "読む速さ：" in labels
    finally:
        dialog.deleteLater()


def test_the_window_exports_a_video_at_the_chosen_pace(qtbot, tmp_path):
    """The window's video, as `video --pace` makes it: the scaling step's 2.5 s and its hold, half as long at 2×."""
    from classroom_gui.lesson.player import SPEEDS
    from classroom_gui.lesson.timeline import CHAPTERS
    from classroom_gui.view.export_dialogs import OptionsDialog, export_video
    from helpers import random_window

    w = random_window(qtbot, tmp_path)
    lengths = {}
    for pace in (1.0, 2.0):
        options = OptionsDialog(w, w.t, "video")
        options.size.setCurrentIndex(options.size.count() - 1)  # a custom size
        options.width.setValue(160)
        options.height.setValue(120)
        options.first.setCurrentIndex(CHAPTERS.index("scaling"))
        options.last.setCurrentIndex(CHAPTERS.index("scaling"))
        options.pace.setCurrentIndex(SPEEDS.index(pace))
        path = export_video(w.model, w, tmp_path / f"v{pace:g}.gif", options)
        lengths[pace] = sum(gif_durations(path))
        options.deleteLater()
    assert lengths[1.0] >= 2500 + 1500  # the step's animation, then at least MIN_HOLD
    assert abs(lengths[1.0] - 2 * lengths[2.0]) <= 100


def test_each_finished_step_is_built_once(qapp, tmp_path, monkeypatch, checkpoint):
    """review16 #10: the reading pass built every step's finished picture, and the drawing built it again (a cache
    of 4 kept only the last steps'): the 6 scoring steps' stops are now made once, each picture drawn once."""
    from classroom_gui.export.pace import paced_shots
    from classroom_gui.lesson import deck

    trace = run_sentence(checkpoint, SEED["en"], "none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(rule="none").sized(160, 120)
    shots = paced_shots(timeline, 2, "scoring", "scoring", 1.0, "en", lambda t: frame_at(trace, sel, t).narration)
    assert sum(b.chapter == "scoring" for b in timeline.beats) == 6
    made = []
    real = deck.frame_at  # a video's pictures are lesson.deck.video_frame's
    monkeypatch.setattr(deck, "frame_at", lambda *args: made.append(args[2]) or real(*args))
    assert main(["video", "--text", SEED["en"], "--mask", "none", "--from", "scoring", "--to", "scoring", "--fps", "2",
                 "--size", "160x120", "-o", str(tmp_path / "v.gif")]) == 0
    assert sorted(made) == sorted(t for t, _ in shots)  # one build a shot: the holds' pictures were the stops'
