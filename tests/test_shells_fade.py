"""A big class's faded desks (scene.class_shells.fade_in_place) faded a row's run at a time, two bytes a lookup, give
the bytes they gave faded desk by desk in float32: whatever the rows, opacities, other desks between them, and desks
cut at the picture's edges; and so does its desk-by-desk way, where rows may share pixels."""
from __future__ import annotations

import numpy as np

from classroom_gui.scene.class_shells import fade_in_place, scatter


def picture(rng, rows: int, cols: int, tile: tuple[int, int], gap: tuple[int, int], jitter: bool):
    """A picture of rows x cols random desks (tiles of random premultiplied pixels, the gaps clear), the desks'
    places and a random opacity each (1.0: not faded; some seats empty)."""
    th, tw = tile
    ys = np.repeat(np.arange(rows) * (th + gap[0]), cols) - 3
    xs = np.tile(np.arange(cols) * (tw + gap[1]), rows) - 5
    if jitter:  # rows a pixel off here and there: rows that may share pixels
        ys = ys + rng.integers(0, 2, len(ys)) * (th + gap[0] - 1)
    h, w = max(th, int(ys.max()) + th // 2), max(tw, int(xs.max()) + tw // 2)  # the last row and column cut
    a = rng.integers(0, 256, (len(xs), th, tw)).astype(np.uint32)
    stack = (a << 24) | (a * rng.integers(0, 2, a.shape).astype(np.uint32))
    shown = rng.random(len(xs)) > 0.1
    out = np.zeros((h, w), np.uint32)
    scatter(out, stack[shown], xs[shown], ys[shown])
    few = rng.choice([0.35, 0.35, 0.35, 0.6, 0.999], len(xs))  # (more opacities than PAIRED_LEVELS: a byte a lookup)
    opacity = np.where(rng.random(len(xs)) < 0.3, 1.0, few if rng.random() < 0.7 else rng.random(len(xs)))
    return out, xs[shown], ys[shown], opacity[shown]


def test_fading_a_rows_run_at_once_gives_the_bytes_of_fading_each_desk():
    rng = np.random.default_rng(18)
    changed = 0
    for case in range(40):
        tile = (int(rng.integers(4, 12)), int(rng.integers(5, 14)))
        out, xs, ys, opacity = picture(rng, int(rng.integers(1, 7)), int(rng.integers(1, 12)), tile,
                                       (int(rng.integers(0, 3)), int(rng.integers(0, 3))), jitter=case % 5 == 4)
        faded, whole = opacity < 1.0, opacity >= 1.0
        each, at_once = out.copy(), out.copy()
        for o, x, y in zip(opacity[faded].tolist(), xs[faded].tolist(), ys[faded].tolist()):  # desk by desk, as
            if 0 <= x < each.shape[1] and 0 <= y < each.shape[0]:  # the shells always were: in float32, truncated
                part = each[y:y + tile[0], x:x + tile[1]]
                part[...] = (part.view(np.uint8) * np.float32(o)).astype(np.uint8).view(np.uint32)
        fade_in_place(at_once, opacity[faded], xs[faded], ys[faded], tile[1], tile[0], (xs[whole], ys[whole]))
        assert np.array_equal(each, at_once), case
        one_by_one = out.copy()
        fade_in_place(one_by_one, opacity[faded], xs[faded], ys[faded], tile[1], tile[0])
        assert np.array_equal(each, one_by_one), case
        changed += not np.array_equal(each, out)  # (the check can fail: desks were faded)
    assert changed >= 25
