"""Shared test helpers: a small random checkpoint that needs no trained model."""
from __future__ import annotations

import numpy as np

from classroom_gui.model import ClassroomTokenizer, GPTConfig, load_checkpoint, save_checkpoint
from classroom_gui.model.checkpoint import expected_shapes

VOCAB = ("<unk>", "the", "cat", "sat", "on", "mat", ".", "猫", "が", "マット", "の", "上", "に", "座った", "。")


def random_checkpoint(folder, seed: int = 0, n_layer: int = 2, n_head: int = 2, n_embd: int = 16, n_positions: int = 64):
    cfg = GPTConfig(n_layer=n_layer, n_head=n_head, n_embd=n_embd, n_positions=n_positions, vocab_size=len(VOCAB),
                    n_inner=4 * n_embd)
    rng = np.random.default_rng(seed)
    params = {k: (rng.standard_normal(s) * 0.5).astype(np.float32) for k, s in expected_shapes(cfg).items()}
    save_checkpoint(folder, cfg, params, ClassroomTokenizer(list(VOCAB)))
    return load_checkpoint(folder)
