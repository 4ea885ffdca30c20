"""Chapter: the asker scores each classmate, question · self-introduction (a dot product written out by hand);
a big class has its first classmates scored one by one and the rest together."""
from __future__ import annotations

import numpy as np

from ..beat import Step
from ..frame import Bars, Frame, Link
from ..long_lists import listed
from ..numbers import fmt, fmt_many, hand_sum, in_product, places_of, signed_terms
from ..dot_product import SCORE, dot_terms, hand_dot
from ..worked import missed
from .desks import class_with_cards, heard, most_heard

SCORED_ONE_BY_ONE = 6  # classmates scored in their own beat; the rest of a big class share one beat


def dot_lines(ctx, f: int, j: int) -> list[str]:
    """The score of f's question against j's self-introduction written out as one would by hand: the
    factors, each product of the factors as written, and the score; redoing the lines from the digits shown
    gives the same numbers, the sum rounding to the score (hand_dot), else a note says why not. A long card (GPT-2's
    64) shows its first products only."""
    lines = [ctx.t("board.dot", asker=ctx.qs(f), name=ctx.qs(j))]  # a word that repeats with its seat
    edited = edited_score(ctx, f, j)
    score = own_score(ctx, f, j) if edited is not None else float(ctx.H.scores[f, j])
    q, k = ctx.H.q[f], ctx.H.k[j]
    worked = hand_dot(q, k, score)
    if worked is None:
        terms = [f"{in_product(a)}×{in_product(b)}" for a, b in zip(fmt_many(q[:4], 3), fmt_many(k[:4], 3))]
        lines.append(ctx.t("board.products", terms=" + ".join(terms[:2])))
        lines.append("    + " + " + ".join(terms[2:4]) + " + " + ctx.t("board.more_terms", n=len(q) - 4))  # 「…（ほか28項）」
        return lines + [ctx.t("board.equals", value=fmt(ctx.H.scores[f, j]))]
    terms = dot_terms(worked)
    products = worked.products
    lines.append(ctx.t("board.products", terms=" + ".join(terms[:2])))
    lines += ["    + " + " + ".join(terms[i:i + 2]) for i in range(2, len(terms), 2)]
    lines += [("  = " if i == 0 else "    ") + signed_terms(products[i:i + 4], first=i == 0)
              for i in range(0, len(products), 4)]
    # the dot product as the cards give it (the model's score, as on the desk's badge, unless a what-if set it)
    lines.append(ctx.t("board.equals", value=fmt(score)))
    if not worked.exact:
        lines.append(missed(ctx.t, hand_sum(products, 2), fmt(score)))
    elif places_of(products[0]) > SCORE.factors[0]:  # why this card pair carries a 4th decimal where the others have 3
        lines.append(ctx.t("board.dot_places", places=places_of(products[0]), fewer=SCORE.factors[0],
                           score=fmt(score)))  # (teacher23 L2: the README's "3 decimals" beside 4, unexplained)
    return lines + ([ctx.t("board.whatif_score", own=fmt(score), value=fmt(edited))] if edited is not None else [])


def edited_score(ctx, f: int, j: int) -> float | None:
    """The value a what-if set f's score of j to in the shown layer and head, else None."""
    for e in reversed(ctx.trace.edits):  # the last edit of a cell is the one that holds
        if e.kind == "score" and (e.layer, e.head, e.seat, e.index) == (ctx.sel.layer, ctx.sel.head, f, j):
            return float(e.value)
    return None


def own_score(ctx, f: int, j: int) -> float:
    """f's question · j's self-introduction as the cards say (the score before a what-if replaced it)."""
    return float(np.dot(ctx.H.q[f], ctx.H.k[j]))


def _scored(ctx, fr: Frame, upto: int, rest: bool):
    """The desks, badges up to seat `upto`, and the bars of the scores so far."""
    class_with_cards(ctx, fr)
    scores = ctx.H.scores[ctx.f]
    for s in fr.students[: upto + 1]:
        s.badge = fmt(scores[s.index])
    fr.bars = Bars(ctx.t("bars.scores"), ctx.names[: upto + 1], [float(v) for v in scores[: upto + 1]], "key",
                   highlight=-1 if rest else upto)
    return scores


def classmate(ctx, fr: Frame):
    j, f = ctx.beat.arg, ctx.f
    scores = _scored(ctx, fr, j, rest=False)
    fr.students[j].state = "active" if j != f else "focus"
    fr.links = [Link(f, j, 0.3, "key", fmt(scores[j]), progress=ctx.alpha, value=float(scores[j]))]
    fr.board = dot_lines(ctx, f, j)
    edited = edited_score(ctx, f, j)
    key = ctx.beat.key if edited is None else "scoring.classmate_edited"  # never call a what-if the dot product
    if edited is None and j == f:  # 「「猫」の質問に「猫」が答えます」 read as the student answering itself (teacher17 L3)
        key = "scoring.classmate_self"
    fr.narration = ctx.t(key, focus=ctx.qs(f), name=ctx.qs(j), score=fmt(scores[j]),
                         d=ctx.trace.config.d_head, own=fmt(own_score(ctx, f, j)))


def rest(ctx, fr: Frame):
    f, n = ctx.f, ctx.trace.n_tokens
    scores = _scored(ctx, fr, n - 1, rest=True)
    best = max(heard(ctx), key=lambda j: scores[j])  # a masked classmate is not heard, whatever its score
    fr.narration = ctx.t(ctx.beat.key, focus=ctx.qs(f), name=ctx.qs(best), score=fmt(scores[best]))
    fr.links = [Link(f, j, 0.3, "key", fmt(scores[j]), value=float(scores[j])) for j in range(ctx.beat.arg, n)]
    # a long list: the asker and the classmate named above always among its lines (long_lists; teacher28 M1)
    fr.board, fr.board_more, fr.board_short = listed(
        ctx.t, range(n), lambda j: ctx.t("board.row", name=ctx.qs(j), weights=fmt(scores[j])), {f, best, *most_heard(ctx, scores)})


CLASSMATE, REST = Step("classmate", 2.0, classmate), Step("rest", 2.5, rest)
STEPS = [CLASSMATE, REST]


def plan(n_tokens: int, n_layer: int):
    """A beat per classmate (arg: the seat); from SCORED_ONE_BY_ONE + 3 students on, the rest in one beat
    (arg: the first seat it scores)."""
    one_by_one = n_tokens if n_tokens <= SCORED_ONE_BY_ONE + 2 else SCORED_ONE_BY_ONE
    beats = [(CLASSMATE, CLASSMATE.seconds, j) for j in range(one_by_one)]
    return beats + ([(REST, REST.seconds, one_by_one)] if one_by_one < n_tokens else [])
