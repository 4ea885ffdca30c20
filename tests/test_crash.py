"""crash.py: the log file, --verbose, and the exception hook that keeps the window alive."""
import logging
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from classroom_gui import crash
from classroom_gui.lesson.strings import WORD_JOINER, text
from classroom_gui.cli import main


@pytest.fixture(autouse=True)
def clean_logging(tmp_path, monkeypatch):
    monkeypatch.setenv(crash.LOG_DIR_ENV, str(tmp_path / "logs"))
    yield
    for kind in ("file", "stderr"):
        crash._replace_handler(kind, None)  # closes the files: no ResourceWarning
    crash.log.setLevel(logging.NOTSET)


@pytest.fixture
def boxes(monkeypatch):
    """QMessageBox.exec never blocks: it records the box and presses "Copy details"."""
    shown = []

    def fake_exec(box):
        copy = [b for b in box.buttons() if b.text() in ("Copy details", "詳細をコピー")]
        plain = lambda said: said.replace(WORD_JOINER, "")  # noqa: E731  (the box's words, without the joiners that
        # keep its Japanese phrases whole: view.message_box)
        shown.append({"text": plain(box.text()), "info": plain(box.informativeText()), "details": box.detailedText(),
                      "title": box.windowTitle(), "copy": copy,
                      "copy_text": [b.text() for b in copy]})  # read now: the box may be deleted later
        if copy:
            copy[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def reporter(qapp):
    qapp.setApplicationName("Attention Classroom")
    r = crash.install()
    yield r
    r.uninstall()


def test_log_dir_env_overrides(tmp_path):
    assert crash.log_dir() == tmp_path / "logs"


def test_log_dir_without_env_is_the_app_data_folder(monkeypatch, qapp):
    monkeypatch.delenv(crash.LOG_DIR_ENV)
    qapp.setApplicationName("Attention Classroom")
    assert crash.log_dir().name == "Attention Classroom"


def test_log_file_rotates_and_setup_is_idempotent(tmp_path):
    crash.setup_logging()
    crash.setup_logging()
    path = crash.add_log_file()
    crash.add_log_file()
    assert path == tmp_path / "logs" / crash.LOG_FILE and crash.log_path() == path
    assert len([h for h in crash.log.handlers if crash._ours(h)]) == 2  # one stderr, one file
    handler = next(h for h in crash.log.handlers if isinstance(h, logging.handlers.RotatingFileHandler))
    assert handler.maxBytes == crash.MAX_BYTES and handler.backupCount == crash.BACKUPS
    crash.log.propagate = False  # 1.3 MB x 3 of lines: keep them out of pytest's report
    try:
        for i in range(1000):
            crash.log.info("line %d %s", i, "x" * 4000)
    finally:
        crash.log.propagate = True
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["classroom-gui.log", "classroom-gui.log.1", "classroom-gui.log.2", "classroom-gui.log.3"]
    assert all(p.stat().st_size <= crash.MAX_BYTES + 1000 for p in path.parent.iterdir())


def test_unwritable_log_folder_is_a_warning_not_a_failure(tmp_path, capsys):
    crash.setup_logging()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert crash.add_log_file(blocker / "logs") is None
    assert "cannot write the log file" in capsys.readouterr().err


def test_uncaught_exception_in_a_slot_is_logged_shown_and_the_app_goes_on(qtbot, qapp, boxes, reporter, tmp_path):
    def boom():
        raise ValueError("the desk fell over")

    ticks = []
    QTimer.singleShot(0, boom)
    QTimer.singleShot(0, boom)  # the same error again: logged, not a second box
    QTimer.singleShot(30, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks) and len(boxes) == 1, timeout=3000)
    qtbot.wait(50)
    assert reporter.count == 2 and len(boxes) == 1
    box = boxes[0]
    assert "ValueError: the desk fell over" in box["info"] and str(crash.log_path()) in box["info"]
    assert "Traceback" in box["details"] and "in boom" in box["details"] and "Python" in box["details"]
    assert box["copy"], "no Copy button"
    assert "the desk fell over" in QApplication.clipboard().text()
    log = crash.log_path().read_text(encoding="utf-8")
    assert log.count("uncaught ValueError: the desk fell over") == 2 and "Traceback" in log and "started:" in log


def test_exception_in_a_paint_event_and_a_thread(qtbot, qapp, boxes, reporter):
    from PySide6.QtWidgets import QWidget

    class Broken(QWidget):
        def paintEvent(self, event):
            raise RuntimeError("cannot paint")

    w = Broken()
    qtbot.addWidget(w)
    w.show()
    w.repaint()
    t = threading.Thread(target=lambda: 1 / 0, name="loader")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: len(boxes) == 2, timeout=3000)
    texts = " ".join(b["info"] for b in boxes)
    assert "RuntimeError" in texts and "ZeroDivisionError" in texts
    assert "in thread loader" in crash.log_path().read_text(encoding="utf-8")


def test_japanese_window_gets_a_japanese_box(qtbot, qapp, boxes, reporter, tmp_path):
    from classroom_gui.view import settings
    from classroom_gui.view.window import MainWindow
    from helpers import random_checkpoint

    w = MainWindow(random_checkpoint(tmp_path / "ck"), settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(w)
    reporter.model = w.model  # as view.app.run does
    w.set_language("ja")
    w.show()
    sys.excepthook(KeyError, KeyError("x"), None)
    qtbot.waitUntil(lambda: len(boxes) == 1, timeout=3000)
    assert boxes[0]["text"] == text("ja", "crash.text") and boxes[0]["copy_text"] == ["詳細をコピー"]


def test_hook_is_restored_and_keyboard_interrupt_passes_through(qapp, monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: seen.append(exc[0]))
    before = sys.excepthook
    r = crash.install(log_to_file=False)
    assert sys.excepthook == r.excepthook
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt] and r.count == 0
    r.uninstall()
    assert sys.excepthook is before


def test_verbose_cli_logs_the_traceback_quiet_cli_one_line(capsys, tmp_path):
    bad = tmp_path / "model"
    bad.mkdir()
    assert main(["trace", "--text", "the cat", "--model", str(bad)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert main(["-v", "trace", "--text", "the cat", "--model", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "DEBUG" in err and "Traceback" in err and err.strip().splitlines()[-1].startswith("classroom-gui trace: error:")
    assert main(["--verbose", "--help"]) == 0
    assert "--verbose" in capsys.readouterr().out


def test_a_worker_answer_whose_handler_raises_is_reported_and_the_next_job_lands(qtbot, qapp, boxes, reporter,
                                                                                  tmp_path, monkeypatch):
    """A bug in the window's handler of a worker's answer (a queued slot) is logged and shown once; the worker is
    not left busy, and the next answer is handled."""
    from classroom_gui.view.window_jobs import SentenceJobs
    from helpers import random_window

    w = random_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: w.model.run is not None, timeout=20000)
    real, answers = SentenceJobs._job_done, []

    def once_broken(self, result):
        answers.append(result)
        if len(answers) == 1:
            raise LookupError("the answer was lost")
        real(self, result)
    w.worker.finished.disconnect(w._job_done)
    w.worker.finished.connect(lambda result: once_broken(w, result))
    w.worker.start(lambda: "first")
    qtbot.waitUntil(lambda: len(boxes) == 1, timeout=5000)
    assert "LookupError: the answer was lost" in boxes[0]["info"] and not w.worker.waiting
    assert not w.busy_bar.isVisible()
    w.sentence.setText("the cat sat")
    run = w.model.run
    w.worker.start(lambda: run)
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=5000)
    assert w.isVisible() and reporter.count == 1
