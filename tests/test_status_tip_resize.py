"""review31 #6: whether the status bar's message is cut (and so has its whole text as a tooltip) was decided once, in
tell(): a line that fitted a wide window was cut after a resize to 1024 px with no tooltip, and a line cut at 1024 px
kept its tooltip after a resize that fitted it. The tooltip follows the bar's width."""
from PySide6.QtGui import QFontMetrics

from classroom_gui.view.status_messages import MESSAGE_MARGIN
from classroom_gui.view.window import MainWindow


def _room(w) -> int:
    return w.statusBar().width() - MESSAGE_MARGIN


def test_the_tooltip_comes_and_goes_with_the_bars_width(qtbot, checkpoint):
    w = MainWindow(checkpoint, store={})
    qtbot.addWidget(w)
    w.show()
    w.resize(1920, 1080)
    qtbot.waitUntil(lambda: w.statusBar().width() > 1500, timeout=5000)
    wide = _room(w)
    w.resize(1024, 768)
    qtbot.waitUntil(lambda: w.statusBar().width() < 1100, timeout=5000)
    narrow = _room(w)
    metrics, line = QFontMetrics(w.statusBar().font()), "The settings file was damaged"
    while metrics.horizontalAdvance(line) <= narrow:  # a line the wide bar holds whole and the narrow one cuts
        line += " and more"
    assert metrics.horizontalAdvance(line) < wide
    w.resize(1920, 1080)
    qtbot.waitUntil(lambda: _room(w) == wide, timeout=5000)
    w.tell(lambda lang: line, 60_000)
    assert w.statusBar().toolTip() == ""  # whole: nothing to add
    w.resize(1024, 768)
    qtbot.waitUntil(lambda: _room(w) == narrow, timeout=5000)
    assert line in w.statusBar().toolTip()  # cut now: the tooltip says it whole
    w.resize(1920, 1080)
    qtbot.waitUntil(lambda: _room(w) == wide, timeout=5000)
    assert w.statusBar().toolTip() == ""  # whole again: no stale tooltip
    w.close()
