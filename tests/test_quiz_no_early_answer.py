"""teacher19 M2: the quiz gave question 2 away before asking it. After "what do the shares add up to?" the reveal
showed the shares' step ('"lunch" listens most to "a" (0.48)'), then the class went back a step and was asked who
gets the biggest share, the speaker notes saying "the bar of "a"". Over the whole quiz deck (the window's quiz shows
the same slides in the same order: test_quiz_order), no slide before a question's own answer slide says that answer:
not its narration, its board, its chart or its speaker notes."""
from __future__ import annotations


import numpy as np
import pytest

from classroom_gui.export.moments import deck_times
from classroom_gui.lesson import rules
from classroom_gui.lesson.context import default_focus
from classroom_gui.lesson.quiz_play import class_questions, deck_with_quiz
from classroom_gui.lesson.speaker_notes import speaker_notes
from classroom_gui.lesson.state import Selection, timeline_for
from classroom_gui.lesson.strings import quote, text as phrase
from classroom_gui.model.sentence import run_sentence

TWELVE = "The teacher read a long story to the happy children after lunch"
CLASSES = [("The cat sat on the mat", "en"), ("猫がマットの上に座った", "ja"), (TWELVE, "en"), (TWELVE, "ja")]
SUMS = {"en": "add up to 1", "ja": "全部足すと1"}  # the shares' step's sentence (strings: softmax.weights)
ROUNDED = ("(written sum", "（割合を足すと")  # the shares' board's rounding note (board.shares_rounded)


def said(frame, lang: str) -> str:
    return "\n".join([frame.narration, *frame.board, *speaker_notes(frame, lang)])


def gives(frame, q, shares: np.ndarray, heard: np.ndarray, lang: str) -> str | None:
    """What on `frame` gives question `q`'s answer, or None."""
    words = said(frame, lang)
    if q.kind == "top_share":
        top = f"{shares[heard].max():.2f}"
        if f"({top})" in words or f"（{top}）" in words:
            return f"says the top share {top}"
        if any(q.answer in line and f"{shares[heard].max():.3f}" in line for line in frame.board):
            return "writes the answer's share on the board"
        bars = frame.bars
        if bars is not None and len(bars.values) == len(shares) and np.allclose(
                np.nan_to_num(np.asarray(bars.values, float))[heard], shares[heard], atol=5e-4):
            return "charts the shares"
    if q.kind == "sum":
        if SUMS[lang] in words or any(line.strip().startswith(ROUNDED) for line in frame.board):
            return "says what the shares add up to"
        totals = [b.total for b in (frame.bars, frame.bars_beside) if b is not None and b.values
                  and len(b.values) == len(shares) and np.allclose(np.asarray(b.values, float)[heard], shares[heard])]
        if any(totals):
            return f"writes the shares' sum on the chart: {totals}"
    if q.kind in ("cannot_hear", "can_hear") and ("-∞" in words or "−∞" in words):
        return "shows the mask's -∞"
    if q.kind == "next_word" and any(s.badge.startswith("→") and q.answer in s.badge for s in frame.students):
        return "shows the answer word as a desk's guess"  # (teacher20 H1: the last desk's guess, a step early)
    if q.kind == "next_word" and frame.bars is not None and frame.bars.labels:
        finite = [(v, i) for i, v in enumerate(frame.bars.values) if np.isfinite(v)]
        if finite and q.answer.strip('"「」') == frame.bars.labels[max(finite)[1]].replace("␣", " ").strip():
            return "charts the answer word as the tallest bar"
    return None


@pytest.mark.parametrize("rule", ["none", "causal"])
@pytest.mark.parametrize("text, lang", CLASSES)
def test_no_slide_before_a_question_gives_its_answer(checkpoint, text, lang, rule):
    trace = run_sentence(checkpoint, text, rule).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    times = deck_times(timeline, "beat")
    checked = 0
    for focus in sorted({default_focus(trace.tokens, rule), 2}):
        sel = Selection(focus=focus, lang=lang, rule=rule)
        made = class_questions(trace, sel)
        shown = rules.under(trace, rule).layers[sel.layer]
        shares = shown.head(sel.head).weights[focus]
        heard = np.flatnonzero(~shown.mask[focus])
        frames = deck_with_quiz(trace, sel, times)
        for i, asked in enumerate(frames):
            if not asked.quiz or asked.quiz["answer"] is not None:
                continue
            q = next(q for q in made if q.question == asked.quiz["question"])
            for before in frames[:i + 1]:  # every slide up to the question's own, its notes included
                why = gives(before, q, shares, heard, lang)
                assert why is None, (q.kind, q.step, before.beat + 1, before.beat_key, why)
            if asked.bars is not None:  # the question slide's notes point at the chart, at no bar of a choice
                notes = "\n".join(speaker_notes(asked, lang))
                assert not [c for c in asked.quiz["choices"]
                            if phrase(lang, "speaker.chart_bar", title=asked.bars.title, name=c) in notes], notes
            answered = next(f for f in frames[i:] if f.quiz and f.quiz["question"] == q.question
                            and f.quiz["answer"] is not None)
            assert gives(answered, q, shares, heard, lang)  # the check can see the answer
            checked += 1
    assert checked >= 5


@pytest.mark.parametrize("rule", ["none", "causal"])
@pytest.mark.parametrize("text, lang", CLASSES)
def test_softmax_asks_what_the_shares_add_up_to(checkpoint, text, lang, rule):
    """quiz22: the sum question was asked in the mask chapter, before softmax is taught (its charts wrote "sum =
    1.000"), and softmax asked nothing. Now softmax asks it over its sum of the exps and answers it on its last step,
    and the mask chapter's charts write no sum (test above: nothing before says it)."""
    trace = run_sentence(checkpoint, text, rule).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=default_focus(trace.tokens, rule), lang=lang, rule=rule)
    frames = [f for f in deck_with_quiz(trace, sel, deck_times(timeline, "beat")) if f.quiz]
    question = phrase(lang, "quiz.sum", focus=quote(lang, trace.tokens[sel.focus]))
    asked = {(f.beat_key, f.quiz["answer"] is not None) for f in frames if f.quiz["question"] == question}
    assert asked == {("softmax.sum", False), ("softmax.weights", True)}


@pytest.mark.parametrize("rule", ["none", "causal"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_top_share_question_names_its_rule(checkpoint, lang, rule):
    """teacher20 M1: 「少年が雨の日に公園で友達と遊んだ」, 「日」 asking in discussion: the mask step shows both rules'
    shares (順番に発言なら「雨」 (0.37)), and the question named no rule while 「雨」 was a choice, marked wrong. The
    question says the rule its answer is about, in the words the lesson uses for it."""
    trace = run_sentence(checkpoint, "少年が雨の日に公園で友達と遊んだ", rule).trace
    sel = Selection(focus=4, lang=lang, rule=rule)
    q = next(q for q in class_questions(trace, sel) if q.kind == "top_share")
    shown = rules.under(trace, rule).layers[sel.layer].head(sel.head).weights[sel.focus]
    assert q.answer == quote(lang, trace.tokens[int(np.argmax(shown))])
    said = {"none": ("In discussion", "話し合い"), "causal": ("In turn", "順番に発言")}[rule][lang == "ja"]
    assert q.question.startswith(said), q.question
