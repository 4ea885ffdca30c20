"""teacher29 L1: the exp(score) chart of a 32-student class (sum 41868) drew its gridline values "20000" and
"10000" in the 44 px a fixed axis left them, so they showed as "·0000" and "0000". The axis now leaves room
for its widest value, and the bars start right of it."""
import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from classroom_gui.lesson.frame import Bars
from classroom_gui.lesson.strings import text
from classroom_gui.scene import fonts, palette
from classroom_gui.scene.board_bars import AXIS_W, TEXT_PX, BarsItem, grid_values
from test_chart_highlight_value import painted as painted_bars


def painted(values: list[float]) -> BarsItem:
    labels = [f"w{i}" for i in range(len(values))]
    return painted_bars(Bars(text("en", "bars.exp"), labels, values, "key"), QRectF(10, 10, 600, 420))


def test_the_widest_gridline_value_fits_left_of_the_bars(qapp):
    metrics = QFontMetricsF(fonts.font(TEXT_PX * palette.CLASSROOM.font_scale))
    for top in (0.9, 42.0, 24534.155, 33511.0, 912345.0):  # shares, scores, the exp board's tallest bars
        values = [top * k / 31 for k in range(32)]
        chart = painted(values)
        ticks = grid_values(*chart.axis)
        assert ticks, chart.axis
        room = chart.axis_width() - 8  # the gridline value's box (right-aligned, 8 px before the bars)
        for v in ticks:
            assert metrics.horizontalAdvance(f"{v:g}") <= room, f"{v:g} drawn in {room} px ({top=})"
        centres, _ = chart.places(chart._geometry()[0], 400.0, 1.0)
        assert centres[0] > chart.area.x() + chart.axis_width() and math.isclose(
            centres[-1] + (centres[1] - centres[0]) / 2, chart.area.right(), abs_tol=0.5)
        assert chart.axis_width() == AXIS_W or top > 1000  # small values keep the axis they had
