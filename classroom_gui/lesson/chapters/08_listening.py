"""Chapter: the opinions (Values) travel to the asker, weighted by the shares, and merge into a new
understanding (share × opinion summed over the classmates heard)."""
from __future__ import annotations

from decimal import Decimal

from ..beat import Step
from ..frame import Bars, Frame, Link
from ..numbers import board_list, factor, fmt, fmt_many, hand_sum
from ..softmax_row import ShownSoftmax, hand_note, share_places
from ..panels import heatmap
from .desks import SUM_TERMS, class_with_cards, heard, shown_row


def mix_lines(ctx, S: ShownSoftmax, seen: list[int]) -> list[str]:
    """Listening written out: the first numbers of the new understanding as share × opinion summed over
    the classmates heard, from the shares and opinions as written (3 decimals), then the heading of every number."""
    H, f = ctx.H, ctx.f
    lines = [ctx.t("board.mix", name=ctx.q(f))]
    numbers = 3 if len(seen) <= 2 else 2 if len(seen) <= 8 else 1
    for k in range(min(numbers, H.v.shape[1])):
        opinions = [fmt(H.v[j, k], 3) for j in seen]
        terms = [f"{S.weights[j]}×{factor(float(v), 3)}" for j, v in zip(seen, opinions)]
        cut = len(terms) > SUM_TERMS
        shown = terms[:SUM_TERMS]
        lines.append(ctx.t("board.mix_number", k=k + 1, terms=" + ".join(shown[:2])))
        lines += ["    + " + " + ".join(shown[i:i + 2]) for i in range(2, len(shown), 2)]
        if cut:
            lines[-1] += f" + … (+{len(terms) - SUM_TERMS})"
        exact = sum(Decimal(S.weights[j]) * Decimal(v) for j, v in zip(seen, opinions))
        lines.append(mix_result(ctx, str(exact), float(H.context[f, k])))
    return lines + [ctx.t("board.mix_all", d=H.v.shape[1])]  # then the whole new understanding (merge)


def mix_result(ctx, exact: str, own: float) -> str:
    """The worked number's line: the sum of the products as written, rounded by hand to 3 decimals, where that is
    the model's own number at 3 (the CLI's trace gives the same digits; review21: -0.245 is the model's -0.24498 at
    3 though it rounds by hand to -0.25 beside the list's -0.24, a double rounding); else to 2 where that is the
    model's at 2, the list's number below (teacher3 L11: "= 3.165" above 3.16); else the model's
    own, said ≈ (the shares' and opinions' rounding moved the sum past a rounding edge), at the fewest decimals from 3
    that round to the list's (softmax_row.share_places): never a number that is not the model's at its digits."""
    worked = hand_sum([exact], 3)
    if worked == fmt(own, 3):
        return ctx.t("board.mix_result", value=worked)
    worked = hand_sum([exact], 2)
    if worked == fmt(own):
        return ctx.t("board.mix_result", value=worked)
    return ctx.t("board.mix_result_near", value=fmt(own, share_places([own], [True])))


def _listening(ctx, fr: Frame) -> tuple[list[float], list[str]]:
    """The class with the asker's heard classmates wearing their shares; the model's own shares."""
    class_with_cards(ctx, fr, masked_after_focus=True)
    w = ctx.H.weights[ctx.f].tolist()
    shown = fmt_many(w)  # each share as written: its badge and its link's label
    for j in heard(ctx):
        fr.students[j].badge = shown[j]
    fr.heatmap = heatmap(ctx, rows=[ctx.f])
    return w, shown


def travel(ctx, fr: Frame):
    H, f, S, seen = ctx.H, ctx.f, shown_row(ctx), heard(ctx)
    w, shown = _listening(ctx, fr)
    fr.bars = Bars(ctx.t("bars.weights"), ctx.names, w, "weight",
                   masked=[bool(m) for m in H.mask[f]], total=ctx.t("bars.sum", total=fmt(H.weights[f].sum(), 3)))
    fr.links = [Link(j, f, w[j], "value", shown[j], progress=ctx.alpha, value=w[j]) for j in seen]
    fr.board, fr.board_more = board_list(seen, lambda j: ctx.t("board.travel", w=S.weights[j], name=ctx.q(j)))
    fr.narration = ctx.t(ctx.beat.key, focus=ctx.q(f))


def merge(ctx, fr: Frame):  # the arithmetic needs the board's room; the shares are in its lines
    f, seen = ctx.f, heard(ctx)
    w, shown = _listening(ctx, fr)
    fr.links = [Link(j, f, w[j], "value", shown[j], value=w[j]) for j in seen]
    if ctx.desks(fr):
        fr.students[f].cards.append(ctx.strip("context", ctx.H.context[f], ctx.alpha))
    S = shown_row(ctx)
    fr.board = mix_lines(ctx, S, seen)
    fr.write_vector(fmt_many(ctx.H.context[f]))
    fr.board += hand_note(ctx.t, S)
    fr.narration = ctx.t(ctx.beat.key, focus=ctx.q(f))


STEPS = [Step("travel", 3.0, travel), Step("merge", 2.5, merge)]
