"""A link's line as straight pieces for Qt's fast line rasterizer: the pieces of many curves at once, their points
computed together in NumPy with point_at's sums, element by element (the same points as a Python loop of point_at,
the tests' add_segments, which a new set of 96 links at 1,024 students made 12 calls a curve), and the paths read
from one QDataStream written by NumPy instead of built by 24 moveTo / lineTo calls each.

A path made only of moveTo / lineTo pairs is a "lines" path to Qt's raster engine, which draws it with its fast line
rasterizer as long as the pen is opaque with flat or square caps: 63 links at 64 students cost ~2 ms that way,
against 25-180 ms for the same links as Bézier curves, with round caps or with alpha.

The stream's bytes are Qt's QPainterPath format (the same from Qt 6.6, the oldest PySide6 pyproject allows, to 6.11:
tests/test_link_pieces.py); stream_reads checks once a process that this Qt reads them as the calls' path, and
if it does not, every path is built by the calls."""
from __future__ import annotations

from functools import cache

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QIODevice
from PySide6.QtGui import QPainterPath

Curve = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]
VALID = 1e128  # QPainterPath's coordinates are smaller than this (qpainterpath.cpp, isValidCoord)
_ELEMENT = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])  # QDataStream's path element (Qt 6, big-endian)


def pieces_each(curves: list[Curve], n: int) -> list[QPainterPath]:
    """A new path of each curve as n pieces (not kept: travelling links' parts change every frame), the points of
    all of them computed together in NumPy (point_at's sums, element by element: the same points)."""
    if not curves:
        return []
    t = np.arange(1, n + 1, dtype=np.float64) / n  # k / n
    u = 1 - t
    w0, w1, w2, w3 = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    c = np.array(curves, np.float64)[:, :, :, None]  # [m, 4, 2, 1]
    pts = c[:, 0] * w0 + c[:, 1] * w1 + c[:, 2] * w2 + c[:, 3] * w3  # [m, 2, n]
    starts = np.concatenate([c[:, 0], pts[:, :, :-1]], axis=2)  # [m, 2, n]: each piece's start (the curve's first)
    # QPainterPath drops a lineTo to (about) the point it is at and refuses a point it cannot draw (not finite, or 1e128 or
    # more from 0), and a stream holding one reads as no path: such a curve (none between desks) is built by the calls
    # themselves, so that every path is the one those calls make
    # (and QPointF's == is fuzzy: a piece counts as of some length only when its ends are well apart on an axis)
    apart = np.abs(starts - pts) > 1e-9 * np.maximum(1.0, np.maximum(np.abs(starts), np.abs(pts)))
    plain = ((np.abs(pts) < VALID).all(axis=(1, 2)) & (np.abs(starts) < VALID).all(axis=(1, 2))
             & apart.any(axis=1).all(axis=1))
    if not stream_reads():
        plain[:] = False
    out: list[QPainterPath | None] = [None] * len(curves)
    which = np.flatnonzero(plain)
    if len(which):
        for k, path in zip(which.tolist(), _read(starts[which], pts[which])):
            out[k] = path
    for k in np.flatnonzero(~plain).tolist():
        out[k] = _called(curves[k][0], zip(*pts[k].tolist()))
    return out


def _called(first, points) -> QPainterPath:
    """The path of moveTo / lineTo pairs from `first` through each of `points` in turn, built by the calls."""
    path, prev = QPainterPath(), first
    for nxt in points:
        path.moveTo(*prev)
        path.lineTo(*nxt)
        prev = nxt
    return path


def written(path: QPainterPath) -> bytes:
    """The bytes QDataStream writes for a path."""
    data = QByteArray()
    QDataStream(data, QIODevice.OpenModeFlag.WriteOnly) << path
    return bytes(data.data())


@cache
def stream_reads() -> bool:
    """Whether this Qt reads _read's bytes as the path the moveTo / lineTo calls build, element for element and byte
    for byte (a Qt whose QPainterPath stream format changed would read them as another path, or none): checked
    once a process on two curves' pieces."""
    starts = np.array([[[10.0, 12.5, 15.25], [20.0, 18.0, 16.5]], [[-3.0, 0.5, 7.0], [1e3, 999.5, 1e3]]])
    ends = np.concatenate([starts[:, :, 1:], np.array([[[17.75], [15.0]], [[9.125], [1001.0]]])], axis=2)
    for got, s, e in zip(_read(starts, ends), starts, ends):
        want = _called(tuple(s[:, 0]), zip(*e.tolist()))
        if not (got == want and written(got) == written(want)):
            return False
    return True


def _read(starts: np.ndarray, ends: np.ndarray) -> list[QPainterPath]:
    """Paths of moveTo(start) / lineTo(end) pairs ([m, 2, n] each), read from the bytes QDataStream writes for them
    (element count, each element's type and x, y, the last subpath's start, the fill rule)."""
    m, _, n = starts.shape
    record = np.dtype([("count", ">i4"), ("elements", _ELEMENT, (2 * n,)), ("start", ">i4"), ("fill", ">i4")])
    data = np.zeros(m, record)
    data["count"] = 2 * n
    data["elements"]["type"][:, 1::2] = 1  # (MoveToElement 0, LineToElement 1)
    data["elements"]["x"][:, 0::2], data["elements"]["y"][:, 0::2] = starts[:, 0], starts[:, 1]
    data["elements"]["x"][:, 1::2], data["elements"]["y"][:, 1::2] = ends[:, 0], ends[:, 1]
    data["start"] = 2 * n - 2  # the last moveTo (Qt::OddEvenFill: 0)
    stream = QDataStream(QByteArray(data.tobytes()))
    out = []
    for _ in range(m):
        path = QPainterPath()
        stream >> path
        out.append(path)
    return out
