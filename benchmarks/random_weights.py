"""GPT-2 small's shapes and random GPT-2-style weights for the benchmarks (speed does not depend on the values).

N(0, 0.02) matrices drawn straight into float32, in place, so that building GPT-2 small never holds a
second copy of its largest matrix (the memory benchmark measures the peak). Training uses
classroom_gui.model.train.init_params instead: its float64 draws keep the shipped model reproducible.
"""
from __future__ import annotations

import numpy as np

from classroom_gui.model import GPTConfig
from classroom_gui.model.checkpoint import expected_shapes

# GPT-2 small's shapes (124 M parameters), the one the GPT-2 benchmarks all use
GPT2_SMALL = GPTConfig(n_layer=12, n_head=12, n_embd=768, n_positions=1024, vocab_size=50257,
                       activation_function="gelu_new")


def random_params(config, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    params = {}
    for name, shape in expected_shapes(config).items():
        if name.endswith(("ln_1.weight", "ln_2.weight", "ln_f.weight")):
            params[name] = np.ones(shape, np.float32)
        elif len(shape) == 1:
            params[name] = np.zeros(shape, np.float32)
        else:
            a = np.empty(shape, np.float32)
            rng.standard_normal(dtype=np.float32, out=a)
            a *= np.float32(0.02)
            params[name] = a
    return params
