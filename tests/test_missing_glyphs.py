"""A symbol the canvas's font lacks is written as its code (teacher21 L3: 🧶 was an empty box, "Unknown to the
model: "🐱", "☒"" on the desk and in the caption), and a worksheet tells students whose words repeat apart by
their seats (`worksheet --text "🐱🐱🐱"` printed three rows all named "🐱")."""
from __future__ import annotations

from pathlib import Path

from classroom_gui.export.worksheet_pdf import worksheet_html
from classroom_gui.lesson.state import shown_unknown
from classroom_gui.lesson.worksheet import build_worksheet, choose_asker
from classroom_gui.messages.glyphs import MARKS, drawable, drawn_names, font_chars
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"
EMOJI = "The 🐱 sat on the 🧶 mat"


def drawn(words) -> bool:
    """Every character (but the app's own marks) has a glyph in the font the canvas registered (scene.fonts, its
    cmap fixed): glyph index 0 is the empty box (review25 #16: font_chars, the implementation's own, missed 「⾃」)."""
    from PySide6.QtGui import QGuiApplication, QRawFont

    from classroom_gui.scene.fonts import font

    assert QGuiApplication.instance() is not None
    raw = QRawFont.fromFont(font(20))
    chars = "".join(c for w in words for c in w if not c.isspace() and c not in MARKS)
    return raw.isValid() and all(raw.glyphIndexesForString(c)[0] != 0 for c in chars)


def test_symbols_the_font_lacks_are_written_as_their_code():
    assert 0x1F9F6 not in font_chars() and ord("猫") in font_chars()
    assert drawable(EMOJI) == "The ⟨U+1F431⟩ sat on the ⟨U+1F9F6⟩ mat"
    assert drawable("☒") == "⟨U+2612⟩"
    for kept in ("猫がマットの上に座った", "café", "The cat", "Ω", "한국어"):  # letters stay (Hangul: the system's font)
        assert drawable(kept) == kept


def test_what_the_registered_font_lacks_is_coded_and_the_rest_is_drawn(qapp):
    """review25 #2-#4: Kangxi radicals (pasted from a PDF) are not in the registered cmap; a keycap's enclosing mark,
    a selector, a joiner and a skin tone left boxes or blank students; codes were glued to their neighbours."""
    assert drawable("⾃⼰紹介") == "⟨U+2F83⟩⟨U+2F30⟩紹介"
    assert drawable("1️⃣") == "1⟨U+20E3⟩" and drawable("\ufe0f") == "⟨U+FE0F⟩"  # a lone selector: no blank desk
    assert drawable("I ❤️ you") == "I ⟨U+2764⟩ you" and drawable("👋🏽") == "⟨U+1F44B⟩"
    assert drawable("👨\u200d👩\u200d👧") == "⟨U+1F468⟩⟨U+1F469⟩⟨U+1F467⟩"
    assert drawable("🐱cat mat™") == "⟨U+1F431⟩cat mat⟨U+2122⟩"
    words = ["⾃⼰紹介", "1️⃣", "I ❤️ you", "👋🏽", "👨\u200d👩\u200d👧", "🐱cat", "猫がマットの上に座った", "café"]
    assert not drawn(words) and drawn(map(drawable, words))
    assert drawable(drawable("🐱 ⟨U+200B⟩ ␣⇥")) == drawable("🐱 ⟨U+200B⟩ ␣⇥")  # the app's own marks stay


def test_the_teaching_model_names_emoji_by_code(qapp, checkpoint):
    run = run_sentence(checkpoint, EMOJI)
    assert run.trace.tokens == EMOJI.split()  # as typed (review25 #1); drawn as codes
    assert drawn_names(run.trace.tokens) == ["The", "⟨U+1F431⟩", "sat", "on", "the", "⟨U+1F9F6⟩", "mat"]
    assert run.unknown_words == ["🐱", "🧶"] and shown_unknown(run) == ["⟨U+1F431⟩", "⟨U+1F9F6⟩"]
    assert drawn(drawn_names(run.trace.tokens)) and drawn(shown_unknown(run))


def test_a_gpt2_folder_names_emoji_pieces_by_code(qapp):
    run = run_sentence(load_checkpoint(GPT2), EMOJI)
    names = drawn_names(run.trace.tokens)
    assert "⟨U+1F9F6⟩ 2/3" in names and drawn(t.replace("…", "").replace("␣", "") for t in names)


def test_a_worksheet_tells_repeated_names_apart_by_seat(checkpoint):
    run = run_sentence(checkpoint, "🐱🐱🐱")
    sheet = build_worksheet(run.trace, choose_asker(run.trace, 0, 2, None), 0, 0, "en", typed=run.text)
    html = worksheet_html(sheet, "teaching model").replace("\u2060", "")  # (names joined whole: no word joiners)
    for seat in (1, 2, 3):
        assert f"&quot;⟨U+1F431⟩&quot; (seat {seat}) self-introduction" in html
    assert "🐱" not in html and "Sentence: ⟨U+1F431⟩⟨U+1F431⟩⟨U+1F431⟩" in html
    ja = worksheet_html(build_worksheet(run.trace, 2, 0, 0, "ja", typed="🐱🐱🐱"), "授業用のモデル").replace("\u2060", "")
    assert "1番の席の「⟨U+1F431⟩」の自己紹介カード" in ja
    # jareview5 #7: 、 between names once one carries a seat, one bracket for the asker's seat and itself; teacher24 M1:
    # the code is said once under the sentence
    assert "1番の席の「⟨U+1F431⟩」、2番の席の「⟨U+1F431⟩」、3番の席の「⟨U+1F431⟩」（自分）の3人" in ja
    assert ja.count("⟨U+1F431⟩は、フォントにない文字をその文字コードで書いたものです。") == 2  # (both pages)
    plain = run_sentence(checkpoint, "The cat sat on the mat")  # no repeated word: names alone
    sheet = build_worksheet(plain.trace, choose_asker(plain.trace, 0, 1, None), 0, 0, "en")
    assert "(seat" not in worksheet_html(sheet, "teaching model").split("Listening")[0].split("The cards")[1]


def test_the_command_line_finds_an_emoji_student_as_typed_or_as_shown(qapp, tmp_path, capsys):
    from classroom_gui.cli import main

    for focus in ("🐱", "U+1F431", "⟨U+1F431⟩"):
        out = tmp_path / f"{len(focus)}.json"
        assert main(["export", "--text", EMOJI, "--focus", focus, "--size", "320x180", "-o", str(tmp_path / "x.png"),
                     "--json", str(out), "--force"]) == 0
        assert '"focus_seat": 2' in out.read_text(encoding="utf-8")


def test_a_comparison_labels_its_sentence_as_the_desks_name_it(qapp, checkpoint):
    from classroom_gui.export.compare import sentence_label
    from classroom_gui.lesson.compare import Pair

    pair = Pair((None, None), (None, None), None, (EMOJI, "The cat sat on the mat"))  # (the labels read the texts)
    assert sentence_label(pair, 0) == "The ⟨U+1F431⟩ sat on the ⟨U+1F9F6⟩ mat"
    assert sentence_label(pair, 1) == "The cat sat on the mat"


def test_the_apps_own_marks_stay_marks():
    """⇥ ↵ ␇ are the marks a GPT-2 folder's tokens show whitespace by (bpe_tokenizer.visible): kept, although the
    bundled font lacks some of them (a fallback font draws them); an emoji typed beside them is still its code where
    it is drawn (the model keeps it as typed: tidy25)."""
    run = run_sentence(load_checkpoint(GPT2), " a\tb\nc\x07🧶")
    assert "⇥" in run.trace.tokens and "↵" in run.trace.tokens and any("␇" in t for t in run.trace.tokens)
    assert "🧶 1/3" in run.trace.tokens and not any("U+" in t for t in run.trace.tokens)  # (coded where drawn)
    names = drawn_names(run.trace.tokens)
    assert "⇥" in names and "↵" in names and "⟨U+1F9F6⟩ 1/3" in names and not any("U+21E5" in t for t in names)
