"""ChartPanel: the pyqtgraph views beside the classroom — the bars (scores morphing into weights, or the
next-word probabilities), the labelled attention heatmap, and the layer view (every student's notebook
across layers, with trails). They draw the Frame's numbers; nothing is computed here.
"""
from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import Signal  # noqa: E402
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget  # noqa: E402

from ..lesson.frame import Frame  # noqa: E402
from ..scene import palette  # noqa: E402


MAX_TICKS = 16  # more labels than this overlap in the dock: every k-th is shown


def thin_ticks(ticks: list) -> list:
    step = -(-len(ticks) // MAX_TICKS)
    return ticks[::step]


def _plot() -> pg.PlotWidget:
    w = pg.PlotWidget()
    w.setBackground("w")
    w.setMenuEnabled(False)
    w.setMouseEnabled(False, False)
    w.hideButtons()
    return w


class _MapItem(pg.ImageItem):
    """One small attention map of the all-heads grid; a click on it chooses that layer and head."""

    def __init__(self, layer: int, head: int, chosen):
        super().__init__(axisOrder="row-major")
        self.layer, self.head, self._chosen = layer, head, chosen
        self.setLookupTable(pg.colormap.get("viridis").getLookupTable(nPts=256))

    def mouseClickEvent(self, ev):
        ev.accept()
        self._chosen(self.layer, self.head)


class ChartPanel(QTabWidget):
    headChosen = Signal(int, int)  # layer, head (0-based)

    def __init__(self, parent=None):
        super().__init__(parent)
        # each tab's plot is built when the tab is first shown: three pyqtgraph plots cost ~80 ms at start
        self._pages = []
        for _ in range(4):
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._pages.append(page)
            self.addTab(page, "")
        self._built: set[int] = set()
        self._maps: list[_MapItem] = []
        self._labels: list[pg.TextItem] = []
        self._last: dict[str, object] = {}
        self._frame: Frame | None = None
        self.currentChanged.connect(self._tab_opened)

    def _ensure(self, index: int) -> None:
        if index in self._built:
            return
        self._built.add(index)
        if index == 0:
            self.bars_plot = widget = _plot()
            self._bars = pg.BarGraphItem(x=[], height=[], width=0.7)
            self._beside = pg.BarGraphItem(x=[], height=[], width=0.35)  # chapter 6: in turn, beside discussion
            self.bars_plot.addItem(self._bars)
            self.bars_plot.addItem(self._beside)
        elif index == 1:
            self.heat_plot = widget = _plot()
            self._image = pg.ImageItem(axisOrder="row-major")
            self._image.setLookupTable(pg.colormap.get("viridis").getLookupTable(nPts=256))
            self.heat_plot.addItem(self._image)
            self.heat_plot.invertY(True)
        elif index == 2:
            self.layer_plot = widget = _plot()
            self._trails = pg.PlotDataItem(pen=pg.mkPen((120, 120, 120), width=1))
            self._points = pg.ScatterPlotItem(size=9, brush=pg.mkBrush(palette.CLASSROOM.role("query")))
            self.layer_plot.addItem(self._trails)
            self.layer_plot.addItem(self._points)
        else:
            self.grid = widget = pg.GraphicsLayoutWidget()
            self.grid.setBackground("w")
        self._pages[index].layout().addWidget(widget)

    def set_titles(self, bars: str, heatmap: str, layers: str, heads: str = "") -> None:
        for i, title in enumerate((bars, heatmap, layers, heads)):
            self.setTabText(i, title)

    def show_frame(self, frame: Frame) -> None:
        """Draw the frame on the tab that is showing; the others catch up when they are opened."""
        self._frame = frame
        self._ensure(self.currentIndex())
        [self._show_bars, self._show_heatmap, self._show_layers, self._show_overview][self.currentIndex()](frame)

    def _tab_opened(self, _index: int) -> None:
        if self._frame is not None:
            self.show_frame(self._frame)

    def _show_overview(self, frame: Frame) -> None:
        maps = frame.overview
        if maps is self._last.get("overview_maps"):  # the same trace's maps: nothing to redraw
            return
        self._last["overview_maps"] = maps  # kept alive, so identity cannot be reused by another array
        if maps is None:
            self.grid.clear()
            self._maps = []
            return
        n_layer, n_head = maps.shape[:2]
        if len(self._maps) != n_layer * n_head:
            self.grid.clear()
            self._maps = []
            for l in range(n_layer):
                for h in range(n_head):
                    box = self.grid.addViewBox(row=l, col=h, lockAspect=True, enableMouse=False, invertY=True)
                    item = _MapItem(l, h, lambda layer, head: self.headChosen.emit(layer, head))
                    box.addItem(item)
                    self._maps.append(item)
        for item in self._maps:
            item.setImage(np.asarray(maps[item.layer, item.head]), levels=(0.0, 1.0))

    def _changed(self, name: str, key) -> bool:
        if self._last.get(name) == key:
            return False
        self._last[name] = key
        return True

    def _show_bars(self, frame: Frame) -> None:
        b, other = frame.bars, frame.bars_beside
        key = None if b is None else (b.title, tuple(b.labels), tuple(b.values), tuple(b.masked), b.role,
                                      None if other is None else (other.title, tuple(other.values)))
        if not self._changed("bars", key):
            return
        self._beside.setOpts(x=[], height=[])
        if b is None:
            self._bars.setOpts(x=[], height=[])
            self.bars_plot.setTitle("")
            return
        x = np.arange(len(b.values), dtype=float)
        width, title = 0.7, b.title + (f"   {b.total}" if b.total else "")
        if other is not None:  # two bars a student: the first rule left, the second right, in a lighter colour
            width, title = 0.35, f"{b.title} | {other.title}"
            self._beside.setOpts(x=x + 0.19, height=_heights(other.values), width=width,
                                 brushes=_brushes(other, palette.CLASSROOM.role(other.role), lighter=True))
            x = x - 0.19
        self._bars.setOpts(x=x, height=_heights(b.values), width=width,
                           brushes=_brushes(b, palette.CLASSROOM.role(b.role)))
        self.bars_plot.getAxis("bottom").setTicks([thin_ticks(list(enumerate(b.labels)))])
        self.bars_plot.setTitle(title)
        self.bars_plot.enableAutoRange()

    def _show_heatmap(self, frame: Frame) -> None:
        h = frame.heatmap
        # the matrix is fixed by the sentence, layer and head, which the labels and title name
        key = None if h is None else (h.title, tuple(h.labels), tuple(h.rows))
        if not self._changed("heatmap", key):
            return
        if h is None or not h.labels:
            self._image.clear()
            return
        m = np.asarray(h.matrix, float)
        shown = np.full_like(m, np.nan)
        shown[h.rows] = m[h.rows]
        self._image.setImage(np.nan_to_num(shown, nan=0.0), levels=(0.0, 1.0))
        ticks = thin_ticks([(i + 0.5, lab) for i, lab in enumerate(h.labels)])
        self.heat_plot.getAxis("bottom").setTicks([ticks])
        self.heat_plot.getAxis("left").setTicks([ticks])
        self.heat_plot.setTitle(h.title)

    def _show_layers(self, frame: Frame) -> None:
        lv = frame.layer_view
        key = None if lv is None else (tuple(lv.labels), lv.upto, len(lv.points))
        if not self._changed("layers", key):
            return
        for item in self._labels:
            self.layer_plot.removeItem(item)
        self._labels = []
        if lv is None or not lv.labels:
            self._points.clear()
            self._trails.setData([], [])
            return
        pts = np.asarray(lv.points, float)[: lv.upto + 1]  # [layers shown, T, 2]
        current = pts[-1]
        self._points.setData(current[:, 0], current[:, 1])
        # all trails in one item: each student's path through the layers, separated by breaks
        path = np.concatenate([np.vstack([pts[:, j], [[np.nan, np.nan]]]) for j in range(pts.shape[1])])
        self._trails.setData(path[:, 0], path[:, 1], connect="finite")
        if len(lv.labels) <= 24:
            for j, label in enumerate(lv.labels):
                t = pg.TextItem(label, color=(40, 40, 40), anchor=(0, 1))
                t.setPos(float(current[j, 0]), float(current[j, 1]))
                self.layer_plot.addItem(t)
                self._labels.append(t)
        self.layer_plot.setTitle("")


def _heights(values) -> np.ndarray:  # a masked −∞ score: no bar
    return np.nan_to_num(np.asarray(values, float), nan=0.0, posinf=0.0, neginf=0.0)


def _brushes(bars, colour: str, lighter: bool = False) -> list:
    masked = bars.masked or [False] * len(bars.values)
    c = pg.mkColor(colour).lighter(140) if lighter else pg.mkColor(colour)
    return [pg.mkBrush(palette.CLASSROOM.color("masked") if m else c) for m in masked]
