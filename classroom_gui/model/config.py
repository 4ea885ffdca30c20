"""GPTConfig is the shape of a GPT-2-style model, read from and written to a Hugging Face config.json.

Keys follow GPT2Config (n_layer, n_head, n_embd, n_positions, vocab_size, activation_function,
layer_norm_epsilon, n_inner, tie_word_embeddings and the attention's scaling switches) so a folder saved
here also opens in the `transformers` library. Every other key of a config.json is checked by
config_keys.check_keys: it either changes nothing the forward computes, or the folder is refused by name.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

from .activations import ACTIVATION, LEARNED
from .config_keys import Code, ConfigError, Shown, check_keys
from .families import FAMILIES, family, gpt2
from .functions import score_divisor

ACTIVATIONS = tuple(ACTIVATION)
# Anything beyond these is not a GPT-2-family model we can draw (GPT-2 XL is 48 x 1600 x 50257 x 1024).
LIMITS = {"n_layer": 128, "n_head": 256, "n_embd": 16384, "n_positions": 65536, "vocab_size": 1_000_000,
          "n_inner": 65536}


# GPT2Config's true/false keys that change the forward, all computed here (defaults as in transformers)
SWITCHES = ("tie_word_embeddings", "scale_attn_weights", "scale_attn_by_inverse_layer_idx", "reorder_and_upcast_attn")


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
    tie_word_embeddings: bool = True   # False: the answer compares with lm_head.weight instead of wte
    scale_attn_weights: bool = True    # divide the scores by sqrt(d)
    scale_attn_by_inverse_layer_idx: bool = False  # and by the layer's number (1, 2, ...)
    reorder_and_upcast_attn: bool = False  # float32 scores and softmax: what this app always computes

    @property
    def d_head(self) -> int:
        return self.n_embd // self.n_head

    @property
    def d_ffn(self) -> int:
        return self.n_inner if self.n_inner is not None else 4 * self.n_embd

    def score_divisor(self, layer: int) -> float:
        """What layer `layer` (from 0) divides its raw scores by before the softmax."""
        return score_divisor(self.d_head, layer, self.scale_attn_weights, self.scale_attn_by_inverse_layer_idx)

    @cached_property  # a frozen dataclass still takes it (written to __dict__); eq and hash read the fields only
    def score_divisors(self) -> tuple[float, ...]:  # score_divisor of every layer, worked out once per config
        return tuple(self.score_divisor(layer) for layer in range(self.n_layer))

    def to_json_dict(self) -> dict:
        d = asdict(self)
        d.update({"model_type": gpt2.MODEL_TYPE, "architectures": gpt2.ARCHITECTURES, "n_ctx": self.n_positions,
                  "resid_pdrop": 0.0, "embd_pdrop": 0.0, "attn_pdrop": 0.0, "bos_token_id": 0, "eos_token_id": 0})
        return d

    @classmethod
    def from_dict(cls, raw: dict, source: str = "config.json") -> "GPTConfig":
        if not isinstance(raw, dict):
            raise ConfigError("model.config.not_object", path=source, got=type(raw).__name__)
        model_type = raw.get("model_type", "gpt2")
        if family(model_type) is None:
            raise ConfigError("model.config.family", path=source, got=Shown(model_type), families=Code(*FAMILIES))
        values = {}
        for key in ("n_layer", "n_head", "n_embd", "n_positions", "vocab_size"):
            if key not in raw:
                raise ConfigError("model.config.missing_key", path=source, setting=key)
            values[key] = _positive_int(raw[key], key, source)
        check_keys(raw, source)
        act = raw.get("activation_function", "gelu_new")
        if act in LEARNED:
            raise ConfigError("model.config.learned", path=source, act=act, acts=Code(*ACTIVATIONS))
        if act not in ACTIVATIONS:
            raise ConfigError("model.config.activation", path=source, got=Shown(act), acts=Code(*ACTIVATIONS))
        values["activation_function"] = act
        for key in SWITCHES:
            value = raw.get(key, getattr(cls, key))
            if not isinstance(value, bool):
                raise ConfigError("model.config.switch", path=source, setting=key, got=Shown(value))
            values[key] = value
        eps = raw.get("layer_norm_epsilon", 1e-5)
        if isinstance(eps, bool) or not isinstance(eps, (int, float)) or not (0 < eps < 1):
            raise ConfigError("model.config.epsilon", path=source, got=Shown(eps))
        values["layer_norm_epsilon"] = float(eps)
        n_inner = raw.get("n_inner")
        values["n_inner"] = None if n_inner is None else _positive_int(n_inner, "n_inner", source)
        if values["n_embd"] % values["n_head"]:
            raise ConfigError("model.config.divisible", path=source, n_embd=values["n_embd"], n_head=values["n_head"])
        return cls(**values)

    @classmethod
    def load(cls, path: Path) -> "GPTConfig":
        from .limits import CONFIG_BYTES, LimitError, read_json

        path = Path(path)
        if not path.is_file():
            raise ConfigError("model.file_missing", path=str(path))
        try:
            raw = read_json(path, CONFIG_BYTES)  # size, nesting and giant integers checked
        except LimitError as exc:
            raise ConfigError("model.unreadable", why=exc.phrase) from exc  # (checkpoint.refused keeps it)
        return cls.from_dict(raw, str(path))

    def save(self, path: Path) -> None:
        Path(path).write_text(json.dumps(self.to_json_dict(), indent=2) + "\n", encoding="utf-8")


def _positive_int(value, key: str, source: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError("model.config.positive", path=source, setting=key, got=Shown(value))
    if value > LIMITS[key]:
        raise ConfigError("model.config.too_large", path=source, setting=key, got=Shown(value), limit=LIMITS[key])
    return value
