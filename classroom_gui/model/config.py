"""GPTConfig is the shape of a GPT-2-style model, read from and written to a Hugging Face config.json.

Keys follow GPT2Config (n_layer, n_head, n_embd, n_positions, vocab_size, activation_function,
layer_norm_epsilon, n_inner) so a folder saved here also opens in the `transformers` library.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

ACTIVATIONS = ("relu", "gelu_new", "gelu")
# Anything beyond these is not a GPT-2-family model we can draw (GPT-2 XL is 48 x 1600 x 50257 x 1024).
LIMITS = {"n_layer": 128, "n_head": 256, "n_embd": 16384, "n_positions": 65536, "vocab_size": 1_000_000,
          "n_inner": 65536}


class ConfigError(ValueError):
    """A config.json that cannot describe a model we can run; the message names the file and the problem."""


@dataclass(frozen=True)
class GPTConfig:
    n_layer: int = 2                  # the lesson needs "layers repeat it": at least two
    n_head: int = 2                   # "many questions": at least two heads
    n_embd: int = 16                  # 16 / 2 heads = 8 numbers per card, readable on screen
    n_positions: int = 64             # a class of up to 64 students
    vocab_size: int = 512
    activation_function: str = "relu"  # the lesson's FFN uses ReLU
    layer_norm_epsilon: float = 1e-5
    n_inner: int | None = None         # None means 4 * n_embd, as in GPT-2

    @property
    def d_head(self) -> int:
        return self.n_embd // self.n_head

    @property
    def d_ffn(self) -> int:
        return self.n_inner if self.n_inner is not None else 4 * self.n_embd

    def to_json_dict(self) -> dict:
        d = asdict(self)
        d.update({"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "n_ctx": self.n_positions,
                  "tie_word_embeddings": True, "resid_pdrop": 0.0, "embd_pdrop": 0.0, "attn_pdrop": 0.0,
                  "scale_attn_weights": True, "bos_token_id": 0, "eos_token_id": 0})
        return d

    @classmethod
    def from_dict(cls, raw: dict, source: str = "config.json") -> "GPTConfig":
        if not isinstance(raw, dict):
            raise ConfigError(f"{source}: expected a JSON object, got {type(raw).__name__}")
        model_type = raw.get("model_type", "gpt2")
        if model_type != "gpt2":
            raise ConfigError(f"{source}: model_type {_show(model_type)} is not a GPT-2-family model")
        values = {}
        for key in ("n_layer", "n_head", "n_embd", "n_positions", "vocab_size"):
            if key not in raw:
                raise ConfigError(f"{source}: missing key '{key}'")
            values[key] = _positive_int(raw[key], key, source)
        act = raw.get("activation_function", "gelu_new")
        if act not in ACTIVATIONS:
            raise ConfigError(f"{source}: activation_function {_show(act)} is not one of {', '.join(ACTIVATIONS)}")
        values["activation_function"] = act
        eps = raw.get("layer_norm_epsilon", 1e-5)
        if isinstance(eps, bool) or not isinstance(eps, (int, float)) or not (0 < eps < 1):
            raise ConfigError(f"{source}: layer_norm_epsilon must be a small positive number, got {_show(eps)}")
        values["layer_norm_epsilon"] = float(eps)
        n_inner = raw.get("n_inner")
        values["n_inner"] = None if n_inner is None else _positive_int(n_inner, "n_inner", source)
        if values["n_embd"] % values["n_head"]:
            raise ConfigError(f"{source}: n_embd {values['n_embd']} is not divisible by n_head {values['n_head']}")
        return cls(**values)

    @classmethod
    def load(cls, path: Path) -> "GPTConfig":
        from .limits import CONFIG_BYTES, LimitError, read_json

        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"{path}: file not found")
        try:
            raw = read_json(path, CONFIG_BYTES)  # size, nesting and giant integers checked
        except LimitError as exc:
            raise ConfigError(str(exc)) from None
        return cls.from_dict(raw, str(path))

    def save(self, path: Path) -> None:
        Path(path).write_text(json.dumps(self.to_json_dict(), indent=2) + "\n", encoding="utf-8")


def _positive_int(value, key: str, source: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{source}: '{key}' must be a positive integer, got {_show(value)}")
    if value > LIMITS[key]:
        shown = str(value) if value < 10**30 else f"a {len(str(value))}-digit number"
        raise ConfigError(f"{source}: '{key}' = {shown} is absurdly large (limit {LIMITS[key]})")
    return value


def _show(value) -> str:
    """A value for a message: its repr, cut to 40 characters (a config may hold a 4,000-digit number)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        return f"a {len(str(abs(value)))}-digit number"
    text = repr(value) if not isinstance(value, (list, dict)) else type(value).__name__
    return text if len(text) <= 40 else text[:39] + "…"
