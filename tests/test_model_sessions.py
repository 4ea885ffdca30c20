"""teacher21 M1, L1: each model keeps its own session. Opening another model (Ctrl+O, or --model at start) threw away
the what-if edits and the step prepared on the teaching model without a word and with no Undo, and a GPT-2 session's
rule ("in turn") became the teaching model's at the next start. Now the settings file keeps each model's place in a
section of its own, and opening a model again, in the same session or after a restart, brings back its own."""
from pathlib import Path

from classroom_gui.app.actions import BY_ID
from classroom_gui.app.history import sentence_id
from classroom_gui.app.model_identity import model_id, model_key
from classroom_gui.model.whatif import Edit
from classroom_gui.view import settings
from classroom_gui.view.settings_file import MAX_MODELS
from helpers import window_on

UNDO = BY_ID["undo_edit"].keys[0]  # the key the restored edits' line names, from the actions table
RESET = BY_ID["reset_edits"].keys[0]  # and the key that resets them all (teacher30 #13: not the Edit menu, hidden in F5)

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"


def prepared(qtbot, checkpoint, store: str):
    """The teaching model on the seed in discussion, "cat" asking at its second scoring step, with the report's edit
    (cat's question card's number 1 = 2)."""
    w = window_on(qtbot, checkpoint, store)
    w.sentence.setText("The cat sat on the mat")
    w.apply_sentence()
    assert w.sel.rule == "none"
    w.select(focus=1)
    beats = w.player.timeline.beats
    w.model.jump(w.player.timeline.beat_stop(next(i for i, b in enumerate(beats) if b.key == "scoring.classmate") + 1))
    w.model.edit(Edit("q", 0, 0, 1, 0, 2.0))
    return w, w.model.whatif.edits, w.player.time


def open_in(qtbot, w, folder) -> None:
    w.open_model(str(folder))
    qtbot.waitUntil(lambda: w.checkpoint.path == Path(folder) and w.run is not None, timeout=20_000)


def test_opening_another_model_and_back_brings_the_edits_and_step_back(qtbot, checkpoint, tmp_path):
    store = str(tmp_path / "s.ini")
    w, edits, time = prepared(qtbot, checkpoint, store)
    open_in(qtbot, w, GPT2)
    assert w.sel.rule == "causal" and w.model.edit_specs() == ()  # GPT-2's own lesson, in turn
    assert w.statusBar().currentMessage() == w.t("whatif.kept_with_teaching_model")  # said, not silently set aside
    saved = settings.sessions(settings.open_store(store))[model_id(model_key(checkpoint))]
    assert saved.edits == ("q[1,1,2,1]=2.0",) and saved.rule == "none"  # kept for the teaching model
    open_in(qtbot, w, checkpoint.path)
    assert w.model.whatif.edits == edits and w.player.time == time
    assert (w.sel.rule, w.sel.focus) == ("none", 1)
    assert w.statusBar().currentMessage() == w.t("whatif.back_restored_one", undo=UNDO, reset=RESET)  # kept, not "of the last session"
    w.close()


def test_a_gpt2_session_at_start_leaves_the_teaching_models_edits_and_rule(qtbot, checkpoint, tmp_path):
    """The report's second way: Ctrl+Q, `classroom-gui --model tiny_gpt2`, Ctrl+Q, then the teaching model again."""
    from classroom_gui.model.checkpoint import load_checkpoint

    store = str(tmp_path / "s.ini")
    first, edits, time = prepared(qtbot, checkpoint, store)
    first.close()
    gpt2 = window_on(qtbot, load_checkpoint(GPT2), store)
    assert gpt2.sel.rule == "causal" and gpt2.model.edit_specs() == ()
    gpt2.close()
    again = window_on(qtbot, checkpoint, store)
    assert again.sel.rule == "none"  # L1: not GPT-2's "in turn", which the teacher never chose
    assert again.model.whatif.edits == edits and again.player.time == time
    again.close()
    back = window_on(qtbot, load_checkpoint(GPT2), store)  # and GPT-2 keeps its own
    assert back.sel.rule == "causal" and back.model.edit_specs() == ()
    back.close()


def test_the_rule_chosen_on_gpt2_stays_gpt2s(qtbot, checkpoint, tmp_path):
    """L1 the other way round: discussion chosen on GPT-2 comes back on GPT-2, and the teaching model keeps its own."""
    store = str(tmp_path / "s.ini")
    w = window_on(qtbot, checkpoint, store)
    w.set_rule("causal")
    open_in(qtbot, w, GPT2)
    assert w.sel.rule == "causal"
    w.set_rule("none")
    open_in(qtbot, w, checkpoint.path)
    assert w.sel.rule == "causal"  # what the teacher chose on the teaching model
    open_in(qtbot, w, GPT2)
    assert w.sel.rule == "none"
    w.close()


def test_damaged_or_extra_model_sections_are_dropped_and_the_rest_loads(tmp_path):
    path = tmp_path / "s.ini"
    good = "[model_0123456789abcdef]\nrule=causal\nlayer=1\n"
    path.write_text("[General]\nlang=ja\n" + good + "[model_zz]\nrule=none\n[model_0123456789abcdef]\nrule=none\n"
                    "[model_fedcba9876543210]\nlang=en\nused=1\n", encoding="utf-8")
    store = settings.open_store(str(path))
    found = settings.sessions(store)
    assert found["0123456789abcdef"].rule == "causal" and found["0123456789abcdef"].layer == 1
    assert settings.load(store).lang == "ja"
    assert "lang=en" not in path.read_text(encoding="utf-8") and "model_zz" not in path.read_text(encoding="utf-8")


def test_only_the_models_used_last_keep_a_section(tmp_path):
    store = settings.open_store(str(tmp_path / "s.ini"))
    for i in range(MAX_MODELS + 3):
        settings.save(store, settings.Settings(rule="causal"), model=f"{i:016x}")
    kept = sorted(settings.sessions(store))
    assert kept == [f"{i:016x}" for i in range(3, MAX_MODELS + 3)]


def test_back_to_a_model_after_another_sentence_brings_its_edits_back(qtbot, checkpoint, tmp_path):
    """review24 #1: Ctrl+O back to the teaching model after "A dog ran home" was applied on GPT-2 opened it on the box's
    sentence, left its kept edits out and the next save overwrote them. It comes back on its own sentence, as a start
    with --model does."""
    store = str(tmp_path / "s.ini")
    w, edits, time = prepared(qtbot, checkpoint, store)
    open_in(qtbot, w, GPT2)
    w.sentence.setText("A dog ran home")
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None and w.run.text == "A dog ran home", timeout=20_000)
    open_in(qtbot, w, checkpoint.path)
    assert w.run.text == w.sentence.text() == "The cat sat on the mat"
    assert w.model.whatif.edits == edits and w.player.time == time
    assert w.statusBar().currentMessage() == w.t("whatif.back_restored_one", undo=UNDO, reset=RESET)  # kept, not "of the last session"
    w.save_settings()
    saved = settings.sessions(settings.open_store(store))[model_id(model_key(checkpoint))]
    w.close()
    assert saved.edits == ("q[1,1,2,1]=2.0",)  # not overwritten


def test_two_windows_on_one_file_start_each_model_on_its_own_sentence(tmp_path):
    """review24 #2: two windows saving one settings file could give both sections the same `used`, and the model that
    sorted first then started on the other window's sentence box. [General] names the model whose box it is."""
    path = tmp_path / "s.ini"
    ka, kb = "model a|1", "model b|2"
    a, b = model_id(ka), model_id(kb)
    path.write_text(f"[General]\nsentence=box of {b}\nmodel={b}\n[model_{a}]\nsentence=sentence {a}\nused=6\n"
                    f"[model_{b}]\nsentence=sentence {b}\nused=6\n", encoding="utf-8")
    assert settings.load(settings.open_store(str(path)), ka).sentence == f"sentence {a}"
    assert settings.load(settings.open_store(str(path)), kb).sentence == f"box of {b}"
    store = settings.open_store(str(path))
    settings.save(store, settings.Settings(sentence=f"box of {a}"), model=a, typed=f"sentence {a}")
    assert settings.load(settings.open_store(str(path)), ka).sentence == f"box of {a}"
    assert settings.load(settings.open_store(str(path)), kb).sentence == f"sentence {b}"


def test_a_file_from_before_model_sections_gives_its_place_only_to_its_own_model(tmp_path):
    """review24 L3: a settings file without model sections gave its rule, layer, head and edits to whichever model
    started first; they go to the model its shown class was read under, and another starts as its lesson does."""
    path = tmp_path / "s.ini"
    mine, other = "teaching|config|1", "gpt2|config|2"
    path.write_text(f"[General]\nsentence=The cat sat on the mat\nrule=causal\nlayer=1\nhead=1\n"
                    f"shown={sentence_id('The cat sat on the mat', mine)}\nstep=4:scoring.classmate:1\ntime=2.5\n"
                    f'edits="q[1,1,2,1]=2.0"\n', encoding="utf-8")
    own = settings.load(settings.open_store(str(path)), mine)
    assert (own.rule, own.layer, own.head, own.edits) == ("causal", 1, 1, ("q[1,1,2,1]=2.0",))
    new = settings.load(settings.open_store(str(path)), other)
    assert (new.rule, new.layer, new.head, new.edits, new.left) == (None, None, None, (), None)
    assert new.sentence == "The cat sat on the mat"  # the box's sentence is the app's, not a model's place


def test_edits_are_not_said_kept_when_the_settings_cannot_be_written(qtbot, checkpoint, tmp_path):
    """review24 L4: "edits kept with the model" was said even when the save before opening another model failed."""
    store = tmp_path / "s.ini"
    w, edits, time = prepared(qtbot, checkpoint, str(store))
    assert w.save_settings()
    store.unlink()
    store.mkdir()  # the settings file's place taken: the save cannot be written
    assert not w.save_settings()
    open_in(qtbot, w, GPT2)
    assert w.model.edit_specs() == () and w.statusBar().currentMessage() != w.t("whatif.kept_with_teaching_model")
    w.close()


def test_a_models_key_is_worked_out_once_as_it_opens(qtbot, checkpoint, tmp_path, monkeypatch):
    """review24 (2): model_key (it stats the weights file) was worked out by the window and again by the model at
    start, and by the opening job and again by the model on Ctrl+O. Now once each, and passed along."""
    import classroom_gui.app.model_identity as identity
    from classroom_gui.app import model, sessions
    from classroom_gui.view import window

    worked = []

    def counted(ck):
        worked.append(Path(ck.path).name)
        return identity.model_key(ck)
    for module in (model, sessions, window):
        monkeypatch.setattr(module, "model_key", counted)
    w = window_on(qtbot, checkpoint, str(tmp_path / "s.ini"))
    assert len(worked) == 1 and w.model.model_key == model_key(checkpoint)
    open_in(qtbot, w, GPT2)
    assert worked[1:] == [GPT2.name] and w.model.model_key == model_key(w.checkpoint)


def test_a_model_opened_for_the_first_time_opens_at_the_same_chapter_s_first_step(qtbot, checkpoint, tmp_path):
    """teacher22 L4: the teaching model at softmax 18/36 opened tiny_gpt2 (2 layers, 31 steps) at step 18, which is
    its 「8. 聞く」: the step number was kept, not the chapter. It opens at softmax's first step now."""
    w = window_on(qtbot, checkpoint, str(tmp_path / "s.ini"))
    w.sentence.setText("猫がマットの上に座った")
    w.apply_sentence()
    beats = w.player.timeline.beats
    at = next(i for i, b in enumerate(beats) if b.key == "softmax.weights")
    w.model.jump(w.player.timeline.beat_stop(at))
    assert beats[at].chapter == "softmax"
    open_in(qtbot, w, GPT2)
    timeline = w.player.timeline
    here, _ = timeline.locate(w.player.time)
    assert timeline.beats[here].chapter == "softmax"  # the same chapter, at its first step
    assert here == next(i for i, b in enumerate(timeline.beats) if b.chapter == "softmax")
    assert w.player.time == timeline.beat_stop(here)
    w.close()


def test_a_section_without_its_sentence_opens_on_the_box_sentence(tmp_path):
    """A model's section whose sentence line was lost (a cut or damaged file) keeps its layer and opens on the sentence
    box's sentence, as before start-up found its session the way Ctrl+O does, not on the seed's."""
    path, key = tmp_path / "s.ini", "model a|1"
    path.write_text(f"[General]\nsentence=A dog ran home\nlang=en\n[model_{model_id(key)}]\nlayer=1\nused=3\n",
                    encoding="utf-8")
    s = settings.load(settings.open_store(str(path)), key)
    assert (s.sentence, s.layer) == ("A dog ran home", 1)
