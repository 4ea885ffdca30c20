"""ChartPanel: the side panel's two views of what the blackboard does not show — every layer's and head's
attention map at once (a click chooses one), and the layer view (every student's notebook after each layer,
projected to 2-D, with trails). They draw the Frame's numbers; nothing is computed here. The board already
shows the bars and the chosen head's map, so the panel does not repeat them.
"""
from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import Signal  # noqa: E402
from PySide6.QtWidgets import QGraphicsRectItem, QLabel, QTabWidget, QVBoxLayout, QWidget  # noqa: E402

from ..lesson.frame import Frame  # noqa: E402
from ..lesson.strings import unbroken_words  # noqa: E402
from ..scene import palette  # noqa: E402

HEADS, LAYERS = 0, 1  # the tabs
CHOSEN = (230, 180, 0)  # the outline of the map the board shows


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
        self.grid = pg.GraphicsLayoutWidget()
        self.grid.setBackground("w")
        self.layer_plot = _plot()
        self.layer_plot.hideAxis("bottom")  # the projection's axes have no meaning to read
        self.layer_plot.hideAxis("left")
        self._trails = pg.PlotDataItem(pen=pg.mkPen((120, 120, 120), width=1))
        self._points = pg.ScatterPlotItem(size=9, brush=pg.mkBrush(palette.CLASSROOM.role("query")))
        self.layer_plot.addItem(self._trails)
        self.layer_plot.addItem(self._points)
        self.titles = []  # above each view, wrapped: a plot's own title is one line, clipped in a narrow dock
        for widget in (self.grid, self.layer_plot):
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(4, 4, 4, 4)
            title = QLabel()
            title.setWordWrap(True)
            page.layout().addWidget(title)
            page.layout().addWidget(widget, 1)
            self.titles.append(title)
            self.addTab(page, "")
        self.head_maps: list[_MapItem] = []
        self.head_outlines: list[QGraphicsRectItem] = []
        self.head_boxes: list[pg.ViewBox] = []
        self.layer_labels: list[pg.TextItem] = []
        self._last: dict[str, object] = {}
        self._frame: Frame | None = None
        self._chosen = (0, 0)
        self.t = lambda key, **values: key
        self.currentChanged.connect(self._tab_opened)

    def set_texts(self, t) -> None:
        """Tab names, titles and the grid's row and column names from the lesson's strings."""
        self.t = t
        self.setTabText(HEADS, t("ui.tab_heads"))
        self.setTabText(LAYERS, t("ui.tab_layers"))
        self._last.clear()  # everything is redrawn in the new language
        if self._frame is not None:
            self.set_frame(self._frame, *self._chosen)

    def set_frame(self, frame: Frame, layer: int = 0, head: int = 0) -> None:
        """Draw the frame on the tab that is showing; the other catches up when it is opened. `layer` and
        `head` are the ones the board shows, outlined in the grid."""
        self._frame, self._chosen = frame, (layer, head)
        (self._show_overview if self.currentIndex() == HEADS else self._show_layers)(frame)

    def _tab_opened(self, _index: int) -> None:
        if self._frame is not None:
            self.set_frame(self._frame, *self._chosen)

    def _show_overview(self, frame: Frame) -> None:
        maps = frame.overview
        if maps is self._last.get("overview_maps") and maps is not None:
            # the same trace's maps: only the outline moves to the chosen head (rebuilding the grid of
            # n_layer x n_head plots costs ~100 ms at GPT-2's 12 x 12)
            if self._last.get("overview_chosen") != self._chosen:
                self._outline(self._last.get("overview_chosen"), False)
                self._outline(self._chosen, True)
                self._last["overview_chosen"] = self._chosen
            return
        self._last["overview_maps"], self._last["overview_chosen"] = maps, self._chosen  # kept alive: its id is not reused
        self.grid.clear()
        self.head_maps, self.head_boxes, self.head_outlines = [], [], []  # boxes: tests measure the cells
        if maps is None:
            return
        n_layer, n_head = maps.shape[:2]
        self.titles[HEADS].setText(unbroken_words(self.t("charts.heads_title")))  # never 「枠のつ / いた」
        for h in range(n_head):
            self.grid.addLabel(self.t("ui.head_n", n=h + 1), row=0, col=h + 1, size="10pt")
        for l in range(n_layer):
            self.grid.addLabel(self.t("ui.layer_n", n=l + 1), row=l + 1, col=0, angle=-90, size="10pt")
            for h in range(n_head):
                box = self.grid.addViewBox(row=l + 1, col=h + 1, lockAspect=True, enableMouse=False, invertY=True)
                item = _MapItem(l, h, lambda layer, head: self.headChosen.emit(layer, head))
                box.addItem(item)
                item.setImage(np.asarray(maps[l, h]), levels=(0.0, 1.0))
                # the outline goes round the map itself: the view box's own border ran round the whole cell,
                # taller than the square map when the panel is tall
                outline = QGraphicsRectItem(item.boundingRect())
                outline.setPen(pg.mkPen(CHOSEN, width=4))
                outline.setZValue(10)
                outline.setVisible((l, h) == self._chosen)
                box.addItem(outline, ignoreBounds=True)
                self.head_outlines.append(outline)
                box.autoRange(padding=0.02)
                self.head_maps.append(item)
                self.head_boxes.append(box)

    def outlines(self) -> list:
        """Each map's outline (a QGraphicsRectItem round the map, shown for the board's layer and head)."""
        return list(self.head_outlines)

    def _outline(self, chosen, shown: bool) -> None:
        """Show or hide the outline of the grid's map of chosen = (layer, head), if it has one."""
        if chosen is None or not self.head_maps:
            return
        n_head = max(item.head for item in self.head_maps) + 1
        k = chosen[0] * n_head + chosen[1]
        if 0 <= chosen[1] < n_head and 0 <= k < len(self.head_outlines):
            self.head_outlines[k].setVisible(shown)

    def _show_layers(self, frame: Frame) -> None:
        lv = frame.layer_view
        key = None if lv is None else (tuple(lv.labels), lv.upto, id(lv.points))
        if self._last.get("layers") == key and key is not None:
            return
        self._last["layers"] = key
        self._last["layers_points"] = None if lv is None else lv.points  # kept alive: its id is not reused
        for item in self.layer_labels:
            self.layer_plot.removeItem(item)
        self.layer_labels = []
        if lv is None or not lv.labels:
            self._points.clear()
            self._trails.setData([], [])
            self.titles[LAYERS].setText("")
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
                self.layer_labels.append(t)
        title = self.t("charts.layers_title", layer=lv.upto) if lv.upto else self.t("charts.layers_start")
        self.titles[LAYERS].setText(unbroken_words(title))
        lo, hi = np.nanmin(pts.reshape(-1, 2), axis=0), np.nanmax(pts.reshape(-1, 2), axis=0)
        pad = (hi - lo) * 0.12 + 1e-6  # room for the names, which sit to the right of and above their points
        self.layer_plot.setRange(xRange=(lo[0] - pad[0], hi[0] + 2 * pad[0]), yRange=(lo[1] - pad[1], hi[1] + pad[1]),
                                 padding=0)
