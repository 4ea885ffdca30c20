"""The quiz card on the canvas: the question and its lettered choices over the blackboard (where the answer
will appear), and once revealed the answer marked with ✓ and its letter in bold colour, over the board's lines
(above its chart): the desks' cards and share badges the answer is read from stay in view (teacher13 M3: over the
class it hid 「猫」's cards and two badges). Draws Frame.quiz only."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt

from ..lesson.canvas import Canvas
from .board import GAP
from .items import PanelItem, TextBlockItem

Z_QUIZ = 35.0  # over the desks, links and caption; under a message
LETTERS = "ABCD"


ANSWERED_LEAST = 0.22  # of the canvas's height (238 px): a card shorter than this above the chart takes the board


def quiz_box(canvas: Canvas, revealed: bool, chart: QRectF | None = None) -> QRectF:
    """Where the card goes on `canvas`: asked, over the board and the class's right (the answer is not yet shown);
    answered, over the board only (never a desk), above its chart (`chart`, Board.chart: the bars of the shares or
    of the next word) where that leaves room for the card, else the whole board."""
    w, h = canvas.width, canvas.height
    if revealed:
        x, y, bw, bh = canvas.board
        if chart is not None and chart.top() - GAP - y >= h * ANSWERED_LEAST:
            bh = chart.top() - GAP - y  # (the chart's heading reaches a little above its rect)
        return QRectF(x, y, bw, bh)
    return QRectF(w * 0.40, h * 0.10, w * 0.58, h * 0.62)


def quiz_text(quiz: dict) -> str:
    lines = [quiz["question"], ""]
    for i, choice in enumerate(quiz["choices"]):
        mark = "  ✓" if quiz["answer"] == i else ""
        lines.append(f"{LETTERS[i]}.  {choice}{mark}")
    return "\n".join(lines)


def show_quiz(scene, frame, th) -> None:
    """Create the two items on first use; show or hide them for this frame."""
    if not hasattr(scene, "quiz_panel"):
        scene.quiz_panel, scene.quiz_text = PanelItem(), TextBlockItem()
        for item, z in ((scene.quiz_panel, Z_QUIZ), (scene.quiz_text, Z_QUIZ + 1)):
            item.setZValue(z)
            scene.addItem(item)
    on = frame.quiz is not None
    scene.quiz_panel.setVisible(on)
    scene.quiz_text.setVisible(on)
    if not on:
        return
    revealed = frame.quiz["answer"] is not None
    box = quiz_box(frame.canvas, revealed, scene.board.chart if scene.board.panel.isVisible() else None)
    scene.quiz_panel.set_panel(box, th.color("desk"), th.color("focus") if not revealed else th.color("value"), 5.0, 24)
    scene.quiz_text.set_text(quiz_text(frame.quiz), box.adjusted(36, 28, -36, -28), 44 * th.font_scale, 20,
                         th.color("text"), align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
