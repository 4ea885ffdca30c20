"""The GPT-2 family (model_type "gpt2", transformers' GPT2LMHeadModel): its config keys, its weights' names
and shapes. Its forward (model/gpt.py) reads them; this module imports no forward, so the dependency runs one way.
Every name here is one another family's module would give too.
"""
from __future__ import annotations

MODEL_TYPE = "gpt2"
ARCHITECTURES = ["GPT2LMHeadModel"]

# config.json keys read by config.GPTConfig.from_dict and computed by the forward (config_keys.py sorts the
# others into "changes nothing at inference" and "refused by name")
CONFIG_KEYS = ("model_type", "n_layer", "n_head", "n_embd", "n_positions", "vocab_size", "n_inner",
               "activation_function", "layer_norm_epsilon", "tie_word_embeddings", "scale_attn_weights",
               "scale_attn_by_inverse_layer_idx", "reorder_and_upcast_attn")

# the prefix transformers' GPT2LMHeadModel saves before every weight name but lm_head's
SAVED_PREFIX = "transformer."

# each block's weights, after "h.{layer}.": LayerNorms, W_Q|W_K|W_V in one matrix, W_O, and the FFN
BLOCK_WEIGHTS = ("ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias", "attn.c_proj.weight",
                 "attn.c_proj.bias", "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias",
                 "mlp.c_proj.weight", "mlp.c_proj.bias")


def weight_shapes(config) -> dict[str, tuple[int, ...]]:
    """Every weight a model of this config holds, name -> shape; matrices are [in, out] (GPT-2's Conv1D)."""
    C, F = config.n_embd, config.d_ffn
    block = ((C,), (C,), (C, 3 * C), (3 * C,), (C, C), (C,), (C,), (C,), (C, F), (F,), (F, C), (C,))
    shapes = {"wte.weight": (config.vocab_size, C), "wpe.weight": (config.n_positions, C),
              "ln_f.weight": (C,), "ln_f.bias": (C,)}
    for i in range(config.n_layer):
        shapes.update({f"h.{i}.{name}": shape for name, shape in zip(BLOCK_WEIGHTS, block)})
    if not config.tie_word_embeddings:  # the answer's own matrix, untied from the word vectors
        shapes["lm_head.weight"] = (config.vocab_size, C)
    return shapes
