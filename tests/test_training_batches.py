"""The training batches' optional mixes (train.py's --same-slot, --story-weights, --story-described,
--story-both-states, --one-language-rows, --stop-weight) and a later stage's --freeze: each does what it says, and left at their defaults they change
nothing of the shipped recipe."""
from __future__ import annotations

import copy

import numpy as np
import pytest

from classroom_gui.model.corpus import STORY_KINDS, Corpus, render
from classroom_gui.model.corpus_words import DESCRIBED
from classroom_gui.model.config import GPTConfig
from classroom_gui.model.batches import Batches
from classroom_gui.model.train import init_params, train

IT_WEIGHT = 4.0  # a weight no other position has: it marks where the target is the noun "it" means


@pytest.fixture(scope="module")
def corpus():
    return Corpus()


@pytest.fixture(scope="module")
def small_corpus(corpus):  # a few hundred meanings of every template: a training step needs no more
    small = copy.copy(corpus)
    small.train = {kind: combos[::max(1, len(combos) // 40)] for kind, combos in corpus.train.items()}
    small.held_out = {kind: combos[::max(1, len(combos) // 10)] for kind, combos in corpus.held_out.items()}
    return small


@pytest.fixture(scope="module")
def tokenizer(checkpoint):
    return checkpoint.tokenizer


def _swapped_from_elsewhere(batches: Batches, tokenizer, rounds: int) -> tuple[int, int]:
    """(swapped words, those not found at the same position of any sentence of their batch)."""
    it_id, swapped, elsewhere = tokenizer.index["it"], 0, 0
    for _ in range(rounds):
        inputs, targets, weights = batches.discussion(48)
        for b, j in zip(*np.nonzero((inputs != targets) & (inputs != batches.mask_id) & (weights != IT_WEIGHT))):
            column = set(targets[:, j].tolist())
            if np.any(weights[:, j] == IT_WEIGHT):  # a story's "it" there was replaced by its noun as target
                column.add(it_id)
            swapped += 1
            elsewhere += int(inputs[b, j] not in column)
    return swapped, elsewhere


def test_same_slot_takes_every_swapped_word_from_the_same_position_of_another_sentence(corpus, tokenizer):
    aligned = Batches(corpus, tokenizer, np.random.default_rng(3), same_slot=1.0, it_weight=IT_WEIGHT)
    swapped, elsewhere = _swapped_from_elsewhere(aligned, tokenizer, 40)
    assert swapped > 100 and elsewhere == 0, (swapped, elsewhere)
    # the default draws a swapped word from anywhere in the batch, so many come from another position
    anywhere = Batches(corpus, tokenizer, np.random.default_rng(3), it_weight=IT_WEIGHT)
    swapped, elsewhere = _swapped_from_elsewhere(anywhere, tokenizer, 40)
    assert elsewhere > swapped / 3, (swapped, elsewhere)


def test_story_weights_choose_the_kind_of_a_story_batch(corpus, tokenizer):
    only_catch = Batches(corpus, tokenizer, np.random.default_rng(5), story_share=1.0, it_weight=IT_WEIGHT,
                         story_weights=(0, 0, 1, 0))
    catch = tokenizer.index["catch"]
    for _ in range(20):
        _, targets, weights = only_catch.discussion(8)
        assert catch in targets[0], targets[0]  # the batch's first story is drawn from its kind
        assert np.all(np.sum(weights == IT_WEIGHT, axis=1) == 1)  # one length: every row a story with "it"
    assert len(STORY_KINDS) == 4


def test_story_described_adds_stories_and_keeps_every_plain_meaning_on_its_side(corpus):
    wider = Corpus(DESCRIBED + ("busy", "tired"))
    for kind in STORY_KINDS:
        assert set(corpus.train[kind]) < set(wider.train[kind])
        assert set(corpus.held_out[kind]) < set(wider.held_out[kind])
        assert not any(c[6] in ("busy", "tired") for c in corpus.train[kind])
    for kind in ("pose", "agree", "copy"):  # the other templates do not change
        assert wider.train[kind] == corpus.train[kind]
    texts = {render(c, "en").text for c in wider.train["cross"] if c[6] == "busy"}
    assert "The busy animal didn't cross the street because it was too tired." in texts
    assert Corpus().sizes() == corpus.sizes()  # the shipped recipe's corpus is the plain one


def test_both_states_tells_each_plain_story_again_with_a_state_word_before_each_noun(corpus):
    both = Corpus(both_states=True)
    for kind in STORY_KINDS:
        assert set(corpus.train[kind]) < set(both.train[kind])
        assert set(corpus.held_out[kind]) < set(both.held_out[kind])
        added = [c for c in both.train[kind] + both.held_out[kind] if "+" in c[6]]
        plain = [c for c in corpus.train[kind] + corpus.held_out[kind] if not c[6]]
        assert len(added) == len(plain)  # one more telling per plain story, not a product
        # a story told with both states is on the same side of the split as its plain telling
        held, held_both = set(corpus.held_out[kind]), set(both.held_out[kind])
        assert all((c[:6] + ("",) + c[7:] in held) == (c in held_both) for c in added)
    for kind in ("pose", "agree", "copy"):
        assert both.train[kind] == corpus.train[kind]
    story = render(("cross", "animal", "street", "wide", "it", "", "tired+busy", False), "en")
    assert story.text == "The tired animal didn't cross the busy street because it was too wide."
    assert story.tokens[story.referent[0]] == "it" and story.referent[1] == "street"
    first = render(("lift", "man", "box", "weak", "it", "today", "tired+heavy", True), "en")
    assert first.text == "Today, because it was too weak, the tired man couldn't lift the heavy box."
    assert first.tokens[first.referent[0]] == "it" and first.referent[1] == "man"
    assert Corpus().sizes() == corpus.sizes()  # the shipped recipe's corpus is the plain one


def test_freeze_keeps_the_named_weights_of_the_earlier_stage_and_trains_the_rest(small_corpus, tokenizer):
    config = GPTConfig(vocab_size=len(tokenizer), n_layer=2, n_head=2, n_embd=16, n_inner=32)
    earlier = init_params(config, np.random.default_rng(5))
    run = dict(steps=2, seed=1, batch=4, lr=1e-2, warmup=1, weight_decay=0.0, log=lambda *a, **k: None,
               start_from=earlier)
    params, _ = train(config, small_corpus, tokenizer, freeze=("wte", "wpe", "h.0"), **run)
    for name, value in params.items():
        kept = name in ("wte.weight", "wpe.weight") or name.startswith("h.0.")
        assert np.array_equal(value, earlier[name]) == kept, name
    free, _ = train(config, small_corpus, tokenizer, **run)  # without it every weight learns
    assert not any(np.array_equal(free[name], earlier[name]) for name in free)


def test_fresh_starts_the_named_weights_anew_from_the_runs_own_seed(small_corpus, tokenizer):
    config = GPTConfig(vocab_size=len(tokenizer), n_layer=2, n_head=2, n_embd=16, n_inner=32)
    earlier = {name: w + np.float32(0.5) for name, w in init_params(config, np.random.default_rng(5)).items()}
    # frozen as well, the fresh layer stays exactly as this run's initialisation drew it
    params, _ = train(config, small_corpus, tokenizer, steps=1, seed=1, batch=4, lr=1e-2, warmup=1, weight_decay=0.0,
                      log=lambda *a, **k: None, start_from=earlier, fresh=("h.1",), freeze=("h.1",))
    drawn = init_params(config, np.random.default_rng(1))
    for name in params:
        if name.startswith("h.1."):
            assert np.array_equal(params[name], drawn[name]) and not np.array_equal(params[name], earlier[name])
        else:
            assert not np.array_equal(params[name], drawn[name]), name


def test_drop_head_silences_one_head_of_the_last_layer_and_leaves_its_share_of_w_o_unstepped(small_corpus, tokenizer):
    config = GPTConfig(vocab_size=len(tokenizer), n_layer=2, n_head=2, n_embd=16, n_inner=32)
    earlier, w_o = init_params(config, np.random.default_rng(5)), "h.1.attn.c_proj.weight"
    others = tuple(name for name in earlier if name != w_o)  # only the last layer's W_O learns here

    def unstepped_heads(drop_head: float) -> list[int]:
        params, _ = train(config, small_corpus, tokenizer, steps=1, seed=1, batch=4, lr=1e-2, warmup=1, weight_decay=0.0,
                          log=lambda *a, **k: None, start_from=earlier, freeze=others, drop_head=drop_head)
        rows = [slice(h * config.d_head, (h + 1) * config.d_head) for h in range(config.n_head)]
        return [h for h, r in enumerate(rows) if np.array_equal(params[w_o][r], earlier[w_o][r])]

    assert len(unstepped_heads(1.0)) == 1  # every step silences one head: its rows of W_O get no step
    assert unstepped_heads(0.0) == []


def test_one_language_rows_join_sentences_of_one_language(corpus, tokenizer):
    # after 「。」 a Japanese sentence follows and after "." an English one (teacher6 M6); a row is Japanese as
    # often as a single pick is (half the sentences of the templates written in both languages: 26 %)
    def rows_and_japanese(one_language: bool):
        batches = Batches(corpus, tokenizer, np.random.default_rng(7), one_language=one_language)
        rows, _ = batches.batch(400, 32)
        return rows, np.array([[not tokenizer.vocab[i].isascii() for i in row] for row in rows])

    rows, japanese = rows_and_japanese(True)
    assert not np.any(japanese.any(axis=1) & ~japanese.all(axis=1))  # no row mixes the languages
    assert 0.2 < japanese.all(axis=1).mean() < 0.33
    _, japanese = rows_and_japanese(False)  # the shipped recipe's rows join either language
    assert np.mean(japanese.any(axis=1) & ~japanese.all(axis=1)) > 0.3


def test_stop_weight_weighs_the_next_sentences_first_word_and_draws_nothing(corpus, tokenizer):
    # train.py --stop-weight: in turn, a target that follows 「。」 or "." (the next sentence's first word) weighs W
    batches = Batches(corpus, tokenizer, np.random.default_rng(11), one_language=True)
    inputs, targets = batches.batch(200, 32)
    drawn = batches.rng.bit_generator.state
    weights = batches.after_stop(inputs, 8.0)
    assert batches.rng.bit_generator.state == drawn  # the batches stay the same draw for draw
    stops = {tokenizer.index["。"], tokenizer.index["."]}
    after = np.isin(inputs, list(stops))
    assert weights.dtype == np.float32 and set(np.unique(weights)) == {1.0, 8.0}
    assert np.array_equal(weights == 8.0, after) and after.sum() > 200
    words = [(tokenizer.vocab[i], tokenizer.vocab[t]) for i, t in zip(inputs[after], targets[after])]
    # in one-language rows the weighed word is of the full stop's language
    assert all(word.isascii() == (stop == ".") for stop, word in words), words[:5]
    assert any(stop == "。" for stop, _ in words) and any(stop == "." for stop, _ in words)
    japanese_only = batches.after_stop(inputs, 8.0, ("。",))  # --weighted-stops 。
    assert np.array_equal(japanese_only == 8.0, inputs == tokenizer.index["。"]) and np.any(inputs == tokenizer.index["."])


def test_stop_weight_one_is_the_shipped_recipe_and_another_weight_changes_the_step(small_corpus, tokenizer):
    config = GPTConfig(vocab_size=len(tokenizer), n_layer=2, n_head=2, n_embd=16, n_inner=32)
    run = dict(steps=2, seed=1, batch=4, lr=1e-2, warmup=1, weight_decay=0.0, log=lambda *a, **k: None)
    shipped, _ = train(config, small_corpus, tokenizer, **run)
    one, _ = train(config, small_corpus, tokenizer, stop_weight=1.0, **run)
    heavier, _ = train(config, small_corpus, tokenizer, stop_weight=8.0, **run)
    assert all(np.array_equal(shipped[name], one[name]) for name in shipped)
    assert not np.array_equal(shipped["wte.weight"], heavier["wte.weight"])
