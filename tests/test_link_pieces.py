"""link_pieces.pieces_each reads each curve's pieces from bytes written by NumPy: every path must be the one the
tests' add_segments (helpers) builds by its moveTo / lineTo calls, element for element and byte for byte as
QDataStream writes it, including curves QPainterPath treats specially (a piece of no length, a point that is not
finite)."""
from __future__ import annotations

import random

from helpers import add_segments


def _raw(path) -> bytes:
    from PySide6.QtCore import QByteArray, QDataStream, QIODevice
    data = QByteArray()
    QDataStream(data, QIODevice.OpenModeFlag.WriteOnly) << path
    return bytes(data.data())


def test_pieces_are_add_segments_paths_byte_for_byte(qapp):
    from PySide6.QtGui import QPainterPath

    from classroom_gui.scene import links
    from classroom_gui.scene.link_pieces import pieces_each

    rng = random.Random(3)
    curves = [tuple((rng.uniform(-50, 2000), rng.uniform(-50, 1100)) for _ in range(4)) for _ in range(400)]
    curves += [((5.0, 5.0),) * 4,                                        # a point: every piece of no length
               ((1.0, 2.0), (1.0, 2.0), (3.0, 4.0), (3.0, 4.0)),         # a straight line
               ((1e3, 1e3), (1e3 + 1e-10, 1e3), (1e3 + 2e-10, 1e3), (1e3 + 3e-10, 1e3)),  # pieces Qt calls none
               ((0.0, 0.0), (1e-13, 0.0), (2e-13, 0.0), (3e-13, 0.0)),
               ((0.0, 0.0), (float("nan"), 1.0), (2.0, 2.0), (3.0, 3.0)),  # a point that is not finite
               ((0.0, 0.0), (1e308, 1e308), (1e308, 1e308), (3.0, 3.0)),   # points beyond 1e128
               ((0.0, 0.0), (1e127, 1e127), (9e127, 9e127), (3.0, 3.0)),   # near it
               ((0.0, 0.0), (1.7e308, 1.7e308), (1.7e308, 1.7e308), (3.0, 3.0))]  # sums that overflow
    made = pieces_each(curves, links.CURVE_SEGMENTS)
    assert len(made) == len(curves)
    for c, path in zip(curves, made):
        want = QPainterPath()
        add_segments(want, c, links.CURVE_SEGMENTS)
        assert path == want and _raw(path) == _raw(want), c
    assert made[0].elementCount() == 2 * links.CURVE_SEGMENTS and pieces_each([], 12) == []


def test_stream_check_passes_on_this_qt(qapp):
    """This Qt reads the bytes NumPy writes as the path the calls build (so pieces_each reads the stream)."""
    from classroom_gui.scene import link_pieces

    link_pieces.stream_reads.cache_clear()
    assert link_pieces.stream_reads()


def test_paths_built_by_the_calls_when_the_stream_does_not_read_back(qapp, monkeypatch):
    """A Qt whose QPainterPath stream format differs (here: the elements' doubles written little-endian, as such a
    Qt might read them) fails the self-check, and every path is then built by the calls: the same paths, none of
    them read from the stream."""
    import numpy as np
    from PySide6.QtGui import QPainterPath

    from classroom_gui.scene import link_pieces, links

    wrong = np.dtype([("type", ">i4"), ("x", "<f8"), ("y", "<f8")])
    monkeypatch.setattr(link_pieces, "_ELEMENT", wrong)
    link_pieces.stream_reads.cache_clear()
    read = []
    was = link_pieces._read
    monkeypatch.setattr(link_pieces, "_read", lambda s, e: read.append(len(s)) or was(s, e))
    try:
        assert not link_pieces.stream_reads()
        read.clear()
        rng = random.Random(5)
        curves = [tuple((rng.uniform(0, 1600), rng.uniform(0, 900)) for _ in range(4)) for _ in range(20)]
        made = link_pieces.pieces_each(curves, links.CURVE_SEGMENTS)
        assert read == []
        for c, path in zip(curves, made):
            want = QPainterPath()
            add_segments(want, c, links.CURVE_SEGMENTS)
            assert path == want and _raw(path) == _raw(want), c
    finally:
        link_pieces.stream_reads.cache_clear()
