"""long_lists.picked counts each try's rows from running sums (#18, big30: 1,024 students' lists took ~6 ms a call
walking every item per try); these tests hold it to the plain walk it replaced, on lists with runs (first, last) and
skipped seats (a what-if's deaf classmate). (Its speed is benchmarks/bench_frames.py's to judge.)"""
from __future__ import annotations

import random

from classroom_gui.lesson.long_lists import Gap, picked, span


def plain_picked(items, named, rows):  # the walk before #18's session 25, item by item for every try
    items = list(items)
    if len(items) <= rows:
        return None

    def gaps(skipped, split):
        pieces = [[skipped[0]]]
        for first, last in skipped[1:]:
            if split and first != pieces[-1][-1][1] + 1:
                pieces.append([])
            pieces[-1].append((first, last))
        return [Gap(p[0][0], p[-1][1], sum(b - a + 1 for a, b in p)) for p in pieces]

    def walk(keep, split=True):
        out = []
        for a, b in zip([-1] + keep, keep + [len(items)]):
            if b - a > 1:
                out += gaps([span(items[i]) for i in range(a + 1, b)], split)
            if b < len(items):
                out.append(items[b])
        return out

    marked = [i for i, item in enumerate(items) if not isinstance(item, tuple) and item in named]
    for head in range(rows, -1, -1):
        chosen = walk(sorted(set(range(head)) | set(marked)))
        if len(chosen) <= rows:
            return chosen
    return walk(marked, split=False)


def random_list(rng):
    items, seat = [], rng.randint(0, 3)
    for _ in range(rng.randint(0, 60)):
        seat += rng.choice([0, 0, 0, 1, 2])  # 1, 2: seats the list skips
        if rng.random() < 0.15:
            n = rng.randint(0, 4)
            items.append((seat, seat + n))
            seat += n + 1
        else:
            items.append(seat)
            seat += 1
    return items, seat


def test_picked_gives_the_plain_walks_rows_for_lists_with_runs_and_skipped_seats():
    rng = random.Random(18)
    for _ in range(3000):
        items, seats = random_list(rng)
        named = set(rng.sample(range(seats + 2), min(seats + 2, rng.randint(0, 8))))
        rows = rng.randint(0, 16)
        got, want = picked(items, named, rows), plain_picked(items, named, rows)
        assert got == want, (items, named, rows)
        assert [type(r) for r in got or []] == [type(r) for r in want or []]


def test_a_thousand_seat_list_with_a_deaf_seat_keeps_the_named_seats_and_splits_its_gap():
    items = [s for s in range(1024) if s != 500]
    rows = picked(items, {20, 700, 1000})
    assert rows == plain_picked(items, {20, 700, 1000}, 14)
    assert Gap(21, 499, 479) in rows and Gap(501, 699, 199) in rows and rows[-2:] == [1000, Gap(1001, 1023, 23)]
