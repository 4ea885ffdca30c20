"""A deck with the board close-up of a sentence with a repeated word (review32 #1: `deck --board` to a PPTX or a
folder of PNGs, and the window's Export deck, crashed with IndexError: the speaker notes read the desks by seat from
`frame.students`, which the close-up empties). The notes read the class's desks (Frame.desks), so a repeated word is
named with its seat as on the usual board; and an unexpected fault of an export is one message, never a traceback
escaping the window's slot."""
from __future__ import annotations

from collections import Counter

import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.state import prepared_run
from classroom_gui.lesson.strings import seat_quoted

REPEATED = {"en": "The cat sat on the mat and the dog sat on the rug",
            "ja": "猫がマットの上に座った。犬もマットの上に座った。"}
CHAPTERS = ("--from", "scoring", "--to", "softmax")  # the steps whose notes name a chart's student by seat


def deck_notes(out) -> str:
    """Every slide's speaker notes (a PPTX) or notes.txt (a folder), as one text."""
    if out.suffix == ".pptx":
        from pptx import Presentation

        return "\n".join(s.notes_slide.notes_text_frame.text for s in Presentation(str(out)).slides)
    return (out / "notes.txt").read_text(encoding="utf-8")


def repeated_said(checkpoint, lang: str) -> set[str]:
    """The repeated words as the notes say them: with their seats."""
    names = prepared_run(checkpoint, REPEATED[lang], "none").trace.tokens
    twice = {name for name, times in Counter(names).items() if times > 1}
    assert twice  # the sentence does repeat a word
    return {seat_quoted(lang, names, j) for j, name in enumerate(names) if name in twice}


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("suffix", [".pptx", ""])
def test_a_close_up_deck_of_a_repeated_word_is_written_and_its_notes_name_the_seat(qapp, checkpoint, tmp_path,
                                                                                     capsys, lang, suffix):
    out = tmp_path / f"deck{suffix}"
    assert main(["deck", "--text", REPEATED[lang], "--lang", lang, "--mask", "none", "--board", "--size", "320x180",
                 *CHAPTERS, "-o", str(out)]) == 0, capsys.readouterr().err
    notes = deck_notes(out)
    assert any(said in notes for said in repeated_said(checkpoint, lang))


def test_the_windows_close_up_deck_of_a_repeated_word_is_written(qtbot, checkpoint, tmp_path):
    from helpers import window_on

    from classroom_gui.lesson.timeline import CHAPTERS as ALL
    from classroom_gui.view import export_dialogs

    w = window_on(qtbot, checkpoint, str(tmp_path / "s.ini"))
    w.sentence.setText(REPEATED["en"])
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.model.shows(REPEATED["en"]), timeout=20000)
    w.model.set_board(True)
    options = export_dialogs.OptionsDialog(w, w.t, "deck")
    options.size.setCurrentIndex(options.size.findData(None))
    options.width.setValue(320)
    options.height.setValue(180)
    options.first.setCurrentIndex(ALL.index("scoring"))
    options.last.setCurrentIndex(ALL.index("softmax"))
    target = tmp_path / "w.pptx"
    assert export_dialogs.export_deck(w.model, w, target, options) == target and target.exists()
    assert any(said in deck_notes(target) for said in repeated_said(checkpoint, "en"))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_unexpected_fault_of_an_export_is_one_message_and_nothing_written(qtbot, checkpoint, tmp_path,
                                                                             monkeypatch, lang):
    from helpers import window_on

    from classroom_gui.lesson.strings import text
    from classroom_gui.view import export_dialogs, message_box

    w = window_on(qtbot, checkpoint, str(tmp_path / "s.ini"))
    w.model.select(lang=lang)
    shown = []
    monkeypatch.setattr(message_box, "warning", lambda parent, title, message, *a: shown.append((title, message)))

    def fault(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(export_dialogs, "save_deck", fault)
    options = export_dialogs.OptionsDialog(w, w.t, "deck")
    target = tmp_path / "x.pptx"
    assert export_dialogs.export_deck(w.model, w, target, options) is None  # no exception escapes the slot
    assert shown == [(text(lang, "ui.export_failed"),
                      text(lang, "error.export_bug", kind="IndexError", said="list index out of range"))]
    assert not target.exists()
