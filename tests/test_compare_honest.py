"""teacher34 #4: a comparison after a what-if edit credited the changed word with the edit's doing: 「いちばん変わったのは
1番の席です。…クラス1（「猫」）で0.09、クラス2（「犬」）で0.51です。」, while the edit (「座った」→「猫」's score set to 0)
had made 0.50 into 0.09. The caption now names the edits class 1 carries and the share that class gives the same seat
with the model's own numbers (computed, and equal to the single export's without the edit)."""
from __future__ import annotations

import json

import pytest

from classroom_gui.cli import main
from test_compare_layout import pdf_text

CASES = {"en": ("The cat sat on the mat", "The dog sat on the mat", "sat", "score[2,1,sat,cat]=0"),
         "ja": ("猫がマットの上に座った", "犬がマットの上に座った", "座った", "score[2,1,座った,猫]=0")}


def _export(tmp_path, lang, name, edits=(), compare=True):
    text, other, asker, _ = CASES[lang]
    out, numbers = tmp_path / f"{name}.pdf", tmp_path / f"{name}.json"
    args = ["export", "--lang", lang, "--text", text, "--focus", asker, "--layer", "2", "--chapter", "softmax",
            "-o", str(out), "--json", str(numbers)]
    args += ["--compare", other] if compare else []
    for edit in edits:
        args += ["--set", edit]
    assert main(args) == 0
    words = pdf_text(out, sep="" if lang == "ja" else " ")[0]
    return words, json.loads(numbers.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_caption_names_the_edits_and_the_models_own_share(tmp_path, lang):
    edit = CASES[lang][3]
    words, numbers = _export(tmp_path, lang, "edited", [edit])
    change = numbers["changed_most"]
    _, own = _export(tmp_path, lang, "own", compare=False)  # class 1 alone, without the edit
    share_own = own["bars"]["values"][change["seat"] - 1]
    assert change["share_own"] == pytest.approx(share_own, abs=1e-6)
    assert f"{change['share_a']:.2f}" != f"{share_own:.2f}"  # the edit moved this share (ja: 0.50 → 0.09, teacher34)
    if lang == "ja":
        assert "ただし、クラス1には「もしも」の変更があります：「座った」の質問に「猫」が答えるスコア（第2層、ヘッド1）。" in words
        assert f"モデルそのままなら、クラス1のこの割合は{share_own:.2f}です。" in words
    else:
        assert 'But class 1 carries what-if edits: score of "cat" answering "sat" (layer 2, head 1).' in words
        assert f"With the model's own numbers, class 1 gives this seat {share_own:.2f}." in words
    words, numbers = _export(tmp_path, lang, "plain")  # without edits, the caption says nothing of them
    assert "share_own" not in numbers["changed_most"]
    assert ("もしも" if lang == "ja" else "what-if") not in words


def test_an_edit_that_leaves_the_share_says_so(tmp_path):
    """An edit of another head leaves the compared share as the model's own: the caption says the edit is there and
    that this share is the model's own, not a change of its own."""
    words, numbers = _export(tmp_path, "en", "other_head", ["score[2,2,sat,cat]=0"])
    change = numbers["changed_most"]
    assert f"{change['share_own']:.2f}" == f"{change['share_a']:.2f}"
    assert f"They leave this share as the model's own ({change['share_own']:.2f})." in words


@pytest.mark.parametrize("size", [(1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_caption_naming_edits_stays_on_the_page(qapp, checkpoint, monkeypatch, size):
    """Two edits named: at 1920 x 1080 the caption's third line ran off the page's foot."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFontMetricsF, QPainter

    from classroom_gui.cli_export import with_edits
    from classroom_gui.export.compare import render_pair
    from classroom_gui.lesson.compare import compare
    from classroom_gui.lesson.state import Selection, timeline_for
    from classroom_gui.model.sentence import run_sentence

    first, second = CASES["ja"][:2]
    own = run_sentence(checkpoint, first, "none").trace
    edited = with_edits(own, ["score[2,1,座った,猫]=0", "q[2,1,猫,1]=3"], lang="ja")
    other = run_sentence(checkpoint, second, "none").trace
    t = timeline_for(own.n_tokens, own.config.n_layer).chapter_end("softmax")
    pair = compare(edited, other, Selection(focus=6, layer=1, lang="ja", rule="none"), t, texts=(first, second),
                   page=size, own=own)
    drawn, original = [], QPainter.drawText

    def spy(painter, *args):
        if len(args) == 3 and isinstance(args[0], QRectF) and isinstance(args[2], str):
            drawn.append((args[2], QFontMetricsF(painter.font()).boundingRect(args[0], int(args[1]), args[2])))
        return original(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", spy)
    render_pair(pair, size, lang="ja")
    foot = [box for said, box in drawn if said.replace("\u2060", "").startswith("いちばん変わったのは")]
    assert len(foot) == 1 and foot[0].bottom() <= size[1] and foot[0].top() >= 0, foot
