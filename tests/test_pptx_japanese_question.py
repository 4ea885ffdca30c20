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


def test_a_japanese_question_is_broken_at_the_size_the_theme_writes_it(qapp, checkpoint):
    """review25 #6: the breaks were measured at px but written at px × font_scale (1.08 in the contrast theme), with no
    SLACK, so a line that filled the box re-wrapped inside a phrase in LibreOffice."""
    from PySide6.QtGui import QFontMetricsF

    from classroom_gui.export.deck_pptx import ASKED_MARGINS, LIBREOFFICE_WIDER, _asked
    from classroom_gui.scene.quiz import asked_box
    from classroom_gui.scene import fonts
    from classroom_gui.scene.quiz_place import SLACK, phrase_breaks

    trace = run_sentence(checkpoint, "猫がマットの上に座った", "causal").trace
    sel = Selection(lang="ja", rule="causal").sized(1920, 1080)
    frames = deck_with_quiz(trace, sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat"))
    quiz = next(f.quiz for f in frames if f.quiz and f.quiz["answer"] is None)
    box = asked_box(sel.canvas)
    room = (box.width() - 2 * ASKED_MARGINS[0]) / SLACK / LIBREOFFICE_WIDER
    for n in range(1, 9):  # longer and longer questions: one of them fills a line
        question = "順番に発言（GPT）では、" + "「マット」と「座った」の" * n + "どちらがよく聞こえるでしょう？"
        for scale in (1.0, 1.08):
            _box, said, px = _asked({**quiz, "question": question}, box, scale)
            lines = said[0].split("\v")
            assert "".join(lines) == question
            assert {sum(map(len, lines[:k])) for k in range(1, len(lines))} <= set(phrase_breaks(question))
            fm = QFontMetricsF(fonts.font(px * scale))
            assert max(fm.horizontalAdvance(line) for line in lines) <= room, (n, scale, lines)
