"""A score as the board works it by hand: the asker's question card · a classmate's self-introduction card, at the
digits whose products add up to the score as written (scoring's board, and the notes of its slide that scores the
rest of a big class, which has no board of its own to redo: lesson.speaker_notes). Pure: no Qt."""
from __future__ import annotations

from .numbers import fmt, in_product
from .worked import Digits, WorkedSum, hand_written

# a dot product's digits: its factors and products at 3 decimals, or 4 or 5, the same for both, whose sum rounds by
# hand to the score as written (teacher14 L4: products adding up to -2.002 beside "= -2.01", the model's -2.0052, were
# "within 0.01"; 411 of the shipped model's 3,564 boards of 4 sentences); written out whole up to 16 products (the
# teaching model's 8)
SCORE = Digits((3, 4, 5), (3, 4, 5), "", 0, 16)


def hand_dot(q, k, score: float) -> WorkedSum | None:
    """q · k as the board writes it (worked.hand_written at SCORE: the fewest decimals, the same for factors and
    products, at which the products as written add up to a number that rounds half up to `score` at 2 decimals,
    else the first try).
    Big weights need more than 3 (review12: a random model's twelve products of ~5 × ~5 added up to -29.327 for a
    score of -29.34). None for a long card (more than SCORE.whole numbers), whose sum is not written out."""
    return None if len(q) > SCORE.whole else hand_written(q, k, [], fmt(score), SCORE)


def dot_terms(worked: WorkedSum) -> list[str]:
    """The products as written: "1.511×(-2.445)"."""
    return [f"{in_product(a)}×{in_product(b)}" for a, b in zip(worked.inputs, worked.weights)]
