"""A poisoned settings file (issue #17, case 11): one line that makes Qt abort with std::bad_alloc is dropped
before Qt reads the file, and the rest of the settings still load. Qt's abort cannot be caught, so every
check that opens a poisoned file runs in a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

POISON = r"sentence=@Variant(\0\0\0\t\x7f\xff\xff\xff)"  # a list claiming 2^31 - 1 entries
GOOD = "[General]\nlang=ja\nspeed=2\n"


def run(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})


def test_the_poison_aborts_qt_itself(tmp_path):
    """The reason for clean_file: reading any key of this file through QSettings kills the process."""
    path = tmp_path / "s.conf"
    path.write_text(GOOD + POISON + "\n")
    done = run(f"""
        from PySide6.QtCore import QSettings
        QSettings({str(path)!r}, QSettings.Format.IniFormat).value("lang")
    """)
    assert done.returncode != 0 and "bad_alloc" in done.stderr


@pytest.mark.parametrize("poison", [
    POISON,
    r'sentence="@Variant(\0\0\0\t\x7f\xff\xff\xff)"',  # quoted
    "geometry=@Variant(\\0\\0\\0\\t\\x7f\\xff\\xff\\xff)",
    "[other]\nx=@Variant(\\0\\0\\0\\t\\x7f\\xff\\xff\\xff)",
    "sentence=long \\\n@Variant(\\0\\0\\0\\t\\x7f\\xff\\xff\\xff)",  # a line Qt would join with the next
    "sentence=" + "x" * 200_000,
    "lang=@Variant(\\0\\0\\0\\x87\\0)",
])
def test_poisoned_line_is_dropped_and_the_rest_loads(tmp_path, poison):
    path = tmp_path / "s.conf"
    path.write_text(GOOD + poison + "\n")
    done = run(f"""
        from classroom_gui.view import settings
        s = settings.load(settings.open_store({str(path)!r}))
        print(s.lang, s.speed, s.sentence[:40], sep="|")
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ja|2.0|The cat sat on the mat"
    assert "@Variant" not in path.read_text() and "lang=ja" in path.read_text()


def test_the_window_starts_with_the_default_settings_file_poisoned(tmp_path):
    """The default store (the user's config folder) is cleaned too; the window opens in the saved language."""
    folder = tmp_path / "AttentionClassroom"
    folder.mkdir()
    (folder / "classroom-gui.conf").write_text(GOOD + POISON + "\n")
    done = run("""
        from PySide6.QtWidgets import QApplication
        from classroom_gui.model import load_checkpoint
        from classroom_gui.resources import teaching_model_dir
        from classroom_gui.view.window import MainWindow
        app = QApplication([])
        w = MainWindow(load_checkpoint(teaching_model_dir()))
        print(w.sel.lang, w.sentence.text(), sep="|")
        w.close()
    """, XDG_CONFIG_HOME=str(tmp_path))
    assert done.returncode == 0, done.stderr
    # the saved sentence was the poisoned line: lost (and said), the box has the lesson's first in the saved language
    assert done.stdout.strip().splitlines()[-1] == "ja|猫がマットの上に座った"
    assert "dropped 1 damaged line" in done.stderr


def test_a_file_larger_than_any_settings_file_is_set_aside(tmp_path):
    from classroom_gui.view import settings
    from classroom_gui.view.settings_copy import MAX_FILE

    path = tmp_path / "s.conf"
    path.write_bytes(b"[General]\nlang=ja\n" + b";" * (MAX_FILE + 10))
    assert settings.clean_file(path) and path.read_text() == "[General]\n"


def test_the_cleaned_file_is_written_atomically_and_keeps_its_mode(tmp_path):
    """clean_file rewrites through export.files.atomic_path: a private settings file stays private (0600), its
    copy as it was too, and nothing temporary is left beside it."""
    from classroom_gui.view import settings, settings_copy

    path = tmp_path / "s.conf"
    path.write_text(GOOD + POISON + "\n")
    path.chmod(0o600)
    assert settings.clean_file(path) == [POISON]
    assert path.read_text() == GOOD and path.stat().st_mode & 0o777 == 0o600
    # the file as it was is kept beside it, as private (teacher26 H1), and nothing temporary is left
    backup = settings_copy.backup_path(path)
    assert backup.read_text() == GOOD + POISON + "\n" and backup.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.conf", "s.conf.bak"]


def test_a_settings_file_that_cannot_be_rewritten_is_set_aside(tmp_path, monkeypatch, caplog):
    from classroom_gui.export import files
    from classroom_gui.view import settings

    path = tmp_path / "s.conf"
    path.write_text(GOOD + POISON + "\n")
    monkeypatch.setattr(files, "_finish", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    assert settings.clean_file(path) == [POISON]
    assert not path.exists() and list(tmp_path.iterdir()) == []  # the defaults, and no temporary left
    assert "disk is full" in caplog.text


def test_good_settings_survive_a_round_trip(tmp_path, qapp):
    from PySide6.QtCore import QByteArray

    from classroom_gui.view import settings

    path = str(tmp_path / "s.conf")
    saved = settings.Settings('@mention "quoted" 猫 \\ back', "ja", 2.0, QByteArray(b"\x01\x00=\n\\"))
    settings.save(settings.open_store(path), saved)
    assert settings.clean_file(tmp_path / "s.conf") == []  # nothing we write is ever dropped
    assert settings.load(settings.open_store(path)) == saved
