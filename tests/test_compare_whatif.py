"""teacher5 L3: a comparison after a what-if edit carries the edit in the first class only (the window's shown class,
or `--set`), but its title said "what if" over both and nothing told the classes apart. Each class's label now says
which one carries the edits and which is the model's own; the title is the step's."""
from __future__ import annotations

import pytest

from classroom_gui.cli import main
from test_compare_layout import pdf_text

EN = ["--text", "The cat sat on the mat", "--compare", "The dog sat on the bed", "--chapter", "softmax"]
JA = ["--lang", "ja", "--text", "猫がマットの上に座った", "--compare", "犬がベッドの上に寝た", "--chapter", "softmax"]


@pytest.mark.parametrize("args, edit, labels, mark", [
    (EN, "score[1,1,cat,mat]=9", ("Class 1 (what if: 1 edit): The cat sat on the mat",
                                  "Class 2 (the model's own): The dog sat on the bed"), "what if"),
    (JA, "score[1,1,猫,マット]=9", ("クラス1（「もしも」の変更1件）：猫がマットの上に座った",
                                   "クラス2（モデルそのまま）：犬がベッドの上に寝た"), "【もしも】")])
def test_the_class_with_the_edit_is_named_and_the_other_is_the_models_own(tmp_path, args, edit, labels, mark):
    out = tmp_path / "c.pdf"
    assert main(["export", *args, "--set", edit, "-o", str(out)]) == 0
    ja = "--lang" in args
    words = pdf_text(out, sep="" if ja else " ")[0]
    for label in labels:
        assert (label.replace(" ", "") if ja else label) in words
    assert mark not in words.replace("what if: 1 edit", "")  # not in the title over both classes
    plain = tmp_path / "p.pdf"
    assert main(["export", *args, "-o", str(plain)]) == 0  # without edits, the labels stay as they were
    words = pdf_text(plain, sep="" if ja else " ")[0]
    assert ("クラス1：猫がマットの上に座った" if ja else "Class 1: The cat sat on the mat") in words
    assert ("モデルそのまま" if ja else "the model's own") not in words


@pytest.mark.parametrize("args, label", [
    (EN, "Class 1 (what if: 2 edits): The cat sat on the mat"),
    (JA, "クラス1（「もしも」の変更2件）：猫がマットの上に座った")])
def test_the_header_counts_two_edits_in_words(tmp_path, args, label):
    """teacher36 #11b: "Class 1 (what if: 1 edit(s)):" read like a program: one edit, two edits."""
    edits = ["score[1,1,cat,mat]=9", "score[1,1,cat,The]=0"] if "--lang" not in args else \
        ["score[1,1,猫,マット]=9", "score[1,1,猫,猫]=0"]
    out = tmp_path / "c.pdf"
    assert main(["export", *args, *[a for e in edits for a in ("--set", e)], "-o", str(out)]) == 0
    ja = "--lang" in args
    assert (label.replace(" ", "") if ja else label) in pdf_text(out, sep="" if ja else " ")[0]
