"""Compare two classes at the same step, without Qt: the second sentence's selection (the same layer and head,
the same asker where that student sits in both), its moment (the same step: the same beat and the same
progress through it), and the share that changed most between the two askers' rows.

Each side's frame is exactly the frame its own single export draws (frame_at), so the comparison adds no
number of its own except `changed_most` (which says "changed": false, and no seat is outlined, when no share
moved: in turn, a word after the asker cannot change what it hears). A comparison leaves the blackboards out, so
at answer time each class's answer is read from its frame's chart (`answer_of`) and drawn under its classroom.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from ..model.trace import Trace
from . import rules
from .compare_layout import canvas_for_page
from .frame import ClassStrips, Frame, strips_of
from .state import Selection, default_focus, frame_at, timeline_for
from .strings import japanese, quote, text
from .whatif_words import NAMED, describe

ANSWER_CHAPTER = "answer"
SHARE_LINKS = ("weight", "value")  # links that carry the asker's shares (softmax's, listening's)

# the default pair when the gallery has none: one word changes, and with it whom the asker listens to
DEFAULT_PAIRS = {"en": ("The cat sat on the mat", "The dog sat on the bed"),
                 "ja": ("猫がマットの上に座った", "犬がベッドの上に寝た")}


def sentence_lang(sentence: str) -> str:
    """"ja" when the sentence holds kana or kanji, else "en": the language of the class, not of the menus."""
    return "ja" if japanese(sentence) else "en"


def default_pair(lang: str, gallery=(), sentence: str | None = None) -> tuple[str, str]:
    """The gallery's tired/wide pair (the two sentences that differ in that word) if it holds one, else ours;
    in the language of `sentence` when given (an English class in the Japanese window is offered an English
    sentence to compare with, which can share its asker), else in `lang`."""
    lang = sentence_lang(sentence) if sentence else lang
    texts = [e.text for e in gallery if getattr(e, "lang", "en") == lang]
    tired = [t for t in texts if "tired" in t.lower()]
    wide = [t for t in texts if "wide" in t.lower()]
    if tired and wide:
        return tired[0], wide[0]
    return DEFAULT_PAIRS.get(lang, DEFAULT_PAIRS["en"])


def _bare(word: str) -> str:
    return word.lower().removeprefix("␣").strip()


def second_selection(sel: Selection, a: Trace, b: Trace) -> Selection:
    """The second class's selection: the same layer, head, language and rule; the asker is the student with
    the same word (the first such), else the same seat, else the second sentence's default asker."""
    word = _bare(a.tokens[sel.focus]) if 0 <= sel.focus < a.n_tokens else ""
    same = [i for i, t in enumerate(b.tokens) if _bare(t) == word]
    focus = same[0] if same else sel.focus if sel.focus < b.n_tokens else default_focus(b.tokens, sel.rule)
    return replace(sel, focus=focus).clamped(b)


def same_moment(a: Trace, b: Trace, t: float) -> float:
    """The time in the second class's lesson at the same step as `t` in the first's: the same beat key, the
    same occurrence of it (scoring has one beat per classmate), the same progress through it."""
    ta, tb = timeline_for(a.n_tokens, a.config.n_layer), timeline_for(b.n_tokens, b.config.n_layer)
    i, progress = ta.locate(t)
    beat = ta.beats[i]
    nth = sum(1 for x in ta.beats[:i] if x.key == beat.key)
    same = [x for x in tb.beats if x.key == beat.key]
    if not same:  # a step only one class has: the second shows the start of the same chapter's last step
        same = [x for x in tb.beats if x.chapter == beat.chapter] or tb.beats[-1:]
    other = same[min(nth, len(same) - 1)]
    return other.start + progress * other.duration


@dataclass
class Pair:
    """Two classes at the same step: each side is (frame, selection); changed_most names the share."""
    frames: tuple[Frame, Frame]
    selections: tuple[Selection, Selection]
    changed_most: dict | None
    texts: tuple[str, str] = ("", "")  # the sentences as typed, for the labels ("" : rebuilt from the students)
    edits: tuple = ()  # the first class's what-if edits (model.whatif.Edit), which the caption names (teacher34 #4)
    words: tuple[str, ...] = ()  # the first class's students, whom those edits name


def changed_most(a: Trace, b: Trace, sel_a: Selection, sel_b: Selection, rule: str) -> dict | None:
    """The classmate seat (shared by both classes) whose share of the asker's attention changed most, at
    the selected layer and head under `rule`; None when the classes share no seat."""
    wa = rules.under(a, rule).layers[sel_a.layer].head(sel_a.head).weights[sel_a.focus]
    wb = rules.under(b, rule).layers[sel_b.layer].head(sel_b.head).weights[sel_b.focus]
    n = min(len(wa), len(wb))
    if n == 0:
        return None
    j = max(range(n), key=lambda k: (abs(float(wb[k]) - float(wa[k])), -k))
    out = {"seat": j + 1, "word_a": a.tokens[j], "word_b": b.tokens[j], "share_a": float(wa[j]),
           "share_b": float(wb[j]), "layer": sel_a.layer + 1, "head": sel_a.head + 1, "mask": rule,
           "changed": max([abs(float(wb[j]) - float(wa[j]))] + [float(x) for x in (wa[n:] if len(wa) > n else wb[n:])])
           >= SAME}  # a seat only one class has changes nothing while its share is 0 (in turn, after the asker)
    if not out["changed"]:  # no share moved: say so, and why when the rule is the reason (no outline is drawn)
        out["unheard"] = unheard(a, b, sel_a.focus) if rule == "causal" and sel_a.focus == sel_b.focus else []
        out["asker"] = a.tokens[sel_a.focus]
    return out


SAME = 5e-5  # shares closer than this print the same at the board's 4 decimals: "no share changed"


def unheard(a: Trace, b: Trace, asker: int) -> list[str]:
    """The words that differ between the two sentences, in seat order without repeats, when every one of them sits
    after the asker (in turn it cannot hear them, so its shares cannot change); [] when one sits at or before it."""
    seats = [j for j in range(max(a.n_tokens, b.n_tokens))
             if j >= a.n_tokens or j >= b.n_tokens or a.tokens[j] != b.tokens[j]]
    if not seats or min(seats) <= asker:
        return []
    words = [t.tokens[j] for j in seats for t in (a, b) if j < t.n_tokens]
    return list(dict.fromkeys(words))


def compare(a: Trace, b: Trace, sel: Selection, t: float, notices_a=(), notices_b=(), texts=("", ""),
            page: tuple[float, float] | None = None, own: Trace | None = None) -> Pair:
    """Both classes at the step of time `t` in the first class's lesson; `texts` are their sentences as typed.
    Each is seated on the compared class's canvas for a `page` (w, h) picture (compare_layout.canvas_for_page;
    by default the page of sel's canvas): a comparison draws the two classrooms side by side. When the first class
    carries what-if edits, `own` is its model's own trace: the change records that class's share there too
    ("share_own"), so the caption can say how much of the change is the edits' and not the words' (teacher34 #4)."""
    w, h = page or (sel.canvas.width, sel.canvas.height)
    timeline = timeline_for(a.n_tokens, a.config.n_layer)
    answering = timeline.beats[timeline.locate(t)[0]].chapter == ANSWER_CHAPTER
    sel = replace(sel, canvas=canvas_for_page(w, h, answering), board=False)  # two classes: never the close-up
    sel_b = second_selection(sel, a, b)
    fa = frame_at(a, sel, t, notices_a)
    fb = frame_at(b, sel_b, same_moment(a, b, t), notices_b)
    # which share changed most only at a step that draws the asker's shares of this layer and head (softmax's
    # last, listening): elsewhere the footer and the outlined seat named shares no one could see (teacher11 L1)
    shown = shares_drawn(fa, a, sel.clamped(a)) or shares_drawn(fb, b, sel_b)
    change = changed_most(a, b, sel.clamped(a), sel_b, fa.rule) if shown else None
    edits = tuple(getattr(a, "edits", ()) or ())
    if change is not None and change["changed"] and edits and own is not None:
        row = rules.under(own, fa.rule).layers[sel.layer].head(sel.head).weights[sel.clamped(a).focus]
        change["share_own"] = float(row[change["seat"] - 1])
    return Pair((fa, fb), (sel.clamped(a), sel_b), change, tuple(texts), edits, tuple(a.tokens))


def shares_drawn(frame: Frame, trace: Trace, sel: Selection) -> bool:
    """Whether the frame labels the asker's shares (its links' numbers, as on the badges) at sel's layer and head:
    every labelled share link's number is one of that row's shares."""
    values = [link.value for link in frame.links if link.role in SHARE_LINKS and link.label and link.value is not None]
    if not values:
        return False
    row = rules.under(trace, frame.rule).layers[sel.layer].head(sel.head).weights[sel.focus]
    shares = {float(v) for v in row}
    return all(float(v) in shares for v in values)


# the strips a compared desk keeps at each step (by beat key, else chapter key): what the step is about, so that they
# fit whole at the lesson's number size on half a page (the frame's JSON keeps every strip); LAST: only the desk's
# last strip, the step's result (the LayerNorm'd notebook); a step with none of its roles keeps the last strip too
LAST = ()
QK = ("query", "key")
ABOUT = {"embedding.token": ("token",), "embedding.position": ("position",), "embedding": ("notebook",),
         "cards": ("query", "key", "value"), "question": ("query",), "scoring": QK, "scaling": QK, "mask": QK,
         "softmax": QK, "listening": ("value", "context"), "everyone": ("value", "context"), "heads": ("context",),
         "heads.residual": LAST, "ffn": ("notebook",), "layers": ("notebook",),
         "answer": ("notebook", "final_notebook"), "answer.norm": LAST}


def about(frame: Frame) -> Frame:
    """A copy of `frame` whose desks show only the strips its step is about (ABOUT); `frame` is left as it is."""
    keep = ABOUT.get(frame.beat_key, ABOUT.get(frame.chapter_key))
    if keep is None:
        return frame
    block, students = frame.class_strips, []
    seated = _kept(block, keep) if block is not None else None
    for s in frame.students:
        own = s.own_strips()
        strips = strips_of(s) if own else []
        c = copy.copy(s)
        c.seated = seated
        if own:
            roles = [st.role for st in strips]
            kept = [strips[i] for i in _keep(roles, keep)]
            notebook = kept[0] if kept and s.notebook is not None and kept[0] is s.notebook else None
            c.notebook, c.cards = notebook, kept[1:] if notebook is not None else kept
        students.append(c)
    return replace(frame, students=students, class_strips=seated)


def _keep(roles: list[str], keep: tuple[str, ...]) -> list[int]:
    """The indices of the strips kept: those of the roles in `keep`, else (or for LAST) the last one."""
    wanted = [i for i, role in enumerate(roles) if role in keep]
    return wanted or roles[-1:] and [len(roles) - 1]


def _kept(block: ClassStrips, keep: tuple[str, ...]) -> ClassStrips:
    ks = _keep(block.roles, keep)
    return ClassStrips([block.roles[k] for k in ks], [block.labels[k] for k in ks], [block.values[k] for k in ks],
                       block.visible[:, ks], block.notebook and 0 in ks, block.raised)


ANSWER_ROWS = 5  # the top guesses a compared class lists under its classroom, at most (its board listed 10)


@dataclass(frozen=True)
class Answer:
    """A class's answer for under its classroom: the chart's heading, its top guesses (word as quoted in a sentence,
    value) most probable first, and whether the values are shares (probabilities, drawn as bars on one 0-1 scale)
    or logits (numbers alone)."""
    heading: str
    guesses: tuple[tuple[str, float], ...]
    shares: bool


def answer_of(frame: Frame, lang: str, rows: int = ANSWER_ROWS) -> Answer | None:
    """The class's answer at answer time, from the chart its blackboard shows (the logits, then the next word's
    probabilities: Frame.bars); None in other chapters and at the step before the chart (the final LayerNorm)."""
    bars = frame.bars
    if frame.chapter_key != ANSWER_CHAPTER or bars is None or not bars.labels:
        return None
    guesses = tuple((quote(lang, w), float(v)) for w, v in zip(bars.labels[:rows], bars.values[:rows]))
    shares = bars.role == "weight"
    return Answer(text(lang, "compare.answer_probs" if shares else "compare.answer_logits"), guesses, shares)


def caption(pair: Pair, lang: str) -> str:
    """The line under a comparison: changed_text, and when the first class carries what-if edits, which ones and
    (where the change records it) the share that class gives the same seat with the model's own numbers: the
    change is then not the changed word's alone (teacher34 #4: 0.50 → 0.09 was the edit's, credited to 猫→犬)."""
    said = changed_text(lang, pair.changed_most)
    if not said or not pair.edits:
        return said
    shown = pair.edits[-NAMED:]
    places = text(lang, "whatif.join").join(describe(lang, e, list(pair.words), with_value=False) for e in shown)
    more = len(pair.edits) - len(shown)
    if more:
        places += text(lang, "whatif.more_one" if more == 1 else "whatif.more", n=more)
    own, share = pair.changed_most.get("share_own"), pair.changed_most.get("share_a")
    if own is None:
        key = "compare.whatif_note"
    else:
        key = "compare.whatif_own_same" if f"{own:.2f}" == f"{share:.2f}" else "compare.whatif_own"
    gap = "" if lang == "ja" else " "
    return said + gap + text(lang, key, n=len(pair.edits), edits=places, own=f"{own:.2f}" if own is not None else "")


def changed_text(lang: str, change: dict | None) -> str:
    """One sentence for under the pictures: which share changed most, from what to what."""
    if change is None:
        return ""
    if not change.get("changed", True):
        if change.get("unheard"):
            asker = change.get("asker", "")
            words = [quote(lang, w) for w in change["unheard"]]
            said = "".join(words) if lang == "ja" else (
                words[0] if len(words) == 1 else ", ".join(words[:-1]) + " " + text(lang, "compare.or") + " " + words[-1])
            return text(lang, "compare.unchanged_in_turn", asker=quote(lang, asker), words=said)
        return text(lang, "compare.unchanged")
    same = change["word_a"] == change["word_b"]  # one student in that seat: named once (teacher8 M4)
    return text(lang, "compare.changed_same" if same else "compare.changed", seat=change["seat"],
                a=quote(lang, change["word_a"]),
                b=quote(lang, change["word_b"]), share_a=f"{change['share_a']:.2f}", share_b=f"{change['share_b']:.2f}")
