"""What Undo and Redo bring back besides the numbers (no Qt): where the lesson was when a change was made (View:
the asker, layer, head, rule and moment), and the sentences left with what-if edits (Left), kept within a budget;
and what a restart brings back of the last session's edits (edits_back).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..lesson.panels import warm
from ..lesson.context import seed_pieces, seed_student
from ..lesson.state import default_focus, prepared_run
from ..lesson.whatif_state import WhatIf, restored
from ..messages.glyphs import drawn_name
from ..messages.phrase import Name, Phrase
from .edit_keys import RESET_EDITS_KEYS, UNDO_KEYS, KeyName

KEPT = 4  # sentences left that Undo can bring back (one left with what-if edits keeps its trace in memory)
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
    """A sentence the class left for another (Enter, Apply, an example, adding the answer), with the what-if edits
    it had: what Undo brings back, as Redo brings back the sentence left for it, and where the lesson was in it. An
    emptied sentence's room, left by Undo, has run and whatif None and typed "" (Redo empties the class again); a
    sentence left with no edits has run and whatif None too, and is computed again from `typed` (filled) when Undo
    or Redo brings it back."""
    run: object
    whatif: WhatIf
    typed: str
    where: View
    text: str = ""  # a sentence kept by its text: its run's text, its number of students and the asker's word (read),
    n_tokens: int = 0  # for the settings file while it is the emptied room's class (review32 #5: a restart then lost
    asker: str = ""  # its step and asker)

    @property
    def read(self) -> tuple[str, int, str]:
        """(the run's text, its number of students, the asker's word), whether the run is kept or only its text."""
        if self.run is None:
            return self.text, self.n_tokens, self.asker
        tokens = self.run.trace.tokens
        return self.run.text, len(tokens), tokens[self.where.focus] if self.where.focus < len(tokens) else ""

    def filled(self, checkpoint) -> "Left":
        """This sentence with its run computed again when it kept only its text (as the lesson left it: the rule,
        layer, head and asker of `where`); on the worker thread for a big model (view.window_jobs.step_edits)."""
        if self.run is None and self.typed:
            where = self.where
            self.run = prepared_run(checkpoint, self.typed, where.rule, where.layer, where.head, where.focus)
            self.whatif = WhatIf(self.run.trace) if self.run is not None else None
        return self

    @property
    def nbytes(self) -> int:  # its own trace and, once edited, the edited one (an empty room: none)
        if self.run is None:
            return 0
        traces = {id(t): t for t in (self.run.trace, self.whatif.trace) if t is not None}
        return sum(t.nbytes for t in traces.values())


def left_behind(run, whatif: WhatIf | None, typed: str, where: View) -> Left:
    """The sentence a class leaves (for a new one, or for another by Undo or Redo): whole where it has what-if changes
    to bring back (edits made, or taken back and Redo's to make again); else by its text, its trace's memory given
    back (test_allocator; review32 #4: Undo and Redo kept whole traces of sentences without edits, ~0.5 GB each for
    GPT-2 at 1,024 students), computed again when Undo or Redo brings it back (Left.filled)."""
    if whatif is not None and (whatif.history or whatif.active or whatif.redone) or run is None:
        return Left(run, whatif, typed, where)
    tokens = run.trace.tokens
    asker = tokens[where.focus] if where.focus < len(tokens) else ""
    return Left(None, None, typed, where, run.text, len(tokens), asker)


def within_budget(left: list[Left]) -> list[Left]:
    """The newest KEPT of `left` whose traces fit KEPT_BYTES, the newest one always."""
    kept, total = [], 0
    for one in reversed(left[-KEPT:]):
        total += one.nbytes
        if kept and total > KEPT_BYTES:
            break
        kept.append(one)
    return kept[::-1]


def sentence_id(text: str, model: str = "") -> str:
    """A short fingerprint of a sentence as read under a model (model_identity.model_key), to tell the settings
    file's class from another."""
    return hashlib.sha256(f"{model}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def edits_back(own, specs, same_sentence: bool, here: bool = False) -> tuple[WhatIf, Phrase | None]:
    """The class `own` with the what-if edits a last session left (`specs`, as --set writes them), each read again
    (whatif_state.restored), and what the status line says once: that they came back, or which were left out; none
    when they were made for another sentence (`same_sentence` False), which is said rather than silently lost.
    `here`: they were kept with the model earlier in this session (Ctrl+O away and back), not by the last one."""
    if not same_sentence:  # (here: "kept with this model", not "of the last session")
        return WhatIf(own), Phrase("whatif.back_dropped_sentence" if here else "whatif.dropped_sentence")
    state, dropped = restored(own, specs)
    n = len(dropped) or len(state.edits)
    if not n:
        return state, None
    if dropped:  # each key written out: test_export_errors reads every Phrase's key as a literal or a choice of two
        return state, (Phrase("whatif.back_dropped_one" if here else "whatif.dropped_one", n=n, why=dropped[0].phrase)
                       if n == 1 else Phrase("whatif.back_dropped" if here else "whatif.dropped", n=n,
                                             why=dropped[0].phrase))
    # all came back: said once too, as the title's mark alone did not (teacher12 L4)
    undo = KeyName(UNDO_KEYS[0])  # the restored edits go one at a time by Ctrl+Z, all at once by Reset (tidy23a),
    # the key named as the status lines name it (edit_history.edit_keys: key_label)
    reset = KeyName(RESET_EDITS_KEYS[0])  # (teacher30 #13: not the Edit menu, which F5 hides)
    return state, (Phrase("whatif.back_restored_one" if here else "whatif.restored_one", undo=undo, reset=reset)
                   if n == 1 else Phrase("whatif.back_restored" if here else "whatif.restored", n=n, undo=undo,
                                         reset=reset))


@dataclass(frozen=True)
class Resumed:
    """A sentence's run with the last session's edits read again on it (edits_back's answer, as `back`)."""
    run: object
    back: tuple


def run_resumed(waiting, checkpoint, text: str, rule: str, layer: int = 0, head: int = 0, focus=None,
                here: bool = False):
    """lesson.state.prepared_run of the sentence and, while `waiting` holds the last session's edits
    (ClassroomModel.waiting: the asker's seat and word, where it left the lesson, the edits, the model's key), those
    edits read again on it and the edited class's first frame made ready as prepared_run makes the run's (Resumed):
    all on the worker thread for a big model (review15: the restore froze the window 6.4 s at start, GPT-2 at 512).
    `here`: as edits_back's."""
    run = prepared_run(checkpoint, text, rule, layer, head, focus)
    if waiting is None or run is None:
        return run
    seat, word, left, specs, model = waiting
    back = edits_back(run.trace, specs, same_left(left, run.text, model), here)
    if back[0].active:  # warmed for the asker the window opens with (ClassroomModel._resume_in)
        warm(back[0].trace, ffn_layer=layer, asker=resumed_seat(run.trace.tokens, seat, word, rule), head=head)
    return Resumed(run, back)


def resumed_seat(tokens, seat: int | None, word: str, rule: str) -> int:
    """The asker a resumed first sentence opens with: the seat the last session left when it still holds `word` (as
    typed, or as its desk writes it: a file saved before tidy25 kept a GPT-2 label coded, ⟨U+1F9F6⟩ 3/3; review31 #5),
    else the one a new sentence opens with (default_focus)."""
    if seat is None or seat >= len(tokens) or word not in (tokens[seat], drawn_name(tokens[seat])):  # another class
        return default_focus(tokens, rule)
    return seat


def same_left(left, text: str, model: str) -> bool:
    """Whether `left` (ClassroomModel.left_at) was taken of this sentence read under this model (its model_key)."""
    return left is not None and left[0] == sentence_id(text, model)


def kept_asker(tokens, seat: int, word: str, rule: str) -> tuple[int, Phrase | None]:
    """The asker of a new sentence that replaces one where `word` asked from `seat` (teacher31 #3: changing one word
    moved the asker from "it" to the last student, unsaid): that seat while it holds `word`, else `word`'s seat nearest
    it; when `word` is gone, default_focus's, with a Phrase for the status line saying who asks now."""
    if seat < len(tokens) and tokens[seat] == word:
        return seat, None
    seats = [i for i, token in enumerate(tokens) if token == word]
    if seats:
        return min(seats, key=lambda i: abs(i - seat)), None
    new = default_focus(tokens, rule)
    pieces = seed_pieces(tokens)  # 猫 asked and now sits as GPT-2's pieces: not 「この文には「猫」がいない」 beside 「猫 2/2」
    if pieces is not None and pieces[0] == new and seed_student(word):
        return new, Phrase("ui.asker_cat_pieces", n=pieces[1], asker=Name(tokens[new]), seat=new + 1)
    if seed_student(word) and seed_student(tokens[new]):  # "cat" and 「猫」 are one student: the other language's
        return new, None  # first sentence keeps its asker (teacher32 #10: 「この文には「cat」がいないので…」)
    return new, Phrase("ui.asker_now", old=Name(word), asker=Name(tokens[new]), seat=new + 1)


def opened_asker(tokens, seat: int) -> Phrase | None:
    """Who asks in a class that opens on its own (the window's first sentence, a model just opened, a sentence after
    an empty room), said where it is not the seed's "cat" / 「猫」, whom the lesson introduces: teacher32 #13, a GPT-2
    folder reopened on a paragraph with 「昨 2/3」 asking, unsaid."""
    if seat >= len(tokens) or seed_student(tokens[seat]):
        return None
    return Phrase("ui.asker_opened", asker=Name(tokens[seat]), seat=seat + 1)
