"""Reading what-if edits as a teacher writes them (--set), and refusing the ones that cannot apply."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.model.functions import causal_mask
from classroom_gui.model.whatif import Edit, EditError, apply_scores, edited_mask, parse_edit

TOKENS = ["The", "cat", "sat", "on", "the", "mat"]


def parse(spec):
    return parse_edit(spec, TOKENS, n_layer=2, n_head=2, d_head=8)


def test_written_edits_become_zero_based_places():
    assert parse("score[1,2,cat,sat]=2.5") == Edit("score", 0, 1, 1, 2, 2.5)
    assert parse("q[2,1,cat,8]=-1") == Edit("q", 1, 0, 1, 7, -1.0)
    assert parse(" v [1, 1, 6, 1] = 0.25") == Edit("v", 0, 0, 5, 0, 0.25)
    assert parse("mask[1,cat,sat]=0") == Edit("mask", 0, 0, 1, 2, 0.0)
    assert parse("q[1,1,the,1]=0").seat == 4  # written exactly as a student: that one
    assert parse("k[1,1,␣mat,1]=3") == Edit("k", 0, 0, 5, 0, 3.0)  # a GPT-2 token's space mark is optional


@pytest.mark.parametrize("spec, words", [
    ("score[1,1,cat]=2", "takes layer, head, asker, classmate"),
    ("q[3,1,cat,1]=0", "layer must be a whole number from 1 to 2"),
    ("q[1,1,cat,9]=0", "number must be a whole number from 1 to 8"),
    ("q[1,1,dog,1]=0", '"dog" is not a student'),
    ("q[1,1,THE,1]=0", "sits at seats 1, 5"),
    ("q[1,1,7,1]=0", "seats 1-6"),
    ("q[1,1,cat,1]=big", '"big" is not a number'),
    ("q[1,1,cat,1]=nan", "finite"),
    ("mask[1,cat,sat]=0.5", "1 (cannot hear) or 0"),
    ("w[1,1,cat,1]=0", "cannot read the edit"),
])
def test_bad_edits_say_what_is_wrong(spec, words):
    with pytest.raises(EditError, match=words.replace("(", r"\(").replace(")", r"\)")):
        parse(spec)


def test_score_and_mask_edits_set_exactly_their_cells():
    scores = np.zeros((2, 6, 6))
    apply_scores(scores, [parse("score[1,2,cat,sat]=2.5")])
    assert scores[1, 1, 2] == 2.5 and np.count_nonzero(scores) == 1
    mask = edited_mask(causal_mask(6), [parse("mask[1,cat,sat]=0"), parse("mask[1,mat,The]=1")])
    changed = np.argwhere(mask != causal_mask(6)).tolist()
    assert changed == [[1, 2], [5, 0]]
    with pytest.raises(EditError, match="hear no one"):
        edited_mask(causal_mask(6), [parse("mask[1,1,1]=1")])  # The hears only itself
