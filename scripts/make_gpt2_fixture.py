"""Make tests/fixtures/: tiny random GPT-2 folders and what Hugging Face `transformers` computes with them.

The fixture is a reference from an independent implementation (PyTorch + transformers), so
tests/test_gpt2_reference.py can check classroom_gui.model.gpt.forward against it without torch.

This script runs only in a developer venv that has torch, transformers and tokenizers, never in tests:

    python3 -m venv /work/.venv-torch
    /work/.venv-torch/bin/pip install torch==2.13.0 transformers tokenizers safetensors numpy
    /work/.venv-torch/bin/python scripts/make_gpt2_fixture.py

It writes, into tests/fixtures/tiny_gpt2/:
  config.json, model.safetensors  the model, by GPT2LMHeadModel.save_pretrained(safe_serialization=True)
  tokenizer.json                  a byte-level BPE tokenizer trained here with `tokenizers`
  vocab.json, merges.txt          the same tokenizer in GPT-2's two-file form
  reference.json                  for three sentences: ids, tokens, attention weights, hidden states,
                                  the last position's logits and next-token probabilities
  tokenizer_table.json            for strings where whitespace and special tokens matter: the ids
                                  AutoTokenizer gives on this folder, and on a copy holding only
                                  vocab.json + merges.txt (GPT-2's two-file form, as GPT2Tokenizer reads it)
and tests/fixtures/activations.json: every activation_function of transformers' ACT2FN on a grid of inputs,
and, into tests/fixtures/gpt2_variants/NAME/, one folder per GPT2Config option the app must honour (see
VARIANTS): config.json, model.safetensors, tokenizer.json and reference.json as above, with 9 digits.

The run is seeded: running it again rewrites the same files.
"""
from __future__ import annotations

import json
import math
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch
import transformers
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import GPT2Config, GPT2LMHeadModel, GPT2TokenizerFast

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "tiny_gpt2"
SEED = 20240601
VOCAB_SIZE = 352          # 256 byte symbols + 1 special token + up to 95 merges
EOT = "<|endoftext|>"
SIGNIFICANT = 7           # digits kept in reference.json (float32 carries about 7.2)

# the tokenizer's training text: English, Japanese and a few emoji, repeated so merges form
CORPUS = [
    "The cat sat on the mat.",
    "The dog sat on the rug.",
    "A cat and a dog sat on the mat together.",
    "The cat is on the mat and the dog is on the rug.",
    "Where did the cat sit? The cat sat on the mat.",
    "猫がマットの上に座った。",
    "犬がラグの上に座った。",
    "猫と犬がマットの上にいる。",
    "猫はマットの上に座っている。",
    "今日は天気がいいですね。",
    "I love my cat 🐱 and my dog 🐶!",
    "Good night 🌙 and good morning ☀️.",
    "猫が好きです 😺❤️",
]

# the reference sentences: English, Japanese (partly seen in training, so learned merges and lone bytes
# mix, and tokens cut characters in the middle), and one with emoji and a word the tokenizer never saw
SENTENCES = [
    "The cat sat on the mat.",
    "今日、猫はマットの上に座った。",
    "My cat 🐱 sat on the zebra mat 🎉!",
]


def train_tokenizer() -> Tokenizer:
    """GPT-2's byte-level BPE: every byte is a symbol, so no text is ever unknown."""
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=VOCAB_SIZE, min_frequency=2, special_tokens=[EOT],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(CORPUS * 3, trainer=trainer)
    return tok


# GPT2Config options the app must compute as transformers does, one folder each (name -> GPT2Config keys)
VARIANTS = {
    "untied_head": {"tie_word_embeddings": False},
    "inverse_layer": {"n_layer": 3, "scale_attn_by_inverse_layer_idx": True},
    "exact_gelu": {"activation_function": "gelu", "n_inner": 80, "layer_norm_epsilon": 1e-3},
    "upcast_unscaled_relu": {"reorder_and_upcast_attn": True, "scale_attn_by_inverse_layer_idx": True,
                             "scale_attn_weights": False, "activation_function": "relu", "n_inner": 48},
    "quick_gelu": {"activation_function": "quick_gelu", "tie_word_embeddings": False},
}
# the variants' sentences: one plain, one where every kind of whitespace and the special token matter
VARIANT_SENTENCES = ["The cat sat on the mat.", " The  cat\tsat\non the mat 🐱 <|endoftext|>cat "]

# strings whose ids depend on exactly how the text is read: leading, trailing and repeated spaces, tabs,
# newlines, special tokens, emoji, control characters
TOKENIZER_STRINGS = [
    " leading space", "The  double  space", "trailing space ", "tab\there", "new\nline", "crlf\r\nline",
    "<|endoftext|>", "a<|endoftext|>b", "The cat <|endoftext|> sat", "<|endoftext|><|endoftext|>",
    "emoji 🐱🎉 ☀️ 😺❤️", "猫がマットの上に座った。", " ", "   ", "\n\n", " \t \n ", "\t",
    "multiple   spaces   and\ttabs\n\nand newlines ", "zero\u200bwidth", "nbsp\u00a0space", "bell\x07ring",
    "<|endoftext", "The cat sat on the mat.",
]


def build_model(vocab_size: int, eot_id: int, **options) -> GPT2LMHeadModel:
    keys = dict(n_layer=2, n_head=4, n_embd=32, n_positions=64, vocab_size=vocab_size,
                activation_function="gelu_new", resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0,
                bos_token_id=eot_id, eos_token_id=eot_id, tie_word_embeddings=True)
    keys.update(options)
    config = GPT2Config(**keys)
    torch.manual_seed(SEED)
    model = GPT2LMHeadModel(config)
    # GPT-2's own init (std 0.02) gives near-uniform attention and near-uniform next-token probabilities,
    # which would hide a wrong scale or a transposed weight. Redraw every tensor larger, seeded, and give
    # the LayerNorms gains away from 1 and biases away from 0 so they are checked too.
    gen = torch.Generator().manual_seed(SEED)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=gen, dtype=p.dtype)
            if ".ln_" in name or name.startswith("transformer.ln_f"):
                p.copy_(1.0 + 0.2 * noise if name.endswith("weight") else 0.1 * noise)
            elif name.endswith("bias"):
                p.copy_(0.1 * noise)
            elif "wte" in name or "wpe" in name:
                p.copy_(0.4 * noise)
            else:
                p.copy_(0.25 * noise)
    model.eval()
    tied = model.lm_head.weight.data_ptr() == model.transformer.wte.weight.data_ptr()
    assert tied == config.tie_word_embeddings, "lm_head is tied exactly when the config says so"
    return model


def rounded(x, digits: int = SIGNIFICANT):
    """Nested lists of floats, each rounded to `digits` significant digits."""
    if isinstance(x, (list, tuple)):
        return [rounded(v, digits) for v in x]
    v = float(x)
    if not math.isfinite(v):
        raise ValueError(f"non-finite value {v} in the reference")
    return float(f"{v:.{digits}g}")


def reference_for(model: GPT2LMHeadModel, tok, text: str, digits: int = SIGNIFICANT) -> dict:
    """What transformers computes for `text`; tok is a `tokenizers` Tokenizer, or a transformers tokenizer
    (AutoTokenizer), whose own call gives the ids."""
    if isinstance(tok, Tokenizer):
        enc = tok.encode(text)
        ids, tokens, decode = enc.ids, enc.tokens, tok.decode
    else:
        ids = tok(text)["input_ids"]
        tokens, decode = tok.convert_ids_to_tokens(ids), tok.decode
    rounded_ = lambda x: rounded(x, digits)  # noqa: E731
    with torch.no_grad():
        out = model(torch.tensor([ids]), output_attentions=True, output_hidden_states=True)
    assert len(out.attentions) == model.config.n_layer
    assert len(out.hidden_states) == model.config.n_layer + 1
    logits = out.logits[0, -1].to(torch.float64)
    probs = torch.softmax(out.logits[0, -1], dim=-1)   # float32, as the model would compute it
    return {
        "text": text,
        "input_ids": ids,
        "tokens": tokens,
        "token_texts": [decode([i]) for i in ids],   # readable form; a lone byte of a character shows as U+FFFD
        "attentions": rounded_(torch.stack(out.attentions)[:, 0].tolist()),           # [layer][head][T][T]
        "hidden_states": rounded_(torch.stack(out.hidden_states)[:, 0].tolist()),     # [n_layer + 1][T][C]
        "next_token_logits": rounded_(logits.tolist()),                                # [V]
        "next_token_probs": rounded_(probs.tolist()),                                  # [V]
    }


def main() -> int:
    torch.set_num_threads(1)   # one thread: the same sums in the same order on every run
    OUT.mkdir(parents=True, exist_ok=True)

    tok = train_tokenizer()
    vocab_size = tok.get_vocab_size()
    eot_id = tok.token_to_id(EOT)
    tok.save(str(OUT / "tokenizer.json"))
    tok.model.save(str(OUT), None)          # vocab.json + merges.txt, GPT-2's two-file form

    # the three tokenizer files must agree: the two-file form, read by transformers, gives the same ids
    saved = Tokenizer.from_file(str(OUT / "tokenizer.json"))
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("vocab.json", "merges.txt"):
            shutil.copy(OUT / name, tmp)
        two_file = GPT2TokenizerFast.from_pretrained(tmp)
        assert len(two_file) == vocab_size, (len(two_file), vocab_size)
        for text in SENTENCES + CORPUS:
            assert saved.encode(text).ids == tok.encode(text).ids == two_file(text)["input_ids"], text
            assert saved.decode(saved.encode(text).ids) == text, text

    model = build_model(vocab_size, eot_id)
    model.save_pretrained(OUT, safe_serialization=True)
    (OUT / "generation_config.json").unlink(missing_ok=True)   # generation settings: not needed here
    (OUT / "model.safetensors").chmod(0o644)   # safetensors writes 0600 whatever the umask

    # read back what was saved (as a user of the folder would) and make the reference with it
    model = GPT2LMHeadModel.from_pretrained(OUT, attn_implementation="eager").eval()
    model.to(torch.float32)
    reference = {
        "made_by": "scripts/make_gpt2_fixture.py",
        "versions": versions(),
        "note": "hidden_states[0] is the embedding, hidden_states[i] the output of block i-1, and the last "
                "entry has ln_f applied (Hugging Face's convention). Values keep 7 significant digits.",
        "sentences": [reference_for(model, saved, text) for text in SENTENCES],
    }
    for s in reference["sentences"]:
        probs = np.asarray(s["next_token_probs"])
        assert abs(probs.sum() - 1) < 1e-5 and len(probs) == vocab_size
    text = json.dumps(reference, ensure_ascii=False, separators=(",", ":"))
    (OUT / "reference.json").write_text(text + "\n", encoding="utf-8")

    write_tokenizer_table()
    write_activations()
    for name, options in VARIANTS.items():
        write_variant(name, options, vocab_size, eot_id)

    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"vocab {vocab_size}, tokens per sentence {[len(s['input_ids']) for s in reference['sentences']]}, "
          f"{total / 1024:.0f} KiB in {OUT}")
    for p in sorted(OUT.iterdir()):
        print(f"  {p.name:22s} {p.stat().st_size:8d}")
    return 0


def versions() -> dict:
    return {"torch": torch.__version__, "transformers": transformers.__version__,
            "tokenizers": __import__("tokenizers").__version__, "numpy": np.__version__}


def write_tokenizer_table() -> None:
    """tokenizer_table.json: each string's ids from AutoTokenizer on the folder (tokenizer.json) and on a
    copy with only vocab.json + merges.txt, and from GPT2Tokenizer (the two-file reader) on that copy."""
    from transformers import AutoTokenizer, GPT2Tokenizer

    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as prefixed:
        for name in ("vocab.json", "merges.txt", "config.json"):
            shutil.copy(OUT / name, tmp)
        full = AutoTokenizer.from_pretrained(OUT)
        two_file = AutoTokenizer.from_pretrained(tmp)
        slow = GPT2Tokenizer.from_pretrained(tmp)
        # tokenizer_config.json's add_prefix_space: a space before the text, in both forms of the folder
        with_prefix = []
        for names in (("tokenizer.json", "config.json"), ("vocab.json", "merges.txt", "config.json")):
            shutil.rmtree(prefixed)
            Path(prefixed).mkdir()
            for name in names:
                shutil.copy(OUT / name, prefixed)
            (Path(prefixed) / "tokenizer_config.json").write_text('{"add_prefix_space": true}', encoding="utf-8")
            with_prefix.append(AutoTokenizer.from_pretrained(prefixed))
        rows = []
        for text in TOKENIZER_STRINGS:
            ids = full(text)["input_ids"]
            assert two_file(text)["input_ids"] == slow(text)["input_ids"] == ids, text
            prefix_ids = with_prefix[0](text)["input_ids"]
            assert with_prefix[1](text)["input_ids"] == prefix_ids, text
            rows.append({"text": text, "input_ids": ids, "tokens": full.convert_ids_to_tokens(ids),
                         "add_prefix_space_ids": prefix_ids})
    table = {"made_by": "scripts/make_gpt2_fixture.py", "versions": versions(),
             "note": "input_ids are what AutoTokenizer.from_pretrained(tiny_gpt2)(text) gives; the same ids come "
                     "from AutoTokenizer and GPT2Tokenizer on a folder holding only vocab.json + merges.txt. "
                     "add_prefix_space_ids: AutoTokenizer's ids when tokenizer_config.json sets add_prefix_space "
                     "(the same with tokenizer.json or with vocab.json + merges.txt).",
             "strings": rows}
    (OUT / "tokenizer_table.json").write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_activations() -> None:
    """activations.json: ACT2FN[name](x) in float32 for x on a grid, for every name without learned numbers."""
    from transformers.activations import ACT2FN

    x = np.concatenate([np.linspace(-8, 8, 161), [-30, -20, -12, 12, 20, 30]]).astype(np.float32)
    table = {}
    for name in sorted(ACT2FN):
        act = ACT2FN[name]
        if isinstance(act, torch.nn.Module) and any(True for _ in act.parameters()):
            continue  # prelu, xielu: learned numbers of their own, which the app refuses
        table[name] = rounded(act(torch.tensor(x)).tolist(), 9)
    data = {"made_by": "scripts/make_gpt2_fixture.py", "versions": versions(), "x": x.tolist(), "outputs": table}
    (OUT.parent / "activations.json").write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


def write_variant(name: str, options: dict, vocab_size: int, eot_id: int) -> None:
    from transformers import AutoTokenizer

    out = OUT.parent / "gpt2_variants" / name
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copy(OUT / "tokenizer.json", out)
    build_model(vocab_size, eot_id, **options).save_pretrained(out, safe_serialization=True)
    (out / "generation_config.json").unlink(missing_ok=True)
    (out / "model.safetensors").chmod(0o644)
    model = GPT2LMHeadModel.from_pretrained(out, attn_implementation="eager").eval()
    for key, value in options.items():
        assert getattr(model.config, key) == value, (name, key)
    tok = AutoTokenizer.from_pretrained(out)
    reference = {"made_by": "scripts/make_gpt2_fixture.py", "versions": versions(), "options": options,
                 "note": "as tiny_gpt2/reference.json, with 9 significant digits; ids from AutoTokenizer",
                 "sentences": [reference_for(model, tok, text, digits=9) for text in VARIANT_SENTENCES]}
    (out / "reference.json").write_text(json.dumps(reference, ensure_ascii=False, separators=(",", ":")) + "\n",
                                        encoding="utf-8")
    print(f"{name}: {sum(p.stat().st_size for p in out.iterdir()) / 1024:.0f} KiB, "
          f"tokens {[len(s['input_ids']) for s in reference['sentences']]}")


if __name__ == "__main__":
    sys.exit(main())
