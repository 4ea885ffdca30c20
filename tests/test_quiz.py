"""Predict-then-reveal questions: every answer is true of the trace it was made from, in both rules and
both languages, and the CLI writes them as {question, choices, answer, step}."""
from __future__ import annotations

import json
import re

import numpy as np
import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.quiz import questions
from classroom_gui.lesson.state import Selection, timeline_for
from classroom_gui.lesson.strings import quote
from classroom_gui.model.sentence import run_sentence
from classroom_gui.model.functions import causal_mask

from helpers import random_checkpoint

REVEALED_AT = {"top_share": "mask.future", "sum": "softmax.weights", "cannot_hear": "mask.future",
               "can_hear": "mask.future",
               "next_word": "answer.logits"}  # teacher34 #13: where the logits say it, not the norm step


def unquoted(choice: str) -> str:
    m = re.fullmatch(r"「(.+)」|\"(.+)\"", choice)
    assert m, choice
    return m.group(1) or m.group(2)


def seat_of(choice: str, tokens: list[str]) -> int:
    """The seat a choice names: 「猫」, "cat", or "the" (seat 5) when a word sits twice."""
    m = re.fullmatch(r"[「\"](.+)[」\"](?: \(seat (\d+)\)|（(\d+)番の席）)?", choice)
    assert m, choice
    word, seat = m.group(1), m.group(2) or m.group(3)
    if seat:
        assert tokens[int(seat) - 1] == word
        return int(seat) - 1
    assert tokens.count(word) == 1, (word, tokens)
    return tokens.index(word)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quiz_model")
    random_checkpoint(folder, seed=3)
    return folder


@pytest.fixture(scope="module")
def random_model(folder):
    """The random weights written into `folder` (the quiz is checked against any trace, not the lesson's)."""
    from classroom_gui.model import load_checkpoint
    return load_checkpoint(folder)


SENTENCES = [("the cat sat on the mat", "en"), ("猫がマットの上に座った", "ja"), ("cat sat on the mat the cat", "en")]


@pytest.mark.parametrize("text, lang", SENTENCES)
@pytest.mark.parametrize("rule", ["causal", "none"])
def test_every_answer_is_true_of_the_trace(random_model, text, lang, rule):
    trace = run_sentence(random_model, text, rule).trace
    causal = run_sentence(random_model, text, "causal").trace
    beats = timeline_for(trace.n_tokens, trace.config.n_layer).beats
    vocab = random_model.tokenizer.vocab
    kinds_seen = set()
    for focus in range(trace.n_tokens):
        for layer in range(trace.config.n_layer):
            for head in range(trace.config.n_head):
                sel = Selection(focus=focus, layer=layer, head=head, lang=lang)
                for q in questions(trace, sel, vocab):
                    kinds_seen.add(q.kind)
                    assert q.answer in q.choices and len(set(q.choices)) == len(q.choices)
                    assert 2 <= len(q.choices) <= 4
                    assert beats[q.step - 1].key == REVEALED_AT[q.kind]
                    w = trace.layers[layer].weights[head, focus]
                    heard = ~trace.layers[layer].mask[focus]
                    if q.kind == "top_share":
                        seats = [seat_of(c, trace.tokens) for c in q.choices]
                        assert all(heard[s] for s in seats)
                        assert seat_of(q.answer, trace.tokens) == int(np.argmax(np.where(heard, w, -1)))
                    elif q.kind == "sum":
                        assert float(q.answer) == pytest.approx(float(w.sum()), abs=0.005)
                        assert float(q.answer) == pytest.approx(1.0)
                    elif q.kind == "cannot_hear":  # about GPT's rule: the causal trace gives that student 0
                        cw = causal.layers[layer].weights[head, focus]
                        answer = seat_of(q.answer, trace.tokens)
                        assert cw[answer] == 0.0 and causal_mask(trace.n_tokens)[focus, answer]
                        others = [seat_of(c, trace.tokens) for c in q.choices if c != q.answer]
                        assert others and all(cw[s] > 0 for s in others)
                    elif q.kind == "can_hear":  # the first student hears only itself; the others have not spoken
                        cw = causal.layers[layer].weights[head, focus]
                        assert focus == 0 and seat_of(q.answer, trace.tokens) == 0 and cw[0] == pytest.approx(1.0)
                        others = [seat_of(c, trace.tokens) for c in q.choices if c != q.answer]
                        assert len(q.choices) == min(4, trace.n_tokens) and all(cw[s] == 0.0 for s in others)
                    else:
                        assert q.answer == quote(lang, vocab[int(np.argmax(causal.next_logits))])  # in turn
                        assert all(unquoted(c) in vocab for c in q.choices)
    assert kinds_seen == set(REVEALED_AT)


def test_questions_follow_the_language(random_model):
    trace = run_sentence(random_model, "猫がマットの上に座った", "none").trace
    ja = questions(trace, Selection(focus=1, lang="ja"), random_model.tokenizer.vocab)
    en = questions(trace, Selection(focus=1, lang="en"), random_model.tokenizer.vocab)
    assert [q.kind for q in ja] == [q.kind for q in en]
    assert all("「が」" in q.question for q in ja if q.kind != "next_word")
    assert all("\"が\"" in q.question for q in en if q.kind != "next_word")


def test_cli_writes_the_questions(folder, tmp_path, capsys):
    out = tmp_path / "quiz.json"
    assert main(["quiz", "--text", "the cat sat on the mat", "--lang", "ja", "--mask", "none", "--json", str(out),
                 "--model", str(folder)]) == 0
    made = json.loads(out.read_text(encoding="utf-8"))
    assert made and all({"question", "choices", "answer", "step"} <= set(q) for q in made)
    assert all(q["answer"] in q["choices"] for q in made)
    assert main(["quiz", "--text", "the cat sat", "--focus", "dog", "--json", str(tmp_path / "x.json"),
                 "--model", str(folder)]) == 2
    assert "not a student" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize("text, lang", [("猫がマットの上に座った", "ja"), ("The cat sat on the mat", "en")])
def test_next_word_choices_of_the_teaching_model_are_in_the_sentences_language(checkpoint, text, lang):
    """The shipped model: every choice is a word of the sentence's language or punctuation (teacher15 M2: a
    Japanese class was offered 「ate」 beside 「。」「家」「部屋」), and quoted as a name is (「が」, "of"), so a bare
    「。」 is never a choice of its own."""
    from classroom_gui.lesson.answers import script

    vocab = checkpoint.tokenizer.vocab
    trace = run_sentence(checkpoint, text, "causal").trace
    q = next(q for q in questions(trace, Selection(focus=1, lang=lang), vocab) if q.kind == "next_word")
    for choice in q.choices:
        word = unquoted(choice)
        assert choice == quote(lang, word)
        assert script(word) in (lang, ""), (choice, q.choices)
    assert len(q.choices) >= 2


def test_the_eleven_word_japanese_quiz_offers_no_english_word(checkpoint):
    """teacher15's sentence: the model ranks 「ate」 among its next words, yet the choices are Japanese, the nearest
    ones below the answer in the model's order."""
    from classroom_gui.lesson.answers import script

    vocab = checkpoint.tokenizer.vocab
    trace = run_sentence(checkpoint, "小さい白い犬が公園で友達とボールを見つけた", "causal").trace
    q = next(q for q in questions(trace, Selection(focus=10, lang="ja"), vocab) if q.kind == "next_word")
    order = [vocab[int(i)] for i in trace.next_order[:40]]
    assert "ate" in order[:4]  # the word a Japanese class was offered before
    words = [unquoted(c) for c in q.choices]
    assert len(words) == 4 and all(script(w) == "ja" for w in words)
    assert sorted(words) == sorted([w for w in order if script(w) == "ja"][:4])


def test_quiz_asks_the_questions_of_the_deck_slides_with_the_same_defaults(tmp_path, monkeypatch):
    """teacher3 M7: `quiz` and `deck --quiz` fill in the asker, layer, head and rule in one place
    (cli_export.lesson_model, lesson_view): 猫 asks in discussion, not the last student in turn."""
    import json as _json
    import os

    from classroom_gui import cli_export
    from classroom_gui.cli import build_parser, main as cli_main
    from classroom_gui.lesson.quiz_play import class_questions

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = tmp_path / "q.json"
    assert cli_main(["quiz", "--text", "猫がマットの上に座った", "--lang", "ja", "--json", str(out)]) == 0
    asked = _json.loads(out.read_text(encoding="utf-8"))
    # the deck's own route to its trace and selection
    args = build_parser().parse_args(["deck", "--text", "猫がマットの上に座った", "--lang", "ja", "--quiz",
                                      "-o", str(tmp_path / "d.pptx")])
    _app, trace, sel, *_ = cli_export._prepare(args)
    assert sel.focus == 0 and sel.rule == "none"
    assert asked == [q.as_dict() for q in class_questions(trace, sel)]
    assert any("「マット」" == q["answer"] for q in asked)  # 「猫」's top share, as on the slide


@pytest.mark.parametrize("lang, asks", [("en", "which of these can \"猫\" hear?"), ("ja", "「猫」に聞こえるのは誰")])
def test_the_first_student_is_asked_whom_it_hears_from_four_choices(random_model, lang, asks):
    """teacher6 L5: for the asker in seat 1 the "cannot hear" question had two choices (it hears only itself)."""
    trace = run_sentence(random_model, "猫がマットの上に座った", "none").trace
    q = questions(trace, Selection(focus=0, lang=lang), random_model.tokenizer.vocab)[0]
    assert q.kind == "can_hear" and asks in q.question and len(q.choices) == 4
    assert q.answer == quote(lang, "猫") and q.choices[0] == q.answer
