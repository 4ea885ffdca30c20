"""teacher28 L2: a GPT-2 folder names a control character by its Unicode picture ("␓" for DC3: bpe_tokenizer.visible,
as `trace` prints it), but no font the canvas draws with has the pictures: desks, the chart and the board drew ☒.
Drawn, they go through the rule of every symbol the font lacks (glyphs.drawable: ⟨U+2413⟩); the app's marks that are
drawn (␣ by the bundled font, ⇥ ↵ ⍽ ⟨ ⟩ by a fallback) stay marks."""
from __future__ import annotations

from pathlib import Path

from classroom_gui.lesson.answers import named
from classroom_gui.messages.glyphs import drawable, drawn_names, font_chars
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"
FALLBACK_DRAWN = set("⟨⟩⇥↵⍽")  # the marks a fallback font draws (checked by painting in test_missing_glyphs)


def test_control_pictures_are_written_as_their_code():
    assert drawable("␓") == "⟨U+2413⟩" and drawable("a␇b") == "a⟨U+2407⟩b" and drawable("␍") == "⟨U+240D⟩"
    assert drawable("␣a") == "␣a" and drawable("⇥") == "⇥" and drawable("↵") == "↵"  # the marks that are drawn


def test_a_gpt2_student_and_vocabulary_word_for_a_control_is_drawn_by_code(qapp):
    run = run_sentence(load_checkpoint(GPT2), "a\x13b\x07")
    assert "␓" in "".join(run.trace.tokens)  # the trace keeps the picture, as `trace` prints it
    names = drawn_names(run.trace.tokens)
    assert any("⟨U+2413⟩" in n for n in names) and any("⟨U+2407⟩" in n for n in names)
    chars = font_chars()
    assert all(ord(c) in chars or c.isascii() or c in FALLBACK_DRAWN for n in names for c in n), names
    # the vocabulary's words as answer time's desks, chart and board name them (answers.named)
    controls = [w for w in run.trace.vocab if any(0x2400 <= ord(c) < 0x2440 for c in w)]
    assert controls  # GPT-2's 256 byte tokens include the C0 controls
    shown = [named(w) for w in controls]
    assert all(ord(c) in chars or c.isascii() or c in FALLBACK_DRAWN for w in shown for c in w), shown
