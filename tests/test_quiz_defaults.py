"""`quiz` asks what `deck --quiz` shows: with no options it takes export's and deck's asker (cat or 猫), the
seed example's layer and head, and the model's lesson rule (teacher3 M7: it asked 「座った」 in turn while the
deck asked 「猫」 in discussion, so a printed handout matched no slide)."""
from __future__ import annotations

import json

import pytest

from classroom_gui.cli import main


@pytest.mark.parametrize("text,lang", [("猫がマットの上に座った", "ja"), ("The cat sat on the mat", "en")])
def test_quiz_takes_the_decks_defaults(tmp_path, text, lang):
    from classroom_gui.lesson.quiz import questions
    from classroom_gui.lesson.state import Selection
    from classroom_gui.model import load_checkpoint
    from classroom_gui.model.sentence import run_sentence
    from classroom_gui.resources import teaching_model_dir
    assert main(["quiz", "--text", text, "--lang", lang, "--json", str(tmp_path / "q.json")]) == 0
    asked = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))
    assert main(["export", "--text", text, "--lang", lang, "--size", "160x90", "-o", str(tmp_path / "x.png"),
                 "--json", str(tmp_path / "x.json")]) == 0
    shown = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["selection"]
    ck = load_checkpoint(teaching_model_dir())
    trace = run_sentence(ck, text, shown["mask"]).trace
    sel = Selection(focus=shown["focus_seat"] - 1, layer=shown["layer"] - 1, head=shown["head"] - 1, lang=lang,
                    rule=shown["mask"])
    assert asked == [q.as_dict() for q in questions(trace, sel, ck.tokenizer.vocab)]
    assert shown["mask"] == "none" and trace.tokens[shown["focus_seat"] - 1] in ("cat", "猫")
