"""What Undo and Redo bring back besides the numbers (no Qt): where the lesson was when a change was made (View:
the asker, layer, head, rule and moment), and the sentences left with what-if edits (Left), kept within a budget;
and what a restart brings back of the last session's edits (edits_back).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..lesson.whatif_state import WhatIf, restored
from ..messages.phrase import Phrase

KEPT = 4  # sentences left with what-if edits that Undo can bring back (each keeps its trace in memory)
# and at most this many bytes of their traces, the newest always kept: four GPT-2 classes of 1,024 students left
# with edits held ~1.9 GB more (review10); one is ~0.5 GB, a teaching-model class a few kB
KEPT_BYTES = 256 * 2**20


@dataclass(frozen=True)
class View:
    """Where the lesson was when a change was made: Undo and Redo of that change come back here, as Undo in other
    apps brings the change into view (teacher11 M4). `time` is in the timeline of the sentence it was taken in."""
    focus: int
    layer: int
    head: int
    rule: str
    time: float


@dataclass
class Left:
    """A sentence the class left for another (Enter, Apply, an example, adding the answer) while it had what-if
    edits Undo could take back: what Undo brings back, as Redo brings back the sentence left for it, and where the
    lesson was in it."""
    run: object
    whatif: WhatIf
    typed: str
    where: View

    @property
    def nbytes(self) -> int:  # its own trace and, once edited, the edited one
        traces = {id(t): t for t in (self.run.trace, self.whatif.trace) if t is not None}
        return sum(t.nbytes for t in traces.values())


def within_budget(left: list[Left]) -> list[Left]:
    """The newest KEPT of `left` whose traces fit KEPT_BYTES, the newest one always."""
    kept, total = [], 0
    for one in reversed(left[-KEPT:]):
        total += one.nbytes
        if kept and total > KEPT_BYTES:
            break
        kept.append(one)
    return kept[::-1]


def sentence_id(text: str) -> str:
    """A short fingerprint of a sentence as read, to tell the settings file's sentence from another."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def edits_back(own, specs, same_sentence: bool) -> tuple[WhatIf, Phrase | None]:
    """The class `own` with the what-if edits a last session left (`specs`, as --set writes them), each read again
    (whatif_state.restored), and what the status line says once about those left out (None: all came back); none
    when they were made for another sentence (`same_sentence` False), which is said rather than silently lost."""
    if not same_sentence:
        return WhatIf(own), Phrase("whatif.dropped_sentence")
    state, dropped = restored(own, specs)
    if not dropped:
        return state, None
    return state, Phrase("whatif.dropped_one" if len(dropped) == 1 else "whatif.dropped", n=len(dropped),
                         why=dropped[0].phrase)
