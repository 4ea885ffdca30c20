"""The gallery of examples (assets/model/examples.json): sentences where one head of the shipped model
does something a teacher can point at, each with the claim a test checks.

The file is a JSON list of {"text", "lang" ("en"|"ja"), "mask" ("none"|"causal"), "focus" (the asking
word as shown; it appears once in the sentence), "layer" and "head" (from 1), "expect_top" (a word, or a
list of words: the classmates with the largest shares at that focus, layer and head, in any order), "what"
({"en": one sentence, "ja": one sentence}), and optionally "expect_next" (the class's next word at the focus,
in turn, as answer time shows it on the asker's desk: an example whose "what" names a guess must say it here)}.
What each "what" claims is checked on the model (claim_problems): its top classmates, its guess, and that it
says "finds" only where the top classmate leads clearly (CLEAR_LEAD), else "gives the biggest share to".
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ..messages.phrase import Name, PhraseError, Words
from ..resources import teaching_model_dir
from .functions import MASK_RULES
from .limits import CONFIG_BYTES, LimitError, read_json
from .sentence import run_sentence

EXAMPLES = "examples.json"
KEYS = ("text", "lang", "mask", "focus", "layer", "head", "expect_top", "what")
OPTIONAL = ("expect_next",)
CLEAR_LEAD = 0.15  # share points between the top classmate and the next before a "what" may say it finds it
# (teacher34 #14: 「草」 0.25 beside 「の」 0.20 was said to be found); words that claim so, and words that claim a guess
FINDS = {"en": ("finds", "find "), "ja": ("見つけ",)}
GUESSES = {"en": ("guess",), "ja": ("予想", "次は")}


class GalleryError(PhraseError, ValueError):
    """An examples file that cannot be used, as a key of messages/strings ("gallery.…") and its values: str() names
    the file and the problem in English, `phrase.said(lang)` in the reader's language (polish12)."""


def load_examples(path: Path | None = None) -> list[dict]:
    """The shipped model's examples (or those of `path`), checked: read_examples in English and Japanese."""
    return read_examples(Path(path) if path else teaching_model_dir() / EXAMPLES, ("en", "ja"))


def read_examples(path, languages=("en", "ja")) -> list[dict]:
    """The one reader of an examples.json (the window's gallery, the CLI, training's evaluation): every
    entry checked and returned as a dict of KEYS, its text's spaces folded and "what" in `languages`;
    GalleryError names the file, the entry (from 1) and the problem."""
    path = Path(path)
    if not path.is_file():
        raise GalleryError("gallery.missing", path=str(path))
    try:  # a config file's limits: the shipped gallery is 7 kB; size and nesting are checked before parsing
        raw = read_json(path, CONFIG_BYTES)
    except LimitError as exc:
        raise GalleryError("gallery.unreadable", why=exc.phrase) from None  # the limit's own words, in any language
    if not isinstance(raw, list) or not raw:
        raise GalleryError("gallery.not_list", path=str(path))
    out = []
    for i, entry in enumerate(raw, 1):
        try:
            out.append(_checked(entry, tuple(languages)))
        except GalleryError as exc:
            raise GalleryError("gallery.example", path=str(path), i=i, why=exc.phrase) from None
        except (TypeError, ValueError) as exc:
            raise GalleryError("gallery.example", path=str(path), i=i, why=str(exc)) from None
    return out


def _checked(entry, languages: tuple[str, ...]) -> dict:
    if not isinstance(entry, dict):
        raise GalleryError("gallery.not_object", keys=KEYS)
    missing = [k for k in KEYS if k not in entry]
    if missing:
        raise GalleryError("gallery.missing_keys", keys=tuple(missing))
    text, lang, mask, focus = entry["text"], entry["lang"], entry["mask"], entry["focus"]
    if not isinstance(text, str) or not text.strip():
        raise GalleryError("gallery.text")
    if lang not in languages:
        raise GalleryError("gallery.lang", langs=languages, got=lang)
    if mask not in MASK_RULES:
        raise GalleryError("gallery.mask", got=mask)
    if isinstance(focus, bool) or not (isinstance(focus, str) and focus or isinstance(focus, int) and focus >= 1):
        raise GalleryError("gallery.focus")
    for key in ("layer", "head"):
        if isinstance(entry[key], bool) or not isinstance(entry[key], int) or entry[key] < 1:
            raise GalleryError("gallery.whole", field=key)
    top = entry["expect_top"]
    if not (isinstance(top, str) and top or isinstance(top, list) and top and all(isinstance(w, str) and w for w in top)):
        raise GalleryError("gallery.expect_top")
    what = entry["what"]
    if not isinstance(what, dict) or not all(isinstance(what.get(k), str) and what[k] for k in languages):
        raise GalleryError("gallery.what", langs=languages)
    nxt = entry.get("expect_next")
    if "expect_next" in entry and not (isinstance(nxt, str) and nxt.strip()):
        raise GalleryError("gallery.expect_next")
    return {"text": " ".join(text.split()), "lang": lang, "mask": mask, "focus": focus, "layer": entry["layer"],
            "head": entry["head"], "expect_top": top, "what": {k: what[k] for k in languages},
            **({"expect_next": nxt} if "expect_next" in entry else {})}


def focus_seat(focus: str | int, tokens: list[str]) -> int | None:
    """The seat (0-based) of `focus` among the students: a seat number from 1, or the first student
    written that way (case does not matter); None if there is no such student."""
    if isinstance(focus, int):
        return focus - 1 if 1 <= focus <= len(tokens) else None
    word = focus.strip().lower()
    return next((i for i, t in enumerate(tokens) if t.strip().lower() == word), None)


def expected(ex: dict) -> list[str]:
    return [ex["expect_top"]] if isinstance(ex["expect_top"], str) else list(ex["expect_top"])


def measure(checkpoint, ex: dict) -> dict:
    """The example run through the model: the focus's shares at its layer and head, largest first, and
    whether the largest ones are exactly expect_top; with an expect_next, "next": the class's top guess at the
    focus in turn (what answer time shows on its desk)."""
    run = run_sentence(checkpoint, ex["text"], ex["mask"])
    words = run.trace.tokens
    if isinstance(ex["focus"], str) and words.count(ex["focus"]) != 1:  # absent, or there more than once
        raise GalleryError("gallery.focus_absent" if ex["focus"] not in words else "gallery.focus_twice",
                           text=ex["text"], focus=Name(ex["focus"]), words=Words(words))
    focus = focus_seat(ex["focus"], words)
    if focus is None:
        raise GalleryError("gallery.no_seat", text=ex["text"], focus=ex["focus"], n=len(words))
    shares = run.trace.layers[ex["layer"] - 1].weights[ex["head"] - 1][focus].astype(float)
    order = np.argsort(-shares, kind="stable")
    want = expected(ex)
    top = [words[i] for i in order[:len(want)]]
    runner_up = float(shares[order[len(want)]]) if len(order) > len(want) else 0.0
    out = {"shares": [(words[i], round(float(shares[i]), 3)) for i in order],
           "holds": sorted(top) == sorted(want), "margin": round(float(shares[order[len(want) - 1]]) - runner_up, 3),
           "unknown": [t for t, u in zip(words, run.trace.unknown) if u]}
    if ex.get("expect_next"):
        in_turn = run if ex["mask"] == "causal" else run_sentence(checkpoint, ex["text"], "causal")
        out["next"] = checkpoint.tokenizer.vocab[int(np.argmax(in_turn.trace.logits[focus]))]
    return out


def claim_problems(ex: dict, result: dict) -> list[str]:
    """What the example's "what" claims and the model (`result`: measure's) does not, in English ([]: none):
    its top classmates; its guess (a "what" naming one must give it as expect_next, and it must be the class's
    top guess); "finds" (or 「見つけ」) only on a lead of CLEAR_LEAD or more."""
    problems = [] if result["holds"] else [f"the top classmates are {result['shares'][:len(expected(ex)) + 1]}"]
    what = ex["what"]
    guessed = [lang for lang, words in GUESSES.items() if any(w in what.get(lang, "").lower() for w in words)]
    if guessed and not ex.get("expect_next"):
        problems.append(f"its \"what\" ({'/'.join(guessed)}) names a guess, and it has no expect_next")
    if ex.get("expect_next") and result.get("next") != ex["expect_next"]:
        problems.append(f"the class guesses {result.get('next')!r}, not {ex['expect_next']!r}")
    finds = [lang for lang, words in FINDS.items() if any(w in what.get(lang, "").lower() for w in words)]
    if finds and result["margin"] < CLEAR_LEAD:
        problems.append(f"its \"what\" ({'/'.join(finds)}) says it finds {expected(ex)} on a lead of "
                        f"{result['margin']:.3f} (< {CLEAR_LEAD}): say it gives them the biggest share")
    return problems
