"""Broken model folders said in the user's language (tidyr): a config.json with bad values, a tensor of the wrong
shape, dtype or numbers, a broken tokenizer. The model's loaders raise a key and its values (model/ cannot know the
reader's language); the command line (--model) and the window (File → Open model…) say it in theirs. On the command
line each is one refusal line with exit status 2 whose words are the key's, in Japanese with no English beyond paths,
quoted names and file names, and nothing is written."""
from __future__ import annotations

import json
import math
import re
import shutil
import struct
from string import Formatter

import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.strings import table, text
from classroom_gui.model.checkpoint import CheckpointError, load_checkpoint
from classroom_gui.resources import teaching_model_dir
from helpers import OWN_WORDING
from test_cli_bad_input import english_left

UNITS = {"GiB", "GPT"}  # a unit and a model's name, which Japanese writes in Latin letters too


def _config(**changes):
    def edit(folder):
        path = folder / "config.json"
        raw = json.loads(path.read_text())
        raw.update(changes)
        path.write_text(json.dumps(raw))
    return edit


def _weights(edit_header):
    """An edit of model.safetensors' header (dtype, shape, names), the data kept."""
    def edit(folder):
        path = folder / "model.safetensors"
        raw = path.read_bytes()
        n = struct.unpack("<Q", raw[:8])[0]
        header = json.loads(raw[8:8 + n])
        edit_header(header, raw)
        body = json.dumps(header).encode()
        body += b" " * (-len(body) % 8)
        path.write_bytes(struct.pack("<Q", len(body)) + body + raw[8 + n:])
    return edit


def _poke_nan(folder):  # the first number of ln_f.weight made NaN, in place (the file stays valid)
    path = folder / "model.safetensors"
    raw = bytearray(path.read_bytes())
    n = struct.unpack("<Q", raw[:8])[0]
    begin = json.loads(raw[8:8 + n])["ln_f.weight"]["data_offsets"][0]
    raw[8 + n + begin:8 + n + begin + 4] = struct.pack("<f", math.nan)
    path.write_bytes(bytes(raw))


def _write(name, content):
    def edit(folder):
        (folder / name).write_text(content)
    return edit


def _remove(name):
    def edit(folder):
        (folder / name).unlink()
    return edit


def _tokenizer_config(**changes):
    def edit(folder):
        path = folder / "tokenizer_config.json"
        raw = json.loads(path.read_text())
        raw["classroom"].update(changes)
        path.write_text(json.dumps(raw))
    return edit


# (what is broken, the edit of a copy of the teaching model, the key whose words the refusal says)
CASES = [
    ("n_layer a word", _config(n_layer="three"), "model.config.positive"),
    ("n_layer 0", _config(n_layer=0), "model.config.positive"),
    ("n_embd of 40 digits", _config(n_embd=10**40), "model.config.too_large"),
    ("n_positions too large", _config(n_positions=10**6), "model.config.too_large"),
    ("n_head not dividing n_embd", _config(n_head=5), "model.config.divisible"),
    ("activation unknown", _config(activation_function="softsign"), "model.config.activation"),
    ("activation with learned numbers", _config(activation_function="prelu"), None),
    ("switch not true/false", _config(scale_attn_weights="yes"), "model.config.switch"),
    ("switch null", _config(tie_word_embeddings=None), "model.config.switch"),
    ("epsilon too large", _config(layer_norm_epsilon=5), "model.config.epsilon"),
    ("model_type llama", _config(model_type="llama"), "model.config.family"),
    ("unknown key", _config(rope_theta=10000), "model.config.unknown_key"),
    ("encoder-decoder", _config(is_encoder_decoder=True), "model.config.only_default"),
    ("quantized", _config(quantization_config={"bits": 4}), "model.config.only_default"),
    ("config a list", _write("config.json", "[1, 2]"), "model.config.not_object"),
    ("config not JSON", _write("config.json", "{\"n_layer\": 3,"), "limit.json"),
    ("config missing", _remove("config.json"), "model.file_missing"),
    ("vocab_size off", _config(vocab_size=4000), "model.vocab.words"),
    ("n_positions: wpe's shape", _config(n_positions=32), "model.tensor.shape"),
    ("n_inner: a tensor's shape", _config(n_inner=48), "model.tensor.shape"),
    ("more layers than tensors", _config(n_layer=4), "model.tensor.missing_more"),
    ("fewer layers than tensors", _config(n_layer=2), "model.tensor.unexpected"),
    ("dtype I32", _weights(lambda h, raw: h["ln_f.weight"].update(dtype="I32")), "model.tensor.dtype"),
    ("a tensor renamed away", _weights(lambda h, raw: h.update({"h.0.attn.bias": h.pop("ln_f.bias")})),
     "model.tensor.missing"),
    ("NaN in a tensor", _poke_nan, "model.tensor.not_finite"),
    ("weights cut", lambda f: (f / "model.safetensors").write_bytes((f / "model.safetensors").read_bytes()[:100]),
     "model.not_safetensors"),
    ("tokenizer.json not a tokenizer", _write("tokenizer.json", "{\"x\": 1}"), "model.tokenizer.malformed"),
    ("tokenizer.json missing", _remove("tokenizer.json"), "model.tokenizer.not_found"),
    ("tokenizer words not a number", _tokenizer_config(words="many"), "model.tokenizer.not_classroom"),
    ("tokenizer words 0", _tokenizer_config(words=0), "model.tokenizer.n_words"),
    ("no classroom tokenizer, no GPT-2 one", lambda f: ((f / "tokenizer_config.json").unlink(),
                                                       (f / "tokenizer.json").unlink()), "model.tokenizer.none"),
]


def _broken(tmp_path, edit):
    folder = tmp_path / "model"
    shutil.copytree(teaching_model_dir(), folder)
    edit(folder)
    return folder


def _contents(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _says(lang, key, said):
    """`said` holds each fixed part of the key's sentence in `lang`, in order."""
    parts = [literal for literal, *_ in Formatter().parse(table(lang)[key]) if literal.strip()]
    return re.search(".*".join(re.escape(p) for p in parts), said)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name, edit, key", CASES, ids=[c[0] for c in CASES])
def test_a_broken_folder_is_one_refusal_in_the_users_language(name, edit, key, lang, tmp_path, capsys):
    folder = _broken(tmp_path, edit)
    before = _contents(folder)
    out = tmp_path / "x.png"
    command = ("trace", "--text", "the cat sat") if len(name) % 2 else ("export", "--text", "the cat sat", "-o", str(out))
    argv = [*command, "--model", str(folder), "--lang", lang]
    code = main(argv)
    err = capsys.readouterr().err
    lines = [x for x in err.splitlines() if x.strip()]
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, err
    prefix = text(lang, "cli.error", where=f"classroom-gui {command[0]}", said="")
    assert lines[0].startswith(prefix), lines[0]
    said = lines[0][len(prefix):]
    assert not [k for k in table("en") if k in said], said  # no key of the strings files
    if key is not None:
        assert _says(lang, key, said), (key, said)
    if lang == "ja":  # (English keeps a library's own words in brackets: "Error while deserializing header")
        assert not re.search(r"Errno|Error\b|None\b|\bTrue\b|\bFalse\b|\\n", said), said  # no Python words
        left = [w for w in english_left(said, argv) if w not in UNITS]
        assert not left, (said, left)
    else:
        with pytest.raises(CheckpointError) as caught:
            load_checkpoint(folder)
        assert said == str(caught.value)  # English: the loader's own sentence, word for word
    assert not out.exists() and _contents(folder) == before  # nothing written, the folder untouched


def test_every_model_refusal_key_is_said_in_both_languages():
    """Each key the loaders raise has its own Japanese sentence (not English fallen back to), with the same values."""
    keys = [k for k in table("en") if k.startswith("model.")]
    assert len(keys) >= 55
    for key in keys:
        en, ja = table("en")[key], table("ja")[key]
        assert ja != en and not re.search(r"[.,;] ", re.sub("「[^」]*」", "", ja)), key  # full-width punctuation
        named = [{f for _, f, *_ in Formatter().parse(said) if f} for said in (en, ja)]
        assert named[0] == named[1] or key in OWN_WORDING and named[1] < named[0], key  # (English's own: a library's)


def test_the_window_says_a_broken_folder_in_japanese(qtbot, tmp_path, monkeypatch):
    """File → Open model… on a folder whose config.json names a tensor shape the weights do not have: the box says
    the folder and the reason in Japanese; the class that was open stays."""
    from classroom_gui.view import settings, window_jobs
    from classroom_gui.view.window import MainWindow
    from helpers import random_checkpoint

    boxes = []
    monkeypatch.setattr(window_jobs, "warn", lambda parent, title, said, detail="": boxes.append((title, said, detail)))
    window = MainWindow(random_checkpoint(tmp_path / "ck"), settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(window)
    window.show()
    window.set_language("ja")
    before = window.checkpoint
    folder = _broken(tmp_path, _config(n_positions=32))
    window.open_model(str(folder))
    qtbot.waitUntil(lambda: len(boxes) > 0, timeout=10_000)
    title, said, detail = boxes[0]
    assert title == text("ja", "ui.model_error_title")
    assert said == text("ja", "ui.model_unreadable", folder="model")
    assert _says("ja", "model.tensor.shape", detail) and "wpe.weight" in detail, detail
    assert not [w for w in english_left(detail, [str(folder)]) if w not in UNITS], detail
    assert window.checkpoint is before and window.run is not None


def _failing_encode(how):
    """ClassroomTokenizer.encode as a tokenizer that cannot read the sentence: its library panics ("panic"), or it
    gives an id beyond the model ("id")."""
    from classroom_gui.model.tokenizer import Token, TokenizerError

    def encode(self, sentence):
        if how == "panic":
            raise TokenizerError("model.tokenizer.cannot_read", path=self.source, detail="regex panicked")
        return [Token("cat", 10 ** 6, False)]
    return encode


@pytest.mark.parametrize("how, key", [("panic", "model.tokenizer.cannot_read"), ("id", "model.tokenizer.gave_id")])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_tokenizer_that_cannot_read_the_sentence_is_said_in_the_users_language(how, key, lang, tmp_path,
                                                                                 monkeypatch, capsys):
    """review22 (1): the sentence's failure kept its key, so --lang ja says it in Japanese, one refusal line."""
    from classroom_gui.model.tokenizer import ClassroomTokenizer

    monkeypatch.setattr(ClassroomTokenizer, "encode", _failing_encode(how))
    out = tmp_path / "x.png"
    argv = ["export", "--text", "the cat sat", "-o", str(out), "--lang", lang]
    code = main(argv)
    err = capsys.readouterr().err
    lines = [x for x in err.splitlines() if x.strip()]
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, err
    prefix = text(lang, "cli.error", where="classroom-gui export", said="")
    assert lines[0].startswith(prefix) and _says(lang, key, lines[0][len(prefix):]), (key, lines[0])
    if lang == "ja":
        assert not [w for w in english_left(lines[0][len(prefix):], argv) if w not in UNITS], lines[0]
    assert not out.exists()


@pytest.mark.parametrize("how, key", [("panic", "model.tokenizer.cannot_read"), ("id", "model.tokenizer.gave_id")])
def test_the_window_says_a_tokenizer_failing_on_the_sentence_in_japanese(how, key, qtbot, tmp_path, monkeypatch):
    from classroom_gui.model.tokenizer import ClassroomTokenizer
    from classroom_gui.view import settings, window_jobs
    from classroom_gui.view.window import MainWindow
    from helpers import random_checkpoint

    boxes = []
    monkeypatch.setattr(window_jobs, "warn", lambda parent, title, said, detail="": boxes.append((title, said)))
    window = MainWindow(random_checkpoint(tmp_path / "ck"), settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(window)
    window.set_language("ja")
    monkeypatch.setattr(ClassroomTokenizer, "encode", _failing_encode(how))
    window.sentence.setText("the cat sat on the mat")
    window.apply_sentence()
    qtbot.waitUntil(lambda: len(boxes) > 0, timeout=10_000)
    title, said = boxes[0]
    assert title == text("ja", "ui.error_title") and _says("ja", key, said), said
    assert not [w for w in english_left(said, []) if w not in UNITS], said
