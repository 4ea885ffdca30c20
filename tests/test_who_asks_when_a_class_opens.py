"""teacher32 #13: a GPT-2 folder reopened on the paragraph P had 「昨 2/3」 (seat 2) asking, as the last session left
it, and no line said so. A class that opens on its own (the window's first sentence, resumed or not, a model just
opened) says who asks, unless it is the seed's "cat" / 「猫」, whom the lesson itself introduces."""
from __future__ import annotations

from pathlib import Path

from classroom_gui.app.model import ClassroomModel
from classroom_gui.lesson.state import prepared_run
from classroom_gui.messages.phrase import Name, Phrase
from classroom_gui.model.checkpoint import load_checkpoint

P = "昨日、猫がマットの上に座った。犬は箱の中で寝た。私は🐱を見て、とても笑った。"
GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"


def test_a_reopened_gpt2_class_says_who_asks():
    ck = load_checkpoint(GPT2)
    model = ClassroomModel(ck, lang="ja")
    model.resume(1, "昨 2/3", 0, 0, "causal")  # as the settings file left it
    model.set_run(prepared_run(ck, P, model.sel.rule), P)
    assert model.sel.focus == 1
    said = model.status("ja")  # (read through the strings: jareview7 put the seat first, 「2番の席の「昨 2/3」」)
    assert said == Phrase("ui.asker_opened", asker=Name("昨 2/3"), seat=2).said("ja") and "「昨 2/3」" in said


def test_the_seeds_cat_opens_unsaid(checkpoint):
    model = ClassroomModel(checkpoint, lang="ja")
    model.set_run(prepared_run(checkpoint, "猫がマットの上に座った", model.sel.rule), "猫がマットの上に座った")
    assert model.run.trace.tokens[model.sel.focus] == "猫" and model.status("ja") == ""
