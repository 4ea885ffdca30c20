"""teacher11's smaller what-if findings: the W dialog names a mask edit as every head's and says what the model's
own class does (M5); counts read "1 edit" (L4); a number far outside the class's own is refused with the range
taken, not drawn with every other card white (L6); the window's worksheet in discussion is the class on screen, as
the worksheet command's (fix65; it was worked in turn), and refuses before any dialog (L3)."""
import pytest
from classroom_gui.view import message_box

from classroom_gui.lesson.whatif_state import WhatIf, status_line
from classroom_gui.model.sentence import run_sentence
from classroom_gui.model.whatif import Edit, EditError
from classroom_gui.view.window import MainWindow

JA = "猫がマットの上に座った"


@pytest.fixture
def window(qtbot, checkpoint):
    w = MainWindow(checkpoint, store={})
    qtbot.addWidget(w)
    w.set_language("ja")
    w.sentence.setText(JA)
    w.apply_sentence()
    return w


def test_the_mask_dialog_says_every_head_and_the_model_s_own_class(qtbot, window):
    from classroom_gui.view import whatif_dialog

    window.model.select(layer=1, head=2)
    dialog = whatif_dialog.WhatIfDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "もしも（第2層、ヘッド3）" and dialog.heading.text() == dialog.windowTitle()
    assert dialog.layout().labelForField(dialog.own).text() == "モデルそのままの数"
    dialog.kind.setCurrentIndex(whatif_dialog.KINDS.index("mask"))
    assert dialog.windowTitle() == "もしも（第2層、全ヘッド）" and dialog.heading.text() == dialog.windowTitle()
    label = dialog.layout().labelForField(dialog.own).text()
    assert label == "モデルそのままでは" and dialog.own.text() in ("聞こえる", "聞こえない")  # 「モデルそのままでは　聞こえる」


def test_one_edit_is_counted_as_one(checkpoint):
    own = run_sentence(checkpoint, "The cat sat on the mat", "none").trace
    state = WhatIf(own)
    state.set(Edit("q", 0, 0, 1, 0, 2.0))
    assert status_line("en", state, "Ctrl+Z", "Ctrl+Shift+Z").startswith("What if: 1 edit. ")
    state.set(Edit("q", 0, 0, 2, 0, 2.0))
    assert status_line("en", state, "Ctrl+Z", "Ctrl+Shift+Z").startswith("What if: 2 edits. ")
    assert "(s)" not in status_line("en", state, "Ctrl+Z", "Ctrl+Shift+Z")


@pytest.mark.parametrize("kind, index", [("q", 0), ("v", 3), ("score", 2)])
def test_a_number_far_outside_the_class_is_refused_with_the_range(checkpoint, kind, index):
    own = run_sentence(checkpoint, JA, "none").trace
    state = WhatIf(own)
    with pytest.raises(EditError) as caught:
        state.set(Edit(kind, 0, 0, 1, index, 1e6))
    english = str(caught.value)
    assert english.startswith("the value 1e+06 is far outside this class's numbers") and "give a value from -" in english
    assert caught.value.phrase.said("ja").startswith("値1e+06は、このクラスの数とかけ離れています")
    limit = caught.value.phrase.values["limit"]
    assert state.edits == () and state.trace is own
    state.set(Edit(kind, 0, 0, 1, index, float(limit)))  # the largest taken is taken
    assert len(state.edits) == 1
    with pytest.raises(EditError):
        state.set(Edit(kind, 0, 0, 1, index, -float(limit) - 1))


def test_the_windows_worksheet_in_discussion_is_the_class_on_screen(qtbot, window, tmp_path, monkeypatch):
    """fix65 (teacher31 #4): it was worked in turn, said in the status; now it is the class on screen."""
    from classroom_gui.view import export_dialogs

    window.model.select(focus=4, rule="none")  # 「上」 hears all 7 in discussion: 5 rows and the other 2
    refused = []
    monkeypatch.setattr(message_box, "warning", lambda *a: refused.append(a))
    out = export_dialogs.export_worksheet(window.model, window, tmp_path / "ws.pdf", paper="a4")
    assert out is not None and out.exists() and not refused
    said = window.statusBar().currentMessage()  # where it went, and nothing to say of a rule
    assert said.startswith(f"書き出しました：{out}") and "順番に発言" not in said
    assert window.sel.rule == "none"


def test_the_windows_worksheet_refuses_before_asking_for_paper(qtbot, window, tmp_path, monkeypatch):
    """A sheet that cannot be made (a score of the asker's own row edited: its key could not follow from the cards)
    is refused before the paper dialog, not after it."""
    from classroom_gui.view import export_dialogs

    window.model.select(focus=4, rule="causal")
    sel = window.sel
    window.model.edit(Edit("score", sel.layer, sel.head, 4, 1, 3.0))
    asked, refused = [], []
    monkeypatch.setattr(export_dialogs, "_ask_paper", lambda *a: asked.append(a))
    monkeypatch.setattr(message_box, "warning", lambda *a: refused.append(a))
    assert export_dialogs.export_worksheet(window.model, window, tmp_path / "no.pdf") is None
    assert refused and not asked and not (tmp_path / "no.pdf").exists()


def test_a_one_term_sum_is_written_once(checkpoint):
    """「合計 = 0.787 = 0.787」 (L4): the asker in seat 1, in turn, hears only itself; its sum is its one exp."""
    from classroom_gui.lesson.state import Selection, frame_at, timeline_for

    trace = run_sentence(checkpoint, JA, "causal").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    t = tl.beat_stop(next(i for i, b in enumerate(tl.beats) if b.key == "softmax.sum"))
    one = frame_at(trace, Selection(focus=0, lang="ja", rule="causal"), t).board
    assert len(one) == 1 and one[0].count("=") == 1 and one[0].startswith("合計 = ")
    four = frame_at(trace, Selection(focus=3, lang="ja", rule="causal"), t).board
    assert four[-1].strip().startswith("= ") and four[0].count("+") == 3  # more terms: their sum on its own line
