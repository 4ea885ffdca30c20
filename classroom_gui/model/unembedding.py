"""The final notebooks compared with every word of the vocabulary: the answer's logits (Trace.next_logits,
Trace.logits, the KV cache's next word, the answer chapter's row of weights)."""
from __future__ import annotations

import numpy as np

from . import parallel


def unembedding(params: dict) -> np.ndarray:  # [V, C]
    """The matrix every final notebook is compared with: the folder's own lm_head.weight when its config
    unties it from the word vectors (tie_word_embeddings: false), else wte, as GPT-2 ties them."""
    head = params.get("lm_head.weight")
    return params["wte.weight"] if head is None else head


SMALL_PRODUCT = 1 << 23  # multiply-adds below which comparing notebooks with every word stays on one BLAS thread


def compare_with_every_word(x: np.ndarray, params: dict) -> np.ndarray:  # [..., C] -> [..., V] logits
    """x @ unembedding.T. OpenBLAS shares a product this size (the teaching model's 6 x 24 x 4,695) over its
    threads, and on a busy 2-core machine waking them cost 1-40 ms (measured: median 30 ms at load 8) against
    0.1 ms of work, so small products stay on the calling thread; bigger ones run on BLAS's usual threads."""
    words = unembedding(params)
    if not parallel.blas_controllable():
        return x @ words.T
    if x.size * len(words) <= SMALL_PRODUCT:
        with parallel.one_blas_thread():
            return x @ words.T
    # BLAS's usual thread count, which decides how the product rounds, even while another thread (the worker's
    # forward) holds one BLAS thread: the logits come out the same whoever asks first
    with parallel.usual_blas_threads():
        return x @ words.T
