"""Chapter: the opinions (Values) travel to the asker, weighted by the shares, and merge into a new
understanding (share × opinion summed over the classmates heard)."""
from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from ..beat import Step
from ..frame import Bars, Frame, Link
from ..long_lists import listed
from ..numbers import factor, fmt, fmt_many, hand_sum, in_product, places_of
from ..softmax_row import SHARE_PLACES, ShownSoftmax, hand_note, share_places
from ..panels import heatmap
from .desks import SUM_TERMS, class_with_cards, edited_out, heard, most_heard, own_places, runs, shown_row

NAMED_ROWS = 16  # the attention map names its rows up to this many students (scene.heatmap.LABELLED)


def mix_lines(ctx, S: ShownSoftmax, seen: list[int]) -> tuple[list[str], ShownSoftmax, bool]:
    """Listening written out: the first numbers of the new understanding as share × opinion summed over
    the classmates heard, from the shares and opinions as written (opinions 3 decimals), then the heading of every
    number; the row with the shares as this board writes them (listening_shares); and whether a worked number
    says ≈ (worked_result)."""
    H, f = ctx.H, ctx.f
    numbers = min(3 if len(seen) <= 2 else 2 if len(seen) <= 8 else 1, H.v.shape[1])
    opinions = [[fmt(H.v[j, k], 3) for j in seen] for k in range(numbers)]
    owns = [float(H.context[f, k]) for k in range(numbers)]
    S = listening_shares(S, H.weights[f], seen, opinions, owns)
    lines, written = [ctx.t("board.mix", name=ctx.q(f))], worked_row(S, seen, opinions, owns)
    for k in range(numbers):
        # (only the products written one by one are formatted: a class of 1,024 wrote 1,023 to show SUM_TERMS)
        shown = [f"{S.weights[j]}×{factor(float(v), 3)}" for j, v in zip(seen[:SUM_TERMS], opinions[k])]
        lines.append(ctx.t("board.mix_number", k=k + 1, terms=" + ".join(shown[:2])))
        lines += ["    + " + " + ".join(shown[i:i + 2]) for i in range(2, len(shown), 2)]
        if len(seen) > SUM_TERMS:  # the products not written one by one as one number, so that the sum redoes
            # (teacher28 L5: "+ … (+48)" cannot be redone), written as the products are: a negative in brackets,
            # exact, without trailing zeros (review29 1d: "+ -0.0890050")
            rest = rest_sum(S, seen, opinions[k], written[k])
            lines.append("    + " + ctx.t("board.sum_others", sum=in_product(rest), n=len(seen) - SUM_TERMS))
        lines.append(mix_result(ctx, written[k]))
    near = any(w.near for w in written)
    return lines + [ctx.t("board.mix_all", d=H.v.shape[1])], S, near  # then the whole new understanding


def rest_sum(S: ShownSoftmax, seen: list[int], opinions: list[str], worked: Worked) -> str:
    """The products not written one by one as one number: at the board's own decimals (the most its shares and
    opinions have), or the fewest more, where the written products and it still add, rounded by hand, to the worked
    number the board writes (or, where that says ≈, to the sum it says the numbers shown make); exact, without
    trailing zeros, only where no rounding does (teacher32 #11: 「+ (-0.8402592)（ほか14人）」 on a board of 4 decimals)."""
    exact = Decimal(_exact(S, seen[SUM_TERMS:], opinions[SUM_TERMS:]))
    written = Decimal(_exact(S, seen[:SUM_TERMS], opinions[:SUM_TERMS]))
    target = worked.shown_sum if worked.near else worked.value
    board = max(places_of(v) for v in [*opinions, *(S.weights[j] for j in seen)])
    for places in range(board, max(board, -exact.as_tuple().exponent)):
        rounded = hand_sum([str(exact)], places)
        if hand_sum([str(written), rounded], places_of(target)) == target:
            return rounded
    return format(exact.normalize(), "f")


def _exact(S: ShownSoftmax, seen: list[int], opinions: list[str]) -> str:  # Σ share × opinion as written, exactly
    return str(sum(Decimal(S.weights[j]) * Decimal(v) for j, v in zip(seen, opinions)))


def listening_shares(S: ShownSoftmax, weights, seen: list[int], opinions: list[list[str]], owns: list[float]):
    """The row with the heard shares as the listening board writes them: the softmax board's, or, where a worked
    number would then say ≈ (teacher18 M3: eight products adding to -0.004 beside 「≈ -0.005」), the model's shares
    at the fewest more decimals, up to 5, at which fewer do: each still the model's at its digits, the softmax
    board's a rounding of it; then, where the worked numbers' decimals differ (result_places: a double rounding, one
    redoes at 3 only, another at 2 only), at the fewest that give them one (4 of the Japanese seed's 126 boards). (Not
    for a number at 2 decimals, teacher18 L2: that took 4-5 share digits on a third of the rows, the seed's 「猫」
    among them, for a third decimal.)"""
    def worse(row) -> tuple[int, bool]:  # the numbers that say ≈, then whether their decimals differ
        written = worked_row(row, seen, opinions, owns)
        return sum(w.near for w in written), len({places_of(w.value) for w in written}) > 1
    start = max((places_of(S.weights[j]) for j in seen), default=SHARE_PLACES)
    best = (worse(S), S)
    for places in range(start + 1, SHARE_PLACES + 3):
        if not any(best[0]):
            break
        shares = list(S.weights)
        for j in seen:
            if math.isfinite(float(weights[j])):
                shares[j] = fmt(weights[j], places)
        row = replace(S, weights=shares)
        missed = worse(row)
        if missed < best[0]:
            best = (missed, row)
    return best[1]


def result_places(exacts: list[str], owns: list[float]) -> tuple[int, ...]:
    """The decimals a board's worked numbers are tried at (worked_result), one for them all where that costs no "=":
    3 where every number that redoes by hand at 3 or 2 redoes at 3, else 2 where every one redoes at 2 (teacher19 L1:
    「= 0.20」 beside 「= 0.181」 on the English seed's default board, the list below them saying 0.20 and 0.18), else
    (a double rounding: one redoes at 3 only, another at 2 only) each its own, 3 then 2."""
    redo = [{p for p in (3, 2) if hand_sum([e], p) == fmt(o, p)} for e, o in zip(exacts, owns)]
    for p in (3, 2):
        if all(p in r for r in redo if r):
            return (p,)
    return (3, 2)


class Worked(NamedTuple):
    value: str  # as the board writes it
    near: bool  # it says ≈
    shown_sum: str  # what the numbers shown add to, at the board's decimals (said beside an ≈)


def worked_row(S: ShownSoftmax, seen: list[int], opinions: list[list[str]], owns: list[float]) -> list[Worked]:
    """The listening board's worked numbers with the shares of `S` (the opinions as written, the model's own
    numbers `owns`), at the decimals result_places gives them together."""
    exacts = [_exact(S, seen, v) for v in opinions]
    places = result_places(exacts, owns)
    return [worked_result(e, own, places) for e, own in zip(exacts, owns)]


def worked_result(exact: str, own: float, places: tuple[int, ...] = (3, 2)) -> Worked:
    """A worked number (the sum of the products as written) as the board writes it, and whether it says ≈: rounded
    by hand to 3 decimals where that is the model's own number at 3 (the CLI's trace gives the same digits;
    review21: -0.245 is the model's -0.24498 at 3 though it rounds by hand to -0.25 beside the list's -0.24, a double
    rounding); else to 2 where that is the model's at 2, the list's number below (teacher3 L11: "= 3.165" above
    3.16); else the model's own, said ≈ (the shares' and opinions' rounding moved the sum past a rounding edge), at
    the fewest decimals from 3 that round to the list's (softmax_row.share_places): never a number that is not the
    model's at its digits. `places`: the decimals tried (result_places); at 2 only, an ≈ is the model's at 2 and
    what the numbers shown add to is said at 2."""
    for p in places:
        worked = hand_sum([exact], p)
        if worked == fmt(own, p):
            return Worked(worked, False, worked)
    two = places == (2,)
    return Worked(fmt(own, 2 if two else share_places([own], [True])), True, hand_sum([exact], 2 if two else 3))


def mix_result(ctx, worked: Worked) -> str:
    """The worked number's line; one that says ≈ says what the numbers shown add to, as well, at the board's
    decimals (teacher18 M3: 「≈ -0.005」 above 「（黒板の計算は表示した数で行っています）」 read as a contradiction)."""
    if worked.near:
        return ctx.t("board.mix_result_near_sum", value=worked.value, sum=worked.shown_sum)
    return ctx.t("board.mix_result", value=worked.value)


def _listening(ctx, fr: Frame) -> tuple[list[float], list[str]]:
    """The class with the asker's heard classmates wearing their shares; the model's own shares."""
    class_with_cards(ctx, fr, masked_after_focus=True)
    w = ctx.H.weights[ctx.f].tolist()
    shown = fmt_many(w)  # each share as written: its badge and its link's label
    for j in heard(ctx):
        fr.students[j].badge = shown[j]
    fr.heatmap = heatmap(ctx, rows=[ctx.f])
    fr.heatmap.row_only = True  # the asker's row alone, with its numbers (teacher33 #3: not over an empty block)
    fr.heatmap.title = ctx.t("heatmap.row_title", name=ctx.q(ctx.f), layer=ctx.sel.layer + 1, head=ctx.sel.head + 1)
    return w, shown


def shares_chart(ctx, w: list[float]) -> Bars:
    """The asker's shares as a chart, a bar for every classmate the softmax chart shows (the masked ones empty, a
    long run of them left out as there: teacher32 #7, GPT-2's 2 heard of 58 were 58 hairlines with no values), their
    sum beside the title."""
    H, f = ctx.H, ctx.f
    masked, out = H.mask[f], edited_out(ctx, f)
    seats = [j for j in runs([bool(m) and j not in out for j, m in enumerate(masked)]) if isinstance(j, int)]
    return Bars(ctx.t("bars.weights"), [ctx.names[j] for j in seats], [w[j] for j in seats], "weight",
                masked=[bool(masked[j]) for j in seats], total=ctx.t("bars.sum", total=fmt(H.weights[f].sum(), 3)))


def travel(ctx, fr: Frame):
    f, S, seen = ctx.f, shown_row(ctx), heard(ctx)
    w, shown = _listening(ctx, fr)
    fr.bars = shares_chart(ctx, w)
    fr.links = [Link(j, f, w[j], "value", shown[j], progress=ctx.alpha, value=w[j]) for j in seen]
    # a long list keeps the asker and the classmates it listens to most, a repeated word with its seat (long_lists)
    fr.board, fr.board_more, fr.board_short = listed(
        ctx.t, seen, lambda j: ctx.t("board.travel", w=S.weights[j], name=ctx.qs(j)), {f, *most_heard(ctx)})
    fr.narration = ctx.t(ctx.beat.key, focus=ctx.q(f))


def merge(ctx, fr: Frame):  # the arithmetic needs the board's room; the shares are in its lines
    f, seen = ctx.f, heard(ctx)
    w, shown = _listening(ctx, fr)
    fr.links = [Link(j, f, w[j], "value", shown[j], value=w[j]) for j in seen]
    if ctx.desks(fr):
        fr.students[f].cards.append(ctx.strip("context", ctx.H.context[f], ctx.alpha))
    row = shown_row(ctx)
    fr.board, S, near = mix_lines(ctx, row, seen)
    if ctx.trace.n_tokens > NAMED_ROWS:  # the map's one row of a big class, unnamed, read as an empty box (teacher30
        fr.bars = shares_chart(ctx, w)  # #15, 36 students): the asker's shares as travel charts them, instead
    fr.write_vector(fmt_many(ctx.H.context[f]))
    if S is row:
        said = hand_note(ctx.t, S, own_places(ctx))
    else:  # more share digits than the softmax board's: said why (not to round to the bars, as hand_note says)
        places = max(places_of(S.weights[j]) for j in seen)
        said = [ctx.t("board.hand"), ctx.t("board.hand_places_sums", places=places)]
    if near:  # a worked number no digits redo (≈, ≒ in Japanese) says why in the hand note's line: a line more
        said[0] = ctx.t("board.hand_near")  # would set this tall board's type smaller (jareview3 #2, measured)
    fr.board += said
    fr.narration = ctx.t(ctx.beat.key, focus=ctx.q(f))


STEPS = [Step("travel", 3.0, travel), Step("merge", 2.5, merge)]
