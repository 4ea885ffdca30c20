"""Every error is one clear line (issue #17, case 12): on the command line exit status 2 and no traceback
unless --verbose; in the window, a user's error reaches the log with its traceback but stderr as one line.
Also: text options that start with "-", a closed pipe, an unreadable weights file, Qt's font warnings."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from classroom_gui import crash
from classroom_gui.cli import main
from classroom_gui.resources import teaching_model_dir
from helpers import one_line

TEXT = ("--text", "the cat sat on the mat")


@pytest.mark.parametrize("focus", ["²", "١", "0", "99", "dog"])
def test_focus_that_is_no_student_is_one_line(focus, capsys, tmp_path):
    code = main(["export", *TEXT, "--focus", focus, "--size", "160x90", "-o", str(tmp_path / "x.png")])
    assert code == 2 and "--focus" in one_line(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("text", ["-x", "-1 cat", "--json", "- - -"])
def test_text_starting_with_a_dash_is_text(text, capsys):
    assert main(["trace", "--text", text]) == 0, capsys.readouterr().err
    assert "tokens (" in capsys.readouterr().out


def test_focus_starting_with_a_dash(capsys, tmp_path):
    code = main(["export", "--text", "-x cat", "--focus", "-", "--size", "160x90", "-o", str(tmp_path / "x.png")])
    assert code == 0, capsys.readouterr().err


def test_a_closed_pipe_is_quiet(tmp_path):
    """`classroom-gui trace ... | head -1`: the reader stops early; no "Broken pipe" error, status 141 (SIGPIPE)."""
    proc = subprocess.Popen([sys.executable, "-m", "classroom_gui", "trace", "--text", "the cat sat on the mat " * 10],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline().startswith(b"model:")
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 141
    assert "Broken pipe" not in err and "Traceback" not in err and "error" not in err


def test_a_bug_is_one_line_and_verbose_shows_its_traceback(monkeypatch, capsys):
    from classroom_gui.model import sentence

    def broken(*_args, **_kw):
        raise TypeError("an internal mistake")

    monkeypatch.setattr(sentence, "forward", broken)
    assert main(["trace", *TEXT]) == 2
    line = one_line(capsys.readouterr().err)
    assert "TypeError: an internal mistake" in line and "--verbose" in line
    assert main(["trace", *TEXT, "--verbose"]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_logged_errors_keep_their_traceback_in_the_log_only(tmp_path, capsys):
    """The window logs a failed job with exc_info: the file has the traceback, stderr one line."""
    log = crash.setup_logging(False)
    path = crash.add_log_file(tmp_path)
    try:
        try:
            raise ValueError("model.safetensors: not a model")
        except ValueError as exc:
            log.warning("background job failed", exc_info=exc)
        for h in log.handlers:
            h.flush()
        err = capsys.readouterr().err
        assert one_line(err) == "classroom-gui: WARNING: background job failed"
        assert "Traceback" in path.read_text() and "not a model" in path.read_text()
        crash.setup_logging(True)
        log.warning("again", exc_info=ValueError("shown"))
        assert "ValueError: shown" in capsys.readouterr().err
    finally:
        crash._replace_handler("file", None)
        crash.setup_logging(False)


def test_the_window_with_a_bad_model_is_one_line(tmp_path, capsys, monkeypatch, qapp):
    """A bad --model is one line on stderr, and (teacher6 L6) the window then opens with the teaching model
    instead of exiting, saying so in a second line."""
    from PySide6.QtCore import QTimer

    from classroom_gui.view import settings

    monkeypatch.setenv(crash.LOG_DIR_ENV, str(tmp_path / "log"))
    monkeypatch.setattr(settings, "default_path", lambda: tmp_path / "settings.ini")

    def close_all():
        for w in qapp.topLevelWidgets():
            w.close()
        qapp.quit()
    QTimer.singleShot(0, close_all)
    assert main(["--model", str(tmp_path / "nowhere")]) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 2 and "model folder not found" in err[0] and "Traceback" not in "".join(err)
    assert err[1] == "classroom-gui: opening the teaching model instead"


def test_an_unreadable_weights_file_says_so(tmp_path):
    """Root reads any file, so as root the check runs without the capabilities that let it (setpriv)."""
    model = tmp_path / "model"
    shutil.copytree(teaching_model_dir(), model)
    (model / "model.safetensors").chmod(0o000)
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: every file is readable")
        caps = "-dac_override,-dac_read_search"
        prefix = ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]
    done = subprocess.run([*prefix, sys.executable, "-m", "classroom_gui", "trace", "--model", str(model), *TEXT],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert "model.safetensors: cannot be read (permission denied)" in line and "No such file" not in line


def test_exports_silence_qt_font_database_warnings(tmp_path, capsys):
    from PySide6.QtCore import QLoggingCategory

    assert main(["export", *TEXT, "--size", "160x90", "-o", str(tmp_path / "x.png")]) == 0
    assert not QLoggingCategory("qt.text.font.db").isWarningEnabled()
    assert QLoggingCategory("qt.text.font.db").isCriticalEnabled()  # only the warnings
    assert capsys.readouterr().err.strip() == f"wrote {tmp_path / 'x.png'}"


def test_a_folder_that_is_there_but_takes_no_file_is_not_called_missing(tmp_path, capsys):
    """teacher3 L5: /proc exists but no file can be made in it (the OS answers ENOENT): the message says so,
    not "folder not found"; a folder that really is missing still is."""
    import errno
    from pathlib import Path

    from classroom_gui.export.files import explain

    there = Path("/proc")
    if there.is_dir():  # Linux: the real case, end to end
        assert main(["deck", "--text", "The cat", "-o", "/proc/x.pptx"]) == 2
        err = one_line(capsys.readouterr().err)
        assert "/proc: cannot write files in this folder" in err and "not found" not in err
    tmp = str(tmp_path / "x.pptx.part")
    assert str(explain(tmp_path / "x.pptx", OSError(errno.ENOENT, "No such file", tmp))).endswith(
        "cannot write files in this folder; nothing was written. Choose another folder.")
    gone = tmp_path / "gone"
    assert str(explain(gone / "x.pptx", OSError(errno.ENOENT, "No such file", str(gone / "x.part")))) == \
        f"{gone}: folder not found"
