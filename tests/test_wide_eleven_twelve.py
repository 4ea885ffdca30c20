"""On the 16:9 canvas a class of 11 or 12 students (the gallery's tired/wide sentences have 11) sits 6 desks a row in
two rows a lane apart (lesson.layout.LANE), numbers down to 12 px: at every chapter end, in English and Japanese,
every strip is whole but the embedding chapter's notebooks and, where a desk holds four cards beside it (the
listening and everyone chapters), its notebook; no name is cut; no digit is under 12 logical px. And the links'
share labels, with desks full of numbers, find room: none covers a digit, none comes within CLEAR_PX of a name or
a badge, none sits nearer another desk's name tag than half its height unless nearer still its own.
(At 4 a row every chapter's cards were cut: 2,843 of 6,696 numbers shown at 11 students.)
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF


from test_link_labels_clear import CLEAR_PX, texts_to_keep_clear
from test_link_labels_whole_desk import gap_between
from test_link_labels_whole_desk import read_on_badges
from test_link_lines_clear import number_cells
from test_wide_numbers import chapter_ends

TIRED = "The animal didn't cross the street because it was too tired"
CASES = [  # (lang, text, asker's seat)
    ("en", TIRED, 8), ("ja", TIRED, 8), ("en", TIRED.replace("tired", "wide"), 2),
    ("en", "the cat sat on the mat and the dog sat on the", 12), ("ja", "猫がマットの上に座った。犬も庭で", 1)]
CUT_NOTEBOOKS = {"listening", "everyone"}  # a notebook (24 numbers) beside four cards misses one row


@pytest.mark.parametrize("lang,text,asker", CASES, ids=lambda v: str(v)[:12])
def test_11_or_12_students_at_16_9_show_their_numbers_and_labels_find_room(qapp, checkpoint, lang, text, asker):
    labels = badged = 0
    for where, frame, scene, desks in chapter_ends(checkpoint, text, lang, asker, range(11, 13)):
        chapter = frame.chapter_key
        for k, _, strips, _ in desks:
            for i, (numbers, _, whole) in enumerate(strips):
                may_cut = chapter == "embedding" or (chapter in CUT_NOTEBOOKS and i == 0 and len(strips) == 5)
                assert whole or may_cut, f"{where}: desk {k}'s strip {i + 1} ({numbers} numbers) cut"
        digits = number_cells(scene)
        keep = texts_to_keep_clear(scene, frame)
        tag_rects = {d.student.index: QRectF(d.pos().x(), d.pos().y(), d.box.w, d.box.header_h)
                     for d in scene.desks if d.isVisible() and d.student is not None and d.box is not None}
        for link, pill in scene.links.label_boxes:
            if link.progress < 1:  # a label riding its travelling card goes where the card is
                continue
            on = [(card, seat) for card, seat, r in digits if pill.intersects(r)]
            assert not on, f"{where}: the {link.label} label covers digits of {on[0]}"
            near = pill.adjusted(-CLEAR_PX, -CLEAR_PX, CLEAR_PX, CLEAR_PX)
            hit = [what for what, r in keep if near.intersects(r)]
            assert not hit, f"{where}: the {link.label} label is against the {hit[0]}"
            own = link.source if link.source != asker - 1 else link.target
            mine = gap_between(pill, tag_rects[own])
            for seat, tag in tag_rects.items():
                assert seat == own or gap_between(pill, tag) >= min(mine, pill.height() / 2), (
                    f"{where}: the {link.label} label of seat {own + 1} sits by seat {seat + 1}'s name tag")
            labels += 1
        badged += read_on_badges(scene, frame)
    # the scoring, softmax and listening steps label their links, or leave a label off where it would read as another
    # desk's and its own desk's badge shows the number (teacher33 #1)
    assert labels >= 1 and labels + badged >= 2 * len(desks)
