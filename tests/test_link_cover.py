"""links17: the seed's link lines keep off the cards' digits and the name tags as far as the rows' gaps allow,
without running alongside one another instead. Measured on the real scene (tests/link_cover.py: px of each drawn
line within half its width of a digit cell, a name with its seat number or a badge), every student asking in turn,
at the end of every step of the scoring, softmax, listening and layers chapters, English and Japanese, both rules,
16:9 and 4:3. Main before links17 drew 999-11,005 px over digits a case (8,252 and 500 px over name tags for the
Japanese seed in turn at 16:9: 「上」→「座った」 ran 403 px over the digits of 「上」 and 「に」): route choice let a link
take a variant 400 px over digits to part from another by a few px, counted no name tags but its own two desks',
had no flat route over the tags, and the asker's own loop reached into the card of the desk above it.

What remains: lines from the row above into the asker's desk (and its own loop beside them) share a 14 px gap between
rows; a line that would run alongside another there arches over the digits of the row above instead."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN

from link_cover import ALONG, CHAPTERS, SEED, seed_cover

# (lang, rule, canvas): px over digits and name tags, summed over every asker and step (main before links17, now)
BOUND = {("en", "none", "16:9"): 100,     # 999 before, 0 now
         ("en", "none", "4:3"): 1300,     # 3,056, 1,016
         ("en", "causal", "16:9"): 350,   # 1,011, 244
         ("en", "causal", "4:3"): 650,    # 1,978, 484
         ("ja", "none", "16:9"): 4500,    # 11,005, 3,789
         ("ja", "none", "4:3"): 2500,     # 9,369, 1,986
         ("ja", "causal", "16:9"): 3600,  # 8,752, 2,905
         ("ja", "causal", "4:3"): 1400}   # 5,647, 1,095
APART = 150  # px the lines of a case may run alongside one another beyond link_routes.TOLERANCE (main 0-3, now 0-109)


@pytest.mark.parametrize("lang,rule,shape", list(BOUND), ids=["-".join(k) for k in BOUND])
def test_the_seeds_lines_keep_off_digits_and_name_tags(qapp, checkpoint, lang, rule, shape):
    canvas = {"16:9": WIDESCREEN, "4:3": FOUR_THREE}[shape]
    ALONG[:] = [0.0]  # (seed_cover then adds each step's px alongside)
    try:
        n = 7 if lang == "ja" else 6
        found = seed_cover(checkpoint, SEED[lang], lang, rule, canvas, range(n), CHAPTERS)
        along = sum(ALONG)
    finally:
        ALONG.clear()
    lines = [r for v in found.values() for r in v]
    assert len(found) >= 12 * n and len(lines) >= 1.5 * len(found)  # every asker's steps, each with its lines
    over = sum(r[3] + r[4] for r in lines)
    worst = sorted(((r[3] + r[4], key, r[:2]) for key, v in found.items() for r in v), reverse=True)[:3]
    assert over <= BOUND[(lang, rule, shape)], (over, worst)
    assert along <= APART, along
