"""polish23 (note20, fix49's list): refusals and notes quote a student's name as the rest of the app does ("cat",
「猫」: messages.strings.quote), never as Python's repr ('cat'), and a symbol the font lacks keeps its code as its desk
draws it (⟨U+1F431⟩)."""
from __future__ import annotations

import json
import re

import pytest

from classroom_gui.cli_focus import default_asker_note
from classroom_gui.export.errors import said
from classroom_gui.lesson.worksheet import WorksheetError, choose_asker
from classroom_gui.messages.strings import _DIR
from classroom_gui.model.sentence import run_sentence
from classroom_gui.model.whatif import EditError, by_case, parse_edit


def _edit_refusal(spec: str, tokens: list[str]) -> EditError:
    with pytest.raises(EditError) as caught:
        parse_edit(spec, tokens, n_layer=2, n_head=2, d_head=8)
    return caught.value


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_message_formats_a_value_as_python_repr_but_the_gallerys_json_values(lang):
    table = json.loads((_DIR / f"{lang}.json").read_text(encoding="utf-8"))
    python = {key for key, template in table.items() if "!r}" in template}
    assert python <= {"gallery.lang", "gallery.mask"}, python  # (a JSON value of the examples file, as JSON quotes it)


def test_what_if_refusals_quote_the_word_as_a_name():
    tokens = ["The", "cat", "sat", "on", "the", "mat"]
    assert str(_edit_refusal("q[1,1,dog,1]=0", tokens)) == 'q[1,1,dog,1]=0: "dog" is not a student of this sentence'
    assert said(_edit_refusal("q[1,1,dog,1]=0", tokens), "ja") == "q[1,1,dog,1]=0：「dog」はこの文の生徒ではありません。"
    assert str(_edit_refusal("q[1,1,THE,1]=0", tokens)).startswith('q[1,1,THE,1]=0: "THE" sits at seats 1, 5;')
    assert str(_edit_refusal("w[1,1,cat,1]=0", tokens)).startswith('cannot read the edit "w[1,1,cat,1]=0";')
    assert str(_edit_refusal("q[1,1,cat,1]=big", tokens)) == 'q[1,1,cat,1]=big: "big" is not a number'
    note = by_case("q[1,1,the,1]=2", tokens)[0]
    assert note.said("en").startswith('q[1,1,the,1]=2: "the" is the student in seat 5')
    assert note.said("ja").startswith("q[1,1,the,1]=2：「the」は、")


def test_a_symbol_the_font_lacks_keeps_its_code_inside_the_quotes():
    exc = _edit_refusal("q[1,1,🐶,1]=0", ["🐱", "が", "いる"])
    assert str(exc) == 'q[1,1,🐶,1]=0: "⟨U+1F436⟩" is not a student of this sentence'
    assert said(exc, "ja") == "q[1,1,🐶,1]=0：「⟨U+1F436⟩」はこの文の生徒ではありません。"
    note = default_asker_note(["🐱", "が", "いる"], 2)
    assert note.said("en").startswith('there is no "cat" in this sentence, so "いる" (seat 3) asks instead')
    assert note.said("ja").startswith("この文には「猫」という生徒がいないので、3番の席の「いる」が質問します。")


def test_worksheet_refusals_and_asker_notes_quote_names(checkpoint):
    causal = run_sentence(checkpoint, "猫がマットの上に座った", "causal").trace
    with pytest.raises(WorksheetError) as caught:
        choose_asker(causal, 0, 2, 5)
    assert str(caught.value).startswith('"マット" listens to 3 students, not 5;')
    assert said(caught.value, "ja").startswith("「マット」が話を聞くのは3人で")
    note = default_asker_note(list(causal.tokens), 6)
    assert note.said("en").startswith('"猫" sits first and would hear only itself, so "座った" (seat 7) asks instead')
    assert note.said("ja").startswith("「猫」は最初の席なので、自分の話しか聞こえません。代わりに7番の席の「座った」が")
    for lang in ("en", "ja"):  # never a name quoted twice, never Python's quotes around one
        for text in (note.said(lang), said(caught.value, lang)):
            assert "「「" not in text and not re.search(r"'[^' ]+'", text), text
