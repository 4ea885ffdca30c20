"""Test settings shared by every test: Qt must run offscreen, set before any QApplication exists."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# a first run follows the desktop's language (view.settings.system_lang); the tests' fresh windows are English
# whatever the machine's locale (test_first_run_language sets its own in a child process)
os.environ["LC_ALL"] = "C.UTF-8"

import pytest  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "settles: the test lets a canvas settle the collector (collector.settle)")
    config.addinivalue_line("markers", "paint_fails: the test makes an item's paint() raise on purpose")


@pytest.fixture(autouse=True)
def _collector_unsettled(request, monkeypatch):
    """A canvas settles Python's collector once it shows its first frame (collector.settle: gc.freeze of every
    object alive then). The tests share one process, so a test's canvas would freeze the objects of the tests
    before it for the rest of the run: only a test marked `settles` lets it happen."""
    if request.node.get_closest_marker("settles") is None:
        from classroom_gui import collector
        monkeypatch.setattr(collector, "settle", lambda: None)


@pytest.fixture(scope="session")
def checkpoint():
    """The shipped teaching model, read once for the whole run (the tests read it; none changes it)."""
    from classroom_gui.model.checkpoint import load_checkpoint
    from classroom_gui.resources import teaching_model_dir
    return load_checkpoint(teaching_model_dir())



@pytest.fixture(autouse=True)
def _paints_whole(request):
    """An item's paint() that raises is caught by scene.paint_guard (logged, the item left out), so a test whose
    grab(), repaint() or picture met such a bug would pass: it fails here instead, unless marked `paint_fails` (a
    test that breaks a paint on purpose)."""
    from classroom_gui.scene import paint_guard

    before = paint_guard.failures
    yield
    if request.node.get_closest_marker("paint_fails") is None:
        assert paint_guard.failures == before, (
            f"{paint_guard.failures - before} paint() call(s) raised during this test (scene.paint_guard caught them; "
            "the log has each place's first traceback)")
