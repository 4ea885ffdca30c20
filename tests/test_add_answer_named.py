"""fix53's note: at answer time the transport bar's "Add answer" button wrote the vocabulary's raw word, so the
tiny GPT-2 folder's answer to "The dog" (a piece of a kana, "<0xE3>") read 'Add "<0xE3>" to the class' while the
desks, chart and board draw it ◇. The button names the answer as the rest of the app does (answers.named)."""
from pathlib import Path

import pytest

from classroom_gui.lesson.answers import BYTE_PIECE, named
from classroom_gui.model.bpe_tokenizer import byte_piece
from classroom_gui.model.checkpoint import load_checkpoint
from helpers import window_on

TINY = Path(__file__).parent / "fixtures" / "tiny_gpt2"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_add_answer_button_names_a_piece_of_a_character_as_the_desks_do(qtbot, tmp_path, lang):
    w = window_on(qtbot, load_checkpoint(TINY), str(tmp_path / "s.ini"))
    w.set_language(lang)
    w.sentence.setText("The dog")
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None and w.run.text == "The dog", timeout=10000)
    while w.model.frame().chapter_key != "answer":
        w.do("next_chapter")
    w.do("next_beat")
    qtbot.waitUntil(lambda: w.add_answer.isVisibleTo(w), timeout=5000)
    raw = w.run.trace.vocab[w.model.frame().answer_id]
    assert byte_piece(raw), raw  # the tiny model's answer is a byte of a character (test_byte_pieces)
    label = w.add_answer.text()
    assert raw not in label and "<0x" not in label and named(raw).startswith(BYTE_PIECE)
    assert label == w.t("ui.add_answer", word=named(raw))
