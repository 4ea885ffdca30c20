"""One pacing for every video (export.pace.paced): `video`, `video --compare` and the window's File → Video each
used to assemble it themselves (the reading pass, the kept stops, the pictures and their repeats). The window's
video is the CLI's frame for frame, hold for hold; a compared video holds each step for its title and caption."""
from __future__ import annotations

from pathlib import Path

from classroom_gui.cli import main
from classroom_gui.export import video as video_module
from classroom_gui.export.pace import reading_seconds
from classroom_gui.lesson.player import SPEEDS
from classroom_gui.lesson.timeline import CHAPTERS
from classroom_gui.view import export_dialogs
from helpers import random_window


def _catching(caught: list):
    """A save_video that keeps what it was given (each frame's moment and words, the repeats) and writes nothing."""
    def save_video(frames, count, path, fps=30, size=(1920, 1080), theme=None, progress=None, repeats=None):
        caught.append({"frames": [(f.time, f.beat, f.title, f.narration) for f in frames], "count": count,
                       "fps": fps, "size": tuple(size), "repeats": list(repeats)})
        return Path(path)
    return save_video


def test_the_windows_video_is_the_clis_frame_for_frame(qtbot, tmp_path, monkeypatch):
    w = random_window(qtbot, tmp_path)
    caught: list = []
    monkeypatch.setattr(export_dialogs, "save_video", _catching(caught))
    monkeypatch.setattr(video_module, "save_video", _catching(caught))
    options = export_dialogs.OptionsDialog(w, w.t, "video")
    options.size.setCurrentIndex(options.size.count() - 1)  # a custom size
    options.width.setValue(160)
    options.height.setValue(120)
    options.first.setCurrentIndex(CHAPTERS.index("scaling"))
    options.last.setCurrentIndex(CHAPTERS.index("softmax"))
    options.pace.setCurrentIndex(SPEEDS.index(2.0))
    assert export_dialogs.export_video(w.model, w, tmp_path / "window.mp4", options) == tmp_path / "window.mp4"
    options.deleteLater()
    sel = w.model.sel
    assert main(["video", "--model", str(tmp_path / "ck"), "--text", w.model.run.text, "--mask", sel.rule,
                 "--focus", str(sel.focus + 1), "--layer", str(sel.layer + 1), "--head", str(sel.head + 1),
                 "--lang", sel.lang, "--from", "scaling", "--to", "softmax", "--pace", "2", "--size", "160x120",
                 "-o", str(tmp_path / "cli.mp4")]) == 0
    window, cli = caught
    assert window == cli
    assert len(window["frames"]) == len(window["repeats"]) and window["count"] == sum(window["repeats"])
    steps = [b for b in w.model.player.timeline.beats if b.chapter in CHAPTERS[CHAPTERS.index("scaling"):
                                                                            CHAPTERS.index("softmax") + 1]]
    assert sum(n > 1 for n in window["repeats"]) == len(steps)  # each step's finished picture, held to be read
    assert not list(tmp_path.glob("*.mp4"))


def test_a_compared_video_holds_each_step_for_its_title_and_caption(qapp, tmp_path, monkeypatch, checkpoint):
    from classroom_gui.export import compare as compare_module
    from classroom_gui.lesson.state import timeline_for

    caught = []

    def save_compare_video(pairs, count, path, fps, size, theme=None, lang="en", progress=None, repeats=None):
        caught.append((list(pairs), count, fps, list(repeats)))
        return Path(path)

    monkeypatch.setattr(compare_module, "save_compare_video", save_compare_video)
    assert main(["video", "--text", "The cat sat on the mat", "--compare", "The dog sat on the bed", "--size",
                 "320x180", "--lang", "ja", "--from", "softmax", "--to", "softmax", "--fps", "4", "--pace", "0.5",
                 "-o", str(tmp_path / "v.gif")]) == 0
    pairs, count, fps, repeats = caught[0]
    assert fps == 4 and len(pairs) == len(repeats) and count == sum(repeats)
    timeline = timeline_for(len(pairs[0].frames[0].students), checkpoint.config.n_layer)
    ends = [b.end for b in timeline.beats if b.chapter == "softmax"]
    held = [i for i, n in enumerate(repeats) if n > 1]
    assert len(ends) == 3 and [pairs[i].frames[0].time for i in held] == ends  # each step's finished pair, held
    for i in held:
        assert repeats[i] == round(reading_seconds(compare_module.said(pairs[i], "ja"), "ja") * fps / 0.5)
    assert not (tmp_path / "v.gif").exists()
