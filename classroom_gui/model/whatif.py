"""What-if edits: a teacher's explicit overrides of numbers the forward pass makes ("what if cat's question
card said 2.0 here?"). The forward applies each edit where its number is made, so everything after it (scores,
shares, the new understanding, later layers, the answer) is computed from it; nothing is patched in a view.

Kinds (layer, head, seat, index from 0 here; from 1 in the written form):
    q, k, v   one number of a student's question / self-introduction / opinion card: seat = the student,
              index = the number on the card
    score     a raw question-self-introduction product q·k before scaling: seat = the asker, index = the classmate
    mask      a cell of the layer's mask, shared by its heads as GPT's mask is: seat = the asker, index = the
              classmate, value 1 = cannot hear (−∞), 0 = can hear; head is 0
Written form (CLI --set): "score[L,H,FROM,TO]=X", "q[L,H,WORD,i]=X" (also k, v), "mask[L,FROM,TO]=0|1";
WORD, FROM and TO are a word of the sentence or a seat number.
"""
from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass

import numpy as np

from ..messages.phrase import Name, Phrase, PhraseError
from .functions import MASK_RULES, attention_mask
from ..messages.numerals import whole

KINDS = ("q", "k", "v", "score", "mask")
_SPEC = re.compile(r"\s*(q|k|v|score|mask)\s*\[([^\]]*)\]\s*=\s*(\S+)\s*$")


class EditError(PhraseError, ValueError):
    """An edit that cannot apply to this sentence and model, as a key of messages/strings ("edit.…") and the values
    it names (messages.phrase): str() is the English the CLI prints after "--set", the window says the same
    phrase in its language (export.errors.said)."""


@dataclass(frozen=True)
class Edit:
    kind: str
    layer: int
    head: int
    seat: int
    index: int
    value: float

    def as_dict(self, tokens: list[str] | None = None) -> dict:
        """The edit's fields (layer, head, seat and index from 0, as arrays count them), and, with the
        sentence's tokens, its words, its layer, head and seats from 1 as the window and the picture's
        `selection` count them, and `set`: the edit as `--set` takes it (places from 1), e.g. "q[1,1,2,2]=3.0"."""
        out = asdict(self)
        if tokens is not None:
            out["word"] = tokens[self.seat]
            out["layer_number"] = self.layer + 1  # (a mask cell is the layer's: every head, head_number null)
            out["head_number"] = None if self.kind == "mask" else self.head + 1
            out["seat_number"] = self.seat + 1
            if self.kind in ("score", "mask"):
                out["classmate"] = tokens[self.index]
                out["classmate_seat_number"] = self.index + 1
            out["set"] = self.spec()
        return out

    def spec(self, decimals: int | None = None) -> str:
        """The edit written as `--set` reads it: layer, head, seat and number counted from 1; the number whole
        (repr), or, for a message, at `decimals` decimals ("-0.8896", as a what-if prompt shows it)."""
        l, h, s, i = self.layer + 1, self.head + 1, self.seat + 1, self.index + 1
        if self.kind == "mask":
            return f"mask[{l},{s},{i}]={int(self.value)}"
        value = repr(float(self.value)) if decimals is None else f"{float(self.value):.{decimals}f}"
        return f"{self.kind}[{l},{h},{s},{i}]={value}"


def _seat(word: str, tokens: list[str], spec: str) -> int:
    word = word.strip()
    if whole(word):
        if 1 <= int(word) <= len(tokens):
            return int(word) - 1
        raise EditError("edit.seats" if len(tokens) > 1 else "edit.seats_one", spec=spec, last=len(tokens))
    matches = [i for i, t in enumerate(tokens) if t == word]  # exactly as shown first, then by plain word
    if len(matches) != 1:
        matches = [i for i, t in enumerate(tokens) if plain(t) == plain(word)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise EditError("edit.seats_many", spec=spec, word=Name(word), seats=tuple(i + 1 for i in matches))
    raise EditError("edit.not_a_student", spec=spec, word=Name(word))


def by_case(spec: str, tokens: list[str]) -> list[Phrase]:
    """A note for each word of a written edit taken as the student written exactly so while the same word sits at
    other seats in another case (teacher26 L3: q[1,1,the,1] in "The cat sat on the mat" took seat 5 without a word)."""
    m = _SPEC.match(spec)
    if not m:
        return []
    parts = [p.strip() for p in m.group(2).split(",")]
    words = parts[1:] if m.group(1) == "mask" else parts[2:] if m.group(1) == "score" else parts[2:3]
    notes = []
    for word in (w for w in words if not whole(w)):
        exact = [i for i, t in enumerate(tokens) if t == word]
        others = [i + 1 for i, t in enumerate(tokens) if plain(t) == plain(word) and t != word]
        if len(exact) == 1 and others and not any(tokens[i - 1] in words for i in others):  # (score[1,1,The,the]:
            # both written, each as meant)
            notes.append(Phrase("edit.seat_by_case", spec=spec, word=Name(word), seat=exact[0] + 1,
                                others=tuple(others)))
    return notes


def plain(word: str) -> str:  # "␣Mat" -> "mat": GPT-2's leading-space mark and case do not matter
    return word.lstrip("␣ ").lower()


def parse_edit(spec: str, tokens: list[str], n_layer: int, n_head: int, d_head: int) -> Edit:
    """One written edit, checked against the sentence and the model; EditError names what is wrong."""
    m = _SPEC.match(spec)
    if not m:
        raise EditError("edit.unread", spec=spec)
    kind, inside, value_text = m.groups()
    parts = [p.strip() for p in inside.split(",")]
    if kind == "mask":
        parts.insert(1, "1")  # the mask is the layer's, shared by every head
    if len(parts) != 4:
        raise EditError("edit.places_mask" if kind == "mask" else "edit.places_score" if kind == "score"
                        else "edit.places_card", spec=spec, kind=kind)
    try:
        value = value_of(value_text)
    except OverflowError:
        raise EditError("edit.too_large", spec=spec) from None
    except Underflow:
        raise EditError("edit.too_small", spec=spec, value=value_text) from None
    except ValueError:
        raise EditError("edit.not_a_number", spec=spec, value=value_text) from None
    if kind == "mask" and value not in (0.0, 1.0):
        raise EditError("edit.mask_value", spec=spec)
    layer, head = _whole(parts[0], n_layer, "edit.whole_layer", spec), _whole(parts[1], n_head, "edit.whole_head", spec)
    seat = _seat(parts[2], tokens, spec)
    index = (_seat(parts[3], tokens, spec) if kind in ("score", "mask")
             else _whole(parts[3], d_head, "edit.whole_number", spec))
    return Edit(kind, layer, head, seat, index, value)


MAX_VALUE = 1e6  # the largest size a written value may have (the model refuses far smaller ones: whatif_state.FAR)


def value_of(text: str) -> float:
    """A value as --set and the window's number boxes read it: plain or scientific notation (2.5, -1, 2e1 = 20);
    ValueError for no number, OverflowError for one not finite or larger than MAX_VALUE in size (teacher26 M1: the
    window's box dropped the "e" of 2e1 and applied 21), Underflow for one too small to be other than 0."""
    value = float(text.strip())
    if not math.isfinite(value) or abs(value) > MAX_VALUE:
        raise OverflowError(text)
    if value != 0 and np.float32(value) == 0 or value == 0 and re.search(r"[1-9]", text.lower().split("e")[0]):
        raise Underflow(text)  # 1e-400 was set to 0 without a word (teacher26 L3): the class holds float32
    return value


class Underflow(ArithmeticError):
    """A value too small for the class's numbers (float32): it would be 0."""


def _whole(text: str, top: int, key: str, spec: str) -> int:
    if not whole(text) or not 1 <= int(text) <= top:
        said = key + "_one" if top == 1 else key  # a one-layer model "has only 1 layer", not "from 1 to 1"
        raise EditError(said, spec=spec, top=top)
    return int(text) - 1


def check(edits, n_tokens: int, config) -> None:
    """EditError for an edit outside this sentence or model (parse_edit checks the written form)."""
    for e in edits:
        width = n_tokens if e.kind in ("score", "mask") else config.d_head
        if not (e.kind in KINDS and 0 <= e.layer < config.n_layer and 0 <= e.head < config.n_head
                and 0 <= e.seat < n_tokens and 0 <= e.index < width and math.isfinite(e.value)):
            raise EditError("edit.misfit", edit=str(e))


def of_layer(edits, layer: int, kinds=KINDS) -> list[Edit]:
    return [e for e in edits if e.layer == layer and e.kind in kinds]


def apply_cards(q: np.ndarray, k: np.ndarray, v: np.ndarray, edits) -> None:  # [H, T, d] x3, in place
    cards = {"q": q, "k": k, "v": v}
    for e in edits:
        if e.kind in cards:
            cards[e.kind][e.head, e.seat, e.index] = e.value


def apply_scores(scores: np.ndarray, edits) -> np.ndarray:  # [H, T, T] raw q·k, in place; returns it
    for e in edits:
        if e.kind == "score":
            scores[e.head, e.seat, e.index] = e.value
    return scores


def check_masks(edits, tokens, rules=MASK_RULES) -> None:
    """EditError if under either rule (discussion or in turn) a mask edit leaves a student hearing no one: the
    lesson shows a class under both (chapter 6, answer time's GPT rule, the window's M), so an edit one rule
    takes and the other cannot is refused before it is kept (teacher9 H1: it was kept, and every redraw under
    the other rule raised). `rules`: the rules the class is drawn under (the CLI's `trace` draws only its own)."""
    layers = sorted({e.layer for e in edits if e.kind == "mask"})
    for layer in layers:
        refused = {}
        for rule in rules:
            try:
                edited_mask(attention_mask(len(tokens), rule), of_layer(edits, layer, ("mask",)), tokens)
            except EditError as exc:
                refused[rule] = exc
        if len(refused) == len(rules):  # deaf under every rule drawn: said as edited_mask says it
            raise refused[rules[0]]
        if refused:  # under one rule only: named, since under the other the student hears
            rule, said = next(iter(refused.items()))
            named = Phrase("edit.rule_causal" if rule == "causal" else "edit.rule_none")
            raise EditError("edit.deaf_under", rule=named, seat=said.phrase.values["seat"],
                            name=said.phrase.values["name"]) from None


def edited_mask(mask: np.ndarray, edits, tokens=None) -> np.ndarray:  # [T, T] -> [T, T]
    """The rule's mask with the edited cells set; EditError if a student would hear no one at all (named by their
    word of `tokens`, else by seat)."""
    cells = [e for e in edits if e.kind == "mask"]
    if not cells:
        return mask
    out = mask.copy()
    for e in cells:
        out[e.seat, e.index] = bool(e.value)
    deaf = np.flatnonzero(out.all(axis=1))
    if len(deaf):
        seat = int(deaf[0])
        raise EditError("edit.deaf", seat=seat + 1, name=Name(tokens[seat] if tokens else str(seat + 1)))
    out.flags.writeable = False
    return out
