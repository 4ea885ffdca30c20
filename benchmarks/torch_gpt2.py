"""Hugging Face's PyTorch GPT-2 on the benchmarks' random GPT-2 weights, as bench_gpt2.py compares with it:
eager attention returning every layer's attention weights (what the classroom's trace holds), or fused
scaled-dot-product attention (SDPA) returning hidden states only. Both end with the last student's logits.
"""
from __future__ import annotations

import numpy as np

IMPLS = {"eager": "eager attention, output_attentions=True", "sdpa": "SDPA attention, hidden states only"}


def load_model(params, config, impl: str):
    """(model, wte) with transformers' GPT2Model holding the very same weights, or (None, why not)."""
    try:
        import torch
        from transformers import GPT2Config, GPT2Model
    except ImportError:
        return None, "not importable here (run under the torch venv for the ratio)"
    hf = GPT2Config(n_layer=config.n_layer, n_head=config.n_head, n_embd=config.n_embd, n_positions=config.n_positions,
                    vocab_size=config.vocab_size, activation_function=config.activation_function,
                    layer_norm_epsilon=config.layer_norm_epsilon, resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
    hf._attn_implementation = impl
    with torch.device("meta"):  # no random weights of its own: the memory comparison counts one copy
        model = GPT2Model(hf)
    state = {k: torch.from_numpy(v) for k, v in params.items()}  # shares the NumPy memory
    missing, unexpected = model.load_state_dict(state, strict=False, assign=True)
    missing = [m for m in missing if not m.endswith((".attn.bias", ".attn.masked_bias"))]
    if missing or unexpected:
        raise SystemExit(f"weights do not fit transformers' GPT2Model: missing {missing[:3]}, unexpected {unexpected[:3]}")
    return model.eval(), state["wte.weight"]


def runner(params, config, impl: str):
    """ids -> (the last position's logits, what the forward returned), or (None, why not)."""
    model, wte = load_model(params, config, impl)
    if model is None:
        return None, wte
    import torch

    def run(ids):
        with torch.inference_mode():
            out = model(torch.from_numpy(np.asarray(ids, np.int64))[None], output_attentions=impl == "eager")
            if impl == "eager" and len(out.attentions) != config.n_layer:
                raise SystemExit("transformers returned no attention weights")
            return (out.last_hidden_state[0, -1] @ wte.T).numpy(), out
    return run, f"torch {torch.__version__}, {torch.get_num_threads()} threads"
