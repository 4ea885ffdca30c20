"""Lecture-ready (issue 12): every step of the seed's sentence, in English and Japanese, on the shipped model,
drawn at 1920 x 1080: Japanese punctuation is full-width next to Japanese, every name the narration and the
board insert is quoted, every board equation redoes from its shown digits, no two texts overlap, and no
text is smaller than a projector needs (16 px; card numbers 14 px, 12 px in a class of 9 to 12 whose desks show
more numbers so: tests/test_wide_numbers.py; narration 28 px).
"""
from __future__ import annotations

import re

import pytest

from board_arithmetic import equations, redo_board
from classroom_gui.lesson import state
from classroom_gui.lesson.numbers import NEGATIVE_ZERO  # a hidden unit below 0 that rounds to 0 (teacher30 #15)
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import table
from classroom_gui.model.sentence import compute_run
from classroom_gui.resources import teaching_model_dir
from text_census import overlaps, text_census

SEED = "The cat sat on the mat"
# the seed in both languages under both classroom rules (GPT's "causal": only those who have spoken, and a
# discussion, "none": everyone), and the Japanese seed sentence
WALKS = [(SEED, "en", "causal"), (SEED, "ja", "causal"), (SEED, "en", "none"), (SEED, "ja", "none"),
         ("猫がマットの上に座った", "ja", "causal")]
JAPANESE = r"[\u3040-\u30ff\u3400-\u9fff「」、。（）：]"
HALF_WIDTH_NEXT_TO_JAPANESE = re.compile(rf"{JAPANESE}[:()]|[:()]{JAPANESE}")
# a formula keeps its half-width brackets and takes no space before Japanese (JAPANESE.md: exp(-1.20); jareview2 #4:
# 「exp(-1.20)」): read as one word, as x
FORMULA = re.compile(r"[A-Za-z_]+\((?:[^()]|\([^()]*\))*\)")
NAME_FIELDS = ("focus", "name", "names", "last", "asker", "other", "top", "word")
QUOTED = re.compile(r'^(「[^「」]*」)+$|^"[^"]*"(, "[^"]*")*$')
NUMBER = re.compile(r"^-?\d+\.\d+$")


def walk(checkpoint, text: str, lang: str, rule: str = "causal"):
    """Every step's finished frame, and the name values each step's strings were given."""
    trace = compute_run(checkpoint, text, mask=rule).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=state.default_focus(trace.tokens), lang=lang)
    for i in range(len(timeline)):
        given: list[tuple[str, str, str]] = []
        original = state.text

        def spy(language, key, **values):
            given.extend((key, field, str(values[field])) for field in NAME_FIELDS if field in values)
            return original(language, key, **values)

        state.text = spy
        try:
            frame = frame_at(trace, sel, timeline.beat_stop(i))
        finally:
            state.text = original
        yield frame, given


def shown_strings(frame) -> list[str]:
    out = [frame.title, frame.narration, *frame.board, *frame.notices]
    if frame.bars is not None:
        out += [frame.bars.title, frame.bars.total]
    if frame.heatmap is not None:
        out.append(frame.heatmap.title)
    out += [strip.label for s in frame.students for strip in ([s.notebook] if s.notebook else []) + s.cards]
    return [s for s in out if s]


@pytest.mark.parametrize("text,lang,rule", WALKS)
def test_every_step_reads_and_redoes(checkpoint, text, lang, rule):
    equations_seen = 0
    for frame, given in walk(checkpoint, text, lang, rule):
        where = f"{lang} {frame.beat_key}"
        if lang == "ja":
            for s in shown_strings(frame):
                bare = FORMULA.sub("x", s)
                assert not HALF_WIDTH_NEXT_TO_JAPANESE.search(bare), f"{where}: half-width punctuation in {s!r}"
                assert "·" not in s, f"{where}: '·' reads as 中黒 in {s!r}"
        for key, field, value in given:  # names enter sentences only through these fields, always quoted
            assert QUOTED.match(value), f"{where}: {key} got the unquoted name {value!r}"
        assert not redo_board(frame.board), f"{where}: {redo_board(frame.board)}"
        equations_seen += equations(frame.board)
    assert equations_seen >= (20 if rule == "causal" else 27)  # a discussion: "cat" hears all six  # each scoring beat, each division by √d, each exp, the sum, each share, listening


def test_the_names_in_the_narration_are_the_quoted_students(checkpoint):
    frames = {f.beat_key: f for f, _ in walk(checkpoint, SEED, "ja")}
    assert "「The」「cat」「sat」「on」「the」「mat」" in frames["seats.sit"].narration
    assert frames["question.raise"].narration.startswith("「cat」が質問カードを掲げ")
    frames = {f.beat_key: f for f, _ in walk(checkpoint, SEED, "en")}
    assert frames["question.raise"].narration.startswith('"cat" raises')


@pytest.mark.parametrize("rule", ["causal", "none"])
def test_the_boards_shares_stay_the_models(checkpoint, rule):
    """The shares the board works out from its shown digits are the model's own, to within 0.005, for
    every student, layer and head of the seed."""
    from classroom_gui.lesson.softmax_row import shown_softmax

    trace = compute_run(checkpoint, SEED, mask=rule).trace
    for layer in trace.layers:
        for h in range(trace.config.n_head):
            head = layer.head(h)
            for f in range(trace.n_tokens):
                shown = shown_softmax(head.scaled[f], head.mask[f])
                worked = [float(w) for w in shown.weights]
                assert worked == pytest.approx(head.weights[f].tolist(), abs=0.005)


def test_the_checker_catches_what_the_issue_found():
    """The board arithmetic check fails on the equations issue 12 quoted (inputs shown too coarsely)."""
    assert redo_board(["0.043 ÷ 0.099 = 0.431"])
    assert redo_board(["「猫」：exp(-1.20) = 0.303"])
    assert redo_board(["= 0.22 - 2.04 + 0.34", "= -1.50"])
    assert not redo_board(["0.043 ÷ 0.099 = 0.434", "exp(-1.20) = 0.3012", "1.084×(-3.358) + 0.395×0.206",
                           "= -3.640 + 0.081", "= -3.56"])


def test_every_japanese_string_uses_full_width_punctuation():
    for key, value in table("ja").items():
        assert not HALF_WIDTH_NEXT_TO_JAPANESE.search(FORMULA.sub("x", value)), f"{key}: {value!r}"  # menus too: 「ファイル（&F）」
        assert "·" not in value, key


def gallery_walks() -> list[tuple[str, str, str]]:
    """The shipped model's gallery (examples.json: a list of {"text", "lang", "mask"}) when it has one."""
    import json

    path = teaching_model_dir() / "examples.json"
    if not path.exists():
        return []
    return [(e["text"], e.get("lang", "en"), e.get("mask", "causal")) for e in json.loads(path.read_text("utf-8"))
            if isinstance(e, dict) and isinstance(e.get("text"), str)]


# longer sentences: three rows of desks, and a class of 64 (cards show their first numbers and "…", names
# and badges stay 16 px)
BIG_WALKS = [("the cat sat on the mat and the dog sat on the rug", "en", "causal"),
             ("the cat sat on the mat and the dog sat on the rug", "ja", "none"),
             (" ".join((["the", "cat", "sat", "on", "mat", "the", "dog"] * 10)[:64]), "ja", "causal"),
             *gallery_walks()]


@pytest.mark.parametrize("text,lang,rule", WALKS + BIG_WALKS, ids=lambda v: str(v)[:16])
def test_every_step_is_legible_on_a_projector(qapp, checkpoint, text, lang, rule):
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    try:
        for frame, _ in walk(checkpoint, text, lang, rule):
            scene.set_frame(frame)
            texts = text_census(scene)
            where = f"{lang} {frame.beat_key}"
            assert any(t.item is scene.narration for t in texts), where
            for t in texts:
                if t.item is scene.narration:
                    need = 28
                elif t.kind == "StripView" and (NUMBER.match(t.text) or t.text in ("…", NEGATIVE_ZERO)):  # a card number
                    need = 12 if 9 <= len(frame.students) <= 12 else 14  # (9-12: more numbers rather than 14 px)
                else:
                    need = 16
                assert t.px >= need - 0.01, f"{where}: {t.text!r} ({t.kind}) at {t.px:.1f} px"
            assert not overlaps(texts), f"{where}: " + "; ".join(f"{a.text!r} on {b.text!r}" for a, b in overlaps(texts))
    finally:
        scene.clear()
