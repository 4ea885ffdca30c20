"""The quiz card on the canvas: the question and its lettered choices off the board's lines they are worked from
(asked_card; over the board where it has none), and once revealed the answer marked with ✓ in a free place of the canvas (scene.quiz_place): clear
of the desks and their badges, the links' share labels, the board's lines and strips, and its chart, all of which
the answer is read from (teacher13 M3: over the class it hid 「猫」's cards and two badges; review17: over the
board's lines it hid the mask answer's 「が」：0.221⇒0… and the softmax divisions). Draws Frame.quiz only, its choices marked as it says (A. B. …, ア イ …: lesson.quiz.marks)."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from . import fonts
from .areas import caption_rect
from .board import FRAME
from .items import PanelItem, TextBlockItem
from .quiz_place import (FOOT_PX, KEYS_BELOW, MOST_PX, PAD_X, PAIR_GAP, PAD_Y, Placed, answered_place, asked_place,
                         card_lines, foot_height, question_lines)

Z_QUIZ = 35.0  # over the desks, links and caption; under a message
HEADING = 6.0  # a bar chart's heading reaches a little above its rect (Board.chart; the items' bounds hold it)


def asked_box(canvas) -> QRectF:
    """Where the asked card goes on `canvas`: over the board and the class's right (the answer is not yet shown)."""
    w, h = canvas.width, canvas.height
    return QRectF(w * 0.40, h * 0.10, w * 0.58, h * 0.62)


def shown_by_answer(scene, leave=frozenset()) -> list[QRectF]:
    """Where `scene` (holding its frame) draws what an answer is read from, canvas pixels: every seat and drawn
    desk (its name, cards and badge), the links' share labels, the board's lines as far down as they reach, its
    strips and chart (with its heading), the words of the title and notes, and the caption's whole box with the
    narration in it (teacher15 M1: a card clear of the narration's words ran into its box at 11 students, 4:3). The
    cards' colour key (the legend) is not: answer_card keeps off it unless that would put the card across the
    board's frame. `leave`: seats left out (desks the answer is not read from, answer_card)."""
    out = [QRectF(s.x, s.y, s.w, s.h) for s in scene.frame.students if s.index not in leave]
    out += [d.sceneBoundingRect() for d in scene.desks if d.isVisible() and not (d.student and d.student.index in leave)]
    out += [p.sceneBoundingRect() for p in scene.links.labels if p.isVisible()]
    board = scene.board
    if board.lines.isVisible():  # (in the board close-up as wide as they are: its wide board has room beside them)
        a = board.lines.area
        wide = board.lines.used_width() if scene.frame.canvas.close_up else a.width()
        out.append(QRectF(a.x(), a.y(), wide, board.lines.used_height()))
    out += [s.sceneBoundingRect() for s in board.strips if s.isVisible()]
    out += [c.sceneBoundingRect() for c in (board.bars, board.beside, board.heatmap) if c.isVisible()]
    if board.chart is not None:
        out.append(board.chart.adjusted(0, -HEADING, 0, 0))
    out.append(caption_rect(scene.frame.canvas))
    return out + [r for item in (scene.title, scene.narration, scene.notices) for r in item.words()]


def frame_sides(scene) -> list[QRectF]:
    """The board's frame as drawn: a pen FRAME wide on each of its four sides."""
    r, half = scene.board.area, FRAME / 2
    return [QRectF(r.left() - half, r.top() - half, r.width() + FRAME, FRAME),
            QRectF(r.left() - half, r.bottom() - half, r.width() + FRAME, FRAME),
            QRectF(r.left() - half, r.top() - half, FRAME, r.height() + FRAME),
            QRectF(r.right() - half, r.top() - half, FRAME, r.height() + FRAME)]


def answer_card(scene, quiz: dict, font_scale: float) -> Placed:
    """The answered card for `scene`'s frame: the most it can say (question and choices, the question and its
    answer, the choices, the answer alone) at 24 px or more, in the free place nearest the board's middle (below its
    lines, a free classroom cell, the title row, a corner of the caption); never over the chart; over the legend
    only where that keeps it off the board's frame, and across the frame only when saying as much off it has no
    place (teacher16 L1; tidyr: at 4:3 the title row beside the title is free only over the legend). A card that
    says its question may cover the desks its answer is not read from (quiz["seats"]: neither the asker nor a
    student it names) where clear of every desk it would lose the question (boards21: 12 students at 4:3)."""
    canvas = scene.frame.canvas
    x, y, bw, bh = canvas.board
    area = QRectF(12, 12, canvas.width - 24, canvas.height - 24)
    near = (x + bw / 2, y + bh / 2)
    legend = [QRectF(scene.legend.area)] if scene.legend.isVisible() else []
    named = quiz.get("seats") or []
    seats = frozenset(s.index for s in scene.frame.students)
    if named:  # a named student's desk whose cards the rule hatches (the mask chapter) is read by its name only:
        # the card may cover its cards (teacher40 #10: the second mask answer squeezed into one free desk, 7 lines)
        hatched = {s.index for s in scene.frame.students if s.state == "masked"} & set(named)
        leave = seats - set(named) | hatched
        heads = desk_heads(scene) if hatched else {}
        loose = shown_by_answer(scene, leave) + [heads[i] for i in sorted(hatched) if i in heads] if leave else None
    else:  # every desk is read, by its name and share badge only (the sum, the next word): not its cards (polish23)
        headed = desk_heads(scene)
        loose = shown_by_answer(scene, frozenset(headed)) + list(headed.values())
    return answered_place(quiz, quiz["marks"], area, shown_by_answer(scene), near, font_scale, caption_rect(canvas),
                          frame_sides(scene), legend, loose)


def desk_heads(scene) -> dict[int, QRectF]:
    """Each drawn desk's name band, seat -> canvas rect: its full width, down to the foot of its name tag or badge,
    whichever is lower (DeskItem.tag_rects), the part of a desk a sum or next-word answer reads (its share badge, its
    name); its cards below it are not."""
    heads = {}
    for d in scene.desks:
        if d.isVisible() and d.student is not None and d.box is not None:
            name, badge = d.tag_rects()
            foot = max(name.bottom(), badge.bottom() if badge is not None else 0.0)
            heads[d.student.index] = d.mapRectToScene(QRectF(0.0, 0.0, d.box.w, foot))
    return heads


def asked_card(scene, quiz: dict, font_scale: float) -> Placed | None:
    """The asked card for `scene`'s frame, off the board's lines (and strips) the question is worked from, the
    title's words and the caption; off the chart, the board's frame and the legend too where it has room; nearest
    the board's middle (over the class where that is free). None: no place, and the card goes over the board
    (asked_box). teacher22 L5: at softmax's sum step it hid the sum it asked about."""
    canvas = scene.frame.canvas
    x, y, bw, bh = canvas.board
    board = scene.board
    worked = [QRectF(board.lines.area.x(), board.lines.area.y(), board.lines.area.width(), board.lines.used_height())
              ] if board.lines.isVisible() and scene.frame.board else []
    worked += [s.sceneBoundingRect() for s in board.strips if s.isVisible()]
    if not worked:  # no lines on the board (a chapter's opening, quiz_play.opening: at most the heat map kept from
        return None  # the step before): the card goes over it
    spare = [c.sceneBoundingRect() for c in (board.bars, board.beside, board.heatmap) if c.isVisible()]
    spare += [board.chart.adjusted(0, -HEADING, 0, 0)] if board.chart is not None else []
    taken = worked + [caption_rect(canvas)] + [r for item in (scene.title, scene.notices) for r in item.words()]
    spare += frame_sides(scene)
    spare += [QRectF(scene.legend.area)] if scene.legend.isVisible() else []
    area = QRectF(12, 12, canvas.width - 24, canvas.height - 24)
    return asked_place(quiz, quiz["marks"], area, taken, (x + bw / 2, y + bh / 2), font_scale, spare)


def quiz_text(quiz: dict) -> str:
    return "\n".join(card_lines(quiz, quiz["marks"], False))


def show_quiz(scene, frame, th) -> None:
    """Create the two items on first use; show or hide them for this frame."""
    if not hasattr(scene, "quiz_panel"):
        scene.quiz_panel, scene.quiz_text, scene.quiz_keys = PanelItem(), TextBlockItem(), TextBlockItem()
        for item, z in ((scene.quiz_panel, Z_QUIZ), (scene.quiz_text, Z_QUIZ + 1), (scene.quiz_keys, Z_QUIZ + 1)):
            item.setZValue(z)
            scene.addItem(item)
    on = frame.quiz is not None
    scene.quiz_asked = None  # review27 B2: not the last asked frame's card on a frame without a quiz
    scene.quiz_hid_legend = False  # whether this frame's card hid the legend (render_frame's card=False shows it)
    scene.quiz_panel.setVisible(on)
    scene.quiz_text.setVisible(on)
    keys = frame.quiz.get("keys", "") if on else ""  # how to answer; once answered, that → marks another (more_answers)
    scene.quiz_keys.setVisible(bool(keys))
    if not on:
        return
    revealed = frame.quiz["answer"] is not None
    scene.quiz_asked = None if revealed else asked_card(scene, frame.quiz, th.font_scale)  # kept: the PPTX box reads
    if revealed:  # both
        scene.quiz_card = answer_card(scene, frame.quiz, th.font_scale)
    card = scene.quiz_card if revealed else scene.quiz_asked
    foot = 0.0
    if card is not None:
        box, text, most, least, foot = card.box, "\n".join(card.lines), card.px, card.px, card.foot
        if scene.legend.isVisible() and box.intersects(scene.legend.area):  # a card over the legend hides it (not a
            scene.legend.setVisible(False)  # part of it at either side); the next frame shows it again
            scene.quiz_hid_legend = True
    else:
        box, most, least = asked_box(frame.canvas), MOST_PX * th.font_scale, 20
        foot = foot_height(keys, box.width() - 2 * PAD_X, th.font_scale)
        fm = QFontMetricsF(fonts.font(most))  # the question broken between phrases at its biggest size
        text = "\n".join(question_lines(card_lines(frame.quiz, frame.quiz["marks"], False), fm, box.width() - 2 * PAD_X - 2))
    scene.quiz_panel.set_panel(box, th.color("desk"), frame_colour(frame.quiz, th), 5.0 if not chose(frame.quiz) else 8.0, 24)
    scene.quiz_text.set_text(text, box.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y - foot), most, least, th.color("text"),
                             align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if keys:  # how the class answers, small, at the card's foot (the window's card only: slides take no keys)
        scene.quiz_keys.set_text(keys, QRectF(box.left() + PAD_X, box.bottom() - foot, box.width() - 2 * PAD_X,
                                              foot - KEYS_BELOW), FOOT_PX * th.font_scale, 16, th.color("text_muted"))


def chose(quiz: dict) -> bool:
    """Whether the answered card marks the class's choice (quiz["chosen"], given by a key or a click)."""
    return quiz["answer"] is not None and quiz.get("chosen") is not None


def frame_colour(quiz: dict, th) -> str:
    """The card's frame: the asker's yellow while asked, the answer's green once revealed; where the class chose,
    green when right and red when wrong (teacher34 #13)."""
    if quiz["answer"] is None:
        return th.color("focus")
    if chose(quiz):
        return th.color("quiz_right" if quiz["chosen"] == quiz["answer"] else "quiz_wrong")
    return th.color("value")


def choice_at(scene, x: float, y: float) -> int:
    """The choice (from 0) of the asked card drawn at canvas point (x, y), -1 elsewhere: a click on a choice's line
    answers with it (teacher34 #13). Each line's height as the card's text draws it (wrapped at its width, the block
    centred in its box); a row of two choices is split where its second letter starts."""
    frame = getattr(scene, "frame", None)
    quiz = frame.quiz if frame is not None else None
    if quiz is None or quiz["answer"] is not None or not scene.quiz_text.isVisible():
        return -1
    item = scene.quiz_text
    area, fm = item.area, QFontMetricsF(item.font)
    if not area.contains(x, y):
        return -1
    lines = item.text.split("\n")
    heights = [fm.boundingRect(QRectF(0, 0, area.width(), 1e6), item.flags, line or " ").height() for line in lines]
    top = area.top() + (area.height() - sum(heights)) / 2
    letters = quiz["marks"]
    for line, h in zip(lines, heights):
        if top <= y < top + h:
            found = [(index_in(line, m), i) for i, m in enumerate(letters[:len(quiz["choices"])]) if starts(line, m)]
            if not found:
                return -1
            found.sort()
            left = area.left()
            for at, i in reversed(found):  # the rightmost choice whose start is left of x
                if at == 0 or x >= left + fm.horizontalAdvance(line[:at]):
                    return i
            return found[0][1]
        top += h
    return -1


def starts(line: str, letter: str) -> bool:
    """Whether `line` holds choice `letter` at its start or after a pair's gap (quiz_place.PAIR_GAP)."""
    return line.startswith(letter) or (PAIR_GAP + letter) in line


def index_in(line: str, letter: str) -> int:
    return 0 if line.startswith(letter) else line.find(PAIR_GAP + letter) + len(PAIR_GAP)
