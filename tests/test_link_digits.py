"""polish7: link lines keep off the cards' digits where a route can. Desks without the cards' caption rows (four
to a row: the Japanese seed, an English class of 7 to 12) had no band under the name tags free of digits, so a
line within the asker's row arched down over the notebooks: in the Japanese listening step the lines from 「が」 and
「の」 crossed the first row of numbers. A line within a row may now run straight along the lane between the name
tags and the cards (link_geometry.route at bow 0), and in a class of up to 12 the unlabelled links are routed off
the digits too (they were left on their default arches)."""
from __future__ import annotations

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

from test_link_lines_clear import crossing, number_cells


def lines_over_digits(checkpoint, text: str, lang: str, asker: int, chapters, rows_apart: int = 9):
    """(step, source, target) of every drawn line over a card's digits in the steps of these chapters, leaving out
    lines between desks `rows_apart` or more rows apart (such a line has to cross the row between)."""
    from classroom_gui.scene.classroom import ClassroomScene

    trace = compute_run(checkpoint, text, mask="none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    found, steps, lines = [], 0, 0
    try:
        for i, beat in enumerate(timeline.beats):
            if beat.chapter not in chapters:
                continue
            frame = frame_at(trace, Selection(focus=asker, lang=lang, rule="none"), timeline.beat_stop(i))
            scene.set_frame(frame)
            rows = {s.index: s.y for s in frame.students}
            row_h = min(s.h for s in frame.students)
            cells = number_cells(scene)
            assert len(cells) >= 4 * len(frame.students)  # every desk shows its numbers: the check is not empty
            steps += 1
            for link, curve, width in scene.links.curves:
                if abs(rows[link.source] - rows[link.target]) >= rows_apart * row_h:
                    continue
                lines += 1
                if any(crossing(curve, width, rect) for _, _, rect in cells):
                    found.append((beat.key, link.source, link.target))
    finally:
        scene.clear()
    return found, steps, lines


def test_the_japanese_listening_lines_keep_off_the_notebooks_numbers(qapp, checkpoint):
    """Every step of the listening chapter of the Japanese seed (「猫」 asks, the first seat): no line crosses a digit
    (「が」's and 「の」's lines crossed the first row of 「が」's and 「マット」's notebooks)."""
    found, steps, lines = lines_over_digits(checkpoint, "猫がマットの上に座った", "ja", 0, {"listening"})
    assert steps >= 2 and lines >= 6 * steps
    assert found == [], found


def test_a_ten_student_class_routes_its_unlabelled_links_off_the_digits(qapp, checkpoint):
    """An English class of 10 ("cat" asks, three rows of four): in the shares and listening steps every line from
    the asker's row and the row below keeps off the digits, the four unlabelled ones too (those of "on", "the",
    "and" crossed the cards); only the line from the third row has to cross the row between."""
    found, steps, lines = lines_over_digits(checkpoint, "the cat sat on the mat and the dog sat", "en", 1,
                                            {"softmax", "listening"}, rows_apart=2)
    assert steps >= 4 and lines >= 7 * 2
    assert found == [], found
