"""teacher12 M1: after 「猫がマットの上に座った。犬は」 the class answered 「。」 (0.9998), after 「犬は」 alone 「が」 (0.90):
the plain corpus never says 「は」 (0 of its 9,051 Japanese training sentences), so nothing taught what follows it.
train.py --topic-percent tells a share of the Japanese sentences about their subject (「犬は公園へ走った。」) and
--topic-weight weighs the word after 「は」; the shipped fourth stage was trained so (EVALUATION.md)."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.model import corpus_words as W
from classroom_gui.model import load_checkpoint
from classroom_gui.model.batches import Batches
from classroom_gui.model.config import GPTConfig
from classroom_gui.model.corpus import VERBS_JA, Corpus
from classroom_gui.model.evaluate import top_next
from classroom_gui.model.train import train
from classroom_gui.resources import teaching_model_dir

# the words that can follow 「Xは」 in Japanese: a noun (who, what, where: 「犬は公園へ」「犬は魚を」「犬は猫と」), a verb
# (「犬は走った」) or an adjective (「犬は小さい箱に」), never a particle (が の で を に へ と まで は), 「。」 or English
CAN_FOLLOW_TOPIC = frozenset(v for words in (W.SUBJECTS, W.THINGS, W.LOCATIONS) for v in words.values()) | \
    frozenset(v for v, _ in W.OBJECTS.values()) | VERBS_JA | frozenset(v for v in W.ADJECTIVES.values() if v)
FIRST_SENTENCES = ["", "猫がマットの上に座った。", "先生が教室で本を読んだ。", "犬が公園へ走った。", "優しい学生がソファの上で待った。"]


@pytest.fixture(scope="module")
def checkpoint():
    return load_checkpoint(teaching_model_dir())


@pytest.fixture(scope="module")
def told():
    return Corpus(topic_percent=25)


def _japanese(corpus: Corpus, split: str = "train") -> list:
    return [s for s in corpus.sentences(split) if s.lang == "ja"]


def test_a_share_of_the_japanese_sentences_tells_about_its_subject_and_nothing_else_changes(told):
    plain = _japanese(Corpus())
    assert not any("は" in s.tokens for s in plain)  # why the class never learnt what follows 「は」
    topic = _japanese(told)
    assert [s.combo for s in topic] == [s.combo for s in plain] and told.sizes() == Corpus().sizes()
    said = [(a, b) for a, b in zip(plain, topic) if a.tokens != b.tokens]
    assert 0.2 < len(said) / len(plain) < 0.3
    for a, b in said:  # the same sentence, 「は」 where it said 「が」 after its subject
        at = a.tokens.index("が")
        assert b.tokens == a.tokens[:at] + ("は",) + a.tokens[at + 1:] and a.tokens[at - 1] in W.SUBJECTS.values()
    assert [s.text for s in told.sentences() if s.lang == "en"] == [s.text for s in Corpus().sentences() if s.lang == "en"]
    assert [s.tokens for s in _japanese(Corpus(topic_percent=25))] == [s.tokens for s in topic]  # by hash, not chance


def test_the_topic_corpus_needs_no_new_word(told, checkpoint):
    tok = checkpoint.tokenizer
    assert all(tok.is_word(tok.index[w]) for w in told.words()["ja"])


def test_topic_weight_weighs_the_word_after_wa_and_draws_nothing(told, checkpoint):
    tok = checkpoint.tokenizer
    batches = Batches(told, tok, np.random.default_rng(5), one_language=True)
    inputs, targets = batches.batch(200, 32)
    drawn = batches.rng.bit_generator.state
    weights = batches.after_topic(inputs, 6.0)
    assert batches.rng.bit_generator.state == drawn
    after = inputs == tok.index["は"]
    assert after.sum() > 20 and np.array_equal(weights == 6.0, after) and set(np.unique(weights)) == {1.0, 6.0}
    assert all(tok.vocab[t] in CAN_FOLLOW_TOPIC for t in targets[after])


def test_topic_weight_one_is_the_shipped_recipe_and_another_weight_changes_the_step(told, checkpoint):
    tok = checkpoint.tokenizer
    small = Corpus(topic_percent=50)
    small.train = {kind: combos[::max(1, len(combos) // 40)] for kind, combos in told.train.items()}
    small.held_out = {kind: combos[::max(1, len(combos) // 10)] for kind, combos in told.held_out.items()}
    config = GPTConfig(vocab_size=len(tok), n_layer=2, n_head=2, n_embd=16, n_inner=32)
    run = dict(steps=2, seed=1, batch=8, lr=1e-2, warmup=1, weight_decay=0.0, one_language=True,
               log=lambda *a, **k: None)
    shipped, _ = train(config, small, tok, **run)
    one, _ = train(config, small, tok, topic_weight=1.0, **run)
    heavier, _ = train(config, small, tok, topic_weight=8.0, **run)
    assert all(np.array_equal(shipped[name], one[name]) for name in shipped)
    assert not np.array_equal(shipped["wte.weight"], heavier["wte.weight"])


@pytest.mark.parametrize("first", FIRST_SENTENCES)
def test_after_a_subject_and_wa_the_class_goes_on_with_a_word_that_can_follow(checkpoint, first):
    # every subject of the corpus, alone and after a first sentence: 「犬は」 -> a place, not 「が」; 「…。犬は」 -> not 「。」
    for subject in W.SUBJECTS.values():
        answers = top_next(checkpoint, first + subject + "は", k=len(checkpoint.tokenizer))
        assert answers[0]["word"] in CAN_FOLLOW_TOPIC, (first + subject + "は", answers[:3])
        # and most of the class's belief: these words hold 0.83-0.99 of the next word (「。」 held 0.98-1.00 before)
        assert sum(t["p"] for t in answers if t["word"] in CAN_FOLLOW_TOPIC) > 0.7, (first + subject + "は", answers[:3])


@pytest.mark.parametrize("argv, said", [
    (["--topic-weight", "3"], "give --topic-percent too"),  # no sentence has 「は」: the weight would weigh nothing
    (["--topic-weight", "-1", "--topic-percent", "10"], "must be 0 or more"),
])
def test_train_refuses_a_topic_weight_that_would_do_nothing_or_harm(tmp_path, capsys, argv, said):
    """review18 item 10: --topic-weight without --topic-percent, or a negative one, was silently accepted."""
    from classroom_gui.model import train as train_module

    with pytest.raises(SystemExit) as stopped:
        train_module.main(["--out", str(tmp_path / "m"), "--steps", "1", *argv])
    assert stopped.value.code == 2 and said in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_train_refuses_a_topic_weight_with_a_vocabulary_without_wa(tmp_path, capsys, monkeypatch):
    """A vocabulary with no 「は」 (Batches.topic None) has nothing for --topic-weight to weigh: refused, not ignored."""
    from classroom_gui.model import train as train_module

    real = train_module.build_tokenizer

    def without_wa(corpus):
        tokenizer = real(corpus)
        tokenizer.index = {w: i for w, i in tokenizer.index.items() if w != "は"}
        return tokenizer

    monkeypatch.setattr(train_module, "build_tokenizer", without_wa)
    with pytest.raises(SystemExit) as stopped:
        train_module.main(["--out", str(tmp_path / "m"), "--steps", "1", "--topic-weight", "3", "--topic-percent", "10"])
    assert stopped.value.code == 2 and "no 「は」" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()
