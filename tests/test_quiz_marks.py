"""jareview2: a Japanese quiz's choices are marked ア イ ウ エ, as a Japanese test marks them (A. B. C. D. in English),
the same on the window's card (the scene every picture and slide is drawn by) as in the deck's editable card; the
language turned with a question open marks it in the new language, and the quiz's keys go on as before (→ reveals
it). `quiz --json` still writes {kind, question, choices, answer, step}."""
from __future__ import annotations

import json

from classroom_gui.app.model import ClassroomModel
from classroom_gui.cli import main
from helpers import quiz_model

SENTENCE = "猫がマットの上に座った"
GAP = "  "  # (no-break spaces on an answered card)


def open_question(checkpoint) -> ClassroomModel:
    model = quiz_model(checkpoint, SENTENCE, focus=0)
    for _ in range(60):
        model.quiz_next() or model.play("next_beat")
        if model.frame().quiz is not None:
            return model
    raise AssertionError("no question was asked")


def card_text(frame) -> list[str]:
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        return scene.quiz_text.text.replace("\u00a0", " ").split("\n")
    finally:
        scene.clear()


def test_a_japanese_question_is_marked_a_i_u_e_and_turns_with_the_language(qapp, checkpoint):
    model = open_question(checkpoint)
    quiz = model.frame().quiz
    assert quiz["answer"] is None and quiz["marks"][:len(quiz["choices"])] == list("アイウエ")[:len(quiz["choices"])]
    lines = card_text(model.frame())
    for mark, choice in zip(quiz["marks"], quiz["choices"]):  # a name's 「 needs no space after its mark (quiz22)
        assert f"{mark}{'' if choice.startswith('「') else GAP}{choice}" in lines, lines
    assert not any(line.startswith(("A.", "B.")) for line in lines)
    question = quiz["question"]
    model.select(lang="en")  # the open question in English, marked A. B. …, still open
    quiz = model.frame().quiz
    assert quiz["answer"] is None and quiz["question"] != question and quiz["marks"][:2] == ["A.", "B."]
    assert f"A.{GAP}{quiz['choices'][0]}" in card_text(model.frame())
    model.select(lang="ja")
    assert model.quiz_next()  # → reveals it (after the mask chapter's second question, asked before: teacher19 M2)
    while model.frame().quiz["answer"] is None:
        assert model.quiz_next()
    quiz = model.frame().quiz
    assert quiz["answer"] is not None
    mark = quiz["marks"][quiz["answer"]]
    assert any(line.startswith(mark) and line.endswith("✓") for line in card_text(model.frame())), mark


def test_the_cli_quiz_json_is_unchanged(tmp_path):
    out = tmp_path / "q.json"
    assert main(["quiz", "--text", SENTENCE, "--lang", "ja", "--json", str(out)]) == 0
    made = json.loads(out.read_text(encoding="utf-8"))
    assert made and all(set(q) == {"kind", "question", "choices", "answer", "step"} for q in made)
