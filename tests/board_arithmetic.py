"""redo_board(lines) redoes every equation a blackboard shows, from the digits shown, as a student would by hand.

An equation is a chain "E0 = E1 = … = En" found in the board's text (lines joined, so a sum may run over
several lines); an expression is numbers with 2 or more decimals, products a×b, quotients a ÷ b and exp(a),
joined by + and -. Two neighbours of a chain agree when the right one is the left one redone, within one
unit in the right one's last digit: term by term when both have the same number of terms (each product as
written), else as sums. Returns the disagreements as readable strings.
"""
from __future__ import annotations

import math
import re

NUM = r"\(?-?\d+\.\d+\)?"
DIFF = r"\(-?\d+\.\d+\s*[+-]\s*\d+\.\d+\)"  # a bracketed difference divided: "(1.56 - 0.073) ÷ 4.651"
TERM = rf"(?:exp\({NUM}\)|{DIFF}\s*÷\s*{NUM}|{NUM}(?:\s*[×÷]\s*{NUM})?)"
EXPR = rf"{TERM}(?:\s*[+-]\s*{TERM})*"
CHAIN = re.compile(rf"{EXPR}(?:\s*=\s*{EXPR})+")
TERMS = re.compile(rf"([+-]?)\s*({TERM})")


def _number(text: str) -> tuple[float, int]:  # "(-0.085)" -> (-0.085, 3 decimals)
    t = text.strip("() ")
    return float(t), len(t.split(".")[1])


def _term(text: str) -> tuple[float, int]:
    """A term's value as redone by hand, and the decimals it is written with (its last digit's place)."""
    text = text.strip()
    if text.startswith("exp("):
        x, _ = _number(text[4:-1])
        return math.exp(x), 0
    grouped = re.fullmatch(r"\((-?\d+\.\d+)\s*([+-])\s*(\d+\.\d+)\)\s*÷\s*(.+)", text)  # (a ± b) ÷ c
    if grouped:
        a, sign, b, c = grouped.groups()
        return (float(a) + float(sign + b)) / _number(c)[0], 0
    for op in "×÷":
        if op in text:
            (a, da), (b, db) = (_number(t) for t in text.split(op))
            return (a * b if op == "×" else a / b), 0
    return _number(text)


def _terms(expr: str) -> list[tuple[float, int]]:
    out = []
    for sign, term in TERMS.findall(expr):
        value, decimals = _term(term)
        out.append((-value if sign == "-" else value, decimals))
    return out


def redo_board(lines: list[str]) -> list[str]:
    # a sum over terms the board does not list (the answer board's "Σ exp((z - 16.41) ÷ 1.0)" over every word of
    # the vocabulary) has nothing to redo from the digits shown: its line stands for its value
    text = " ".join("Σ" if line.strip().startswith("Σ") else line.strip() for line in lines)
    problems = []
    for match in CHAIN.finditer(text):
        parts = [p.strip() for p in match.group(0).split("=")]
        for left, right in zip(parts, parts[1:]):
            a, b = _terms(left), _terms(right)
            pairs = list(zip(a, b)) if len(a) == len(b) else [((sum(v for v, _ in a), 0), (sum(v for v, _ in b),
                                                                                          min(d for _, d in b)))]
            for (got, _), (shown, decimals) in pairs:
                if decimals == 0:  # the right side is itself a product or exp(): nothing written to compare
                    continue
                if abs(got - shown) > 10.0 ** -decimals + 1e-9:
                    problems.append(f"{left} = {right}: redone {got:.6f}, shown {shown}")
    return problems


def equations(lines: list[str]) -> int:  # how many chains the board holds (a test that finds none is empty)
    return sum(1 for _ in CHAIN.finditer(" ".join(line.strip() for line in lines)))
