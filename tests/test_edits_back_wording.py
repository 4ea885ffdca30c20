"""The status line after edits come back said "of the last session" (「前回の」) also when they came back within the same
session, on Ctrl+O away and back. It says "kept with this model" then, and "of the last session" only after a restart
(for a model this window has not left)."""
import pytest

from classroom_gui.app.actions import BY_ID
from classroom_gui.model.checkpoint import load_checkpoint
from helpers import window_on
from test_model_sessions import GPT2, open_in, prepared

UNDO = BY_ID["undo_edit"].keys[0]  # the key the restored edits' line names, from the actions table
RESET = BY_ID["reset_edits"].keys[0]  # and the key that resets them all (teacher30 #13: not the Edit menu, hidden in F5)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_edits_back_within_the_session_are_said_kept_with_the_model(qtbot, checkpoint, tmp_path, lang):
    store = str(tmp_path / "s.ini")
    w, edits, time = prepared(qtbot, checkpoint, store)
    w.set_language(lang)
    open_in(qtbot, w, GPT2)
    open_in(qtbot, w, checkpoint.path)
    said = w.statusBar().currentMessage()
    assert w.model.whatif.edits == edits and said == w.t("whatif.back_restored_one", undo=UNDO, reset=RESET)
    assert ("kept with this model" if lang == "en" else "このモデルの「もしも」の変更") in said
    assert ("last session" if lang == "en" else "前回") not in said
    w.close()
    again = window_on(qtbot, load_checkpoint(GPT2), store)  # a restart on GPT-2, then Ctrl+O to the teaching model:
    again.set_language(lang)  # a model this window has not left, so its edits are the last session's
    open_in(qtbot, again, checkpoint.path)
    assert again.model.whatif.edits == edits
    assert again.statusBar().currentMessage() == again.t("whatif.restored_one", undo=UNDO, reset=RESET)
    again.close()
