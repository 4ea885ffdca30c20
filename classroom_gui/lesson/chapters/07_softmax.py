"""Chapter: softmax in three steps: exp of every scaled score (−∞ for a classmate not yet heard), their sum,
and each share = exp / sum. A long run of classmates not yet heard (in turn, everyone after an early asker in a big
class) takes one board line and no bars."""
from __future__ import annotations

from decimal import Decimal

from .. import rules
from ..beat import Step
from ..frame import Bars, Frame, Link
from ..long_lists import listed, others_sum, picked, seats_said
from ..numbers import fmt, fmt_many, places_of
from ..softmax_row import ARG_PLACES, hand_note
from ..panels import heatmap
from .desks import (SUM_TERMS, class_with_cards, edited_out, edited_scores, heard, most_heard, own_places, runs,
                    score_marked, score_notes, shown_row)


def board_items(ctx) -> list:
    """The exp board's lines in seat order: a seat, or (first, last) for a run of more than MASKED_RUN seats the rule
    keeps unheard (a seat a what-if edit silenced is always its own line: its reason differs)."""
    masked, out = ctx.H.mask[ctx.f], edited_out(ctx, ctx.f)
    return runs([bool(m) and j not in out for j, m in enumerate(masked)])


def charted(ctx) -> list[int]:
    """The seats the chart shows: every one but those of a run the board gives one line (bars of −∞ are empty)."""
    return [j for j in board_items(ctx) if isinstance(j, int)]


def exp_bars(ctx, title: str, values, **more) -> Bars:
    seats, masked = charted(ctx), ctx.H.mask[ctx.f]
    pick = (lambda xs: [float(xs[j]) for j in seats]) if len(seats) < ctx.trace.n_tokens else \
        (lambda xs: [float(x) for x in xs])
    if "from_values" in more:
        more["from_values"] = pick(more["from_values"])
    return Bars(title, [ctx.names[j] for j in seats], pick(values), "weight", masked=[bool(masked[j]) for j in seats],
                **more)


def exp(ctx, fr: Frame):
    class_with_cards(ctx, fr, masked_after_focus=True)
    S = shown_row(ctx)
    masked = [bool(m) for m in ctx.H.mask[ctx.f]]
    out = edited_out(ctx, ctx.f)  # silent because of a what-if, not because they have not spoken yet

    def line(j) -> str:
        if isinstance(j, tuple):
            return ctx.t("board.masked_run", first=j[0] + 1, last=j[1] + 1, n=j[1] - j[0] + 1)
        if masked[j]:
            return ctx.t("board.masked_whatif" if j in out else "board.masked", name=ctx.qs(j))
        scaled, near = S.argument(j)
        return score_marked(ctx, ctx.t("board.exp_near" if near else "board.exp", name=ctx.qs(j), scaled=scaled,
                                       e=S.exp[j]), j, edited)
    edited = edited_scores(ctx, ctx.f)  # a what-if's score: its line marked, a note says before → now
    places = max((places_of(x) for x in S.scaled if x), default=0)
    # first, as the ÷√d board's note (a long list's end is cut off): that each exp() is of the score as written, not
    # the model's unrounded one (teacher20 M2: exp(2.072) = 7.9407 beside the model's 7.9418 read as wrong), and why
    # a line says ≈ or why the scores have so many decimals (softmax_row.exp_arguments: cutting them would make more
    # than one line ≈)
    # and which numbers are the model's (teacher22 L2): the shares of step 3, not this board's exp() nor their sum
    # (teacher30 #15: 「expと合計は表示した数で計算」 beside exp(-0.235), where chapter 5 had shown -0.24: the note says
    # which numbers exp() takes, and to how many decimals, rather than that they were shown)
    written = max((places_of(S.argument(j)[0]) for j, m in enumerate(masked) if not m and S.argument(j)[0]),
                  default=places)  # the decimals exp() is written with (fewer than the scores' where a line says ≈)
    notes = score_notes(ctx, edited) + (
        [ctx.t("board.exp_written", places=written), ctx.t("board.exp_shares")] if S.exp and not all(masked) else []) + (
        [ctx.t("board.exp_near_note" if S.args else "board.exp_places", places=places)]
        if any(S.args_near) or (places > ARG_PLACES and not S.args) else [])
    # a long list keeps the asker and the top share among its lines (long_lists; teacher28 M1)
    fr.board, fr.board_more, fr.board_short = listed(ctx.t, board_items(ctx), line, exp_named(ctx), notes)
    fr.bars = exp_bars(ctx, ctx.t("bars.exp"), S.exp)
    fr.narration = exp_said(ctx, any(masked))


def exp_named(ctx) -> set[int]:  # the seats a long exp board always lists: the asker and the top shares
    return {ctx.f, *most_heard(ctx)}


def summed(ctx) -> tuple[list[int], list[int]]:
    """The heard seats the sum writes term by term, and those it adds up as one number: every one up to SUM_TERMS,
    else the heard seats the exp board's short list writes (teacher29 L2: the sum listed seats 1-16 while the exp
    board showed 1-9 and the top shares, whose exp() were then hidden in the lump)."""
    seen = heard(ctx)
    if len(seen) <= SUM_TERMS:
        return seen, []
    rows, heard_ = picked(board_items(ctx), exp_named(ctx)) or seen[:SUM_TERMS], set(seen)
    written = [j for j in rows if isinstance(j, int) and j in heard_]  # (not a gap, a run or a silenced seat)
    kept = set(written)
    return written, [j for j in seen if j not in kept]


def exp_said(ctx, any_masked: bool) -> str:
    """Step 1's narration: −∞ only where something is masked; else why no one is, for the rule that is on (in
    discussion nobody ever is; in turn the asker sits last, or what-if edits let it hear every classmate)."""
    if any_masked:
        return ctx.t(ctx.beat.key)
    if ctx.trace.mask_rule == rules.DISCUSSION:
        return ctx.t("softmax.exp_all")
    last = ctx.f == ctx.trace.n_tokens - 1
    return ctx.t("softmax.exp_last" if last else "softmax.exp_edited", focus=ctx.q(ctx.f))


def total(ctx, fr: Frame):
    class_with_cards(ctx, fr, masked_after_focus=True)
    S = shown_row(ctx)
    written, left = summed(ctx)
    terms = [S.exp[j] for j in written]
    # the terms not written one by one as one number on a line of its own, and their seats, so that the sum redoes
    # (teacher28 L5: "sum = 1.100 + … (+48) = 491.136"), else (a term not a plain decimal) how many there are
    others = others_sum([S.exp[j] for j in left]) if left else None
    more = " + " + ctx.t("board.skipped_count", n=len(left)) if left and others is None else ""  # 「…（ほかn人）」 (teacher30 #6)
    rest = [] if others is None else ["    + " + ctx.t("board.sum_others", sum=others, n=len(left))]
    # which seats those are, after the result: a line of words, which the board may wrap (in the rest's line, the
    # widest, it took the chalk from 23 px to 14 at 1024x768)
    seats = [ctx.t("board.sum_others_seats", n=len(left), seats=seats_said(ctx.t, left))] if left else []
    lines = [" + ".join(terms[i:i + 4]) for i in range(0, len(terms), 4)]
    fr.board = ([ctx.t("board.sum_exp", terms=lines[0] + (more if len(lines) == 1 else ""), total="").rstrip(" =")]
                + [f"    + {line}" for line in lines[1:-1]] + ([f"    + {lines[-1]}{more}"] if len(lines) > 1 else [])
                + rest + ([ctx.t("board.equals", value=S.total)] if len(terms) > 1 else []) + seats)  # one term is its own sum:
    # 「合計 = 0.787」, not 「合計 = 0.787」 「= 0.787」 (teacher11 L4: the asker in seat 1, in turn, hears itself only)
    fr.bars = exp_bars(ctx, ctx.t("bars.exp"), S.exp, total=ctx.t("bars.sum", total=S.total))
    fr.narration = ctx.t(ctx.beat.key, total=S.total)


def weights(ctx, fr: Frame):
    class_with_cards(ctx, fr, masked_after_focus=True)
    f, S, seen = ctx.f, shown_row(ctx), heard(ctx)
    w = ctx.H.weights[f].tolist()  # bars, links and badges: the model's own shares
    shown = fmt_many(w)  # each as written (a link's label and its desk's badge)
    best = max(seen, key=lambda j: w[j])
    # the note first: after a long list it was the first line the board left off ("… (+49)" for 48 students)
    near = S.near or (False,) * len(w)  # ≈: no digits found whose hand share is the model's (softmax_row)
    def line(j) -> str:
        return ctx.t("board.weight_near" if near[j] else "board.weight", name=ctx.qs(j), e=S.exp[j], total=S.total,
                     w=S.weights[j])
    # and why a line says ≈ (jareview3 #2): a line of its own, as short as the hand note above it (the board's widest)
    notes = hand_note(ctx.t, S, own_places(ctx)) + ([ctx.t("board.near_digits")] if any(near[j] for j in seen) else []) + \
        rounded_sum(ctx, [S.weights[j] for j in seen])
    # a long list keeps the asker and the top share among its lines (long_lists; teacher28 M1)
    fr.board, fr.board_more, fr.board_short = listed(ctx.t, seen, line, {f, best, *most_heard(ctx)}, notes)
    fr.bars = exp_bars(ctx, ctx.t("bars.weights"), w, total=ctx.t("bars.sum", total=fmt(ctx.H.weights[f].sum(), 3)),
                       from_values=S.exp, morph=ctx.alpha)
    fr.links = [Link(f, j, w[j], "weight", shown[j], value=w[j]) for j in seen]
    for j in seen:
        fr.students[j].badge = shown[j]
    fr.heatmap = heatmap(ctx, rows=[f])  # the asker's row of the attention map, now that it has its shares
    fr.narration = ctx.t(ctx.beat.key, focus=ctx.qs(f), name=ctx.most(f, w, best, seen))


def rounded_sum(ctx, written: list[str]) -> list[str]:
    """A note where the shares as written do not add up to exactly 1 (teacher18 L1: 0.999 or 1.0001 on the board,
    while the chart's sum and the quiz say 1.000): their sum and that it is the rounding's."""
    try:
        total = sum(Decimal(w) for w in written)
    except ArithmeticError:
        return []
    return [ctx.t("board.shares_rounded", total=str(total))] if total.is_finite() and total != 1 else []


STEPS = [Step("exp", 2.5, exp), Step("sum", 2.5, total), Step("weights", 3.0, weights)]
