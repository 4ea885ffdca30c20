"""An asked Japanese quiz question in the PPTX is broken between phrases where the picture breaks it ("\\v"), so
that LibreOffice, which breaks Japanese between any two characters and keeps no phrase whole for DrawingML's
eaLnBrk or hangingPunct or for a word joiner, no longer shows 「…誰でしょ / う？」 (text21, measured in LibreOffice)."""
from __future__ import annotations

from classroom_gui.export.moments import deck_times
from classroom_gui.lesson.quiz_play import deck_with_quiz
from classroom_gui.lesson.state import Selection, timeline_for
from classroom_gui.model.sentence import run_sentence


def test_an_asked_japanese_question_breaks_between_phrases_as_the_picture(qapp, checkpoint, tmp_path):
    from pptx import Presentation

    from classroom_gui.export.deck_pptx import QUIZ_NAME, save_pptx
    from classroom_gui.scene.quiz_place import phrase_breaks

    trace = run_sentence(checkpoint, "猫がマットの上に座った", "causal").trace
    sel = Selection(lang="ja", rule="causal").sized(1920, 1080)
    frames = deck_with_quiz(trace, sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat"))
    asked = [f for f in frames if f.quiz and f.quiz["answer"] is None]
    save_pptx(asked, tmp_path / "q.pptx", (1920, 1080), None, lambda done, total: None)
    broken = 0
    for frame, slide in zip(asked, Presentation(str(tmp_path / "q.pptx")).slides):
        question = frame.quiz["question"]
        lines = next(s for s in slide.shapes if s.name == QUIZ_NAME).text_frame.paragraphs[0].text.split("\v")
        assert "".join(lines) == question, lines
        starts = [sum(map(len, lines[:k])) for k in range(1, len(lines))]
        assert set(starts) <= set(phrase_breaks(question)), lines  # never 「でしょ / う？」 nor 「「座っ / た」」
        broken += len(lines) > 1
    assert len(asked) >= 4 and broken >= 2
