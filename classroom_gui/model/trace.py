"""Trace is the record of one forward pass: every intermediate value, so the classroom can show any.

Shapes: T tokens (students), C = n_embd (notebook width), H heads, d = d_head (card width),
F = FFN hidden width, V = vocabulary size. Per-head arrays keep the head axis first: [H, T, d].
"""
from __future__ import annotations

import operator
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from .config import GPTConfig
from . import whatif
from .functions import ACTIVATION, divide_scores, dot_scores, softmax
from .layers_kept import _heads_read, _steps_read
from .unembedding import compare_with_every_word


@dataclass
class HeadTrace:
    """One head of one layer: the three cards, the scores and the new understanding."""
    q: np.ndarray        # [T, d] question cards (Query)
    k: np.ndarray        # [T, d] self-introduction cards (Key)
    v: np.ndarray        # [T, d] opinion cards (Value)
    mask: np.ndarray     # [T, T] bool, True where the classmate comes later (score becomes -inf)
    weights: np.ndarray  # [T, T] softmax over each row; masked entries are exactly 0
    context: np.ndarray  # [T, d] weights @ v, the share-weighted mix of opinions
    divisor: float       # what the scores are divided by: sqrt(d), unless the config says otherwise
    edits: tuple = ()    # what-if edits of this head's raw scores (model.whatif.Edit, kind "score", head 0)

    # computed when first asked, with forward's own float operations (functions.dot_scores, divide_scores)
    @cached_property
    def scores(self) -> np.ndarray:  # [T, T] raw q . k, for every pair (masked ones too), edits applied
        return whatif.apply_scores(dot_scores(self.q, self.k)[None], self.edits)[0]

    @cached_property
    def scaled(self) -> np.ndarray:  # [T, T] scores / divisor, before the mask
        return divide_scores(self.scores, self.divisor)


HEADS_KEPT = 2  # per layer, the HeadTraces (with their scores) kept for the next frame


# A layer's steps besides the held ones (x, q, k, v, context, resid_attn, output, and the shares until let go):
# kept by a full trace; a lean one (gpt.forward's `lean`) makes each on first ask from what it is made of (MADE_FROM),
# with the forward's own call (gpt.BlockSteps), so the same numbers bit for bit, and nothing it does not need.
# Held although a step makes them again: q, which nearly every chapter shows (every desk's question card,
# the scores) and which would take the block's whole [T, C] x [C, 3C] product again (a part of a product is
# not the same numbers: OpenBLAS rounds a row or column block differently from the whole); context, every
# head's share-weighted opinions, which chapter 10 draws at every desk and joins (else every head's attention
# again: ~0.1 s at GPT-2 small with 512 students); resid_attn, from which chapters 10-11 make ln_2 and the
# FFN's hidden units with one LayerNorm and one product. GPT-2 small at 512 students: +19 MB each.
DERIVED = ("ln_1", "heads_concat", "attn_out", "ln_2", "ffn_pre", "ffn_out")
MADE_FROM = {"ln_1": "x", "heads_concat": "context", "attn_out": "heads_concat", "ln_2": "resid_attn",
             "ffn_pre": "ln_2", "ffn_out": "ffn_pre"}  # and "weights", once let go: head by head
_derived_of = operator.itemgetter(*DERIVED)  # steps -> the DERIVED ones, in that order


@dataclass(eq=False)
class LayerTrace:
    """One block: attention (all heads), W_O, residual add, LayerNorms and the FFN.

    Always held: x [T, C] (notebooks coming in), q, k, v [H, T, d] (question, self-introduction and opinion
    cards; the key/value cache reuses k and v), context [H, T, d] (weights @ v, each head's new
    understanding), resid_attn [T, C] (x + attn_out: the notebook after attention) and output [T, C] (the
    notebook after this layer). weights [H, T, T] (softmax over each row; masked entries exactly 0) is held
    as the forward made it (kept_weights) until a lean layer lets go of it (let_go_of_weights), keeping only
    each row's strongest share per head (best_heard) and one head's shares (held_head: the head the lesson shows).

    What a frame may ask (a lean layer makes on first ask only what the answer needs, bit for bit):
    - head(h): one head's cards, shares, scores and context, its shares made for that head alone (~1/H of
      the attention, none of the block's products) once let go; weights_of(h) is its shares;
    - best_heard(seat): every head's strongest classmate of one student, from the kept summary;
    - the layer's [T, n] steps as properties over step(name): ln_1 [T, C] (LayerNorm before attention),
      heads_concat [T, C] (the heads' contexts side by side), attn_out [T, C] (after W_O, c_proj), ln_2
      [T, C] (LayerNorm before the FFN), ffn_pre [T, F] (hidden units before the activation), ffn_out
      [T, C] (back to notebook width), each made from the step before it (MADE_FROM);
    - weights [H, T, T], every head's shares at once: for readers of the whole layer (the all-heads overview,
      the CLI's table); a lean layer that let go of them stacks them head by head."""
    x: np.ndarray
    q: np.ndarray
    k: np.ndarray
    v: np.ndarray
    kept_weights: np.ndarray | None  # [H, T, T] the shares as the forward made them; None once let go
    context: np.ndarray       # [H, T, d] weights @ v
    resid_attn: np.ndarray    # [T, C] x + attn_out
    output: np.ndarray
    mask: np.ndarray          # [T, T] bool, True where a score becomes -inf
    activation: str = "relu"  # the FFN's activation, from the config
    divisor: float = 0.0      # what the scores are divided by (GPTConfig.score_divisor); 0 means sqrt(d)
    edits: tuple = ()         # this layer's what-if edits of raw scores and mask cells (model.whatif)
    steps: dict = field(default_factory=dict, repr=False)  # DERIVED name -> array, kept or derived
    derive: object = field(default=None, repr=False)       # gpt.BlockSteps: each step's own call (lean traces)
    best: tuple | None = field(default=None, repr=False)   # ([H, T] seat, [H, T] share): each row's strongest
    held_head: tuple | None = field(default=None, repr=False)  # (h, [T, T] shares) of the head the lesson shows
    shown: int | None = field(default=None, repr=False)  # the head the lesson shows: the only one head() holds
    _heads: dict = field(default_factory=dict, repr=False, compare=False)  # head index -> HeadTrace, newest last

    @classmethod
    def record(cls, steps: dict, mask, activation: str, divisor: float, edits, derive=None) -> "LayerTrace":
        """From gpt.transformer_block's steps; with `derive` (gpt.BlockSteps) only the always-held ones are kept.

        The fields are set as one dict, not through the dataclass's __init__: a forward records a layer per
        block, and at six students the keyword call cost a tenth of the block's own work."""
        layer = cls.__new__(cls)
        layer.__dict__ = {"x": steps["x"], "q": steps["q"], "k": steps["k"], "v": steps["v"], "kept_weights": steps["weights"],
                          "context": steps["context"], "resid_attn": steps["resid_attn"], "output": steps["output"],
                          "mask": mask, "activation": activation, "divisor": divisor,
                          "edits": tuple(e for e in edits if e.kind in ("score", "mask")) if edits else (),
                          "steps": {} if derive is not None else dict(zip(DERIVED, _derived_of(steps))),
                          "derive": derive, "best": None, "held_head": None, "shown": None, "_heads": {}}
        return layer

    @property
    def weights(self) -> np.ndarray:  # [H, T, T] softmax over each row; masked entries exactly 0
        kept = self.kept_weights  # read once: a let-go between two reads would return None
        return kept if kept is not None else self.step("weights")

    def let_go_of_weights(self, head: int | None = None) -> None:
        """A lean layer's shares (GPT-2 small at 512 students: 12.6 MB a layer) are made again head by head
        when asked; each row's strongest share per head stays (best_heard), and head `head`'s shares (the head
        the lesson shows: every frame of chapters 5-13 reads them, and making them again cost a cold frame
        3.5-5 ms a layer at 1,024 students; +1/H of the shares: GPT-2 small at 512, 1 MB a layer). A full
        layer keeps them all."""
        kept = self.kept_weights
        if self.derive is None or kept is None:
            return
        self.shown = head
        seat = kept.argmax(-1)  # [H, T]: the first of equal shares, as np.argmax of one row
        self.best = (seat, np.take_along_axis(kept, seat[..., None], -1)[..., 0])
        if head is not None and 0 <= head < len(kept):
            self.held_head = (head, kept[head].copy())  # a copy: a view would keep every head's alive
        self.kept_weights, self._heads = None, {}  # a head's view of the shares would keep them alive

    def best_heard(self, seat: int) -> tuple[np.ndarray, np.ndarray]:  # -> [H] classmate, [H] their share
        """Whom student `seat` hears most in each head, and how much (the first of equal shares): chapter 10's
        board, without every head's [T, T] shares."""
        if self.best is not None:
            return self.best[0][:, seat], self.best[1][:, seat]
        rows = self.weights[:, seat]
        best = rows.argmax(-1)
        return best, rows[np.arange(len(rows)), best]

    def runner_up(self, seat: int) -> np.ndarray | None:  # -> [H]
        """The second largest share of student `seat` in each head (the largest where it hears only one): how far
        best_heard's share must be written to win (chapter 10's board, student35 #5). None where a lean layer let
        its shares go (a big class): finding it in every row then cost a GPT-2 layer ~120 ms at 1,024 students."""
        kept = self.kept_weights
        return None if kept is None else second_best(kept[:, seat])

    def held(self) -> list[np.ndarray]:
        """The arrays this layer holds now: a lean layer's derived steps once derived, and its kept heads'
        arrays made for them (a head of a layer that let go of its shares makes its own [T, T] shares)."""
        kept = [] if self.kept_weights is None else [self.kept_weights]
        heads = [a.base if a.base is not None else a for head in self._heads.values()
                 for a in (head.weights, *map(head.__dict__.get, ("scores", "scaled"))) if a is not None]
        best = [] if self.best is None else list(self.best)
        held = [] if self.held_head is None else [self.held_head[1]]
        return [self.x, self.q, self.k, self.v, *kept, self.context, self.resid_attn, self.output,
                *self.steps.values(), *heads, *best, *held]

    def step(self, name: str) -> np.ndarray:
        """A derived step (DERIVED, or "weights" once let go): a lean layer makes it, and what it is made
        of, on first ask, and keeps it for DERIVED_KEPT layers."""
        value = self.steps.get(name)
        if value is not None:
            if self.derive is not None:
                _steps_read.read(self)
        else:
            if name == "weights":
                value = np.stack([self.weights_of(h) for h in range(len(self.q))])
            else:
                value = getattr(self.derive, name)(getattr(self, MADE_FROM[name]))
            self.steps = {**self.steps, name: value}  # a new dict: a dropped layer's readers keep theirs
            _steps_read.read(self)
        return value

    # Three arrays are recomputed when asked for instead of stored: each is one cheap step from a stored
    # one, and GPT-2 small at 512 tokens would otherwise keep 0.38 GB more.
    @property
    def scores(self) -> np.ndarray:  # [H, T, T] raw q . k, with any what-if score edits
        return whatif.apply_scores(dot_scores(self.q, self.k), self.edits)

    @property
    def scaled(self) -> np.ndarray:  # [H, T, T] scores / divisor, before the mask
        return divide_scores(self.scores, self.score_divisor)

    @property
    def score_divisor(self) -> float:
        return self.divisor or float(np.sqrt(self.k.shape[-1]))

    @property
    def ffn_hidden(self) -> np.ndarray:  # [T, F] after ReLU / GELU
        return ACTIVATION[self.activation](self.ffn_pre)

    def ffn_hidden_at(self, i: int) -> np.ndarray:  # [F] ffn_hidden[i], without every other student's
        return ACTIVATION[self.activation](self.ffn_pre[i: i + 1])[0]

    def _shares_at_hand(self) -> np.ndarray | None:  # [H, T, T] kept or derived shares, else None
        kept = self.kept_weights
        return kept if kept is not None else self.steps.get("weights")

    def weights_of(self, h: int) -> np.ndarray:  # [T, T] weights[h], without the other heads' or steps
        """Head h's shares: kept or derived ones when at hand, else (a lean layer that let go of its shares)
        made for this head alone from the kept q and k with gpt.attention's own steps (the products through
        the forward's per-head product, BlockSteps.head_product): attention computes each head's row apart
        from the others' (per-head products, per-row max and sum), so one head alone is the same numbers
        (tests/test_lean_derive.py), ~1/H of the attention and none of the block's products."""
        kept = self._shares_at_hand()
        if kept is not None:
            return kept[h]
        held = self.held_head
        if held is not None and held[0] == h:
            return held[1]
        # q[h] k[h]ᵀ by the forward's own product for one head (its BLAS threads round as the forward's do)
        scores = self.derive.head_product(self.q[h], self.k[h].T)[None]
        whatif.apply_scores(scores, tuple(replace(e, head=0) for e in self.edits
                                          if e.kind == "score" and e.head == h))
        shares = divide_scores(scores, self.score_divisor, out=scores)
        np.copyto(shares, -np.inf, where=self.mask)
        return softmax(shares, out=shares)[0]

    def head(self, h: int, hold: bool = True) -> HeadTrace:
        """One head's view; the last HEADS_KEPT asked for are kept, so a frame after frame does not
        recompute the head's [T, T] scores. A head whose shares were made for it counts as
        its layer's derived arrays (DERIVED_KEPT); they become the layer's held head's only for the head the lesson
        shows (`shown`: a newly selected head, Trace.show_head, replaces the one held before when first read), never
        for a frame of another head (an export's, a comparison's) nor a reader of every head (`hold` False)."""
        head = self._heads.pop(h, None)
        if head is None:
            edits = tuple(replace(e, head=0) for e in self.edits if e.kind == "score" and e.head == h)
            held = self.held_head  # (None: the layer keeps all its shares, or was asked to hold no head)
            alone = (hold and held is not None and held[0] != h and h == self.shown
                     and self.steps.get("weights") is None)  # (not a stack's view)
            weights = self.weights_of(h)
            if alone:
                self.held_head = (h, weights)
            head = HeadTrace(self.q[h], self.k[h], self.v[h], self.mask, weights, self.context[h],
                             self.score_divisor, edits)
        if self.derive is not None and self.kept_weights is None:  # its shares made for it: derived arrays
            _heads_read.read(self)
        self._heads[h] = head
        while len(self._heads) > HEADS_KEPT:
            del self._heads[next(iter(self._heads))]
        return head


for _name in DERIVED:  # LayerTrace.ln_1, .heads_concat, ...: each a read-only view of step(name)
    setattr(LayerTrace, _name, property(lambda self, _n=_name: self.step(_n)))


@dataclass
class Trace:
    """Everything one sentence did on its way through the model."""
    config: GPTConfig
    token_ids: np.ndarray        # [T] int
    tokens: list[str]            # [T] the text of each student, as written
    unknown: list[bool]          # [T] True where the word was not in the vocabulary
    tok_embedding: np.ndarray    # [T, C] wte[token_ids]
    pos_embedding: np.ndarray    # [T, C] wpe[0..T)
    embedding: np.ndarray        # [T, C] their sum: the first notebook
    layers: list[LayerTrace]
    ln_f: np.ndarray             # [T, C] final LayerNorm
    mask_rule: str = "causal"    # the classroom's rule: "causal" (in turn) or "none" (discussion)
    edits: tuple = ()            # what-if edits the forward applied (model.whatif.Edit); () = the model's own
    params: dict[str, np.ndarray] = field(repr=False, default_factory=dict)  # the weights, not copied
    vocab: list[str] = field(repr=False, default_factory=list)              # word of each vocabulary id
    cache: dict = field(repr=False, default_factory=dict, compare=False)    # values derived for display
    shown_head: int | None = field(default=None, repr=False, compare=False)  # the head the lesson shows (held_head)

    @classmethod
    def record(cls, config, token_ids, tokens, unknown, tok_embedding, pos_embedding, layers, ln_f, params,
               mask_rule, edits) -> "Trace":
        """gpt.forward's Trace (embedding: the first layer's x; no vocabulary), its fields set as one dict: the
        dataclass's keyword __init__ costs as much as a few of the six-student forward's NumPy calls."""
        trace = cls.__new__(cls)
        trace.__dict__ = {"config": config, "token_ids": token_ids, "tokens": tokens, "unknown": unknown,
                          "tok_embedding": tok_embedding, "pos_embedding": pos_embedding,
                          "embedding": layers[0].x, "layers": layers, "ln_f": ln_f, "mask_rule": mask_rule,
                          "edits": edits, "params": params, "vocab": [], "cache": {},
                          "shown_head": None}
        return trace

    # The answer's numbers are computed when asked: the lesson needs only the last student's row, and every
    # row of GPT-2's 50,257 words at T=512 would hold 0.1 GB each for the logits and the probabilities.
    @property
    def next_logits(self) -> np.ndarray:  # [V] the last student's final notebook against every word
        cached = self.cache.get("next_logits")
        if cached is None:
            cached = self.cache["next_logits"] = compare_with_every_word(self.ln_f[-1], self.params)
        return cached

    @property
    def next_order(self) -> np.ndarray:  # [V] word ids, most probable next word first (ties: lower id first)
        cached = self.cache.get("next_order")
        if cached is None:  # the same at every temperature: a softmax keeps the logits' order
            cached = self.cache["next_order"] = np.argsort(-self.next_logits, kind="stable")
        return cached

    @property
    def logits(self) -> np.ndarray:  # [T, V] ln_f @ wte.T (or lm_head.T), every position
        cached = self.cache.get("logits")
        if cached is None:
            cached = self.cache["logits"] = compare_with_every_word(self.ln_f, self.params)
        return cached

    @property
    def probs(self) -> np.ndarray:  # [T, V] softmax(logits), computed on first use (GPT-2: 0.1 GB at T=512)
        probs = self.cache.get("probs")
        if probs is None:
            probs = self.cache["probs"] = softmax(self.logits)
        return probs

    @property
    def nbytes(self) -> int:  # the arrays this trace holds now (a lean one's derived steps only once derived)
        held = [self.tok_embedding, self.pos_embedding, self.ln_f] + [a for layer in self.layers for a in layer.held()]
        return sum(a.nbytes for a in {id(a): a for a in held}.values())  # a layer's x is the one before's output

    def let_go_of_weights(self, head: int | None = None) -> None:
        """Every lean layer lets go of its shares (LayerTrace.let_go_of_weights), once what reads every layer's
        shares at once (the all-heads overview) is made: GPT-2 small at 512 students then holds 0.12 GB
        instead of 0.26 GB (+12.6 MB for head `head`'s, which every layer keeps: the head the lesson shows)."""
        self.shown_head = head
        for layer in self.layers:
            layer.let_go_of_weights(head)

    def show_head(self, head: int) -> None:
        """The lesson shows `head` now (the window's selection, app.model): what classes made from this one keep
        (held_head), and the head each lean layer holds once it is read (LayerTrace.head)."""
        self.shown_head = head
        for layer in self.layers:
            layer.shown = head

    @property
    def held_head(self) -> int | None:  # what a class made from this one holds: the head shown, else layer 0's
        """shown_head (set by let_go_of_weights and the window's selection, app.model: a head picked at one layer
        counts), else the head the first layer keeps, if any (a rerun's trace, its layers let go by AsMade)."""
        if self.shown_head is not None:
            return self.shown_head
        held = self.layers[0].held_head if self.layers else None
        return None if held is None else held[0]

    @property
    def n_tokens(self) -> int:
        return len(self.token_ids)


def second_best(shares: np.ndarray) -> np.ndarray:  # [..., T] -> [...]
    """Each row's second largest share (its only one where a row has one)."""
    return shares[..., 0] if shares.shape[-1] < 2 else np.partition(shares, -2, axis=-1)[..., -2]
