"""teacher13 L3, the first minute: a newcomer's first screen (empty desks, an empty board, the roll call) now says on
the board how to begin, in the window's language, and says it no more once the lesson moves. It is the window's
only: an exported picture of the same step is the scene alone."""
from __future__ import annotations

from classroom_gui.lesson.strings import text
from classroom_gui.model import load_checkpoint
from classroom_gui.resources import teaching_model_dir
from classroom_gui.scene.areas import board_rect


def fresh(qtbot, tmp_path, sentence: str):
    from helpers import window_on

    w = window_on(qtbot, load_checkpoint(teaching_model_dir()), str(tmp_path / "s.ini"))
    w.resize(1280, 800)
    w.sentence.setText(sentence)
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.canvas.frame is not None and bool(w.canvas.frame.students))
    return w


def test_the_first_screen_says_how_to_start_on_the_board_until_the_lesson_moves(qtbot, tmp_path):
    w = fresh(qtbot, tmp_path, "The cat sat on the mat")
    hint = w.canvas.hint
    assert w.canvas.frame.beat == 0 and hint.isVisible()
    assert hint.text() == "Press → or ▶\nto start the lesson."
    board = w.canvas.mapFromScene(board_rect(w.canvas.frame.canvas)).boundingRect()
    assert board.contains(hint.geometry())  # on the board, whole
    lines = hint.text().split("\n")  # two lines, as the strings break them, neither broken again
    assert len(lines) == 2 and all(hint.fontMetrics().horizontalAdvance(line) <= hint.width() for line in lines)
    w.set_language("ja")
    assert hint.isVisible() and hint.text() == "→キーか▶ボタンを押すと、\n授業が始まります。"
    w.do("next_beat")
    qtbot.waitUntil(lambda: w.canvas.frame.beat == 1)
    assert not hint.isVisible()
    w.do("prev_beat")
    qtbot.waitUntil(lambda: w.canvas.frame.beat == 0)
    assert hint.isVisible()  # back at the start: said again
    w.do("play")  # the lesson moves on by itself: gone as soon as the first step is left
    qtbot.waitUntil(lambda: w.canvas.frame.beat >= 1, timeout=10000)
    assert not hint.isVisible()
    w.do("play")


def test_no_hint_for_an_empty_class(qtbot, tmp_path):
    w = fresh(qtbot, tmp_path, "The cat sat on the mat")
    w.sentence.setText("")
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is None)
    assert not w.canvas.hint.isVisible()


def test_presenter_mode_hides_the_play_button_so_the_hint_names_the_arrow_key_only(qtbot, tmp_path):
    """review17 6: F5 hides the controls, ▶ among them; the hint said "▶" all the same."""
    w = fresh(qtbot, tmp_path, "The cat sat on the mat")
    hint = w.canvas.hint
    w.set_presenter(True)
    assert not w.controls.isVisible() and hint.isVisible()
    assert hint.text() == "Press →\nto start the lesson."
    w.set_language("ja")
    assert hint.text() == "→キーを押すと、\n授業が始まります。"
    board = w.canvas.mapFromScene(board_rect(w.canvas.frame.canvas)).boundingRect()
    assert board.contains(hint.geometry())
    w.set_presenter(False)
    assert w.controls.isVisible() and hint.text() == text("ja", "ui.start_hint") and "▶" in hint.text()


def test_an_exports_wrote_message_is_said_over_the_class_in_presenter_mode(qtbot, tmp_path):
    """review17 6: "wrote …" went to the status bar, which F5 hides; there it is said on the canvas too."""
    from pathlib import Path

    from classroom_gui.view.status_messages import wrote

    w = fresh(qtbot, tmp_path, "The cat sat on the mat")
    where = Path(tmp_path / "x.png")
    wrote(w, where)
    assert not w.canvas.note.isVisible()  # the window's status bar says it
    assert str(where) in w.statusBar().currentMessage()
    w.set_presenter(True)
    wrote(w, where)
    note = w.canvas.note
    assert note.isVisible() and str(where) in note.accessibleName()
    assert w.canvas.viewport().rect().contains(note.geometry())
    w.set_presenter(False)
