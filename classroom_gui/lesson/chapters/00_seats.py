"""Chapter: the students take their seats, one after another (one student per word of the sentence)."""
from __future__ import annotations

from ..beat import Step
from ..frame import Frame

RULE_IN_TITLE = False  # nobody listens yet


def sit(ctx, fr: Frame):
    n = ctx.trace.n_tokens
    for s in fr.students:  # students come in one after another
        s.opacity = min(1.0, max(0.0, ctx.alpha * (n + 1) - s.index))
    fr.narration = ctx.t("seats.sit_one" if n == 1 else ctx.beat.key, n=n, names=ctx.name_list(range(n)))


STEPS = [Step("sit", 2.0, sit)]
