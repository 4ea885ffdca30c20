"""The status line after edits come back said "of the last session" (「前回の」) also when they came back within the same
session, on Ctrl+O away and back. It says "kept with this model" then, and "of the last session" only after a restart
(or for a model this window had not left)."""
import pytest

from classroom_gui.model.checkpoint import load_checkpoint
from helpers import window_on
from test_model_sessions import GPT2, open_in, prepared


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_edits_back_within_the_session_are_said_kept_with_the_model(qtbot, checkpoint, tmp_path, lang):
    store = str(tmp_path / "s.ini")
    w, edits, time = prepared(qtbot, checkpoint, store)
    w.set_language(lang)
    open_in(qtbot, w, GPT2)
    open_in(qtbot, w, checkpoint.path)
    said = w.statusBar().currentMessage()
    assert w.model.whatif.edits == edits and said == w.t("whatif.back_restored_one")
    assert ("kept with this model" if lang == "en" else "このモデルの「もしも」の変更") in said
    assert ("last session" if lang == "en" else "前回") not in said
    w.close()
    again = window_on(qtbot, checkpoint, store)  # a restart: the last session's
    again.set_language(lang)
    assert again.model.whatif.edits == edits
    assert again.statusBar().currentMessage() == again.t("whatif.restored_one")
    again.close()


def test_a_model_not_left_in_this_window_brings_the_last_sessions_edits(qtbot, checkpoint, tmp_path):
    """Started on GPT-2 after a session that left edits on the teaching model: Ctrl+O to it is the last session's."""
    store = str(tmp_path / "s.ini")
    w, edits, time = prepared(qtbot, checkpoint, store)
    w.close()
    other = window_on(qtbot, load_checkpoint(GPT2), store)
    open_in(qtbot, other, checkpoint.path)
    assert other.model.whatif.edits == edits
    assert other.statusBar().currentMessage() == other.t("whatif.restored_one")
    other.close()
