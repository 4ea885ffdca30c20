"""Test settings shared by every test: Qt must run offscreen, set before any QApplication exists."""
import os
import sys

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


@pytest.fixture
def window(qtbot, tmp_path):
    """The classroom window on a small random checkpoint (helpers.random_window), shown; a test file may define its
    own `window`."""
    from helpers import random_window
    return random_window(qtbot, tmp_path)


@pytest.fixture
def sentence_field(qtbot, checkpoint):
    """A sentence field (view.sentence_edit) reading the shipped model's tokenizer, speaking `lang`: sentence_field("ja")."""
    def made(lang: str):
        from classroom_gui.lesson.strings import text
        from classroom_gui.view.sentence_edit import SentenceEdit

        edit = SentenceEdit()
        qtbot.addWidget(edit)
        edit.t, edit.lang = (lambda key, **values: text(lang, key, **values)), lang
        edit.set_tokenizer(checkpoint.tokenizer)
        return edit
    return made


@pytest.fixture(autouse=True)
def _paints_whole(request):
    """An item's paint() that raises is caught by scene.paint_guard (logged, the item left out), so a test whose
    grab(), repaint() or picture met such a bug would pass: it fails here instead, unless marked `paint_fails` (a
    test that breaks a paint on purpose). A repaint the test queued has been painted by then: pytest-qt processes
    Qt's events after each test's call, before fixtures are torn down (review20 #13, checked: a broken paint queued
    by update() fails the test that queued it)."""
    from classroom_gui.scene import paint_guard

    before = paint_guard.failures
    yield
    if request.node.get_closest_marker("paint_fails") is None:
        assert paint_guard.failures == before, (
            f"{paint_guard.failures - before} paint() call(s) raised during this test (scene.paint_guard caught them; "
            "the log has each place's first traceback)")


# --- the tests' own home (fix28, teacher16): no test writes the user's log, settings or files ---------------------
# Every run used to append ~219 lines to the real ~/.local/share/Attention Classroom/classroom-gui.log (and could
# write ~/.config/AttentionClassroom). For the whole session HOME and the XDG folders Qt's QStandardPaths and
# Path.home() read are a temporary folder (child processes inherit it); a test that sets its own keeps doing so. An
# audit hook notes every write-mode open and mkdir under the real home, and the session fails at its end if any.
REAL_HOME = os.path.realpath(os.path.expanduser("~"))
HOME_WRITES: list[str] = []


def _note_home_writes(event: str, args: tuple) -> None:
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        mode, flags = args[1], args[2]
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
            (mode is None and isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
    elif event in ("os.mkdir", "os.rename", "os.replace", "os.remove", "shutil.rmtree"):
        writes = isinstance(args[0], (str, bytes, os.PathLike))
    else:
        return
    if writes:
        path = os.fsdecode(os.path.abspath(args[0]))
        if path == REAL_HOME or path.startswith(REAL_HOME + os.sep):
            HOME_WRITES.append(f"{event} {path}")


sys.addaudithook(_note_home_writes)  # (from collection on; a hook stays for the process and only notes)


@pytest.fixture(scope="session", autouse=True)
def _own_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    folders = {"HOME": home, "XDG_CONFIG_HOME": home / ".config", "XDG_DATA_HOME": home / ".local" / "share",
               "XDG_CACHE_HOME": home / ".cache", "XDG_STATE_HOME": home / ".local" / "state"}
    saved = {key: os.environ.get(key) for key in folders}
    os.environ.update({key: str(path) for key, path in folders.items()})
    yield home
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def pytest_sessionfinish(session, exitstatus):
    if HOME_WRITES and REAL_HOME != os.sep:
        print(f"\nconftest: tests wrote under the real home {REAL_HOME}:\n  " + "\n  ".join(sorted(set(HOME_WRITES))[:20]),
              file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
