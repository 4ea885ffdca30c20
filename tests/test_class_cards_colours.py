"""A big class's card colours (scene.class_cards) are the desks' own: cell_colours gives every row what
items.cell_rgba gives a card (a short card's table colour, NaN transparent), a wide card's float32 numbers give the
colours their float64 copy gave (draw_cards no longer makes that copy), and the table's pixels are the raster
engine's ARGB32 bytes (items.ARGB32) however they are rearranged."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.scene.class_cards import _argb32, cell_colours
from classroom_gui.scene.items import ARGB32, WIDE, cell_rgba


def numbers(n: int, dtype) -> np.ndarray:
    v = (np.random.default_rng(n).standard_normal((40, n)) * 2).astype(dtype)
    v[3, 5], v[7, 1], v[8, 2], v[9, 3] = np.nan, np.inf, -np.inf, 1e-40  # (the "…" cell; extremes)
    return v


@pytest.mark.parametrize("n", [8, 24, WIDE])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("scale", [1e-12, 0.3, 1.3])
def test_a_short_cards_colours_are_its_desks(n, dtype, scale):
    v = numbers(n, dtype)
    desks = np.stack([cell_rgba(row.astype(np.float64), 1, n, scale, False, np.zeros(n, bool)) for row in v])
    assert np.array_equal(cell_colours(v.astype(np.float64), scale), desks)


@pytest.mark.parametrize("n", [WIDE + 1, 768, 3072])
@pytest.mark.parametrize("scale", [1e-12, 0.3, 1.3, 7.0])
def test_a_wide_cards_float32_numbers_colour_as_their_float64_copy(n, scale):
    v = numbers(n, np.float32)
    assert np.array_equal(cell_colours(v, scale), cell_colours(v.astype(np.float64), scale))
    desks = np.stack([cell_rgba(row.astype(np.float64), 1, n, scale, False, np.zeros(n, bool)) for row in v])
    assert np.array_equal(cell_colours(v, scale)[..., 3], desks[..., 3])  # (NaN transparent, the rest opaque)


def test_the_tables_pixels_are_argb32():
    table = np.random.default_rng(0).integers(0, 256, (5, 7, 4), dtype=np.uint8)
    assert np.array_equal(_argb32(table), np.ascontiguousarray(table[..., ARGB32]).view(np.uint32)[..., 0])
