"""What a deck per chapter says on each slide: a narration that stands alone, not the chapter's last step (which
begins mid-story: "Step 3: divide each by the sum", "They merge into…", "The result is added…": teacher5 M4).

A chapter told in a few steps says them all, in order (the cards, softmax's three steps, the heads, the FFN);
a chapter whose last step already says its idea keeps it (the seats, the question, ÷√d, the mask, everyone at
once); a chapter of one step per classmate or per layer gets one sentence of its own (summary.scoring,
summary.layers), worked from the same numbers its steps show.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model.trace import Trace
from . import rules
from .context import Selection
from .example_point import point_first
from .frame import Frame
from .numbers import fmt
from .state import frame_at, timeline_for
from .strings import most_heard, quote, seat_quoted, text
from .whatif_words import leads

JOINED = {"embedding", "cards", "softmax", "listening", "heads", "ffn"}
# a step per classmate or per layer: a summary sentence of their own; answer time: its first two steps in one
# sentence, then its last (its three steps joined shrank the slide's narration to 13 pt)
OWN = {"scoring", "layers", "answer"}


def summarised(trace: Trace, sel: Selection, frame: Frame) -> Frame:
    """`frame` with the narration of its chapter so far (a chapter's finished picture: the whole chapter; a quiz's
    question slide, which shows the step before the answer: the chapter up to that step)."""
    if trace is None or trace.n_tokens == 0:
        return frame
    said = said_in(trace, sel, frame)
    return frame if said is None else replace(frame, narration=said)


def said_in(trace: Trace, sel: Selection, frame: Frame) -> str | None:
    chapter = frame.chapter_key
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    last = frame.beat + 1 == len(timeline) or timeline.beats[frame.beat + 1].chapter != chapter
    if chapter in OWN and last:
        said = _own(trace, sel.clamped(trace), chapter, _unled(trace, sel, frame))
    elif chapter in JOINED:
        said = _joined(trace, sel, timeline, chapter, frame.beat)
    else:
        return None
    if said is None:
        return None
    said = point_first(said, sel)  # an open gallery example's point leads its chapter too
    lead = _lead(trace, sel, frame.rule)  # a what-if class says so once, before the chapter, as each step does
    return f"{lead}{said}" if sel.lang == "ja" or not lead else f"{lead} {said}"


def _lead(trace: Trace, sel: Selection, rule: str) -> str:
    """The what-if lead of a step the edits change under `rule` (whatif_words.leads), or, when none counts there,
    the one that says the class is the model's own under this rule."""
    if not trace.edits:
        return ""
    counted, changed, unchanged = leads(sel.lang, tuple(trace.edits), trace.tokens, rule)
    return changed if counted else unchanged


def _unled(trace: Trace, sel: Selection, frame: Frame) -> str:
    """A step's narration without the what-if lead frame_at puts before it."""
    said, lead = frame.narration, _lead(trace, sel, frame.rule)
    return said[len(lead):].strip() if lead and said.startswith(lead) else said


def _joined(trace: Trace, sel: Selection, timeline, chapter: str, upto: int) -> str:
    parts = [_unled(trace, sel, frame_at(trace, sel, timeline.beat_stop(i)))
             for i, beat in enumerate(timeline.beats[:upto + 1]) if beat.chapter == chapter]
    return _join(sel, _said_once(parts, "" if sel.lang == "ja" else " "))


SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+")  # after 「。」, or a full stop and its space ("0.33" stays)


def _said_once(parts: list[str], space: str) -> list[str]:
    """Each step's narration without the sentences an earlier step of the chapter already said (review41 #2: the
    FFN's two steps each explain 「<0」, and its slide said it twice and cut its last sentence to 「これ…」)."""
    seen: set[str] = set()
    out = []
    for part in parts:
        sentences = [x for x in SENTENCE_END.split(part or "") if x]
        kept = [x for x in sentences if x.strip() not in seen]
        seen.update(x.strip() for x in sentences)
        out.append(part if len(kept) == len(sentences) else space.join(kept))  # (a part said whole: as written)
    return out


def _join(sel: Selection, parts) -> str:
    return ("" if sel.lang == "ja" else " ").join(p for p in parts if p)


def _own(trace: Trace, sel: Selection, chapter: str, last_said: str) -> str | None:
    c, f = trace.config, sel.focus
    names = list(trace.tokens)

    repeated = {name for name, times in Counter(names).items() if times > 1}

    def q(j: int) -> str:
        return quote(sel.lang, names[j])

    def qs(j: int) -> str:  # with its seat where the word sits more than once, as the steps say it
        return seat_quoted(sel.lang, names, j, repeated)

    if chapter == "scoring":
        h = rules.under(trace, sel.rule).layers[sel.layer].head(sel.head)
        heard = [j for j in range(trace.n_tokens) if not h.mask[f, j]]
        best = max(heard, key=lambda j: h.scores[f][j])  # as the chapter's last step: the heard ones only
        return text(sel.lang, "summary.scoring", focus=qs(f), d=c.d_head, name=qs(best), score=fmt(h.scores[f][best]))
    if chapter == "answer":
        words = f"{len(rules.under(trace, rules.ANSWER_RULE).next_logits):,}"
        return _join(sel, [text(sel.lang, "summary.answer", last=q(trace.n_tokens - 1), v=words), last_said])
    if c.n_layer < 2:  # one layer: its one step says it
        return None
    last = rules.under(trace, sel.rule).layers[-1].head(sel.head)
    heard = [j for j in range(trace.n_tokens) if not last.mask[f, j]]
    best = max(heard, key=lambda j: last.weights[f][j])
    return text(sel.lang, "summary.layers", n_layer=c.n_layer, focus=qs(f),
                name=most_heard(sel.lang, names, last.weights[f], best, heard, repeated, asker=f))
