"""The grid link_routes files line pieces and digit boxes in (Grid), so that a point is measured only against what
lies in its own cell."""
from __future__ import annotations

import numpy as np

CELL = 24.0  # px: a cell of the grid


class Grid:
    """Items filed in a grid of CELL px by the cells each covers (c0..c1: [n, 2] first and last cell numbers in x
    and y), so that a point is measured only against the items filed in its own cell. The cells are numbered on the
    smallest grid that holds every item's cells; each cell's items are one run of `order` (the items in cell order),
    found by the cell's number (a point off that grid meets none)."""

    def __init__(self, c0: np.ndarray, c1: np.ndarray):
        nx, ny = c1[:, 0] - c0[:, 0] + 1, c1[:, 1] - c0[:, 1] + 1
        per = nx * ny                                                                  # cells each item covers
        item = np.repeat(np.arange(len(c0)), per)
        nth = np.arange(len(item)) - np.repeat(np.cumsum(per) - per, per)
        self.x0c, self.y0c = (int(c0[:, 0].min()), int(c0[:, 1].min())) if len(c0) else (0, 0)
        self.nxc = int(c1[:, 0].max()) - self.x0c + 1 if len(c0) else 0
        self.nyc = int(c1[:, 1].max()) - self.y0c + 1 if len(c0) else 0
        across, down = np.divmod(nth, nx[item])[::-1]  # the cell's place in its item's box
        cell = ((c0[:, 0] - self.x0c) * self.nyc + (c0[:, 1] - self.y0c))[item] + across * self.nyc + down
        cells = self.nxc * self.nyc
        self.first = np.zeros(cells + 2, np.int64)  # cell c's run [first[c], first[c + 1]); number `cells`: off grid
        np.cumsum(np.bincount(cell, minlength=cells), out=self.first[1:cells + 1])
        self.first[cells + 1] = self.first[cells]
        self.order = item[np.argsort(cell)]

    def meet(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        """For points at x, y ([n] each): how many items each meets ([n]), and (None if none) the running total of
        those counts ([n]: point i's pairs end there) and each pair's item as its place in `order` ([total])."""
        qx = np.floor(x / CELL).astype(np.int64) - self.x0c
        qy = np.floor(y / CELL).astype(np.int64) - self.y0c
        # (as unsigned, a cell left of or above the grid is beyond it)
        q = np.where((qx.view(np.uint64) < self.nxc) & (qy.view(np.uint64) < self.nyc), qx * self.nyc + qy,
                     self.nxc * self.nyc)
        lo = self.first[q]
        count = self.first[q + 1] - lo
        total = int(count.sum())
        if not total:
            return count, None, None
        end = np.cumsum(count)
        at = np.repeat(lo - (end - count), count)
        at += np.arange(total)
        return count, end, at
