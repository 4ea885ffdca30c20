"""polish12: on a one-layer, one-head model a --layer/--head (CLI) or written what-if edit (window and --set) out of
range said "must be between 1 and 1"; it now says the model has only the one, in the command's --lang."""
from __future__ import annotations

import pytest

from classroom_gui.cli import main
from classroom_gui.model.whatif import EditError, parse_edit

from helpers import random_checkpoint


@pytest.fixture(scope="module")
def one(tmp_path_factory):
    folder = tmp_path_factory.mktemp("one")
    random_checkpoint(folder, n_layer=1, n_head=1)
    return folder


@pytest.mark.parametrize("command, args, english, japanese", [
    ("export", ["--layer", "2"], "--layer must be 1: this model has only 1 layer",
     "このモデルの層は1つだけです。--layerは1にしてください。"),
    ("worksheet", ["--head", "3"], "--head must be 1: this model has only 1 head",
     "このモデルのヘッドは1つだけです。--headは1にしてください。"),
    ("export", ["--set", "score[2,1,cat,the]=1"],
     "--set score[2,1,cat,the]=1: this model has only 1 layer; write layer 1",
     "--set score[2,1,cat,the]=1：このモデルの層は1つだけです。層は1にしてください。")])
def test_a_one_layer_models_range_is_said_as_the_one_layer(one, tmp_path, capsys, command, args, english, japanese):
    for lang, message in (("en", english), ("ja", japanese)):
        out = tmp_path / ("x.pdf" if command == "worksheet" else "x.png")
        assert main([command, "--lang", lang, "--model", str(one), "--text", "the cat sat", *args, "-o", str(out)]) == 2
        error = "：エラー：" if lang == "ja" else ": error: "
        assert capsys.readouterr().err == f"classroom-gui {command}{error}{message}\n" and not out.exists()


@pytest.mark.parametrize("spec, top, english, japanese", [
    ("q[1,2,cat,1]=0", 1, "only 1 head; write head 1", "ヘッドは1つだけです。ヘッドは1にしてください。"),
    ("q[1,1,cat,2]=0", 1, "only 1 number; write number 1", "何番目の数かは1にしてください。"),
    ("q[1,3,cat,1]=0", 2, "the head must be a whole number from 1 to 2", "ヘッドは1〜2の整数にしてください。")])
def test_the_windows_written_edit_says_the_only_head_or_number(spec, top, english, japanese):
    with pytest.raises(EditError) as caught:
        parse_edit(spec, ["the", "cat"], n_layer=1, n_head=top, d_head=1)
    assert str(caught.value).endswith(english) and caught.value.phrase.said("ja").endswith(japanese)
    assert "1 to 1" not in str(caught.value) and "1〜1" not in caught.value.phrase.said("ja")
