"""The sentence field reads the text once a keystroke (tidy23b): the tokenizer's encode() ran 3 times for a GPT-2
folder and, with the teaching model, once more for every unknown word (12.5 a keystroke on a 64-word sentence).
lesson.typing_help.marks reads it once, and the field's completion list and marks share that reading; what it
marks and names is what each word read on its own names."""
from __future__ import annotations

from pathlib import Path

import pytest

from classroom_gui.lesson.typing_help import marks, typed_word
from classroom_gui.messages.glyphs import codes_in, seated
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import composed
from classroom_gui.model.unknown_words import is_exact, read_as, unknown_spans

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"
TEXTS = ["the zorblax 🐱 sat on the mat with 👨‍👩‍👧 and 👍🏽", "猫がスヤスヤ寝た、量子コンピュータ ❤️ 1️⃣ ca",
         "⾃⼰紹介 the hippopotamus 🧶", "the cat sat on the mat"]


@pytest.mark.parametrize("model", ["teaching", "tiny_gpt2"])
def test_marks_name_what_each_word_read_alone_names(checkpoint, model):
    """For the teaching tokenizer and a GPT-2 folder's (is_exact: the names as typed, no pieces seated: review28 #14)."""
    tokenizer = (checkpoint if model == "teaching" else load_checkpoint(GPT2)).tokenizer
    assert is_exact(tokenizer) == (model == "tiny_gpt2")
    for text in TEXTS:
        found = marks(tokenizer, text)
        assert found.spans == unknown_spans(tokenizer, text)
        assert found.typing == typed_word(text, tokenizer.encode(text))
        assert found.names == {(a, b): seated(text[a:b], read_as(tokenizer, text[a:b])) for a, b in found.spans}
        read = composed(text) if model == "teaching" else text
        assert found.codes == codes_in(read, seated(read, read_as(tokenizer, read)))
    family = TEXTS[0].index("👨")
    if model == "teaching":
        assert marks(tokenizer, TEXTS[0]).names[family, family + 5] == "⟨U+1F468⟩⟨U+200D⟩⟨U+1F469⟩⟨U+200D⟩⟨U+1F467⟩"


def test_one_keystroke_reads_the_text_once(qtbot, checkpoint, monkeypatch):
    from classroom_gui.view.sentence_edit import SentenceEdit

    tokenizer, read = checkpoint.tokenizer, []
    monkeypatch.setattr(tokenizer, "encode", lambda text, encode=tokenizer.encode: read.append(text) or encode(text))
    edit = SentenceEdit()
    qtbot.addWidget(edit)
    edit.set_tokenizer(tokenizer)
    edit.setText(TEXTS[0] + " " + TEXTS[1])
    edit.end(False)
    read.clear()
    qtbot.keyClicks(edit, "t")
    assert read == [edit.text()] and edit.text().endswith("cat")
    assert "catch" in edit.model.stringList()  # at the end, after an emoji (Qt's cursor counts 🐱 as two)
    assert edit.unknown[:3] == ["zorblax", "⟨U+1F431⟩", "⟨U+1F468⟩⟨U+200D⟩⟨U+1F469⟩⟨U+200D⟩⟨U+1F467⟩"]


def test_the_red_wave_starts_where_the_text_does_after_an_emoji(sentence_field):
    """Qt's cursor counts 🐱 as two: with emoji before a cursor in mid-text, the text's origin (and so the red
    wave under "zorblax") was measured from too long a slice and drawn too far left (review28 #1)."""
    from PySide6.QtGui import QFontMetricsF

    edit = sentence_field("en")
    edit.resize(900, 40)
    edit.setText("🐱🐱🐱 zorblax sat on the mat")
    fm = QFontMetricsF(edit.font())
    edit.setCursorPosition(0)
    start = edit.text_origin(fm)
    edit.setCursorPosition(len("🐱🐱🐱 zorblax".encode("utf-16-le")) // 2)  # just after "zorblax", in Qt's units
    assert abs(edit.text_origin(fm) - start) < 1.0
    assert (4, 11) in edit.spans  # "zorblax", in characters


def test_a_keystroke_in_mid_sentence_reads_the_text_once(qtbot, checkpoint, monkeypatch):
    """tidy25: typing in the middle of a sentence read the text up to the cursor and then the whole text (2 a
    keystroke); the word before the cursor now comes from the whole text's reading, and is still offered."""
    from classroom_gui.view.sentence_edit import SentenceEdit

    tokenizer, read = checkpoint.tokenizer, []
    monkeypatch.setattr(tokenizer, "encode", lambda text, encode=tokenizer.encode: read.append(text) or encode(text))
    edit = SentenceEdit()
    qtbot.addWidget(edit)
    edit.set_tokenizer(tokenizer)
    edit.setText("the ca sat on the mat with 🐱 and 猫")
    edit.setCursorPosition(len("the ca"))
    read.clear()
    qtbot.keyClicks(edit, "t")
    assert read == [edit.text()] and edit.text().startswith("the cat sat")
    assert "catch" in edit.model.stringList()


@pytest.mark.parametrize("model", ["teaching", "tiny_gpt2"])
def test_the_word_before_a_cursor_is_the_one_its_own_text_names(checkpoint, model):
    """typed_at, from the whole text's tokens, names the word typed_word names from the text up to the cursor read
    on its own, at every place a completion is offered (not in the middle of a word), or leaves it to that reading."""
    from classroom_gui.lesson.typing_help import typed_at

    tokenizer = (checkpoint if model == "teaching" else load_checkpoint(GPT2)).tokenizer
    asked = 0
    for text in TEXTS + ["the cat's mat, the (cat) sat", "猫がマットに座った。猫は寝た"]:
        tokens = marks(tokenizer, text).tokens
        for at in range(1, len(text) + 1):
            if text[at:at + 1].isalnum():
                continue
            found = typed_at(text, tokens, at)
            if found is not None:
                asked += 1
                assert found == typed_word(text[:at], tokenizer.encode(text[:at])), (text, at)
    assert asked > 40
