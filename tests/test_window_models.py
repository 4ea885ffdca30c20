"""Opening other models in the window: off the GUI thread, with the all-heads overview; a broken folder
gives a message and keeps the class that was there."""
import shutil
from pathlib import Path

import pytest

from classroom_gui.view import settings, window_jobs as window_module  # the jobs: BIG_MODEL, the warning box
from classroom_gui.lesson.strings import WORD_JOINER
from classroom_gui.view.window import MainWindow
from helpers import warned_window

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_gpt2"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    return warned_window(qtbot, tmp_path, monkeypatch)


def test_open_a_gpt2_folder_off_the_gui_thread(qtbot, window):
    window.open_model(str(FIXTURE))
    qtbot.waitUntil(lambda: window.checkpoint.config.n_head == 4, timeout=10_000)
    assert window.run.trace.tokens[1] == "␣cat"
    assert window.head_box.count() == 4 and window.layer_box.count() == 2
    frame = window.model.frame()
    assert frame.overview.shape[:2] == (2, 4)


def test_big_models_compute_on_the_worker(qtbot, window, monkeypatch):
    monkeypatch.setattr(window_module, "BIG_MODEL", 0)
    window.sentence.setText("the mat")
    window.apply_sentence()
    qtbot.waitUntil(lambda: window.run is not None and window.run.trace.n_tokens == 2, timeout=10_000)
    assert not window.busy_bar.isVisible()


def test_a_broken_folder_keeps_the_class(qtbot, window, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(FIXTURE, broken)
    (broken / "model.safetensors").unlink()
    (broken / "pytorch_model.bin").write_bytes(b"\x80\x04")
    before = window.checkpoint
    window.open_model(str(broken))
    qtbot.waitUntil(lambda: len(window.messages) > 0, timeout=10_000)
    assert "safetensors" in window.messages[0] and window.checkpoint is before and window.run is not None


def test_clicking_a_map_in_the_all_heads_grid_selects_it(qtbot, window):
    window.charts.headChosen.emit(1, 1)
    assert (window.sel.layer, window.sel.head) == (1, 1)
    assert window.layer_box.currentIndex() == 1 and window.head_box.currentIndex() == 1


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_glossary_names_the_open_models_activation(qtbot, window, lang):
    from PySide6.QtWidgets import QLabel

    from classroom_gui.view import dialogs

    window.set_language(lang)
    window.open_model(str(FIXTURE.parent / "gpt2_variants" / "exact_gelu"))
    qtbot.waitUntil(lambda: window.checkpoint.config.activation_function == "gelu", timeout=10_000)
    dialog = dialogs.glossary_dialog(window, window.glossary_t)
    words = " ".join(label.text().replace(WORD_JOINER, "") for label in dialog.findChildren(QLabel))
    dialog.deleteLater()
    assert "GELU" in words and "ReLU" not in words and "{act}" not in words


def test_a_broken_folder_is_said_in_japanese_first(qtbot, window, tmp_path):
    """teacher3 M3: in the Japanese window a folder that cannot be read is a Japanese sentence, then the detail;
    teacher6 L5: the loader's English detail is the box's details, not a line under the Japanese, and the box is
    titled for what happened (not "Something went wrong")."""
    window.set_language("ja")
    broken = tmp_path / "壊れたモデル"
    shutil.copytree(FIXTURE, broken)
    (broken / "config.json").write_text("{", encoding="utf-8")
    window.open_model(str(broken))
    qtbot.waitUntil(lambda: len(window.messages) > 0, timeout=10_000)
    title, first, detail = window.boxes[0]
    assert first == "フォルダー「壊れたモデル」のモデルを読めません。クラスはそのままです。" and "config.json" in detail
    assert title == "モデルを開けません"
    # a later job's failure that is not the folder's says only itself (a real message: len == 2)
    def sentence_job():
        raise ValueError("the sentence job's own reason")
    window.worker.start(sentence_job)
    qtbot.waitUntil(lambda: len(window.messages) == 2, timeout=10_000)
    assert window.messages[1] == "the sentence job's own reason"


def test_a_bad_model_at_launch_opens_the_teaching_model(qapp, tmp_path, monkeypatch, capsys):
    """teacher6 L6: `classroom-gui --model BAD` said why and exited; it now opens the teaching model (and, on a
    screen, says why in the window's box)."""
    from types import SimpleNamespace

    from PySide6.QtCore import QTimer

    from classroom_gui.resources import teaching_model_dir
    from classroom_gui.view import app as app_module

    monkeypatch.setattr(settings, "default_path", lambda: tmp_path / "settings.ini")
    seen = []

    def look():
        shown = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.extend(w.checkpoint.path for w in shown)
        for w in shown:
            w.close()
        qapp.quit()
    QTimer.singleShot(0, look)
    assert app_module.run(SimpleNamespace(gui_model=tmp_path / "nowhere")) == 0
    assert seen == [teaching_model_dir()]
    err = capsys.readouterr().err
    assert "nowhere" in err and "opening the teaching model instead" in err


def test_a_rule_job_failing_while_a_model_opens_is_not_the_folders(qtbot, window):
    """review12 (lanes): any lane's failure while a folder opened was said as "cannot read the model" and forgot the
    folder; only the class lane's (where the model opens) is the folder's."""
    def rule_job():
        raise ValueError("the rule job's own reason")
    window.worker.start(rule_job, lane="rule")  # fails first, and is said once the folder is opening
    window.open_model(str(FIXTURE))
    qtbot.waitUntil(lambda: window.checkpoint.config.n_head == 4 and bool(window.messages), timeout=10_000)
    assert window.messages == ["the rule job's own reason"]  # the folder opened, and is not blamed


def test_a_sentence_applied_while_a_big_model_opens_is_computed_by_it(qtbot, window, monkeypatch):
    """review12 (lanes): on a big model a sentence applied while a folder opened took the model's place in their
    lane, and the folder never opened; the sentence now waits for the model, and the new model reads it."""
    monkeypatch.setattr(window_module, "BIG_MODEL", 0)
    window.open_model(str(FIXTURE))
    window.sentence.setText("the mat")
    window.apply_sentence()
    qtbot.waitUntil(lambda: window.checkpoint.config.n_head == 4 and not window.worker.waiting
                    and window.run.text == "the mat", timeout=10_000)
    assert window.run.trace.tokens == ["the", "␣mat"] and not window.messages
