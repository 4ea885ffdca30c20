"""quiz22: a question slide showed the previous chapter's last step. The mask chapter has one step, which answers its
questions, so they were asked over chapter 5's ÷√d board, titled "5." (the deck, `deck --from mask --to mask`, and
the window). A question is now asked over its own chapter: the step before its answer's where that is the same
chapter, else the answer's chapter as it opens (quiz_play.opening): its title and class, no narration of its own, no
board, chart, links or badges, nobody faded as unheard."""
from __future__ import annotations

import pytest

from classroom_gui.app.model import ClassroomModel
from classroom_gui.export.moments import deck_times
from classroom_gui.lesson.context import default_focus
from classroom_gui.lesson.quiz_play import deck_with_quiz
from classroom_gui.lesson.state import Selection, prepared_run, timeline_for
from classroom_gui.lesson.strings import text
from classroom_gui.model.sentence import run_sentence

TWELVE = "The teacher read a long story to the happy children after lunch"
CLASSES = [("The cat sat on the mat", "en"), ("猫がマットの上に座った", "ja"), (TWELVE, "en"), (TWELVE, "ja")]


def asked_and_answered(frames):
    """(question slide, its answer slide) for every question of a quiz deck."""
    for i, asked in enumerate(frames):
        if asked.quiz and asked.quiz["answer"] is None:
            yield asked, next(f for f in frames[i:] if f.quiz and f.quiz["question"] == asked.quiz["question"]
                              and f.quiz["answer"] is not None)


def assert_opens(asked, lang: str) -> None:
    """A question slide that opens its chapter shows nothing of the step that answers it."""
    assert asked.narration == text(lang, "quiz.opening")
    assert not asked.board and asked.bars is None and asked.bars_beside is None and not asked.links
    assert not [s.index for s in asked.students if s.badge or s.state == "masked" or s.opacity < 1]
    kinds = set(asked.class_strips.roles)  # review23: the next-word question showed answer.norm's final notebook card
    assert not [(s.index, c.role) for s in asked.students for c in s.cards if c.role not in kinds]


def test_the_next_word_question_is_asked_over_the_norm_step_and_answered_by_the_logits(checkpoint):
    """teacher34 #13: the next-word answer was marked on the final LayerNorm's step, before any number said it. It is
    asked over that step (the answer chapter's first: its final notebook, no desk's guess) and answered on the
    logits' step, whose chart and desks say it. (review23: the question slide once showed answer.norm's card over
    the chapter before: now it is that step's own.)"""
    trace = run_sentence(checkpoint, CLASSES[1][0], "causal").trace
    sel = Selection(focus=default_focus(trace.tokens, "causal"), lang="ja", rule="causal")
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    frames = deck_with_quiz(trace, sel, deck_times(timeline, "beat"))
    asked, answered = next((a, b) for a, b in asked_and_answered(frames) if a.chapter_key == "answer")
    assert (asked.beat_key, answered.beat_key) == ("answer.norm", "answer.logits")
    last = trace.n_tokens - 1
    assert [c.role for c in asked.students[last].cards] == ["final_notebook"]
    assert not any(s.badge for s in asked.students)  # no guess before the question is answered
    assert answered.students[last].badge and answered.bars is not None


@pytest.mark.parametrize("per", ["beat", "chapter"])
@pytest.mark.parametrize("rule", ["none", "causal"])
@pytest.mark.parametrize("sentence, lang", CLASSES)
def test_a_question_slide_shows_the_chapter_that_asks(checkpoint, sentence, lang, rule, per):
    trace = run_sentence(checkpoint, sentence, rule).trace
    sel = Selection(focus=default_focus(trace.tokens, rule), lang=lang, rule=rule)
    frames = deck_with_quiz(trace, sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), per), per=per)
    pairs = list(asked_and_answered(frames))
    assert len(pairs) >= 3
    opened = 0
    for asked, answered in pairs:
        assert (asked.chapter_key, asked.title) == (answered.chapter_key, answered.title), asked.quiz["question"]
        if asked.beat_key == answered.beat_key:  # the answer's own step, as it opens (the mask chapter's one step)
            assert_opens(asked, lang)
            opened += 1
    assert opened >= 1


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_window_asks_the_mask_questions_in_the_mask_chapter(checkpoint, lang):
    """→ with the quiz on, from the ÷√d step: the card is up over the mask chapter's opening, the class still on the
    step before in time; ← closes the card and shows that step again; the answers are marked over the mask step."""
    sentence = dict((lang, s) for s, lang in CLASSES[:2])[lang]
    model = ClassroomModel(checkpoint, lang=lang)
    model.set_run(prepared_run(checkpoint, sentence, "causal"))
    model.select(rule="causal", lang=lang, focus=2)
    model.set_quiz(True)
    timeline = model.player.timeline
    mask = next(i for i, b in enumerate(timeline.beats) if b.chapter == "mask")
    model.player.jump(timeline.beat_stop(mask - 1))
    assert model.frame().chapter_key == "scaling"
    model.quiz_next()
    asked = model.frame()
    assert asked.quiz and asked.quiz["answer"] is None and asked.chapter_key == "mask"
    assert_opens(asked, lang)
    assert model.player.timeline.locate(model.player.time)[0] == mask - 1  # (in time, still the step before)
    model.play("prev_beat")  # ←: the card goes, the class stays on the ÷√d step
    assert model.frame().quiz is None and model.frame().chapter_key == "scaling"
    while model.frame().quiz is None or model.frame().quiz["answer"] is None:
        model.quiz_next()
        assert model.frame().chapter_key == "mask"
    assert model.frame().beat == mask and model.frame().board  # the answer over the mask step itself


@pytest.mark.parametrize("rule", ["none", "causal"])
@pytest.mark.parametrize("sentence, lang", CLASSES[:2])
def test_an_answer_slides_notes_point_at_its_own_answer(checkpoint, sentence, lang, rule):
    """teacher20 L3: the mask answer slides' notes pointed at the discussion chart's 「マット」 bar for every answer. The
    top share's notes point at its answer's bar on the chart of the class's rule; who cannot (or can) be heard at that
    student's desk and no bar; the sum at the chart, no bar."""
    from classroom_gui.lesson.speaker_notes import speaker_notes

    trace = run_sentence(checkpoint, sentence, rule).trace
    sel = Selection(focus=2, lang=lang, rule=rule)
    frames = deck_with_quiz(trace, sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat"))
    kinds = set()
    for _, answer in asked_and_answered(frames):
        quiz, notes = answer.quiz, speaker_notes(answer, lang)[0]
        choice = quiz["choices"][quiz["answer"]]
        shown = answer.bars_beside if rule == "causal" and answer.bars_beside is not None else answer.bars
        bars = [text(lang, "speaker.chart_bar", title=shown.title, name=c) for c in quiz["choices"]] if shown else []
        if quiz["kind"] == "top_share":
            assert [b for b in bars if b in notes] == [text(lang, "speaker.chart_bar", title=shown.title, name=choice)]
        elif quiz["kind"] in ("cannot_hear", "can_hear", "sum"):
            assert not [b for b in bars if b in notes], notes
            if quiz["kind"] != "sum":
                assert text(lang, "speaker.desk", name=choice) in notes, notes
        kinds.add(quiz["kind"])
    assert {"top_share", "sum"} <= kinds
