"""teacher27 M2, teacher28 M3: a quiz slide's picture was drawn from the frame without its quiz, so its board took
the bigger chalk of a board with no card, and at answer.norm the worked final LayerNorm ran under the answered card's
box ("evened = …", the check's "(-0.19 + 0.089) ÷ 4.709 = -0.02" hidden on the slide, not in the window). The picture
is now laid out round the card as the canvas is, the card left to its own box: under the box the board is bare."""
from __future__ import annotations


import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from classroom_gui.export.moments import deck_times
from classroom_gui.lesson.quiz_play import deck_with_quiz
from classroom_gui.lesson.state import Selection, timeline_for
from classroom_gui.model.sentence import run_sentence


def chalk_under(image: QImage, rect: QRectF) -> int:
    """The light (chalk) pixels of `image` inside `rect`, image pixels."""
    lit = 0
    for y in range(int(rect.top()), int(rect.bottom()), 2):
        for x in range(int(rect.left()), int(rect.right()), 2):
            c = image.pixelColor(x, y)
            lit += c.lightness() > 170
    return lit


@pytest.mark.parametrize("lang, text, size", [("en", "The cat sat on the mat", (1024, 768)),
                                              ("ja", "猫がマットの上に座った", (1920, 1080))])
def test_the_answered_card_at_answer_norm_leaves_the_worked_lines_in_view(qapp, checkpoint, tmp_path, lang, text,
                                                                          size):
    from pptx import Presentation

    from classroom_gui.export.deck_pptx import EMU_PER_PX, QUIZ_NAME, save_pptx
    from classroom_gui.lesson.canvas import PICTURE_TOP
    from classroom_gui.scene.board import PAD

    trace = run_sentence(checkpoint, text, "none").trace
    sel = Selection(lang=lang, rule="none").sized(*size)
    frames = deck_with_quiz(trace, sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat"))
    norm = [f for f in frames if f.quiz and f.chapter_key == "answer"]  # asked over the worked final norm, answered
    # over the logits' worked lines (teacher34 #13: it was answered over the norm's)
    assert norm, [f.title for f in frames if f.quiz]
    save_pptx(norm, tmp_path / "q.pptx", size, None, lambda done, total: None)
    for frame, slide in zip(norm, Presentation(str(tmp_path / "q.pptx")).slides):
        bare_under_card(frame, slide, QUIZ_NAME, EMU_PER_PX, PICTURE_TOP, PAD)


def bare_under_card(frame, slide, QUIZ_NAME, EMU_PER_PX, PICTURE_TOP, PAD) -> None:
    """No chalk of the slide's picture under its quiz card's box where that box is over the board."""
    box = next(s for s in slide.shapes if s.name == QUIZ_NAME)
    card = QRectF(*(v / EMU_PER_PX for v in (box.left, box.top, box.width, box.height)))
    picture = next(s for s in slide.shapes if s.shape_type == 13)  # the canvas's band between title and caption
    image = QImage.fromData(picture.image.blob)
    scale = image.width() / frame.canvas.width
    x, y, w, h = frame.canvas.board
    inner = QRectF(x + PAD, y + PAD, w - 2 * PAD, h - 2 * PAD)
    under = card.intersected(inner)
    if under.isEmpty():  # a card off the board hides none of it
        return
    on_picture = QRectF(under.x() * scale, (under.y() - PICTURE_TOP) * scale, under.width() * scale,
                        under.height() * scale)
    assert chalk_under(image, on_picture) == 0, (frame.title, card)
