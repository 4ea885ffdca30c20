"""teacher22 M1: Ctrl+O back to the teaching model worked only through its installed folder. The settings file knew a
model by its folder's path and time, so the visible `assets/model` of a clone was a new model: no edits, step or rule,
and no word why. A model is now known by its config and its weights' content, and a section saved under the old key
is still found once, then saved under the new one."""
from classroom_gui.view.mnemonics import plain  # (a menu item's text without its access key)
import shutil
from pathlib import Path

from classroom_gui.app.history import sentence_id
from classroom_gui.app.model_identity import config_key, former_key, model_id, model_key
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.view import settings
from helpers import random_checkpoint, window_on
from test_model_sessions import GPT2, open_in, prepared


def copied(folder, to: Path) -> Path:
    shutil.copytree(folder, to)  # a clone's own files: another path and another time
    return to


def test_a_copy_of_the_teaching_model_brings_back_its_session(qtbot, checkpoint, tmp_path):
    """The report's steps: edits on the installed teaching model, Ctrl+O GPT-2, then Ctrl+O the clone's copy."""
    copy = copied(checkpoint.path, tmp_path / "clone" / "assets" / "model")
    w, edits, time = prepared(qtbot, checkpoint, str(tmp_path / "s.ini"))
    open_in(qtbot, w, GPT2)
    open_in(qtbot, w, copy)
    assert w.model.whatif.edits == edits and w.player.time == time
    assert (w.sel.rule, w.sel.focus) == ("none", 1)
    w.close()


def test_the_key_follows_the_content_not_the_folder(tmp_path):
    one = random_checkpoint(tmp_path / "one", seed=1)
    same = load_checkpoint(copied(one.path, tmp_path / "elsewhere"))
    retrained = random_checkpoint(tmp_path / "retrained", seed=2)  # the same shapes, other weights (review15)
    assert model_key(same) == model_key(one) and former_key(same) != former_key(one)
    assert model_key(retrained) != model_key(one)


def test_a_bias_or_a_new_words_row_gets_its_own_key(tmp_path):
    """review26 #2: the sampled digest never read 97 of GPT-2's 98 biases and LayerNorms, nor most wte rows, so a
    BitFit tuning or a new word's embedding row shared the model's key (B opened in A's session and overwrote it).
    Each tensor is read from the header's offsets: small ones whole, the first and last EDGE bytes of big ones."""
    from classroom_gui.app.model_identity import SMALL
    from classroom_gui.model.checkpoint import save_checkpoint

    one = random_checkpoint(tmp_path / "one", seed=1, n_embd=128)
    assert one.params["h.1.ln_2.bias"].nbytes <= SMALL
    bias = random_checkpoint(tmp_path / "bias", seed=1, n_embd=128, offsets={"h.1.ln_2.bias": 1e-3})
    assert [k for k in one.params if not (one.params[k] == bias.params[k]).all()] == ["h.1.ln_2.bias"]
    big = "h.0.mlp.c_fc.weight"  # read at its ends only, as GPT-2's wte (a new word's row is its last)
    assert one.params[big].nbytes > SMALL
    params = dict(one.params, **{big: one.params[big].copy()})
    params[big][-1] += 1e-3
    save_checkpoint(tmp_path / "row", one.config, params, one.tokenizer)
    keys = {model_key(ck) for ck in (one, bias, load_checkpoint(tmp_path / "row"))}
    assert len(keys) == 3
    assert model_key(load_checkpoint(copied(one.path, tmp_path / "copy"))) == model_key(one)


def test_a_small_models_weights_are_read_whole(tmp_path):
    """A file up to WHOLE bytes (the teaching model) is read whole: a change in the middle of a big tensor, which a
    GPT-2-sized file's digest reads only at its ends, still gives a new key."""
    from classroom_gui.app.model_identity import SMALL, WHOLE
    from classroom_gui.model.checkpoint import save_checkpoint

    one = random_checkpoint(tmp_path / "one", seed=1, n_embd=128)
    assert (one.path / "model.safetensors").stat().st_size <= WHOLE
    big = "h.0.mlp.c_fc.weight"
    assert one.params[big].nbytes > SMALL
    params = dict(one.params, **{big: one.params[big].copy()})
    params[big][len(params[big]) // 2] += 1e-3  # a row far from both ends
    save_checkpoint(tmp_path / "middle", one.config, params, one.tokenizer)
    assert model_key(load_checkpoint(tmp_path / "middle")) != model_key(one)


def test_the_causal_masks_are_not_read_and_a_bad_header_gives_no_digest(tmp_path):
    from classroom_gui.app.model_identity import spans

    header = {"__metadata__": {"format": "pt"}, "h.0.attn.bias": {"data_offsets": [0, 64]},
              "h.0.attn.c_attn.bias": {"data_offsets": [64, 96]}}
    assert spans(header) == [(64, 96)]  # GPT-2's constant mask is the same in every model of its shape
    one = random_checkpoint(tmp_path / "one", seed=1)
    weights = one.path / "model.safetensors"
    weights.write_bytes((2**62).to_bytes(8, "little") + b"{}")  # a header longer than the file: nothing read
    assert model_key(one) == f"{config_key(one.config)}|"


def test_the_config_is_keyed_by_the_fields_off_their_defaults():
    """review26 #7: the key held the GPTConfig repr, so a field added later would change every key."""
    from classroom_gui.model.config import GPTConfig

    assert config_key(GPTConfig()) == "{}"
    assert config_key(GPTConfig(n_layer=3, activation_function="gelu_new")) == \
        '{"activation_function": "gelu_new", "n_layer": 3}'


def older_file(qtbot, checkpoint, path: Path):
    """A settings file as an older version wrote it: prepared()'s session, with its model and its class named by the
    former key (path and time)."""
    w, edits, time = prepared(qtbot, checkpoint, str(path))
    assert w.save_settings()
    w.close()
    old, new, text = former_key(checkpoint), model_key(checkpoint), "The cat sat on the mat"
    saved = path.read_text(encoding="utf-8")
    assert model_id(new) in saved and sentence_id(text, new) in saved
    path.write_text(saved.replace(model_id(new), model_id(old)).replace(sentence_id(text, new), sentence_id(text, old)),
                    encoding="utf-8")
    return edits, time


def test_a_section_saved_under_the_former_key_is_found_once_then_saved_under_the_new(qtbot, checkpoint, tmp_path):
    path = tmp_path / "s.ini"
    edits, time = older_file(qtbot, checkpoint, path)
    w = window_on(qtbot, checkpoint, str(path))
    assert w.model.whatif.edits == edits and w.player.time == time and (w.sel.rule, w.sel.focus) == ("none", 1)
    assert w.save_settings()
    found = settings.sessions(settings.open_store(str(path)))
    old, new = model_id(former_key(checkpoint)), model_id(model_key(checkpoint))
    assert old not in found and found[new].edits == ("q[1,1,2,1]=2.0",)
    assert found[new].left[0] == sentence_id("The cat sat on the mat", model_key(checkpoint))
    w.close()


def test_a_former_section_is_found_through_ctrl_o_too(qtbot, checkpoint, tmp_path):
    """Opened with Ctrl+O from another model (app.sessions.opened_with_session), not only at start."""
    path = tmp_path / "s.ini"
    edits, time = older_file(qtbot, checkpoint, path)
    w = window_on(qtbot, load_checkpoint(GPT2), str(path))
    open_in(qtbot, w, checkpoint.path)
    assert w.model.whatif.edits == edits and w.player.time == time and w.sel.rule == "none"
    w.close()


def test_the_file_menu_goes_back_to_the_teaching_model_and_the_status_line_names_it(qtbot, checkpoint, tmp_path):
    """The File menu's 「授業用のモデルを開く」 opens the shipped model: enabled only while another model is open; and the
    status line after leaving the teaching model with edits names it, in either language."""
    w, edits, time = prepared(qtbot, checkpoint, str(tmp_path / "s.ini"))
    item = w.menu_actions["teaching_model"]
    assert not item.isEnabled() and plain(item.text()) == "Open the teaching model"
    open_in(qtbot, w, GPT2)
    said = w.statusBar().currentMessage()
    assert said == w.t("whatif.kept_with_teaching_model") and "File → Open the teaching model" in said
    assert item.isEnabled()
    w.set_language("ja")
    assert plain(item.text()) == "授業用のモデルを開く" and "「ファイル」→「授業用のモデルを開く」" in w.statusBar().currentMessage()
    item.trigger()
    qtbot.waitUntil(lambda: w.model.model_key == model_key(checkpoint) and w.run is not None, timeout=20_000)
    assert w.model.whatif.edits == edits and w.player.time == time
    assert not item.isEnabled()
    w.close()


def test_leaving_another_model_says_to_open_that_model_again(qtbot, checkpoint, tmp_path):
    """After GPT-2 with edits, the advice is Open model… on it (the teaching model's entry would not bring it back)."""
    from classroom_gui.model.whatif import Edit

    w = window_on(qtbot, load_checkpoint(GPT2), str(tmp_path / "s.ini"))
    w.model.edit(Edit("q", 0, 0, 1, 0, 2.0))
    open_in(qtbot, w, checkpoint.path)
    assert w.statusBar().currentMessage() == w.t("whatif.kept_with_model")
    w.close()


def test_a_file_from_before_model_sections_read_under_the_former_key_gives_its_place_under_the_new(checkpoint, tmp_path):
    """Start-up finds its session as Ctrl+O does (model_identity.own_session): an older file's [General] place, its class
    read under the former key (path and time), is the model's own, its step named as the new key names the sentence."""
    old, new, text = former_key(checkpoint), model_key(checkpoint), "The cat sat on the mat"
    path = tmp_path / "s.ini"
    path.write_text(f"[General]\nsentence={text}\nrule=causal\nlayer=1\nhead=1\nshown={sentence_id(text, old)}\n"
                    f'step=4:scoring.classmate:1\ntime=2.5\nedits="q[1,1,2,1]=2.0"\n', encoding="utf-8")
    own = settings.load(settings.open_store(str(path)), new, old)
    assert (own.rule, own.edits, own.left) == ("causal", ("q[1,1,2,1]=2.0",),
                                               (sentence_id(text, new), "4:scoring.classmate:1", 2.5, None))
    other = settings.load(settings.open_store(str(path)), "another|1", "/elsewhere|config|1:2")
    assert (other.rule, other.edits, other.left, other.sentence) == (None, (), None, text)
