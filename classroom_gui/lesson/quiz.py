"""Predict, then reveal: questions a teacher can ask the class before a step shows its answer.

Every question is made from a Trace (never written for one sentence): its answer is read off the trace's
own numbers, and its wrong choices are the nearest plausible ones (the next-largest shares, the next most
probable words), listed in seat order or alphabetically so the position of the answer gives
nothing away. `step` is the step that reveals the answer, counted from 1 as on screen (`--beat`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np

from ..model.functions import causal_mask
from ..model.trace import Trace
from . import rules
from .answers import UNSAYABLE, is_piece, named, of_language, script, sentence_script
from .numbers import fmt
from .state import Selection, timeline_for
from .strings import QUOTE_MARKS, quote, seat_quoted, text

CHOICES = 4  # at most; fewer when the class is small


@dataclass(frozen=True)
class Question:
    kind: str            # "top_share", "sum", "cannot_hear" ("can_hear" for the first student), "next_word"
    question: str
    choices: list[str]
    answer: str          # one of choices
    step: int            # the step (from 1) whose picture reveals the answer
    lang: str = "en"     # the language it is asked in: its choices' marks (A. B. … or ア イ …: marks)
    seats: tuple = ()    # the seats its answer is read from (the asker, the students it names); () every seat

    def as_dict(self) -> dict:
        """What `classroom-gui quiz --json` writes: {question, choices, answer, step}."""
        return {k: v for k, v in asdict(self).items() if k not in ("lang", "seats")}


def marks(lang: str) -> list[str]:
    """The choices' marks in `lang`: "A." "B." "C." "D.", or ア イ ウ エ as a Japanese test marks them (jareview2)."""
    return text(lang, "quiz.marks").split()


def questions(trace: Trace, sel: Selection, vocab: list[str] | None = None) -> list[Question]:
    """The class's quiz for this sentence, asker, layer and head, in lesson order."""
    sel = sel.clamped(trace)
    steps = {}
    for i, beat in enumerate(timeline_for(trace.n_tokens, trace.config.n_layer).beats):
        steps.setdefault(beat.key, i + 1)
    # the mask chapter's last step already says whom the asker listens to most under both rules, with the share: it
    # reveals that too (teacher19 M2: after the sum's reveal the class was asked who gets the biggest share, already
    # shown twice). What the shares add up to is softmax's to teach: its last step says it (its chart's sum, "add up
    # to 1"), asked over its sum of the exps; nothing before says it (the mask chapter's charts write no sum: quiz22)
    made = [_cannot_hear(trace, sel, steps["mask.future"]),
            _top_share(trace, sel, steps["mask.future"]),
            _sum(trace, sel, steps["softmax.weights"]),
            _next_word(trace, sel, steps["answer.logits"], vocab or trace.vocab)]  # the logits' step shows every
    # desk's guess, the last desk's the answer, and the logits that make it (teacher34 #13: revealed on the norm step,
    # the ✓ came before any number said it; teacher20 H1: asked over a step with the guesses, the question came after
    # its answer): asked over the norm step, which shows no guess
    return [replace(q, lang=sel.lang) for q in made if q is not None]


def _seats(sel: Selection, tokens: list[str], seats) -> list[str]:
    """Choices naming students, in seat order; a word that sits twice in the class is told apart by its seat (as the
    question's asker is: student39 #3, "which can "dog" not hear?" in a class with two "dog"s fitted either)."""
    return [seat_quoted(sel.lang, tokens, j) for j in sorted(seats)]


def _distinct(tokens: list[str], seats) -> list[int]:
    """seats (in the order given) without those whose word an earlier one already has (teacher28 L4: B and D were
    both "␣a", told apart only by their seats), at most CHOICES."""
    seen: set = set()
    return [int(j) for j in seats if not (tokens[j] in seen or seen.add(tokens[j]))][:CHOICES]


def _readable(word: str) -> bool:
    """Whether a class can read a vocabulary word as a choice (teacher28 L4: "<0x90>", "<0xC5>" and " ` " were
    offered): not a piece of a character, a control or a symbol written as its code, a lone quote mark or a blank."""
    shown = named(word)
    return (not is_piece(shown) and "⟨U+" not in shown and not set(word) <= QUOTE_MARKS
            and bool(word.strip("␣⇥↵⍽ ")))


def _top_share(trace: Trace, sel: Selection, step: int) -> Question | None:
    weights = trace.layers[sel.layer].head(sel.head).weights[sel.focus]
    heard = np.flatnonzero(~trace.layers[sel.layer].mask[sel.focus])
    if len(heard) < 2:
        return None
    ranked = heard[np.argsort(-weights[heard], kind="stable")]
    if weights[ranked[0]] == weights[ranked[1]]:  # a tie has no one answer
        return None
    picked = _distinct(trace.tokens, ranked)
    if len(picked) < 2:
        return None
    choices = _seats(sel, trace.tokens, picked)
    answer = choices[sorted(picked).index(ranked[0])]
    # the rule named: the mask step shows both rules' shares, and the other rule's top student may be a choice
    # (teacher20 M1: 「日」 in discussion, its narration said 順番に発言なら「雨」, a choice marked wrong)
    return Question("top_share", text(sel.lang, f"quiz.top_share_{trace.mask_rule}",
                                      focus=seat_quoted(sel.lang, trace.tokens, sel.focus), layer=sel.layer + 1,
                                      head=sel.head + 1), choices, answer, step, seats=_named(sel.focus, picked))


def _sum(trace: Trace, sel: Selection, step: int) -> Question:
    weights = trace.layers[sel.layer].head(sel.head).weights[sel.focus]
    heard = int((~trace.layers[sel.layer].mask[sel.focus]).sum())
    total = float(weights.sum())  # 1 up to float rounding: the answer as the trace has it
    answer = fmt(total)
    wrong = [fmt(heard), fmt(0.5), fmt(0)]  # "one share each", "half", "nothing left": the usual slips
    choices = sorted(dict.fromkeys([answer] + [w for w in wrong if w != answer]), key=float)
    return Question("sum", text(sel.lang, "quiz.sum", focus=seat_quoted(sel.lang, trace.tokens, sel.focus)),
                    choices[:CHOICES], answer, step)


def _cannot_hear(trace: Trace, sel: Selection, step: int) -> Question | None:
    """Under GPT's rule (in turn) a student cannot hear those who have not spoken yet; asked whatever rule the
    class uses, since the mask chapter shows GPT's rule."""
    f, T = sel.focus, trace.n_tokens
    if f == T - 1:
        return None  # the last student hears everyone: nothing to ask
    later = causal_mask(T)[f]
    heard = [j for j in range(T) if not later[j]]
    kind, answer_seat = "cannot_hear", f + 1  # the next to speak: the nearest one the student cannot hear
    picked = _distinct(trace.tokens, [answer_seat] + heard[::-1])  # itself and the students just before it
    if f == 0:  # the first student hears only itself: asked the other way round, so it still has CHOICES choices
        kind, answer_seat, picked = "can_hear", 0, list(range(min(T, CHOICES)))
    choices = _seats(sel, trace.tokens, picked)
    answer = choices[sorted(picked).index(answer_seat)]
    return Question(kind, text(sel.lang, f"quiz.{kind}", focus=seat_quoted(sel.lang, trace.tokens, f)), choices, answer, step,
                    seats=_named(f, picked))


def _named(focus: int, picked) -> tuple:
    """The seats a question about students reads its answer from: the asker's and its choices' (as plain ints)."""
    return tuple(sorted({int(focus), *(int(j) for j in picked)}))


def _next_word(trace: Trace, sel: Selection, step: int, vocab: list[str]) -> Question | None:
    trace = rules.under(trace, rules.ANSWER_RULE)  # answer time is told in turn, whatever rule the class uses
    order = trace.next_order
    if len(order) < 2 or not vocab:
        return None
    logits = trace.next_logits
    if logits[order[0]] == logits[order[1]] or vocab[int(order[0])] in UNSAYABLE:  # no fair question
        return None
    if not _readable(vocab[int(order[0])]):  # an answer no class can read (a piece of a character: ◇)
        return None
    # the wrong choices are words of the answer's language (or punctuation): the sentence's, as answer time lists them
    # below the answer (answers.of_language; teacher15 M2: a Japanese class was offered 「ate」), unless the model
    # answers in the other language, where the one word of another language would give itself away
    lang = script(vocab[int(order[0])]) or sentence_script(trace.tokens)
    picked = [int(order[0])]
    for i in order[1:]:  # most likely first; stops at CHOICES (GPT-2's order has 50,257 ids)
        if len(picked) == CHOICES:
            break
        word = vocab[int(i)]  # readable, and not the same as a choice already picked
        if of_language(word, lang) and _readable(word) and named(word) not in {named(vocab[j]) for j in picked}:
            picked.append(int(i))
    if len(picked) < 2:
        return None
    words = [named(vocab[i]) for i in picked]
    return Question("next_word", text(sel.lang, "quiz.next_word", last=seat_quoted(sel.lang, trace.tokens, trace.n_tokens - 1)),
                    [quote(sel.lang, w) for w in sorted(words)], quote(sel.lang, words[0]), step)
