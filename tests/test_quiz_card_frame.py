"""teacher16 L1: at 16:9 the answered quiz card sat across the board's top frame by 10-20 px (window and PDF deck):
quiz_place kept it off the board's contents, not its frame. The card is now on the board or off it, clear of the
frame's pen on all four sides, unless no card saying as much (the same kind: teacher15 M1, a card that dropped its
question) has a place off it; for 5 to 12 students, en and ja, 16:9 and 4:3. tidyr: the cards that ask the question
are tried off the frame first (over the legend if need be), and a question card may say its answer after the question
(one or two lines in the title row): of each sweep's 32 cards 6, 9, 14 and 10 crossed (16:9 en, ja, 4:3 en, ja), then
0, 1, 1 and 3; on the seed none at 16:9 nor in English at 4:3. quiz22: a Japanese choice has no space next to its
「」 (choice_line) and a question breaks after a name's particle (「「猫」が／いちばん」): 0, 1, 1 and 1, and none on the
seed in either language at either shape; then the top-share question named its rule (teacher20 M1, a phrase longer):
0, 2, 1 and 2, the seed still none."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from test_quiz_card_place import SEED, answered, sentence

# the most cards of a sweep (32) that may cross the frame, each with no place off it for a card of its kind
MOST_CROSSING = {("en", (1920, 1080)): 0, ("ja", (1920, 1080)): 2, ("en", (1024, 768)): 1, ("ja", (1024, 768)): 2}


def frame_sides(board: QRectF, pen: float) -> list[QRectF]:
    """The board's frame as drawn: a pen `pen` wide centred on each edge of its rect."""
    h = pen / 2
    return [QRectF(board.left() - h, board.top() - h, board.width() + pen, pen),
            QRectF(board.left() - h, board.bottom() - h, board.width() + pen, pen),
            QRectF(board.left() - h, board.top() - h, pen, board.height() + pen),
            QRectF(board.right() - h, board.top() - h, pen, board.height() + pen)]


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_answer_card_keeps_off_the_boards_frame(qapp, checkpoint, lang, size):
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    seen = crossed = 0
    for n in range(5, 13):
        for frame in answered(checkpoint, sentence(lang, n), lang, size, "none" if n % 2 else "causal"):
            crossed += crosses(scene, frame)
            seen += 1
    assert seen >= 8 * 3 and crossed <= MOST_CROSSING[lang, size], (crossed, seen)


def crosses(scene, frame) -> bool:
    """Whether the answered card of `frame` crosses the board's frame (checking that no card of its kind had a place
    off it, legend or not)."""
    scene.set_frame(frame)
    card = scene.quiz_panel.area.adjusted(-2.5, -2.5, 2.5, 2.5)  # with its own pen (5 px, half outside)
    pen = scene.board.panel._style[2]
    assert pen >= 4  # (the board's frame is drawn)
    across = [r for r in frame_sides(QRectF(scene.board.panel.area), pen) if r.intersects(card)]
    if across:
        assert not clear_place(scene, frame, scene.quiz_card.kind), (frame.title, card, across)
    return bool(across)


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_seed_s_answer_cards_keep_off_the_frame(qapp, checkpoint, lang, size):
    """The seed's 8 answer cards (both rules): none crosses the frame; each keeps its question where one with it fits
    off the frame. In Japanese at 4:3 the mask chapter's last step leaves only the 226 px between the class and the
    board, and its two cards saying the question at 24 px needed 242 (「ウ  「マット」  ✓」 194 px, the phrase
    「「が」がいちばん」 192 px): 4 of 8 crossed (quiz22 found); now 217, the widest line 168 px."""
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.quiz_place import ASKS

    scene = ClassroomScene()
    cards = [frame for rule in ("none", "causal") for frame in answered(checkpoint, SEED[lang], lang, size, rule)]
    crossing = [frame.quiz["step"] for frame in cards if crosses(scene, frame)]
    assert len(cards) == 8
    assert not crossing, crossing
    for frame in cards:
        scene.set_frame(frame)
        assert scene.quiz_card.kind in ASKS or not clear_place(scene, frame, "question"), frame.title


def clear_place(scene, frame, kind: str) -> bool:
    """Whether a card of `kind` has a free place clear of the board's frame as well (quiz_place's own layouts)."""
    from classroom_gui.scene.quiz import shown_by_answer
    from classroom_gui.scene.quiz_place import FreeGrid, layouts

    canvas = frame.canvas
    area = QRectF(12, 12, canvas.width - 24, canvas.height - 24)
    grid = FreeGrid(area, shown_by_answer(scene) + frame_sides(QRectF(scene.board.panel.area), 8.0))
    x, y, w, h = canvas.board
    return any(grid.place(lw, lh, (x + w / 2, y + h / 2)) is not None
               for _, _, _, k, lw, lh in layouts(frame.quiz, frame.quiz["marks"], 1.0, area.width()) if k == kind)
