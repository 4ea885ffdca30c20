"""review10 on fix10's H1: a job's answer keeps the sentence typed when that job began, and Enter on the sentence
on screen while a big model computes another sentence is not lost (the newest job wins)."""
import pytest

from helpers import warned_window
from test_window_models import FIXTURE


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    return warned_window(qtbot, tmp_path, monkeypatch)


def test_a_sentence_entered_while_a_model_opens(qtbot, window):
    window.open_model(str(FIXTURE))          # worker: the new model with the field's sentence as it is now
    window.sentence.setText("the mat")
    window.apply_sentence()                  # the current (small) model computes it at once
    qtbot.waitUntil(lambda: window.checkpoint.config.n_head == 4, timeout=10_000)
    window.apply_sentence()                  # Enter again on the field's sentence
    assert window.run.text.split() == ["the", "mat"], (window.run.text, window.model.typed)


def test_enter_back_on_the_shown_sentence_while_a_big_model_computes_another(qtbot, window, monkeypatch):
    from classroom_gui.view import window_jobs
    monkeypatch.setattr(window_jobs, "BIG_MODEL", 0)
    shown = window.run.text
    window.sentence.setText("the mat")
    window.apply_sentence()                  # on the worker
    window.sentence.setText(shown)           # the teacher changes their mind: Enter on the class on screen
    window.apply_sentence()
    qtbot.waitUntil(lambda: not window.worker.waiting, timeout=10_000)
    qtbot.wait(50)
    assert window.run.text == shown, (window.run.text, window.sentence.text())


def test_a_sentence_typed_not_applied_is_the_one_a_new_model_opens_with(qtbot, window):
    """The job's own sentence (the field's when Open model began) is shown: nothing applied meanwhile replaces it."""
    window.sentence.setText("the dog")       # typed, not applied
    window.open_model(str(FIXTURE))
    qtbot.waitUntil(lambda: window.checkpoint.config.n_head == 4, timeout=10_000)
    qtbot.wait(50)
    assert window.run.text.split() == ["the", "dog"], window.run.text


def test_a_sentence_typed_while_a_big_model_computes_stays_in_the_box(qtbot, window, monkeypatch):
    """review11: every new run rewrote the sentence box with the shown sentence, so a sentence typed (not yet
    applied) while a big model computed the last one was lost when that answer arrived. Only Undo/Redo rewrite it."""
    from classroom_gui.view import window_jobs
    monkeypatch.setattr(window_jobs, "BIG_MODEL", 0)
    window.sentence.setText("the mat")
    window.apply_sentence()                  # on the worker
    window.sentence.setText("the dog sat")   # typed while it computes, not applied
    qtbot.waitUntil(lambda: not window.worker.waiting, timeout=10_000)
    qtbot.wait(50)
    assert window.run.text.split() == ["the", "mat"]
    assert window.sentence.text() == "the dog sat"


def test_a_failed_job_says_why_in_the_windows_language(qtbot, window, monkeypatch):
    """review11: a job's failure box showed str(exc), English, where the export dialogs say it in the window's
    language (export.errors.said)."""
    from classroom_gui.export.errors import Cancelled
    from classroom_gui.view import window_jobs
    shown = []
    monkeypatch.setattr(window_jobs, "warn", lambda parent, title, said, detail="": shown.append(said))
    window.model.select(lang="ja")
    window._job_failed(Cancelled())
    assert shown == ["書き出しを取り消しました。ファイルは書き出していません。"]
