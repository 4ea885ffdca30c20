"""jareview7: who asks when 猫 sits cut into GPT-2's pieces (not 「「猫」という生徒がいない」 beside 「猫 2/2」), the
window's asker line in the one seat form, and words a line broke inside: a sheet's 「4、6番の / 席」 and
「ヘッ / ド1」, a piece's name 「小 / 2/3」 in the narration, 「確かめ / 算」 in the --help's command list."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetricsF, QTextOption
from PySide6.QtWidgets import QLabel

from classroom_gui.app.history import kept_asker
from classroom_gui.cli import main
from classroom_gui.cli_focus import default_asker_note
from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, default_focus, frame_at, timeline_for
from classroom_gui.lesson.strings import WORD_JOINER, text, unbroken_words
from classroom_gui.lesson.worksheet import build_worksheet, choose_asker
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.wrapped_text import line_starts
from classroom_gui.view.narration_text import NarrationText
from classroom_gui.view.window import use_bundled_font

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"


@pytest.fixture(scope="module")
def gpt2():
    return load_checkpoint(GPT2)


def test_the_cli_note_on_a_cat_cut_into_pieces(gpt2):
    """jareview7 1: 「この文には「猫」という生徒がいないので、2番の席の「猫 2/2」が質問します」 said 猫 was absent
    beside it; now 猫's last piece asks (in turn, the one that has read it whole) and the note says why."""
    tokens = run_sentence(gpt2, "猫🧶が小さなマットで寝た", "causal").trace.tokens
    pieces = [i for i, t in enumerate(tokens) if t.startswith("猫 ")]
    assert len(pieces) > 1 and "猫" not in tokens  # the tiny model cuts 猫 into pieces
    focus = default_focus(tokens, "causal")
    assert focus == pieces[-1]
    note = default_asker_note(tokens, focus)
    ja, en = note.said("ja"), note.said("en")
    assert ja.startswith(f"「猫」は{len(pieces)}つのかけらに分かれて座っているので、最後のかけら、"
                         f"{focus + 1}番の席の「{tokens[focus]}」が質問します。"), ja
    assert "いない" not in ja and "no \"cat\"" not in en and f"(seat {focus + 1})" in en


def test_a_sentence_without_cat_still_says_so(gpt2):
    tokens = run_sentence(gpt2, "The dog sat", "causal").trace.tokens
    note = default_asker_note(tokens, default_focus(tokens, "causal"))
    assert note.said("ja").startswith("この文には「猫」という生徒がいないので、3番の席の")


def test_the_window_says_who_asks_in_the_one_seat_form():
    """jareview7 2: ui.asker_now was the last line in 「「寝た」（3番の席）」; the others say 「3番の席の「寝た」」."""
    seat, said = kept_asker(["猫", "が", "寝た"], 2, "走った", "causal")
    assert seat == 2
    assert said.said("ja").startswith("この文には「走った」がいないので、3番の席の「寝た」が質問します。"), said.said("ja")


def breaks_inside(shown: str, spans: list[tuple[int, int]], font, widths) -> list[tuple[int, int]]:
    """(width, where) for each line break that falls inside one of `spans` (of `shown` without its joiners)."""
    found = []
    for width in widths:
        starts = line_starts(shown, font, width, QTextOption.WrapMode.WordWrap)
        for at in [len(shown[:i].replace(WORD_JOINER, "")) for i in starts[1:]]:
            found += [(width, at) for a, b in spans if a < at < b]
    return found


def spans_of(plain: str, pattern: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, plain)]


def test_a_pieces_name_stays_whole_in_the_narration(qapp, gpt2):
    """jareview7 8: the GPT-2 class's first narration broke 「「小 / 2/3」」 at the space inside a name."""
    use_bundled_font()
    font = QLabel().font()
    trace = run_sentence(gpt2, "猫🧶が小さなマットで寝た", "causal").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(tl.beats) if b.key == "seats.sit")
    said = frame_at(trace, Selection(focus=1, canvas=canvas_for(1024, 768), lang="ja"), tl.beat_stop(i)).narration
    names = spans_of(said, r"「[^「」]+ \d+/\d+」")
    assert len(names) > 10, said
    wide = int(QFontMetricsF(font).horizontalAdvance(said)) + 2
    assert not breaks_inside(unbroken_words(said), names, font, range(60, wide, 7))
    panel = NarrationText()
    panel.set_narration("", said)
    panel.selectAll()
    assert panel.createMimeDataFromSelection().text() == said  # copied as said: plain spaces, no joiners


def sheet_texts(ws) -> list[str]:
    from classroom_gui.export.worksheet_pdf import worksheet_html

    page = worksheet_html(ws, "teaching model")
    return [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r"<(?:p|td)[^>]*>(.*?)</(?:p|td)>", page)]


def test_a_sheets_subtitle_and_the_others_row_break_between_words(qapp, checkpoint):
    """jareview7 6, 10: the seed's sheet broke 「ほか2人：4、6番の / 席」 and 「第1層・ヘッ / ド1」; 7: the ③ cell
    repeated the row's 「（ほか2人）」."""
    use_bundled_font()
    font = QLabel().font()
    trace = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    ws = build_worksheet(trace, choose_asker(trace, 0, default_focus(trace.tokens, "none"), None), 0, 0, "ja")
    assert ws.others  # the asker hears more than 5: the rest share a row
    shown = sheet_texts(ws)
    subtitle = next(s for s in shown if s.replace(WORD_JOINER, "").startswith("文："))
    row = next(s for s in shown if s.replace(WORD_JOINER, "").startswith(f"ほか{len(ws.others)}人："))
    for said, pattern in ((subtitle, r"ヘッド\d+|第\d+層"), (row, r"\d+番の席")):
        plain = said.replace(WORD_JOINER, "")
        assert re.search(pattern, plain), plain
        assert not breaks_inside(said, spans_of(plain, pattern), font, range(30, 400, 5)), plain
    given = [s for s in shown if s.startswith("+ ")]
    assert given and not any("ほか" in s for s in given), given
    assert text("ja", "worksheet.given", value="1.5") == "+ 1.5"


@pytest.mark.parametrize("columns", range(40, 121, 3))
def test_the_help_keeps_a_check_to_redo_whole(capsys, monkeypatch, columns):
    """jareview7 9: `classroom-gui --lang ja --help` listed deck as 「…確かめ / 算…」."""
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["--lang", "ja", "--help"]) == 0
    said = capsys.readouterr().out
    assert said.count("確かめ") == said.count("確かめ算") > 0, said


def test_the_window_says_so_when_its_cat_is_cut_into_pieces(gpt2):
    """jareview7 1 in the window: 「猫」 asked, the new sentence cuts it into pieces; the status line said 「この文には
    「猫」がいないので、2番の席の「猫 2/2」が質問します」."""
    tokens = run_sentence(gpt2, "猫🧶が小さなマットで寝た", "causal").trace.tokens
    seat, said = kept_asker(tokens, 0, "猫", "causal")
    assert tokens[seat] == "猫 2/2"
    assert said.said("ja").startswith("「猫」は2つのかけらに分かれて座っているので、最後のかけら、2番の席の「猫 2/2」が"), said


def test_several_codes_are_said_as_codes_like_the_first(gpt2):
    """jareview7 14: 「⟨U+1F9F6⟩は、…」 read as if about 🧶 alone beside ⟨U+200B⟩ and ⟨U+2413⟩ on the same desks."""
    def notices(sentence):
        trace = run_sentence(gpt2, sentence, "causal").trace
        tl = timeline_for(trace.n_tokens, trace.config.n_layer)
        i = next(i for i, b in enumerate(tl.beats) if b.key == "seats.sit")
        return frame_at(trace, Selection(focus=1, canvas=canvas_for(1024, 768), lang="ja"), tl.beat_stop(i)).notices

    assert any(n.startswith("⟨U+1F9F6⟩などの⟨U+…⟩は、") for n in notices("猫🧶が\u200bマット\u2413。"))
    assert any(n.startswith("⟨U+1F9F6⟩は、") for n in notices("猫🧶が寝た"))
