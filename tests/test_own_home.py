"""fix28 (teacher16): the tests run in a home of their own (conftest._own_home), so a run no longer appends to the
user's ~/.local/share/Attention Classroom/classroom-gui.log or writes ~/.config/AttentionClassroom, and conftest's
audit hook notes anything written under the real home (the session then fails)."""
from __future__ import annotations

import os
from pathlib import Path

import conftest


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def test_the_apps_log_and_settings_are_in_the_tests_home(qapp, _own_home):
    from PySide6.QtCore import QStandardPaths

    from classroom_gui import crash
    from classroom_gui.view.settings import default_path

    real = Path(conftest.REAL_HOME)
    assert not _inside(_own_home, real)
    for path in (crash.log_dir(), default_path(), Path.home(), Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppDataLocation))):
        assert _inside(path, _own_home) and not _inside(path, real), path


def test_a_write_under_the_real_home_is_noted_and_a_read_is_not():
    seen = len(conftest.HOME_WRITES)
    try:
        conftest._note_home_writes("open", (os.path.join(conftest.REAL_HOME, "x.log"), "r", os.O_RDONLY))
        conftest._note_home_writes("open", ("/tmp/x.log", "a", os.O_WRONLY))
        assert len(conftest.HOME_WRITES) == seen
        conftest._note_home_writes("open", (os.path.join(conftest.REAL_HOME, "x.log"), "a", os.O_WRONLY))
        conftest._note_home_writes("os.mkdir", (os.path.join(conftest.REAL_HOME, "d"), 0o777, -1))
        assert len(conftest.HOME_WRITES) == seen + 2
    finally:
        del conftest.HOME_WRITES[seen:]  # (synthetic events: nothing was written)
