"""tidy25: a GPT-2 folder's labels are kept in the model as its tokenizer gives them (bpe_tokenizer.visible only
marks spaces, tabs, newlines and C0 controls: ␣ ⇥ ↵ ␇), and are coded where they are shown (messages.glyphs.drawn_name:
a symbol the font lacks, a control's picture, an invisible character as ⟨U+XXXX⟩), as session 21 did for unknown
words (tidy23b). The model no longer imports messages.glyphs (pyproject's contract has no exception for it)."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.answers import named
from classroom_gui.messages.glyphs import as_code, drawable, drawn_name, drawn_names
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence
from helpers import window_on

ROOT = Path(__file__).parent.parent
GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"
ODD = "x\u200by\u3000z\u2028w ❤️ 🧶"  # a zero-width space, an ideographic space, a line separator, emoji


def test_the_model_keeps_a_labels_characters_as_the_tokenizer_gives_them():
    tokens = run_sentence(load_checkpoint(GPT2), ODD).trace.tokens
    assert not any("U+" in t for t in tokens), tokens  # (the model wrote ⟨U+200B⟩, ⟨U+1F9F6⟩ into its labels)
    held = "".join(tokens)
    assert all(c in held for c in "\u200b\u3000\u2028❤🧶\ufe0f")


def test_where_shown_each_character_the_font_lacks_or_no_one_sees_is_its_code(qapp):
    tokens = run_sentence(load_checkpoint(GPT2), ODD).trace.tokens
    shown = "".join(drawn_names(tokens))
    for c in "\u200b\u3000\u2028🧶❤\ufe0f":
        assert as_code(c) in shown and c not in shown, c
    assert all(drawn_name(t) == "".join(drawn_name(c) for c in t) for t in tokens)  # each character on its own
    assert drawn_name("猫 1/2") == "猫 1/2" and drawn_name("␣cat") == "␣cat"  # a part's space, the model's marks
    assert drawn_name("␇") == drawable("␇") == "⟨U+2407⟩"
    assert named("\u200b") == "⟨U+200B⟩"  # a vocabulary word, as the answer's lists and the quiz name it


def test_the_model_never_imports_the_font_rule():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"]
                    if "classroom_gui.messages.glyphs" in c.get("forbidden_modules", ()))
    assert not contract.get("ignore_imports")  # (lint-imports holds the model to it)


def test_trace_json_keeps_the_labels_as_given_and_as_shown(qapp, tmp_path, capsys):
    path = tmp_path / "t.json"
    assert main(["trace", "--text", ODD, "--model", str(GPT2), "--json", str(path)]) == 0
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["tokens"] == run_sentence(load_checkpoint(GPT2), ODD).trace.tokens
    shown = record["tokens_shown"]  # each invisible character and emoji as its code, the rest as given
    assert len(shown) == len(record["tokens"]) and shown[0] == "x" and "⟨U+200B⟩ 1/3" in shown
    for raw, name in zip(record["tokens"], shown):
        for c, code in (("\u200b", "⟨U+200B⟩"), ("\u3000", "⟨U+3000⟩"), ("\u2028", "⟨U+2028⟩"), ("🧶", "⟨U+1F9F6⟩")):
            assert (code in name and c not in name) if c in raw else code not in name, (raw, name)
    assert all(item["shown"] == drawn_name(item["token"]) for item in record["next_token"])
    table = capsys.readouterr().out
    assert all(name in table for name in record["tokens_shown"] if len(name) <= 16)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_who_asks_and_the_what_if_dialog_name_students_as_their_desks(qtbot, tmp_path, lang):
    """review31 #2: the "Who asks" box and the What-if dialog listed "2: \\u200b 1/3" (a blank) and 🧶 as tofu."""
    from classroom_gui.view.whatif_dialog import WhatIfDialog

    w = window_on(qtbot, load_checkpoint(GPT2), str(tmp_path / "s.ini"))
    w.set_language(lang)
    w.sentence.setText(ODD)
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None and w.run.trace.n_tokens > 5, timeout=10000)
    desks = [w.t("ui.seat_n", n=s.index + 1, word=s.text) for s in w.model.frame().students]
    assert [w.focus_box.itemText(i) for i in range(w.focus_box.count())] == desks
    dialog = WhatIfDialog(w)
    qtbot.addWidget(dialog)
    assert [dialog.student.itemText(i) for i in range(dialog.student.count())] == desks
    assert [dialog.classmate.itemText(i) for i in range(dialog.classmate.count())] == desks
    assert "⟨U+200B⟩ 1/3" in desks[1] and "⟨U+1F9F6⟩ 3/3" in desks[-1]


def test_an_asker_saved_in_the_coded_form_before_tidy25_still_asks(qtbot, tmp_path):
    """review31 #5: a file saved before tidy25 holds a GPT-2 asker as its desk wrote it (asker=⟨U+1F9F6⟩ 2/3), the
    label is now '🧶 2/3': the first start after the upgrade opened on the default asker."""
    path = tmp_path / "s.ini"
    first = window_on(qtbot, load_checkpoint(GPT2), str(path))
    first.sentence.setText(ODD)
    first.apply_sentence()
    qtbot.waitUntil(lambda: first.run is not None and first.run.trace.n_tokens > 5, timeout=10000)
    seat = first.run.trace.tokens.index("🧶 2/3")  # (not the asker a new sentence opens with: the last one)
    first.select(focus=seat)
    first.close()
    saved = path.read_text(encoding="utf-8")
    assert saved.count("asker=🧶 2/3\n") == 2  # [General] and the model's section
    path.write_text(saved.replace("asker=🧶 2/3\n", "asker=⟨U+1F9F6⟩ 2/3\n"), encoding="utf-8")
    again = window_on(qtbot, load_checkpoint(GPT2), str(path))
    qtbot.waitUntil(lambda: again.run is not None, timeout=10000)
    assert again.sel.focus == seat
    again.close()
