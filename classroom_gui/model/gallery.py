"""The gallery of examples (assets/model/examples.json): sentences where one head of the shipped model
does something a teacher can point at, each with the claim a test checks.

The file is a JSON list of {"text", "lang" ("en"|"ja"), "mask" ("none"|"causal"), "focus" (the asking
word as shown; it appears once in the sentence), "layer" and "head" (from 1), "expect_top" (a word, or a
list of words: the classmates with the largest shares at that focus, layer and head, in any order), "what"
({"en": one sentence, "ja": one sentence})}.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..resources import teaching_model_dir
from .functions import MASK_RULES
from .sentence import run_sentence

EXAMPLES = "examples.json"
KEYS = ("text", "lang", "mask", "focus", "layer", "head", "expect_top", "what")


class GalleryError(ValueError):
    """An examples file that cannot be used; the message names the file and the problem."""


def load_examples(path: Path | None = None) -> list[dict]:
    path = Path(path) if path else teaching_model_dir() / EXAMPLES
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GalleryError(f"{path}: cannot be read ({exc})") from None
    if not isinstance(raw, list):
        raise GalleryError(f"{path}: expected a JSON list of examples")
    for i, ex in enumerate(raw):
        problem = _problem(ex)
        if problem:
            raise GalleryError(f"{path}: example {i + 1}: {problem}")
    return raw


def _problem(ex) -> str | None:
    if not isinstance(ex, dict) or set(ex) != set(KEYS):
        return f"needs exactly the keys {', '.join(KEYS)}"
    if ex["lang"] not in ("en", "ja") or ex["mask"] not in MASK_RULES:
        return "lang must be en or ja, mask one of " + ", ".join(MASK_RULES)
    if not all(isinstance(ex[k], int) and ex[k] >= 1 for k in ("layer", "head")):
        return "layer and head count from 1"
    top = ex["expect_top"]
    if not (isinstance(top, str) or (isinstance(top, list) and top and all(isinstance(w, str) for w in top))):
        return "expect_top is a word or a list of words"
    if not (isinstance(ex["what"], dict) and set(ex["what"]) == {"en", "ja"}):
        return "what needs one sentence in en and one in ja"
    return None


def expected(ex: dict) -> list[str]:
    return [ex["expect_top"]] if isinstance(ex["expect_top"], str) else list(ex["expect_top"])


def measure(checkpoint, ex: dict) -> dict:
    """The example run through the model: the focus's shares at its layer and head, largest first, and
    whether the largest ones are exactly expect_top."""
    run = run_sentence(checkpoint, ex["text"], ex["mask"])
    words = run.trace.tokens
    if words.count(ex["focus"]) != 1:
        raise GalleryError(f"{ex['text']!r}: the focus {ex['focus']!r} must appear exactly once in {words}")
    focus = words.index(ex["focus"])
    shares = run.trace.layers[ex["layer"] - 1].weights[ex["head"] - 1][focus].astype(float)
    order = np.argsort(-shares, kind="stable")
    want = expected(ex)
    top = [words[i] for i in order[:len(want)]]
    runner_up = float(shares[order[len(want)]]) if len(order) > len(want) else 0.0
    return {"shares": [(words[i], round(float(shares[i]), 3)) for i in order],
            "holds": sorted(top) == sorted(want), "margin": round(float(shares[order[len(want) - 1]]) - runner_up, 3),
            "unknown": [t for t, u in zip(words, run.trace.unknown) if u]}
