"""The mask board's shares (softmax_row.mask_shares) chosen in whole numbers give the digits the Decimal rounding
gives, number by number (#18: the mask chapter's first frame at 512 students spent 30-40 ms in Decimal), on rows
the lesson makes, on shares a hair from a rounding edge, and on rows that are not plain."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from classroom_gui.lesson import hand_shares, softmax_row
from classroom_gui.lesson.numbers import fmt, places_of, rounds_to
from classroom_gui.lesson.softmax_row import mask_shares, shown_softmax


def by_decimal(free, turn, unheard, free_board, turn_board):
    """mask_shares as it was before #18's session 19: every share rounded and divided in Decimal."""
    boards = list(free_board) + list(turn_board)
    start = max((places_of(t) for t in boards), default=softmax_row.SHARE_PLACES)
    tries = range(start, max(start, softmax_row.MASK_PLACES) + 1)
    heard = [not m for m in np.asarray(unheard, bool).tolist()]
    found = softmax_row._mask_decimal(np.asarray(free, np.float64).tolist(), np.asarray(turn, np.float64).tolist(),
                                      heard, boards, tries)
    return found or (list(free_board), list(turn_board))


def softmax(x, mask):
    e = np.where(mask, 0.0, np.exp(x - np.max(np.where(mask, -np.inf, x))))
    return e / e.sum()


def rows(rng, count: int):
    """(free, turn, unheard, free board, turn board) of rows as chapter 6 makes them: the softmax boards of both
    rules worked by shown_softmax, the asker at a random seat, scores spread from flat to peaked."""
    for _ in range(count):
        n = int(rng.choice([2, 3, 7, 12, 40, 130]))
        scaled = rng.standard_normal(n) * float(rng.choice([0.05, 0.5, 2.0, 6.0]))
        f = int(rng.integers(0, n))
        free_mask = np.zeros(n, bool)
        unheard = np.arange(n) > f
        free, turn = softmax(scaled, free_mask), softmax(scaled, unheard)
        yield (free, turn, unheard, shown_softmax(scaled, free_mask, free).weights,
               shown_softmax(scaled, unheard, turn).weights)


def outcome(got, free_board, turn_board) -> str:
    if got == (list(free_board), list(turn_board)) and places_of(got[0][0]) != places_of(got[1][0]):
        return "boards"
    return f"{places_of(got[0][0])} places"


def test_the_lessons_rows_get_the_decimal_choice():
    seen = Counter()
    for free, turn, unheard, fb, tb in rows(np.random.default_rng(19), 400):
        got = mask_shares(free, turn, unheard, fb, tb)
        assert got == by_decimal(free, turn, unheard, fb, tb)
        seen[outcome(got, fb, tb)] += 1
    assert seen["3 places"] > 50 and seen["4 places"] + seen["5 places"] > 5, seen  # more than the first try


def test_shares_a_hair_from_a_rounding_edge_get_the_decimal_choice():
    """Shares like 0.0244998 (0.024 at 3 decimals, 0.02450 at 5, which rounds by hand to 0.025) and exact halves at
    3-5 decimals, beside boards written at 3, 4 or 5 decimals: where the choices differ, they differ by a digit."""
    rng = np.random.default_rng(7)
    seen = Counter()
    edges = np.array([0.0244998, 0.0245, 0.12345, 0.1235, 0.00005, 0.33335, 0.0625, 0.4999949, 0.125])
    for _ in range(300):
        n = int(rng.integers(2, 9))
        free = rng.choice(edges, n) + rng.choice([0.0, 1e-12, -1e-12, 5e-6], n)
        free = np.abs(free)
        unheard = rng.random(n) < 0.4
        turn = np.where(unheard, 0.0, free)
        turn = turn / turn.sum() if turn.sum() else turn
        places = int(rng.choice([3, 4, 5]))
        fb = [fmt(x, places) for x in free]
        tb = [fmt(x, int(rng.choice([3, places]))) for x in turn]
        if rng.random() < 0.3:  # a board a digit off: no decimals agree with it
            fb[0] = fmt(free[0] + 10.0 ** -places, places)
        got = mask_shares(free, turn, unheard, fb, tb)
        assert got == by_decimal(free, turn, unheard, fb, tb), (free.tolist(), turn.tolist(), unheard, fb, tb)
        seen[outcome(got, fb, tb)] += 1
    assert seen["boards"] and seen["3 places"] and seen["5 places"], seen


def whole(free, turn, unheard, free_board, turn_board):
    """What mask_shares' whole-number path gives a row: None where it leaves the row to _mask_decimal (a board's
    number not plain, or a share _mask_whole declines), [] where no decimals agree, else the shares it chose."""
    boards = list(free_board) + list(turn_board)
    shown = hand_shares.read_units(boards)
    tries = range(max(places_of(t) for t in boards), softmax_row.MASK_PLACES + 1)
    return None if shown is None else softmax_row._mask_whole(
        np.asarray(free, np.float64), np.asarray(turn, np.float64), ~np.asarray(unheard, bool), shown, tries)


BOARDS = "boards"  # no decimals agree: each side its own softmax board's shares, as written there
NOT_PLAIN = {  # (free, turn, unheard, free board, turn board), what the whole-number path gives, the shares chosen
    "nan": (([float("nan"), 0.5], [0.5, 0.5], [False, False], ["nan", "0.500"], ["0.500", "0.500"]), None, BOARDS),
    "a board in e-notation": (([2e7, 0.5], [0.5, 0.5], [False, True], ["2.00e+07", "0.500"], ["1.000", "0.000"]),
                              None, BOARDS),
    'a board\'s "-0.000"': (([0.25, 0.75], [1.0, 0.0], [False, True], ["0.250", "0.750"], ["1.000", "-0.000"]),
                            None, BOARDS),
    "a share of a million or more": (([2e7, 0.5], [0.5, 0.5], [False, True], ["20000000.000", "0.500"],
                                      ["1.000", "0.000"]), None, BOARDS),
    "a negative share": (([-0.25, 1.25], [1.0, 0.0], [False, True], ["-0.250", "1.250"], ["1.000", "0.000"]), None,
                         (["-0.250", "1.250"], ["1.000", "0.000"])),  # -0.250 ÷ -0.250 = 1.00: shared out again
    "nobody heard": (([0.25, 0.75], [1.0, 0.0], [True, True], ["0.250", "0.750"], ["0.000", "0.000"]), [], BOARDS),
    "every heard share 0 at 3 decimals": (([0.0001, 0.9999], [1.0, 0.0], [False, True], ["0.000", "1.000"],
                                           ["1.000", "0.000"]), "chosen",
                                          (["0.0001", "0.9999"], ["1.0000", "0.0000"])),  # at 4: 1 ÷ 1 = 1.00
}


@pytest.mark.parametrize("name", NOT_PLAIN)
def test_rows_that_are_not_plain_get_the_decimal_choice(name):
    """nan, numbers the whole-number path cannot read (e-notation, "-0.000") or declines (a share of a million or
    more, a negative one: _mask_whole says None, _mask_decimal decides), nobody heard, every heard share 0 at the
    decimals: the shares written out by hand here, and the Decimal rounding's."""
    case, path, want = NOT_PLAIN[name]
    want = (case[3], case[4]) if want == BOARDS else want
    assert whole(*case) == (want if path == "chosen" else path)
    assert mask_shares(*case) == want == by_decimal(*case)


def test_reading_a_board_and_rounding_by_hand_agree_with_rounds_to():
    texts = ["0.125", "0.12", "0.1250", "1.5", "-0.25", "-0.3"]
    units, places = hand_shares.read_units(texts)
    assert units.tolist() == [125, 12, 1250, 15, -25, -3] and places.tolist() == [3, 2, 4, 1, 2, 1]
    assert hand_shares.read_units(["0.5", "nan"]) is None and hand_shares.read_units(["-0.00"]) is None
    rng = np.random.default_rng(3)
    said = Counter()
    for _ in range(2000):
        p = int(rng.integers(2, 7))
        k = int(rng.integers(-10 ** p, 10 ** p))
        text = f"{'-' if k < 0 else ''}{abs(k) // 10 ** p}.{abs(k) % 10 ** p:0{p}d}"
        q = int(rng.integers(1, p + 2))  # shown with fewer decimals, as many, or one more
        shown_k = (round(k / 10 ** (p - q)) if q <= p else k * 10) + int(rng.integers(-1, 2)) * int(rng.random() < 0.3)
        shown = f"{'-' if shown_k < 0 else ''}{abs(shown_k) // 10 ** q}.{abs(shown_k) % 10 ** q:0{q}d}"
        read = hand_shares.read_units([shown])
        if read is None:  # "-0.00": compared by its text
            continue
        said[rounds_to(text, shown)] += 1
        assert hand_shares.rounds_to_each(np.array([k]), p, *read) == rounds_to(text, shown), (text, shown)
    assert min(said[True], said[False]) > 200, said
