"""collector.settle(): what is alive when the window is up is left out of later collections (gc.freeze), what
comes after is collected as before."""
import gc
import weakref

from classroom_gui.collector import settle


class Node:
    def __init__(self):
        self.other = self  # a cycle: only the cycle collector frees it


def test_settled_objects_are_never_walked_again_and_new_ones_are():
    try:
        before = Node()
        gone_before = weakref.ref(before)
        settle()
        assert gc.get_freeze_count() > 0
        after = Node()
        gone_after = weakref.ref(after)
        del before, after
        gc.collect()
        assert gone_after() is None  # made after settling: collected as ever
        assert gone_before() is not None  # alive when settled: left alone (the cost collector.py names)
    finally:
        gc.unfreeze()
    gc.collect()
    assert gone_before() is None  # back in sight, collected


def test_the_window_settles_once_it_is_shown(qapp, monkeypatch):
    """classroom-gui's window: settle() runs once, with the main window already shown, before the event loop."""
    import types

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from classroom_gui import collector
    from classroom_gui.view import app
    from classroom_gui.view.window import MainWindow

    seen = []
    monkeypatch.setattr(collector, "settle", lambda: seen.append(
        [w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]))
    in_loop = []

    def leave():
        in_loop.append(list(seen))
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow):
                w.close()
                w.deleteLater()
        QApplication.quit()

    QTimer.singleShot(0, leave)
    assert app.run(types.SimpleNamespace(gui_model=None)) == 0
    assert seen == [[True]]  # once, the window shown
    assert in_loop == [[[True]]]  # before the event loop ran
