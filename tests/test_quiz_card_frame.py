"""teacher16 L1: at 16:9 the answered quiz card sat across the board's top frame by 10-20 px (window and PDF deck):
quiz_place kept it off the board's contents, not its frame. The card is now on the board or off it, clear of the
frame's pen on all four sides, unless no card saying as much (the same kind: teacher15 M1, a card that dropped its
question) has a place off it; for 5 to 12 students, en and ja, 16:9 and 4:3."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from test_quiz_card_place import answered, sentence


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
    seen = 0
    for n in range(5, 13):
        for frame in answered(checkpoint, sentence(lang, n), lang, size, "none" if n % 2 else "causal"):
            scene.set_frame(frame)
            panel = scene.quiz_panel
            card = panel.area.adjusted(-2.5, -2.5, 2.5, 2.5)  # with its own pen (5 px, half outside)
            pen = scene.board.panel._style[2]
            assert pen >= 4  # (the board's frame is drawn)
            across = [r for r in frame_sides(QRectF(scene.board.panel.area), pen) if r.intersects(card)]
            seen += 1
            if across:
                assert not clear_place(scene, frame, scene.quiz_card.kind), (n, frame.title, card, across)
    assert seen >= 8 * 3


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
