"""Link lines keep off the name tags of the two desks they join (and, in the teacher's two pictures, the cards'
numbers): measured on the real scene items of classes of 6, 9, 12 and 64 students (English and Japanese, the
first, a middle and the last student asking), no drawn line, square cap and width included, crosses its desks'
names (with their seat numbers) or badges (the thick line from "mat" to "cat" once ran through the name "mat",
and every link from the row below arched over its own name tag)."""
from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run
from classroom_gui.scene.link_labels import point_at

from test_link_labels_clear import CLASSES, discussion_class

STEPS = 200  # points looked at along each drawn line


def name_tags(scene, frame) -> dict[int, list[tuple[str, QRectF]]]:
    """Seat -> (what, rectangle) of its name with the seat number and of its badge, read from the items that draw
    them; a seat drawn in the class picture (not a DeskItem) has its whole name tag."""
    from classroom_gui.scene.layout import desk_layout
    out: dict[int, list[tuple[str, QRectF]]] = {}
    for desk in scene.desks:
        s, b = desk.student, desk.box
        if not desk.isVisible() or s is None or b is None:
            continue
        x, y = desk.pos().x(), desk.pos().y()
        width = QFontMetricsF(desk.name_font).horizontalAdvance(desk.name_text)
        out.setdefault(s.index, []).append(("name", QRectF(x + b.pad, y, desk._name_left() - b.pad + width, b.header_h)))
        bw, px = desk._badge_size()
        if bw:
            out[s.index].append(("badge", QRectF(x + b.w - b.pad - bw, y + (b.header_h - px * 1.5) / 2, bw, px * 1.5)))
    for s in frame.students:
        if s.index not in out:
            out[s.index] = [("name tag", QRectF(s.x, s.y, s.w, desk_layout(float(s.w), float(s.h), (1,)).header_h))]
    return out


def crossing(curve, width: float, rect: QRectF) -> bool:
    """Whether a line along `curve`, `width` wide with square caps, paints over `rect`: a point of the line within
    half the width of the rectangle, or an end's cap (reaching width / 2 * sqrt(2) from the end) on it."""
    for k in range(STEPS + 1):
        x, y = point_at(curve, k / STEPS)
        reach = width / 2 * (math.sqrt(2) if k in (0, STEPS) else 1.0)
        dx = max(rect.left() - x, 0.0, x - rect.right())
        dy = max(rect.top() - y, 0.0, y - rect.bottom())
        if math.hypot(dx, dy) < reach:
            return True
    return False


@pytest.mark.parametrize("text,lang,focus", CLASSES, ids=lambda v: str(v)[:14])
def test_link_lines_keep_off_their_desks_name_tags(qapp, checkpoint, text, lang, focus):
    from classroom_gui.scene.classroom import ClassroomScene
    trace, n, timeline = discussion_class(checkpoint, text)
    scene = ClassroomScene()
    checked = 0
    try:
        for asker in sorted({focus, 1, (n + 1) // 2, n}):
            sel = Selection(focus=asker - 1, lang=lang)
            for chapter in ("scoring", "softmax", "listening"):
                frame = frame_at(trace, sel, timeline.chapter_end(chapter))
                scene.set_frame(frame)
                tags = name_tags(scene, frame)
                names = {s.index: s.text for s in frame.students}
                for link, curve, width in scene.links.curves:
                    for seat in {link.source, link.target}:
                        for what, rect in tags[seat]:
                            assert not crossing(curve, width, rect), (
                                f"{n} students, {names[asker - 1]!r} asks, {chapter}: the line from "
                                f"{names[link.source]!r} (seat {link.source + 1}) to {names[link.target]!r} (seat "
                                f"{link.target + 1}) crosses the {what} of seat {seat + 1}")
                    checked += 1
    finally:
        scene.clear()
    assert checked >= 3 * n  # every chapter draws a link to or from every student, or most of them


def number_cells(scene) -> list[tuple[str, int, QRectF]]:
    """(card, seat, rectangle) of every drawn desk's strip cells that show digits."""
    out = []
    for desk in scene.desks:
        if not desk.isVisible() or desk.student is None or desk.box is None:
            continue
        x, y = desk.pos().x(), desk.pos().y()
        for k, st in enumerate(desk.box.strips):
            if st.number_px:
                out.append((f"card {k + 1}", desk.student.index,
                            QRectF(x + st.x + st.tab_w, y + st.cells_y, st.w - st.tab_w, st.h - st.label_h)))
    return out


@pytest.mark.parametrize("text,lang,chapter,keep_off", [
    ("The cat sat on the mat", "en", "softmax", None),          # mat -> cat once ran over "sat"'s opinion card
    ("猫がマットの上に座った", "ja", "listening", {2, 6}),  # lines from the first row over 「が」's and 「マット」's notebooks
])
def test_the_heaviest_links_keep_off_the_cards_numbers(qapp, checkpoint, text, lang, chapter, keep_off):
    """The teacher's two pictures: the heaviest link, and the lines into the asker from the row below and from
    the far end of its own row, keep off every card's digits (link_routes.choose counts a line over numbers as a
    cost, and a link within the asker's row may arch over the name tags instead of over the cards)."""
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.links import LinkLayer
    trace = compute_run(checkpoint, text, mask="none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    try:
        asker = 1 if lang == "en" else 0
        frame = frame_at(trace, Selection(focus=asker, lang=lang), timeline.chapter_end(chapter))
        scene.set_frame(frame)
        heaviest = frame.links[LinkLayer.heaviest(frame.links)]
        names = {s.index: s.text for s in frame.students}
        cells = number_cells(scene)
        assert len(cells) >= 4 * len(frame.students)  # every desk shows its numbers: the check is not empty
        checked = 0
        for link, curve, width in scene.links.curves:
            other = link.source if link.target == asker else link.target
            if link is not heaviest and (keep_off is None or other not in keep_off):
                continue
            checked += 1
            for card, seat, rect in cells:
                assert not crossing(curve, width, rect), (
                    f"the line from {names[link.source]!r} to {names[link.target]!r} crosses {card} of "
                    f"{names[seat]!r}")
        assert checked >= (1 if keep_off is None else len(keep_off))
    finally:
        scene.clear()
