"""The shipped teaching model (assets/model): small enough to check by hand, trained in both classroom rules,
knows the words teachers use, and tells the gallery's stories with real numbers. Every check runs the app's
own inference code (gpt.forward / run_sentence) on the shipped checkpoint."""
import json

import numpy as np
import pytest

from classroom_gui.model.corpus import PLACE_WORDS_EN, VERBS_JA, Corpus
from classroom_gui.model.evaluate import pronoun_check, score, score_discussion, top_next
from classroom_gui.model.gallery import claim_problems, expected, load_examples, measure
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir

EXAMPLES = load_examples()


def test_config_is_small_enough_to_check_by_hand(checkpoint):
    c = checkpoint.config
    assert c.n_embd <= 32 and c.d_head <= 8 and 2 <= c.n_head <= 4 and 2 <= c.n_layer <= 4
    assert c.n_positions == 64 and c.activation_function == "relu" and c.d_ffn <= 4 * c.n_embd
    assert all(p.dtype == np.float32 and np.all(np.isfinite(p)) for p in checkpoint.params.values())


def test_vocabulary_holds_everyday_words_of_both_languages(checkpoint):
    tok = checkpoint.tokenizer
    words = [tok.vocab[i] for i in range(len(tok)) if tok.is_word(i)]
    assert sum(w.isascii() and w.isalpha() for w in words) >= 2000
    assert sum(not w.isascii() for w in words) >= 1500
    for word in ("because", "tired", "street", "school", "water", "friend", "学校", "先生", "友達", "今日", "電車", "雨"):
        assert tok.is_word(tok.index[word]), word


def test_every_corpus_word_is_a_word_of_the_model(checkpoint):
    tok = checkpoint.tokenizer
    for lang, words in Corpus().words().items():
        assert all(tok.is_word(tok.index[w]) for w in words), lang


@pytest.mark.parametrize("text, words", [
    ("The cat sat on the mat.", ["The", "cat", "sat", "on", "the", "mat", "."]),
    ("猫がマットの上に座った。", ["猫", "が", "マット", "の", "上", "に", "座った", "。"]),
    ("先生が教室で本を読んだ。", ["先生", "が", "教室", "で", "本", "を", "読んだ", "。"]),
    ("The animal didn't cross the street because it was too tired",
     ["The", "animal", "didn't", "cross", "the", "street", "because", "it", "was", "too", "tired"]),
    ("We learn about the weather at school today.",
     ["We", "learn", "about", "the", "weather", "at", "school", "today", "."]),
])
def test_teachers_sentences_split_into_known_words(checkpoint, text, words):
    tokens = checkpoint.tokenizer.encode(text)
    assert [t.text for t in tokens] == words
    assert not any(t.unknown for t in tokens)


def test_an_unknown_word_is_shown_as_its_pieces_and_marked(checkpoint):
    run = run_sentence(checkpoint, "The xylophonist sat on the mat")
    pieces = [t for t, u in zip(run.trace.tokens, run.trace.unknown) if u]
    assert "".join(pieces) == "xylophonist" and len(pieces) >= 2 and "?" not in run.trace.tokens
    assert run.trace.tokens[0] == "The" and run.trace.tokens[-4:] == ["sat", "on", "the", "mat"]


def test_the_folder_is_a_hugging_face_folder_with_the_apps_ids(checkpoint):
    from tokenizers import Tokenizer

    folder = teaching_model_dir()
    text = "The cat sat on the mat. 猫がマットの上に座った。 The xylophonist"
    ids = [t.id for t in checkpoint.tokenizer.encode(text)]
    assert Tokenizer.from_file(str(folder / "tokenizer.json")).encode(text).ids == ids
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert config["model_type"] == "gpt2" and config["vocab_size"] == len(checkpoint.tokenizer)
    transformers = pytest.importorskip("transformers")
    assert transformers.AutoTokenizer.from_pretrained(str(folder))(text)["input_ids"] == ids


def test_cat_sat_on_the_is_followed_by_places_and_mat_is_plausible(checkpoint):
    answers = top_next(checkpoint, "The cat sat on the", k=20)
    assert all(t["word"] in PLACE_WORDS_EN for t in answers[:5]), answers[:5]
    mat = next(t for t in answers if t["word"] == "mat")
    assert mat["p"] >= 0.03, answers  # one of about twenty places the class would accept


def test_japanese_cat_on_the_mat_is_followed_by_a_verb(checkpoint):
    top = [t["word"] for t in top_next(checkpoint, "猫がマットの上に", k=3)]
    assert set(top) <= VERBS_JA, top


@pytest.mark.parametrize("text", ["The cat sat on the", "The dog ran to the", "猫がマットの上に", "先生が教室で本を",
                                  "The keys to the cabinet"])
def test_the_answers_keep_to_the_language_of_the_sentence(checkpoint, text):
    # the answer list shows a word of the other language only from 1 % on; the model gives them little
    english = text.isascii()
    answers = top_next(checkpoint, text, k=len(checkpoint.tokenizer))
    assert all(t["word"].isascii() == english for t in answers[:3]), answers[:3]
    other = sum(t["p"] for t in answers if t["word"].isascii() != english and t["word"].isalnum())
    assert other < 0.05, (text, other)


# teacher6 M6: in turn, after 「。」 the class goes on in Japanese and after "." in English. The two-stage model's
# in-turn rows joined sentences of either language, so after 「。」 it answered "the" (0.42); the shipped model's third
# stage (train.py --one-language-rows --stop-weight 20, training only what follows layer 3's attention) fixed it.
@pytest.mark.parametrize("text", ["猫がマットの上に座った。", "先生が教室で本を読んだ。", "犬が公園へ走った。",
                                  "優しい学生がソファの上で待った。", "猫がマットの上に座った。犬が公園へ走った。",
                                  "The cat sat on the mat.", "The dog ran to the park.",
                                  "The big dog walked to the forest.", "The keys to the cabinet are old."])
def test_after_a_full_stop_the_class_goes_on_in_the_same_language(checkpoint, text):
    # in turn, after 「。」 the next sentence is Japanese and after "." English
    english = text.isascii()
    answers = top_next(checkpoint, text, k=5)
    assert answers[0]["word"].isascii() == english, answers
    same = sum(t["p"] for t in answers if t["word"].isascii() == english)
    assert same > 0.75 * sum(t["p"] for t in answers), (text, answers)


def test_held_out_sentences_are_predicted_well_in_both_rules(checkpoint):
    sentences = Corpus().evaluation_set(per_lang=30)
    in_turn, discussion = score(checkpoint, sentences), score_discussion(checkpoint, sentences)
    for lang in ("en", "ja"):
        assert in_turn[lang]["top5"] >= 0.7, in_turn
        assert discussion[lang]["top5"] >= 0.7, discussion
    assert discussion["all"]["top1"] > in_turn["all"]["top1"]  # hearing both sides tells more


def test_the_gallery_has_the_required_examples_in_both_languages():
    assert len(EXAMPLES) >= 10 and {ex["lang"] for ex in EXAMPLES} == {"en", "ja"}
    seed = next(ex for ex in EXAMPLES if ex["text"] == "The cat sat on the mat" and ex["mask"] == "none")
    assert seed["mask"] == "none" and seed["layer"] == 1 and sorted(expected(seed)) == ["mat", "sat"]
    sat = next(ex for ex in EXAMPLES if ex["text"] == "猫がマットの上に座った" and ex["focus"] == "座った")
    assert expected(sat) == ["猫"] and sat["mask"] == "none"
    assert {ex["mask"] for ex in EXAMPLES} == {"none", "causal"}
    for ex in EXAMPLES:
        assert ex["what"]["en"].strip() and "「" in ex["what"]["ja"] and ex["what"]["ja"].endswith("。")


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{ex['text'][:40]}|{ex['focus']}" for ex in EXAMPLES])
def test_every_gallery_claim_holds_on_the_shipped_model(checkpoint, example):
    result = measure(checkpoint, example)
    assert not result["unknown"], result
    assert result["holds"], result["shares"][:4]


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{ex['text'][:40]}|{ex['focus']}" for ex in EXAMPLES])
def test_every_gallery_text_claims_only_what_the_class_does(checkpoint, example):
    # teacher34 #1: 「…次は「are」だと分かります」 while the desk showed →is; #14: 「草」を見つけます on 0.25 vs 0.20.
    # A text naming a guess declares it (expect_next), and it is the class's top guess; "finds" needs a clear lead
    assert claim_problems(example, measure(checkpoint, example)) == []


def test_a_claim_may_name_its_asker_by_seat(checkpoint):
    """examples.json allows a seat number from 1 as the focus (as the gallery dialog does): it measures the same."""
    seed = next(ex for ex in EXAMPLES if ex["text"] == "The cat sat on the mat" and ex["mask"] == "none")
    by_seat = measure(checkpoint, {**seed, "focus": 2})
    assert by_seat == measure(checkpoint, seed) and by_seat["holds"]
    with pytest.raises(Exception, match="no seat 9"):
        measure(checkpoint, {**seed, "focus": 9})


def test_evaluation_report_is_shipped_and_honest(checkpoint):
    folder = teaching_model_dir()
    report = json.loads((folder / "evaluation.json").read_text(encoding="utf-8"))
    training = report["training"]
    assert training["total_seconds"] < 30 * 60
    assert report["held_out"]["all"]["predictions"] > 0 and report["held_out_discussion"]["all"]["predictions"] > 0
    assert all(g["holds"] for g in report["gallery"]) and len(report["gallery"]) == len(EXAMPLES)
    assert report["corpus"]["vocabulary"]["total"] == len(checkpoint.tokenizer)
    text = (folder / "EVALUATION.md").read_text(encoding="utf-8")
    assert training["command"] in text and "wall-clock" in text
    assert all(ex["text"] in text for ex in EXAMPLES)
    # the pronoun pair is in the gallery, and the report names the heads that flip with their shares
    it = next(ex for ex in EXAMPLES if ex["text"].endswith("because it was too tired"))
    assert "because it was too tired" in text and "because it was too wide" in text
    assert f"layer {it['layer']} head {it['head']}" in text and "no head of this model does" not in text


def test_it_means_the_animal_when_tired_and_the_street_when_wide_in_one_head():
    pair = [ex for ex in EXAMPLES if ex["text"].startswith("The animal didn't cross the street because it was too")]
    assert [(ex["text"].split()[-1], ex["expect_top"]) for ex in pair] == [("tired", "animal"), ("wide", "street")]
    assert len({(ex["layer"], ex["head"], ex["mask"], ex["focus"]) for ex in pair}) == 1
    assert pair[0]["mask"] == "none" and pair[0]["focus"] == "it"  # every gallery claim is checked on the model above


def test_the_it_head_finds_the_meant_noun_in_stories_never_trained_on(checkpoint):
    # not only the lesson's pair: on held-out stories (cross, lift, catch, follow; in two of them both nouns
    # are animals) the gallery's head gives the noun "it" means the larger share, and the class names it
    it = next(ex for ex in EXAMPLES if ex["text"].endswith("because it was too tired"))
    result = pronoun_check(checkpoint, Corpus(), every=15)
    head = next(h for h in result["held_out_by_head"] if (h["layer"], h["head"]) == (it["layer"], it["head"]))
    assert result["held_out_stories"] >= 250 and head["accuracy"] >= 0.8, head
    assert all(k["named_right"] >= 0.95 for k in result["answer_at_it"].values()), result["answer_at_it"]
