"""Export: every format reads back with its own reader, the CLI equals the window pixel for pixel, and a
failed or cancelled export leaves no file behind."""
import os
import re
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from classroom_gui.cli import main
from classroom_gui.export.deck import save_deck
from classroom_gui.export.files import Cancelled, ExportError
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from helpers import random_checkpoint

SENTENCE = "The cat sat on the mat"


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    folder = tmp_path_factory.mktemp("model")
    random_checkpoint(folder)
    return folder


def cli(model, *args):
    return main([args[0], "--model", str(model), *args[1:]])


def picture(path) -> Image.Image:
    with Image.open(path) as im:
        im.load()
        return im.copy()


def gif_length(path) -> tuple[int, int]:
    """(pictures, total milliseconds); Pillow merges identical neighbours, adding up their durations."""
    with Image.open(path) as im:
        total = 0
        for i in range(im.n_frames):
            im.seek(i)
            total += im.info["duration"]
        return im.n_frames, total


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".part"]


def test_png_sizes_and_transparency(qapp, model, tmp_path):
    assert cli(model, "export", "--text", SENTENCE, "--chapter", "softmax", "--size", "4k", "-o", str(tmp_path / "a.png")) == 0
    assert picture(tmp_path / "a.png").size == (3840, 2160)
    assert cli(model, "export", "--text", SENTENCE, "--size", "1440x1080", "--transparent", "-o", str(tmp_path / "b.png")) == 0
    img = picture(tmp_path / "b.png").convert("RGBA")
    assert img.size == (1440, 1080)
    assert img.getpixel((0, 0))[3] == 0 and img.getpixel((1439, 1079))[3] == 0  # 4:3 bands and corners clear


def test_svg_and_pdf_keep_text_as_text(qapp, model, tmp_path):
    from pypdf import PdfReader
    assert cli(model, "export", "--text", SENTENCE, "--chapter", "scoring", "-o", str(tmp_path / "a.svg")) == 0
    svg = (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and svg.count("<text") > 20 and ">cat<" in svg.replace("</text>", "<")
    assert cli(model, "export", "--text", "猫がマットの上に座った", "--lang", "ja", "-o", str(tmp_path / "a.pdf")) == 0
    reader = PdfReader(str(tmp_path / "a.pdf"))
    assert len(reader.pages) == 1
    assert "授業" in reader.pages[0].extract_text()


def test_json_beside_a_picture_holds_the_numbers_shown(qapp, model, tmp_path):
    import json
    assert cli(model, "export", "--text", SENTENCE, "--chapter", "softmax", "--json", str(tmp_path / "n.json"),
               "-o", str(tmp_path / "n.png")) == 0
    data = json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))
    assert data["moment"]["chapter"] == "softmax"
    cat = data["students"][1]
    assert cat["text"] == "cat" and [s["role"] for s in cat["strips"]] == ["notebook", "query", "key", "value"]


def test_deck_pptx_pdf_and_folder(qapp, model, tmp_path):
    from pptx import Presentation
    from pypdf import PdfReader
    n_beats = len(timeline_for(6, 2))
    assert cli(model, "deck", "--text", SENTENCE, "--lang", "ja", "-o", str(tmp_path / "d.pptx")) == 0
    prs = Presentation(str(tmp_path / "d.pptx"))
    assert len(prs.slides) == n_beats
    notes = prs.slides[1].notes_slide.notes_text_frame.text
    narration = next(s for s in prs.slides[1].shapes if s.name == "Narration").text_frame.text
    assert notes.startswith("ここを指す：") and narration not in notes  # not the narration again (teacher17 M2)
    assert cli(model, "deck", "--text", SENTENCE, "--per", "chapter", "-o", str(tmp_path / "d.pdf")) == 0
    assert len(PdfReader(str(tmp_path / "d.pdf")).pages) == 14
    assert cli(model, "deck", "--text", SENTENCE, "--per", "chapter", "--size", "640x360", "-o", str(tmp_path / "pngs")) == 0
    assert len(list((tmp_path / "pngs").glob("*.png"))) == 14


def test_video_mp4_and_gif_frame_counts(qapp, model, tmp_path):
    """A step's animation (2.5 s at 30 or 10 pictures a second), then its finished picture held to be read
    (export.pace: its narration at 15 characters a second, 1.5 s at least; tests/test_video_pace.py)."""
    import imageio_ffmpeg

    from classroom_gui.export.pace import reading_seconds
    from classroom_gui.model import load_checkpoint

    trace = run_sentence(load_checkpoint(model), "The cat", "none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    held = [reading_seconds(frame_at(trace, Selection(rule="none"), b.end).narration, "en")
            for b in timeline.beats if b.chapter in ("scaling", "mask")]
    assert cli(model, "video", "--text", "The cat", "--mask", "none", "--from", "scaling", "--to", "scaling",
               "--size", "320x180", "-o", str(tmp_path / "v.mp4")) == 0
    frames, _secs = imageio_ffmpeg.count_frames_and_secs(str(tmp_path / "v.mp4"))
    assert frames == 2.5 * 30 + round(held[0] * 30)
    assert cli(model, "video", "--text", "The cat", "--mask", "none", "--from", "scaling", "--to", "mask", "--fps", "10",
               "--size", "320x180", "-o", str(tmp_path / "v.gif")) == 0
    pictures, ms = gif_length(tmp_path / "v.gif")
    assert ms == (50 + sum(round(s * 10) for s in held)) * 100 and 10 < pictures <= 50 + len(held)


@pytest.mark.parametrize("args", [
    ["--chapter", "nonsense"], ["--beat", "999"], ["--time", "-1"], ["--size", "10x10"], ["--size", "big"],
    ["--layer", "9"], ["--head", "0"], ["--focus", "dog"], ["--text", ""],
])
def test_bad_options_exit_2_and_write_nothing(qapp, model, tmp_path, args):
    argv = ["export", "--text", SENTENCE, *args, "-o", str(tmp_path / "x.png")]
    assert cli(model, *argv) == 2
    assert list(tmp_path.iterdir()) == []


def test_bad_paths_exit_2(qapp, model, tmp_path, capsys):
    assert cli(model, "export", "--text", SENTENCE, "-o", str(tmp_path / "missing" / "x.png")) == 2
    assert cli(model, "export", "--text", SENTENCE, "-o", str(tmp_path / "x.docx")) == 2
    assert cli(model, "video", "--text", SENTENCE, "-o", str(tmp_path / "x.avi")) == 2
    unwritable = Path("/sys") if os.geteuid() == 0 else tmp_path / "ro"
    if unwritable != Path("/sys"):
        unwritable.mkdir()
        unwritable.chmod(0o555)
    assert cli(model, "export", "--text", SENTENCE, "-o", str(unwritable / "x.png")) == 2
    err = capsys.readouterr().err
    assert "folder not found" in err and "unknown file type" in err and f"{unwritable}: cannot write files in this folder" in err
    assert not (tmp_path / "x.docx").exists()


def test_a_full_disk_leaves_no_partial_file(model, tmp_path):
    def small_files():  # the child may write at most 64 KiB per file: a "full disk" for a 4K PNG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
    r = subprocess.run([sys.executable, "-m", "classroom_gui", "export", "--model", str(model), "--text", SENTENCE,
                        "--size", "4k", "-o", str(tmp_path / "big.png")], preexec_fn=small_files,
                       capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_cancelled_deck_leaves_no_file(qapp, model, tmp_path):
    from classroom_gui.model import load_checkpoint
    trace = run_sentence(load_checkpoint(model), SENTENCE).trace
    tl = timeline_for(trace.n_tokens, 2)
    frames = [frame_at(trace, Selection(), tl.beat_stop(i)) for i in range(len(tl))]
    for target in ("d.pptx", "d.pdf", "folder"):
        with pytest.raises(Cancelled):
            save_deck(frames, tmp_path / target, (320, 180), progress=lambda done, total: done < 3)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ExportError):
        save_deck([], tmp_path / "e.pptx")


def test_window_and_cli_give_identical_pixels(qtbot, model, tmp_path):
    from classroom_gui.model import load_checkpoint
    from classroom_gui.view import export_dialogs, settings
    from classroom_gui.view.window import MainWindow
    w = MainWindow(load_checkpoint(model), settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(w)
    w.sentence.setText("猫がマットの上に座った")
    w.apply_sentence()
    w.set_language("ja")
    w.model.jump(w.player.timeline.chapter_end("softmax"))  # --chapter: the chapter finished
    options = export_dialogs.OptionsDialog(w, w.t, "picture")
    gui = export_dialogs.export_picture(w.model, w, tmp_path / "gui.png", options)
    assert cli(model, "export", "--text", "猫がマットの上に座った", "--lang", "ja", "--chapter", "softmax",
               "-o", str(tmp_path / "cli.png")) == 0
    a, b = picture(gui), picture(tmp_path / "cli.png")
    assert a.size == b.size == (1920, 1080)
    assert a.tobytes() == b.tobytes()


def test_the_windows_deck_can_hold_the_quiz_as_the_cli_does(qtbot, model, tmp_path):
    """teacher3 L2: File → Export slides offers the question slides that only `deck --quiz` made; with it
    ticked the window's deck is the CLI's, slide for slide."""
    from classroom_gui.model import load_checkpoint
    from classroom_gui.view import export_dialogs, settings
    from classroom_gui.view.window import MainWindow
    w = MainWindow(load_checkpoint(model), settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(w)
    w.sentence.setText("猫がマットの上に座った")
    w.apply_sentence()
    w.set_language("ja")
    options = export_dialogs.OptionsDialog(w, w.t, "deck")
    options.last.setCurrentIndex(options.last.count() - 1)  # the whole lesson, as `deck` without --from and --to
    options.per.setCurrentIndex(options.per.findData("chapter"))
    options.size.setCurrentIndex(options.size.findData(None))
    options.width.setValue(320)
    options.height.setValue(180)
    options.quiz.setChecked(True)
    assert options.quiz.isVisibleTo(options) or options.layout().rowCount() > 4
    gui = export_dialogs.export_deck(w.model, w, tmp_path / "gui", options)
    assert cli(model, "deck", "--text", "猫がマットの上に座った", "--lang", "ja", "--per", "chapter", "--quiz",
               "--size", "320x180", "-o", str(tmp_path / "cli")) == 0
    ours, theirs = sorted(p.name for p in gui.iterdir()), sorted(p.name for p in (tmp_path / "cli").iterdir())
    assert ours == theirs and sum(n.endswith(".png") for n in ours) > 14  # 14 chapters and the question slides
    for name in ours:
        if name.endswith(".png"):
            assert picture(gui / name).tobytes() == picture(tmp_path / "cli" / name).tobytes(), name
        else:  # the speaker notes
            assert (gui / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


@pytest.mark.parametrize("lang, said", [("en", "the sentence is empty: type a few words"), ("ja", "文が空です")])
def test_the_window_refuses_to_export_an_empty_class_as_the_cli_does(qtbot, model, tmp_path, monkeypatch, lang, said):
    """teacher5 L11: with the sentence field emptied, Export slides wrote a 30-page PDF, each page "The classroom is
    empty…", where `deck` refuses ("the sentence is empty"). Picture, slides, animation and worksheet now refuse,
    with the CLI's reason in the window's language, before any dialog, and write nothing."""
    from classroom_gui.view import message_box

    from classroom_gui.model import load_checkpoint
    from classroom_gui.view import export_dialogs, settings
    from classroom_gui.view.window import MainWindow

    w = MainWindow(load_checkpoint(model), settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(w)
    w.set_language(lang)
    w.sentence.setText("")
    w.apply_sentence()
    assert w.run is None
    shown = []
    monkeypatch.setattr(message_box, "warning", lambda parent, title, message, *a: shown.append((title, message)))
    for export, name in ((export_dialogs.export_picture, "x.png"), (export_dialogs.export_deck, "x.pdf"),
                         (export_dialogs.export_video, "x.gif"), (export_dialogs.export_worksheet, "w.pdf")):
        assert export(w.model, w, tmp_path / name) is None
        assert not (tmp_path / name).exists()
        title, message = shown.pop()
        assert message.startswith(said) and title == w.t("ui.export_failed"), message
    assert not shown


def _export_reasons(tmp_path) -> list:
    """The exports' own errors, made for real where a file system can make them."""
    import errno

    from classroom_gui.export.files import ExportError, atomic_folder, check_target, explain
    from classroom_gui.export.formats import PICTURES
    from classroom_gui.export.sizes import parse_size
    from classroom_gui.export.video import save_video

    reasons = []

    def caught(do):
        with pytest.raises(ExportError) as exc:
            do()
        reasons.append(exc.value)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "a").write_text("x")
    caught(lambda: check_target(tmp_path, PICTURES))                      # is a folder; give a file name
    caught(lambda: check_target(tmp_path / "x.doc", PICTURES))            # unknown file type
    caught(lambda: check_target(tmp_path / "x", PICTURES))                # no file type at all
    caught(lambda: check_target(tmp_path / "nowhere" / "x.png", PICTURES))  # folder not found

    def full_folder():
        with atomic_folder(tmp_path / "full"):
            pass
    caught(full_folder)                                                     # not an empty folder
    caught(lambda: parse_size("5x5"))
    caught(lambda: parse_size("big"))
    caught(lambda: save_video(lambda: iter(()), 0, tmp_path / "v.gif", 10, (101, 100)))
    for code in (errno.ENOSPC, errno.EACCES, errno.ENOENT):
        reasons.append(explain(tmp_path / "x.png", OSError(code, "os", str(tmp_path / "x.png"))))
    reasons.append(explain(Path("/proc/x.png"), OSError(errno.ENOENT, "os", "/proc/x.png")))
    return reasons


def test_the_japanese_windows_export_errors_are_in_japanese(qtbot, model, tmp_path, monkeypatch):
    """teacher5 L2: 「書き出せませんでした」 over "/proc: cannot write files in this folder; nothing was written". Every
    reason an export gives is said in Japanese (paths and numbers kept), and the window's box shows it so."""
    from classroom_gui.view import message_box

    from classroom_gui.export.errors import said
    from classroom_gui.model import load_checkpoint
    from classroom_gui.view import export_dialogs, settings
    from classroom_gui.view.window import MainWindow

    reasons = _export_reasons(tmp_path)
    assert len(reasons) >= 12
    for reason in reasons:
        ja = said(reason, "ja")
        assert ja != str(reason) and re.search("[ぁ-んァ-ン]", ja), reason
        assert not re.search(r"\b(?:folder|write|file|none|size|pixels)\b", ja), ja
        assert said(reason, "en") == str(reason)
        for value in re.findall(r"/\S+?(?=[:：]|$)", str(reason))[:1]:  # the path it names is kept
            assert value in ja, (value, ja)
    w = MainWindow(load_checkpoint(model), settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(w)
    w.set_language("ja")
    shown = []
    monkeypatch.setattr(message_box, "warning", lambda parent, title, message, *a: shown.append((title, message)))
    assert export_dialogs.export_picture(w.model, w, Path("/proc/x.png"), export_dialogs.OptionsDialog(w, w.t, "picture")) is None
    assert shown == [("書き出せませんでした", "/proc：このフォルダーには書き込めません。何も書き出していません。別のフォルダーを選んでください。")]
