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


@pytest.mark.parametrize("lang, text, size, answered_over", [
    ("en", "The cat sat on the mat", (1024, 768), False), ("ja", "猫がマットの上に座った", (1920, 1080), False),
    ("ja", "猫がマットの上に座った", (1024, 768), True)])
def test_the_quiz_cards_over_the_board_leave_no_chalk_under_them(qapp, checkpoint, tmp_path, lang, text, size,
                                                                 answered_over):
    """Every quiz slide of the deck, asked and answered. review34 #2: since teacher34 #13 the answer.norm and
    answer.logits cards of the first two classes lie off the board, so this checked nothing; the mask step's asked
    cards lie over it in all three, and 「まだ話していない」's answered card at 4:3 1024x768 over its gap between the
    lines and the chart."""
    from pptx import Presentation

    from classroom_gui.export.deck_pptx import EMU_PER_PX, QUIZ_NAME, save_pptx
    from classroom_gui.lesson.canvas import PICTURE_TOP
    from classroom_gui.scene.board import PAD

    trace = run_sentence(checkpoint, text, "none").trace
    sel = Selection(lang=lang, rule="none").sized(*size)
    frames = deck_with_quiz(trace, sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat"))
    quiz = [f for f in frames if f.quiz]
    assert any(f.chapter_key == "answer" for f in quiz), [f.title for f in quiz]  # answer.norm's and answer.logits'
    save_pptx(quiz, tmp_path / "q.pptx", size, None, lambda done, total: None)
    over = [(frame.beat_key, frame.quiz["answer"] is not None)
            for frame, slide in zip(quiz, Presentation(str(tmp_path / "q.pptx")).slides)
            if bare_under_card(frame, slide, QUIZ_NAME, EMU_PER_PX, PICTURE_TOP, PAD)]
    assert over and any(answered for _, answered in over) == answered_over, over  # some card is over the board


def bare_under_card(frame, slide, QUIZ_NAME, EMU_PER_PX, PICTURE_TOP, PAD) -> bool:
    """No chalk of the slide's picture under its quiz card's box where that box is over the board: whether it is."""
    box = next(s for s in slide.shapes if s.name == QUIZ_NAME)
    card = QRectF(*(v / EMU_PER_PX for v in (box.left, box.top, box.width, box.height)))
    picture = next(s for s in slide.shapes if s.shape_type == 13)  # the canvas's band between title and caption
    image = QImage.fromData(picture.image.blob)
    scale = image.width() / frame.canvas.width
    x, y, w, h = frame.canvas.board
    inner = QRectF(x + PAD, y + PAD, w - 2 * PAD, h - 2 * PAD)
    under = card.intersected(inner)
    if under.isEmpty():  # a card off the board hides none of it
        return False
    on_picture = QRectF(under.x() * scale, (under.y() - PICTURE_TOP) * scale, under.width() * scale,
                        under.height() * scale)
    assert chalk_under(image, on_picture) == 0, (frame.title, card)
    return True
