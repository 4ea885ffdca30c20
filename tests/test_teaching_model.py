"""The shipped teaching model (assets/model): small enough to draw, and it has learned the lesson's
sentences. Every check runs the app's own inference code (gpt.forward)."""
import json

import numpy as np
import pytest

from classroom_gui.model import load_checkpoint
from classroom_gui.model.corpus import PLACE_WORDS_EN, VERBS_JA, Corpus, vocabulary
from classroom_gui.model.evaluate import score, top_next
from classroom_gui.model.tokenizer import UNK
from classroom_gui.resources import teaching_model_dir


@pytest.fixture(scope="module")
def checkpoint():
    return load_checkpoint(teaching_model_dir())


def test_config_is_small_enough_to_draw(checkpoint):
    c = checkpoint.config
    assert c.n_embd in (16, 24) and c.n_head >= 2 and c.d_head <= 8
    assert 2 <= c.n_layer <= 3
    assert c.n_positions == 64
    assert c.activation_function == "relu"
    assert c.d_ffn <= 4 * c.n_embd
    assert c.vocab_size <= 512
    assert all(p.dtype == np.float32 and np.all(np.isfinite(p)) for p in checkpoint.params.values())


def test_vocabulary_is_the_corpus_vocabulary(checkpoint):
    assert checkpoint.tokenizer.vocab[0] == UNK
    assert checkpoint.tokenizer.vocab == vocabulary()  # retrain after editing the corpus


@pytest.mark.parametrize("text, words", [
    ("The cat sat on the mat.", ["The", "cat", "sat", "on", "the", "mat", "."]),
    ("猫がマットの上に座った。", ["猫", "が", "マット", "の", "上", "に", "座った", "。"]),
    ("先生が教室で本を読んだ。", ["先生", "が", "教室", "で", "本", "を", "読んだ", "。"]),
])
def test_lesson_sentences_split_into_known_words(checkpoint, text, words):
    tokens = checkpoint.tokenizer.encode(text)
    assert [t.text for t in tokens] == words
    assert not any(t.unknown for t in tokens)


def test_cat_sat_on_the_is_followed_by_a_place(checkpoint):
    top = [t["word"] for t in top_next(checkpoint, "The cat sat on the", k=3)]
    assert set(top) & PLACE_WORDS_EN, top


def test_japanese_cat_on_the_mat_is_followed_by_a_verb(checkpoint):
    top = [t["word"] for t in top_next(checkpoint, "猫がマットの上に", k=3)]
    assert set(top) & VERBS_JA, top


def test_held_out_sentences_are_predicted_well(checkpoint):
    result = score(checkpoint, Corpus().evaluation_set(per_lang=40))
    for lang in ("en", "ja"):
        assert result[lang]["top5"] >= 0.7, result
        assert result[lang]["loss"] <= 1.8, result


def test_evaluation_report_is_shipped(checkpoint):
    folder = teaching_model_dir()
    report = json.loads((folder / "evaluation.json").read_text(encoding="utf-8"))
    training = report["training"]
    assert training["total_seconds"] < 15 * 60
    assert report["held_out"]["all"]["predictions"] > 0
    text = (folder / "EVALUATION.md").read_text(encoding="utf-8")
    assert training["command"] in text and "wall-clock" in text
