"""What a GPT-2 folder means, read faithfully: token ids exactly as its own tokenizer gives them (tokenizer.json,
or vocab.json + merges.txt as GPT2Tokenizer reads them), every activation transformers accepts, every
config.json key honoured or refused by name, and words on screen that name the model's own math.
The references were made by transformers (scripts/make_gpt2_fixture.py); no torch is needed here.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tokenizers import Tokenizer

from classroom_gui.model import CheckpointError, load_checkpoint
from classroom_gui.model.activations import ACTIVATION, DISPLAY, SHAPE
from classroom_gui.model.config import GPTConfig
from classroom_gui.model.config_keys import HONOURED, NO_EFFECT, ONLY_DEFAULT, ConfigError
from classroom_gui.model.sentence import run_sentence
from classroom_gui.lesson.state import Selection, frame_at, notices_for, timeline_for

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny_gpt2"
TABLE = json.loads((TINY / "tokenizer_table.json").read_text(encoding="utf-8"))["strings"]
_TINY = load_checkpoint(TINY)
_RAW = Tokenizer.from_file(str(TINY / "tokenizer.json"))  # the `tokenizers` library on the file, nothing between


@pytest.fixture(scope="module")
def two_file(tmp_path_factory) -> Path:
    """tiny_gpt2 without tokenizer.json: GPT-2's two-file form."""
    folder = tmp_path_factory.mktemp("two_file") / "gpt2"
    shutil.copytree(TINY, folder)
    (folder / "tokenizer.json").unlink()
    return folder


# ---- token ids ----

@pytest.mark.parametrize("row", TABLE, ids=[repr(r["text"])[:30] for r in TABLE])
def test_ids_are_the_folders_own(row, two_file):
    """run_sentence gives AutoTokenizer's ids, from tokenizer.json and from vocab.json + merges.txt alike:
    leading, trailing and repeated spaces, tabs, newlines, <|endoftext|>, emoji, control characters."""
    for folder in (TINY, two_file):
        run = run_sentence(load_checkpoint(folder), row["text"])
        assert run.trace.token_ids.tolist() == row["input_ids"], folder.name
        assert not run.normalised and not run.notices


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=60))
def test_any_text_keeps_the_tokenizers_ids(text):
    """Whatever is typed (control characters, odd spaces, emoji), run_sentence and the window's compute_run
    give exactly the ids the folder's tokenizer.json gives: nothing is normalised on the way."""
    from classroom_gui.model.sentence import compute_run

    want = _RAW.encode(text).ids[:64]  # the model's context is 64
    assert run_sentence(_TINY, text).trace.token_ids.tolist() == want
    assert compute_run(_TINY, text).trace.token_ids.tolist() == want


def test_whitespace_is_shown_readably():
    trace = run_sentence(load_checkpoint(TINY), " a\tb\nc  <|endoftext|>\x07").trace
    assert trace.tokens == ["␣a", "⇥", "b", "↵", "c", "␣", "␣", "<|endoftext|>", "␇"]
    assert all(t.strip() for t in trace.tokens)  # no student is blank


def test_teaching_model_says_when_it_reads_whitespace_as_one_space(checkpoint):

    plain, spaced = (run_sentence(checkpoint, t) for t in ("The cat sat", "  The  cat\tsat\n"))
    assert not plain.normalised and spaced.normalised
    assert spaced.trace.token_ids.tolist() == plain.trace.token_ids.tolist()
    for lang in ("en", "ja"):
        assert len(notices_for(spaced, lang)) == 1 and not notices_for(plain, lang)
    assert "tabs" in notices_for(spaced, "en")[0] and "タブ" in notices_for(spaced, "ja")[0]


@pytest.mark.parametrize("form", ["tokenizer.json", "vocab.json + merges.txt"])
def test_add_prefix_space_is_honoured(form, two_file, tmp_path):
    """tokenizer_config.json's add_prefix_space: AutoTokenizer's ids, in both forms of the folder."""
    folder = tmp_path / "gpt2"
    shutil.copytree(TINY if form == "tokenizer.json" else two_file, folder)
    (folder / "tokenizer_config.json").write_text('{"add_prefix_space": true}', encoding="utf-8")
    checkpoint = load_checkpoint(folder)
    assert any(row["add_prefix_space_ids"] != row["input_ids"] for row in TABLE)  # the table can tell them apart
    for row in TABLE:
        assert run_sentence(checkpoint, row["text"]).trace.token_ids.tolist() == row["add_prefix_space_ids"], row["text"]


def test_tokenizer_settings_that_change_ids_are_refused(two_file, tmp_path):
    folder = tmp_path / "gpt2"
    shutil.copytree(two_file, folder)
    (folder / "tokenizer_config.json").write_text('{"add_bos_token": true}', encoding="utf-8")
    with pytest.raises(CheckpointError, match="add_bos_token"):
        load_checkpoint(folder)


def test_special_tokens_named_by_the_folder_stay_whole(two_file, tmp_path):
    folder = tmp_path / "gpt2"
    shutil.copytree(two_file, folder)
    vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    (folder / "special_tokens_map.json").write_text('{"pad_token": "<pad>"}', encoding="utf-8")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["vocab_size"] = len(vocab) + 1
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(CheckpointError):  # the weights have one row fewer: refused, not misread
        load_checkpoint(folder)
    from classroom_gui.model.bpe_tokenizer import BPETokenizer

    ids = [t.id for t in BPETokenizer.load(folder).encode("a<pad>b")]
    assert ids[1] == len(vocab) and len(ids) == 3  # one new token after the vocabulary, as GPT2Tokenizer adds it


# ---- activations ----

def test_every_activation_matches_transformers():
    data = json.loads((FIXTURES / "activations.json").read_text(encoding="utf-8"))
    assert sorted(data["outputs"]) == sorted(ACTIVATION)  # all of ACT2FN but the two with learned numbers
    x = np.asarray(data["x"], dtype=np.float32)
    for name, want in data["outputs"].items():
        got = ACTIVATION[name](x.copy())
        assert got.dtype == np.float32, name
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6, err_msg=name)
        out = np.empty_like(x)
        assert ACTIVATION[name](x, out=out) is out and np.array_equal(out, got), name


def test_negatives_become_zero_only_where_the_lesson_says_so():
    x = np.linspace(-5, -0.01, 50).astype(np.float32)
    for name, f in ACTIVATION.items():
        zeroed = bool(np.all(f(x) == 0))
        assert zeroed == (SHAPE[name] == "zero"), name


# ---- config.json keys ----

def _gpt2_config() -> dict:
    return json.loads((TINY / "config.json").read_text(encoding="utf-8"))


def test_gpt2s_own_config_keys_are_all_known():
    """The keys transformers writes for GPT2Config, and those of the gpt2 / gpt2-medium / distilgpt2 folders."""
    raw = _gpt2_config()
    raw.update({"n_ctx": 1024, "task_specific_params": {"text-generation": {"do_sample": True}},
                "_num_labels": 1, "id2label": {"0": "LABEL_0"}, "n_special": 0, "predict_special_tokens": True,
                "_name_or_path": "gpt2", "torch_dtype": "float32", "output_past": True})
    GPTConfig.from_dict(raw)
    known = set(HONOURED) | {k for keys in NO_EFFECT.values() for k in keys} | set(ONLY_DEFAULT)
    assert not [k for k in _gpt2_config() if k not in known and not k.startswith("_")]


@pytest.mark.parametrize("key, value", [("rotary_dim", 16), ("use_parallel_residual", True),
                                        ("add_cross_attention", True), ("pruned_heads", {"0": [1]}),
                                        ("quantization_config", {"quant_method": "bitsandbytes"}),
                                        ("is_encoder_decoder", True), ("scale_attn_weights", "yes"),
                                        ("tie_word_embeddings", None)])
def test_unknown_or_uncomputable_keys_are_refused_by_name(key, value):
    raw = _gpt2_config()
    raw[key] = value
    with pytest.raises(ConfigError, match=key):
        GPTConfig.from_dict(raw)


def test_missing_untied_head_is_refused(tmp_path):
    folder = tmp_path / "gpt2"
    shutil.copytree(TINY, folder)
    raw = _gpt2_config()
    raw["tie_word_embeddings"] = False
    (folder / "config.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(CheckpointError, match="lm_head.weight"):
        load_checkpoint(folder)


@pytest.mark.parametrize("differs", [False, True])
def test_a_saved_lm_head_under_tied_embeddings(tmp_path, differs):
    """A tied folder may save lm_head.weight too: a copy of wte is fine; a different one is refused by name,
    since transformers 4 would drop it and transformers 5 use it."""
    from safetensors.numpy import load_file, save_file

    folder = tmp_path / "gpt2"
    shutil.copytree(TINY, folder)
    tensors = load_file(str(folder / "model.safetensors"))
    head = tensors["transformer.wte.weight"].copy()
    if differs:
        head[3, 4] += 0.5
    tensors["lm_head.weight"] = head
    save_file(tensors, str(folder / "model.safetensors"), metadata={"format": "pt"})
    if differs:
        with pytest.raises(CheckpointError, match="lm_head.weight.*tie_word_embeddings"):
            load_checkpoint(folder)
    else:
        assert "lm_head.weight" not in load_checkpoint(folder).params


# ---- words on screen ----

def _all_words(trace, lang: str) -> str:
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    words = []
    for beat in range(len(timeline)):
        frame = frame_at(trace, Selection(lang=lang), timeline.beat_stop(beat))  # each beat as the deck shows it
        words += [frame.title, frame.narration, *frame.board, *frame.notices]
        words += [st.label for st in frame.board_strips]
        for s in frame.students:
            words += [st.label for st in ([s.notebook] if s.notebook else []) + list(s.cards)]
    return "\n".join(words)


@pytest.mark.parametrize("variant, act", [("exact_gelu", "GELU"), ("quick_gelu", "QuickGELU"),
                                          ("upcast_unscaled_relu", "ReLU")])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_lesson_names_the_models_activation(variant, act, lang):
    checkpoint = load_checkpoint(FIXTURES / "gpt2_variants" / variant)
    trace = run_sentence(checkpoint, "The cat sat on the mat.").trace
    words = _all_words(trace, lang)
    assert DISPLAY[checkpoint.config.activation_function] == act and act in words
    if act != "ReLU":
        assert "ReLU" not in words and "→ 0" not in words  # a GELU lesson never says ReLU or "negatives → 0"
    else:
        assert "→ 0" in words


# ---- --focus ----

def test_focus_matches_a_word_with_or_without_the_space_mark():
    from classroom_gui.cli import CliError
    from classroom_gui.cli_focus import focus_seat
    from classroom_gui.lesson.state import default_focus

    tokens = run_sentence(load_checkpoint(TINY), "The cat sat on the mat.").trace.tokens
    assert tokens[1] == "␣cat"
    for word in ("cat", "CAT", "␣cat", " cat"):
        assert focus_seat(word, tokens) == 1, word
    assert focus_seat("the", tokens) == 0 and focus_seat("␣the", tokens) == 4  # the word as shown wins
    assert default_focus(tokens) == 1  # the help's "default: cat" holds on GPT-2 folders too
    with pytest.raises(CliError, match="dog"):
        focus_seat("dog", tokens)


def test_a_gelu_deck_never_mentions_relu(qapp, tmp_path, lang="en"):
    """The exported deck itself, a slide per chapter: every slide's text (the PDF keeps text as text) and
    speaker notes. (Every step's words, in both languages, are checked above without rendering.)"""
    from pptx import Presentation
    from pypdf import PdfReader

    from classroom_gui.cli import main

    model = FIXTURES / "gpt2_variants" / "exact_gelu"
    common = ["--model", str(model), "--text", "The cat sat on the mat.", "--lang", lang, "--size", "320x180",
              "--per", "chapter"]
    assert main(["deck", *common, "-o", str(tmp_path / "d.pdf")]) == 0
    assert main(["deck", *common, "-o", str(tmp_path / "d.pptx")]) == 0
    slides = "\n".join(page.extract_text() for page in PdfReader(str(tmp_path / "d.pdf")).pages).replace("\t", " ")
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in Presentation(str(tmp_path / "d.pptx")).slides)
    assert "+ GELU(" in slides or "+ GELU（" in slides  # the FFN slide's board: notebook + GELU(hidden) × W_2 + b_2
    for words in (slides, notes):
        assert "ReLU" not in words and "→ 0" not in words
