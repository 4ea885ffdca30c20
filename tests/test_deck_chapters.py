"""teacher13 M1: slides of one chapter or a range. `deck` takes video's --from and --to (the same checks and
refusals), the window's slide dialog the animation dialog's chapter boxes; a bad range is refused in the user's
language and writes nothing. Also L1 (the window says where its export went) and L2 (a preset size shows in the
greyed width and height)."""
from __future__ import annotations

import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.chapters import chapter_title
from classroom_gui.lesson.strings import text, unbroken_quotes
from classroom_gui.lesson.timeline import CHAPTERS
from classroom_gui.model import load_checkpoint
from classroom_gui.resources import teaching_model_dir

SEED = "猫がマットの上に座った"


def deck(tmp_path, name, *args) -> int:
    return main(["deck", "--text", SEED, "--mask", "none", "--size", "320x180", *args, "-o", str(tmp_path / name)])


def notes(folder) -> list[tuple[str, str]]:
    """(title, narration) of each slide of a folder deck, in order."""
    rows = (folder / "notes.txt").read_text(encoding="utf-8").splitlines()
    return [tuple(row.split("\t")[1:3]) for row in rows]


def titled(lang: str, key: str) -> str:
    return text(lang, "chapter." + key)


def test_a_deck_of_some_chapters_is_those_slides_of_the_whole_deck(tmp_path):
    assert deck(tmp_path, "all", "--lang", "en") == 0
    assert deck(tmp_path, "soft", "--lang", "en", "--from", "softmax", "--to", "softmax") == 0
    assert deck(tmp_path, "two", "--lang", "en", "--from", "5", "--to", "softmax", "--per", "chapter") == 0
    whole, soft = notes(tmp_path / "all"), notes(tmp_path / "soft")
    assert 2 <= len(soft) < len(whole)
    assert soft == [row for row in whole if titled("en", "softmax") in row[0]]
    # per chapter: chapters 5 to 7 (by number and by name), each its finished slide
    chapters = notes(tmp_path / "two")
    assert len(chapters) == CHAPTERS.index("softmax") - 5 + 1
    assert [titled("en", key) in title for key, (title, _) in zip(CHAPTERS[5:], chapters)] == [True] * len(chapters)


def test_a_quiz_deck_of_a_chapter_asks_only_that_chapters_questions(tmp_path):
    assert deck(tmp_path, "quiz", "--lang", "ja", "--quiz", "--from", "softmax", "--to", "softmax") == 0
    assert deck(tmp_path, "plain", "--lang", "ja", "--from", "softmax", "--to", "softmax") == 0
    quiz, plain = notes(tmp_path / "quiz"), notes(tmp_path / "plain")
    # softmax asks what the shares add up to (quiz22: the mask chapter's charts no longer say it), over its sum of
    # the exps, and answers it on its last slide; the deck asks no question of the mask chapter
    assert len(quiz) == len(plain) + 1
    assert all(titled("ja", "softmax") in title for title, _ in quiz)
    assert deck(tmp_path, "mask", "--lang", "ja", "--quiz", "--from", "mask", "--to", "mask") == 0
    assert deck(tmp_path, "mask_plain", "--lang", "ja", "--from", "mask", "--to", "mask") == 0
    # the mask chapter's last step reveals two: both asked, then both answered
    assert len(notes(tmp_path / "mask")) == len(notes(tmp_path / "mask_plain")) + 3


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("bad, key", [(("--from", "softmax", "--to", "mask"), "error.chapter_order"),
                                      (("--from", "lunch"), "error.unknown_chapter")])
def test_a_bad_range_is_refused_as_video_refuses_it_and_writes_nothing(tmp_path, capsys, lang, bad, key):
    said = []
    for command, name in (("deck", "d.pdf"), ("video", "v.gif")):
        assert main([command, "--text", SEED, "--lang", lang, *bad, "-o", str(tmp_path / name)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1, err
        said.append(err[0].split(command, 1)[1])  # the same words after the command's name
        assert not (tmp_path / name).exists()
    assert said[0] == said[1] and list(tmp_path.iterdir()) == []
    if key == "error.chapter_order":
        # the chapters as the lesson titles them, in the reader's language, not by key (harden4)
        assert said[0].endswith(text(lang, key, first=chapter_title(lang, "softmax", "chapter.named"),
                                          last=chapter_title(lang, "mask", "chapter.named")))
        assert "'softmax'" not in said[0] and "「softmax」" not in said[0]
    else:
        assert "lunch" in said[0] and "softmax" in said[0]  # the name typed, and the names there are


@pytest.fixture
def window(qtbot, tmp_path):
    from helpers import window_on

    w = window_on(qtbot, load_checkpoint(teaching_model_dir()), str(tmp_path / "s.ini"), show=False)
    w.sentence.setText(SEED)
    w.apply_sentence()
    w.set_language("ja")
    return w


def dialog(w, kind="deck"):
    from classroom_gui.view import export_dialogs

    options = export_dialogs.OptionsDialog(w, w.t, kind)
    options.size.setCurrentIndex(options.size.findData(None))
    options.width.setValue(320)
    options.height.setValue(180)
    return options


def test_the_slide_dialog_has_the_animation_dialogs_chapters_and_matches_deck(window, tmp_path):
    from classroom_gui.view import export_dialogs

    options = dialog(window)
    labels = [options.layout().labelForField(box).text() for box in (options.first, options.last)]
    assert labels == [window.t("ui.from_chapter"), window.t("ui.to_chapter")]
    assert options.chapters() == (CHAPTERS[0], CHAPTERS[0])  # slides, as a video: the chapter on screen (teacher17 L2)
    options.first.setCurrentIndex(CHAPTERS.index("softmax"))
    options.last.setCurrentIndex(CHAPTERS.index("softmax"))
    options.quiz.setChecked(True)
    gui = export_dialogs.export_deck(window.model, window, tmp_path / "gui", options)
    assert main(["deck", "--text", SEED, "--lang", "ja", "--mask", "none", "--size", "320x180", "--quiz",
                 "--from", "softmax", "--to", "softmax", "-o", str(tmp_path / "cli")]) == 0
    assert notes(gui) == notes(tmp_path / "cli")
    # L1: the status bar says it finished and where the file went, as `deck` says it
    assert window.statusBar().currentMessage() == text("ja", "cli.wrote", path=gui)
    window.set_language("en")
    assert window.statusBar().currentMessage() == "Wrote " + str(gui)


def test_a_backward_range_in_the_window_is_one_message_and_nothing_written(window, tmp_path, monkeypatch):
    from classroom_gui.view import message_box

    from classroom_gui.view import export_dialogs

    shown = []
    monkeypatch.setattr(message_box, "warning", lambda parent, title, message, *a: shown.append((title, message)))
    options = dialog(window)
    options.first.setCurrentIndex(CHAPTERS.index("softmax"))
    options.last.setCurrentIndex(CHAPTERS.index("mask"))
    accepted = []
    options.accepted.connect(lambda: accepted.append(True))
    options.accept()  # OK: the reason, and the dialog stays with its choices
    assert accepted == [] and options.chapters() == ("softmax", "mask")
    title, message = shown.pop()
    # nothing was tried, so not 「書き出せませんでした」; the chapters as the boxes name them, without 章 before
    # their numbers (review17)
    assert title == "章の範囲" == window.t("ui.chapter_range")
    assert message == ("「7. ソフトマックス：スコアを割合に」は「6. マスク：まだ話していない生徒は聞こえない」より後の章です。"
                       "始める章には、終える章と同じ章か、それより前の章を選んでください。")
    # options given without the dialog (as a script would): export's own refusal, and no file
    assert export_dialogs.export_deck(window.model, window, tmp_path / "x.pptx", options) is None
    said = unbroken_quotes(text("ja", "error.chapter_order", first=chapter_title("ja", "softmax", "chapter.named"),
                                last=chapter_title("ja", "mask", "chapter.named")))  # as _report says it
    assert shown == [(window.t("ui.export_failed"), said)]
    assert not (tmp_path / "x.pptx").exists()


@pytest.mark.parametrize("kind", ["deck", "video", "picture"])
def test_a_preset_size_shows_in_the_greyed_width_and_height(qapp, kind):
    from classroom_gui.view.export_dialogs import SIZE_CHOICES, OptionsDialog

    options = OptionsDialog(None, lambda key, **v: text("ja", key, **v), kind)
    try:
        for i in range(options.size.count()):
            options.size.setCurrentIndex(i)
            preset = options.size.itemData(i)
            if preset is not None:
                assert (options.width.value(), options.height.value()) == tuple(preset)
                assert not options.width.isEnabled() and not options.height.isEnabled()
        options.size.setCurrentIndex(SIZE_CHOICES.index((1024, 768)))  # teacher13's choice
        assert (options.width.value(), options.height.value()) == (1024, 768)
        options.size.setCurrentIndex(0)
        options.size.setCurrentIndex(SIZE_CHOICES.index((1024, 768)))
        assert options.size.currentText() == "1024 × 768 (4:3)" and options.chosen_size() == (1024, 768)
        options.size.setCurrentIndex(SIZE_CHOICES.index(None))  # custom: from the size last shown, editable
        assert options.chosen_size() == (1024, 768) and options.width.isEnabled()
    finally:
        options.deleteLater()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_png_decks_notes_hold_the_speaker_notes_a_pptx_slide_carries(tmp_path, checkpoint, lang):
    """note18: a PNG-folder deck's notes.txt held each slide's title and narration, not the speaker notes (where to
    point, the equation to redo aloud) its PPTX slides carry; a fourth column holds them, on the slide's one line."""
    from classroom_gui.export.moments import deck_times
    from classroom_gui.lesson.deck import deck_frames
    from classroom_gui.lesson.speaker_notes import speaker_notes
    from classroom_gui.lesson.state import Selection, timeline_for
    from classroom_gui.model.sentence import run_sentence

    assert deck(tmp_path, "soft", "--lang", lang, "--focus", "2", "--from", "softmax", "--to", "softmax") == 0
    rows = [row.split("\t") for row in (tmp_path / "soft" / "notes.txt").read_text(encoding="utf-8").splitlines()]
    trace = run_sentence(checkpoint, SEED, "none").trace
    sel = Selection(focus=1, lang=lang, rule="none").sized(320, 180)
    frames = deck_frames(trace, sel, deck_times(timeline_for(trace.n_tokens, 3), "beat", "softmax", "softmax"), "beat")
    assert len(rows) == len(frames) == 3 and all(len(row) == 4 for row in rows)
    for (_, title, narration, notes), frame in zip(rows, frames):
        said = speaker_notes(frame, lang)
        assert (title, narration) == (frame.title, frame.narration) and len(said) == 2  # where to point, what to redo
        assert notes.replace(" ", "") == "".join(said).replace("\n", "").replace(" ", ""), (notes, said)
