"""review33 #5 and #9: the boards say why their shares have the decimals they have, and to what they redo. The
16-word class's softmax board wrote "(shares to 4 decimals: so each rounds to its bar)" where 3 already did: its 4
are the mask board's. The mask board's "The": 0.0732 ⇒ 0.6366 shares out again to 0.6365, not 0.6366 (it redoes to
the 2 decimals of the badges, and now says so), and its "seats 7–16: 0.3380 in all" was not the sum of the ten
shares the softmax board writes for them (0.3382)."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from classroom_gui.lesson.numbers import exact_sum, fmt, hand_divide, places_of
from classroom_gui.lesson.softmax_row import share_places
from classroom_gui.lesson.state import prepared_run
from classroom_gui.lesson.strings import text
from test_share_same_decimals import LONG, PAIR, boards

RUN = re.compile(r"^seats (\d+)–(\d+) \(\d+ students\): ([\d.]+) in all")
SHARE = re.compile(r'^"(.+?)"(?: \(seat (\d+)\))?: .* = ([\d.]+)$')


def test_the_softmax_board_says_its_decimals_are_the_mask_boards(checkpoint):
    trace = prepared_run(checkpoint, LONG, "none").trace
    f = 1  # (the asker a new sentence opens with in discussion: default_focus, "cat")
    H = trace.layers[0].head(0)
    own = share_places(H.weights[f], ~H.mask[f])
    board = boards(checkpoint, LONG, "none")["softmax"]
    places = max(places_of(m.group(3)) for m in map(SHARE.match, board) if m)
    assert places > own  # the mask board's decimals, more than the row's own
    assert text("en", "board.hand_places_mask", places=places) in board
    assert text("en", "board.hand_places", places=places) not in board


def test_the_mask_board_redoes_as_it_says(checkpoint):
    got = boards(checkpoint, LONG, "none")
    mask, soft = got["mask"], got["softmax"]
    assert text("en", "board.mask_redo") in mask
    pairs = [m for m in map(PAIR.match, mask) if m and m.group(4) != "0"]
    total = exact_sum([m.group(3) for m in pairs])
    assert len(pairs) >= 2
    for m in pairs:  # the heard discussion shares as written ÷ their sum: the in-turn ones at 2 decimals
        turn = Decimal(m.group(4)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert hand_divide(m.group(3), total, 2) == str(turn), m.group(0)
    # a run's "in all": the sum of the shares the softmax board writes for its seats (each the model's at the board's
    # decimals, as every share line of that board shows)
    w = prepared_run(checkpoint, LONG, "none").trace.layers[0].head(0).weights[1]
    places = places_of(pairs[0].group(3))
    assert all(m.group(3) == fmt(float(w[int(m.group(2)) - 1]), places) for m in map(SHARE.match, soft)
               if m and m.group(2))
    runs = [m for m in map(RUN.match, mask) if m]
    assert runs
    for m in runs:
        seats = range(int(m.group(1)) - 1, int(m.group(2)))
        assert m.group(3) == exact_sum([fmt(float(w[s]), places) for s in seats])
