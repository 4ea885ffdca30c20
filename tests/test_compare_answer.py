"""A comparison at answer time gives each class its answer: polish5 left the blackboards (and with them the
probability chart) out of a comparison, so the classes' top guesses and their shares are listed under each
classroom, within its own width, at 1920x1080 and 1024x768, in the picture, the window's dialog and the vector PDF
(as text)."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.cli import main
from classroom_gui.lesson import rules
from classroom_gui.lesson.answers import answer_ids
from classroom_gui.lesson.compare import ANSWER_ROWS, answer_of, compare
from classroom_gui.lesson.numbers import temperature_probs
from classroom_gui.lesson.state import Selection, timeline_for
from classroom_gui.model.sentence import compute_run
from test_compare_layout import pdf_text, pixels

A, B = "The cat sat on the", "The dog sat on the"


@pytest.fixture(scope="module")
def traces(checkpoint):
    return checkpoint, compute_run(checkpoint, A, mask="none").trace, compute_run(checkpoint, B, mask="none").trace


def at_answer(a, b, lang="en", step="softmax", page=None):
    t = timeline_for(a.n_tokens, a.config.n_layer)
    i = next(i for i, beat in enumerate(t.beats) if beat.key == f"answer.{step}")
    return compare(a, b, Selection(focus=1, lang=lang), t.beat_stop(i), page=page)


def top_guesses(trace, rows=ANSWER_ROWS):
    """The class's answer worked from its trace: the next word's probabilities under GPT's rule (answer time's),
    the most probable first."""
    trace = rules.under(trace, rules.ANSWER_RULE)
    probs = temperature_probs(trace.next_logits, 1.0)
    return [(trace.vocab[i], float(probs[i])) for i in answer_ids(trace, rows)]


@pytest.mark.parametrize("lang, quote", [("en", '"{}"'), ("ja", "「{}」")])
def test_each_class_answer_is_its_own_top_guesses_with_their_shares(traces, lang, quote):
    _, a, b = traces
    pair = at_answer(a, b, lang)
    for frame, trace in zip(pair.frames, (a, b)):
        answer = answer_of(frame, lang)
        assert answer is not None and answer.shares
        want = top_guesses(trace)
        assert [w for w, _ in answer.guesses] == [quote.format(w) for w, _ in want]
        assert [v for _, v in answer.guesses] == pytest.approx([p for _, p in want], abs=1e-6)
    # the two classes answer differently here ("mat" and "sofa" first): the list is what tells them apart
    assert answer_of(pair.frames[0], lang).guesses[0] != answer_of(pair.frames[1], lang).guesses[0]
    logits = answer_of(at_answer(a, b, lang, "logits").frames[0], lang)
    assert not logits.shares
    assert logits.guesses[0][1] == pytest.approx(float(rules.under(a, rules.ANSWER_RULE).next_logits.max()), abs=1e-4)
    assert answer_of(at_answer(a, b, lang, "norm").frames[0], lang) is None  # before the chart
    softmax = timeline_for(a.n_tokens, a.config.n_layer).chapter_end("softmax")
    assert answer_of(compare(a, b, Selection(focus=1, lang=lang), softmax).frames[0], lang) is None


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_answer_lists_fit_under_their_own_classrooms(qapp, traces, size):
    """Each list stays within its classroom's width and above the change line, lists ANSWER_ROWS guesses at 16:9
    and 4:3 without making the classrooms smaller, reads at ≥ 15 px at 1024x768, and its bars are drawn."""
    from classroom_gui.export.compare import answer_rows, pair_layout, render_pair
    from classroom_gui.export.compare_answer import block_height, place, shared_top
    from classroom_gui.scene import palette

    _, a, b = traces
    w, h = size
    pair = at_answer(a, b, page=size)  # (seated for the page: its classrooms' shape, lesson.compare_layout)
    px, rects, scale = pair_layout(w, h, answers=True)
    # the list costs the classrooms nothing: at answer time they are seated lower (compare_layout.ANSWER_WIDE, _TALL)
    # and drawn at least as big as at the other steps (their digits: tests/test_compare_legible.py)
    assert scale >= pair_layout(w, h)[2] - 1e-6
    rows = answer_rows(w, h)
    assert rows == ANSWER_ROWS and px * 0.8 >= 15
    answers = [answer_of(f, "en", rows) for f in pair.frames]
    gap = w * 0.012
    change_top = rects[0].bottom() + gap + block_height(px, rows) + gap
    assert change_top + px * 2 <= h  # the change line's two lines still fit on the page
    rgb = pixels(render_pair(pair, size))
    vermillion = np.asarray([int(palette.OKABE_ITO["vermillion"][i:i + 2], 16) for i in (1, 3, 5)])
    for k, (rect, answer) in enumerate(zip(rects, answers)):
        placed = place(answer, pair_area(rect, gap, px, rows), px, shared_top(answers))
        assert len([p for p in placed if p.kind == "word"]) == rows
        for p in placed:
            assert rect.x() - 0.5 <= p.rect.x() and p.rect.right() <= rect.right() + 0.5, (p.kind, p.text)
            assert rect.bottom() < p.rect.y() and p.rect.bottom() <= change_top + 0.5, (p.kind, p.text)
        bar = next(p.rect for p in placed if p.kind == "bar" and p.first)
        middle = rgb[int(bar.center().y()), int(bar.x()) + 2: int(bar.right()) - 2]
        assert middle.size and (np.abs(middle - vermillion).sum(-1) < 40).all()  # the answer's bar, drawn


def pair_area(rect, gap, px, rows):
    from PySide6.QtCore import QRectF

    from classroom_gui.export.compare_answer import block_height

    return QRectF(rect.x(), rect.bottom() + gap, rect.width(), block_height(px, rows))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_compared_pdf_at_answer_time_holds_each_class_answer_as_text(tmp_path, traces, lang):
    _, a, b = traces
    out = tmp_path / "c.pdf"
    sentences = (A, B) if lang == "en" else ("猫がマットの上に", "犬がベッドの上に")
    assert main(["export", "--lang", lang, "--text", sentences[0], "--compare", sentences[1], "--chapter", "answer",
                 "--size", "1024x768", "-o", str(out)]) == 0
    words = pdf_text(out, sep=" " if lang == "en" else "")[0]
    heading = "Answer: next-word probability" if lang == "en" else "答え：次の単語の確率"
    assert words.count(heading) == 2
    ck = traces[0]
    for sentence in sentences:
        trace = compute_run(ck, sentence, mask="none").trace
        for word, p in top_guesses(trace, 3):
            assert f"{p:.3f}" in words and word in words, (sentence, word, p)
