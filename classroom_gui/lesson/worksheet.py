"""A worksheet is one student's attention worked by hand: the numbers printed on the sheet (its question
card, the self-introduction and opinion cards of everyone it listens to) and the answer key, computed
from those printed numbers exactly as a student would, next to the model's own unrounded values.
Pure Python (Decimal) and NumPy; export.worksheet_pdf typesets it.

The hand rules, printed on the sheet: the cards have 2 decimals; every answer is rounded half up (dot
products, ÷√d and the new understanding to 2 decimals; exp, the sum and the shares to 3) and the
rounded number is the one used in the next step; √d (or whatever the model's config divides the scores
by) is the printed 3-decimal number. So the key redoes
exactly from the sheet, and differs from the model only by that rounding.

An asker who listens to more than a sheet has rows for (MAX_STUDENTS: "it" hears all 11 in discussion) keeps its
own row and its strongest classmates (the model's shares); the rest of the class is one row whose part of the
softmax sum, and of each number of the new understanding, is printed as one exact number the student adds (worked
from their cards by the same rules, exact as long_lists.others_sum writes a board's: teacher31 #4).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

import numpy as np

from ..model.trace import Trace
from ..messages.glyphs import drawn_names, seated
from ..messages.phrase import Name, Phrase, PhraseError
from .long_lists import others_sum
from .numbers import ROOT_PLACES
from .strings import seat_quoted, text
from .whatif_words import describe

MIN_STUDENTS, MAX_STUDENTS = 2, 5   # rows on one page: the asker and up to 4 classmates (the rest: one row)
MAX_D = 16                          # numbers on a card that still fit a row of the sheet
PLACES = {"card": 2, "dot": 2, "scaled": 2, "divisor": ROOT_PLACES, "exp": 3, "sum": 3, "share": 3, "context": 2}


class WorksheetError(PhraseError, ValueError):
    """A worksheet that cannot be made for this choice: a key of messages/strings and its values (messages.phrase);
    str() says what to choose instead in English (the CLI's), `phrase.said(lang)` in the reader's language."""


def seats(first: int, last: int) -> Phrase:
    """The seats a refusal tells the teacher to choose from: "seat 2-5", 「2〜5番の席」, or the one seat when the
    class has only one to offer ("seat 2", 「2番の席」: a two-word class, never "2-2")."""
    if first == last:
        return Phrase("worksheet.seat_one", first=first)
    return Phrase("worksheet.seat_range", first=first, last=last)


def rounded(x, places: int) -> Decimal:
    """x rounded half up to `places` decimals (a float goes through its shortest repr, as printed)."""
    value = x if isinstance(x, Decimal) else Decimal(repr(float(x)))
    out = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return out + 0 if out else abs(out)  # never "-0.00"


def printed(x, kind: str) -> str:
    """A number as the sheet prints it. Card numbers are formatted like the canvas's (so the sheet shows
    the numbers the class saw on screen); computed ones are Decimals rounded half up."""
    if isinstance(x, Decimal):
        return str(rounded(x, PLACES[kind]))
    out = f"{float(x):.{PLACES[kind]}f}"
    return out[1:] if out.startswith("-") and not out.strip("-0.") else out  # never "-0.00"


@dataclass
class Worksheet:
    lang: str
    sentence: list[str]        # every student's word, in seat order
    asker: int                 # seat of the student who asks (0-based)
    heard: list[int]           # seats of the sheet's rows, in seat order (itself included): all it listens to, or
    # where they are more than MAX_STUDENTS, itself and its strongest classmates
    layer: int                 # 0-based
    head: int                  # 0-based
    d: int                     # numbers on a card
    query: list[str]           # the asker's question card, as printed
    keys: list[list[str]]      # self-introduction cards of the heard students, as printed
    values: list[list[str]]    # their opinion cards, as printed
    divisor: str               # what the dot products are divided by (√d, or the config's own), as printed
    divisor_is_root: bool      # the divisor is √d (else the model's config divides by more, e.g. the layer)
    # the answer key, from the printed numbers (strings, as printed in the key)
    dots: list[str]
    scaled: list[str]
    exps: list[str]
    total: str
    shares: list[str]
    context: list[str]
    # the model's own unrounded values of the same quantities
    model_dots: list[float]
    model_scaled: list[float]
    model_exps: list[float]
    model_total: float
    model_shares: list[float]
    model_context: list[float]
    rule: str = "none"         # the class's rule ("none": discussion, "causal": in turn), named on the sheet
    # what-if: the class's edits in words, in the order made ([] = the model's own class), and which printed
    # card numbers were changed by hand: (role, seat) -> indices, role "query", "key" or "value"
    whatif: list[str] = field(default_factory=list)
    edited: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    # the sentence as the teacher typed it (SentenceRun.text): "The 猫 sat on the マット" keeps its spaces, which the
    # words joined back lose next to Japanese (teacher5 L13); "" = join the words
    typed: str = ""
    shown: str = ""  # typed as the desks write it (glyphs.seated: a skin tone seated apart is its code, teacher26 M4)
    # why the sheet's rule or asker is not the lesson's (messages.phrase.Phrase, said in the sheet's language): the
    # notes the CLI and the window also say, printed on the sheet itself (teacher20 L4: they were said only there)
    notes: list = field(default_factory=list)
    # the rest of the class it listens to, one row (all [] / "" where every one has a row of its own): their seats,
    # their part of the sum of exp (exact), their share together (the key's: their part ÷ the sum) and their part of
    # each number of the new understanding (exact: Σ hand share × opinion card), with the model's own values
    others: list[int] = field(default_factory=list)
    others_exp: str = ""
    others_share: str = ""
    others_context: list[str] = field(default_factory=list)
    model_others_exp: float = 0.0
    model_others_share: float = 0.0
    model_others_context: list[float] = field(default_factory=list)

    @property
    def hears(self) -> int:
        """How many students the asker listens to: its rows and the others'."""
        return len(self.heard) + len(self.others)

    def said(self, seat: int) -> str:
        """The student at `seat` as the sheet names it: quoted, with its seat where its word sits more than once
        ("🐱" (seat 2) of "🐱🐱🐱": three rows named "🐱" could not be told apart; teacher21 L3)."""
        return seat_quoted(self.lang, self.sentence, seat)

    def t(self, key: str, **values) -> str:
        return text(self.lang, key, **values)


def hand_key(query: list[str], keys: list[list[str]], values: list[list[str]], divisor: str,
             rows: int | None = None) -> dict[str, list[str]]:
    """The answer key from printed numbers, by the sheet's rules (module docstring). With `rows`, only the first
    `rows` students have rows of their own; the rest's part of the sum of exp ("others_exp") and of each number of
    the new understanding ("others_context", Σ share × opinion: what the student adds to its own products) are
    exact sums, and "others_share" is their share together, worked from the printed part as the student works it."""
    rows = len(keys) if rows is None else rows
    with localcontext() as ctx:
        ctx.prec = 40
        q = [Decimal(x) for x in query]
        dots = [rounded(sum(a * Decimal(b) for a, b in zip(q, k)), PLACES["dot"]) for k in keys]
        scaled = [rounded(s / Decimal(divisor), PLACES["scaled"]) for s in dots]
        exps = [rounded(s.exp(), PLACES["exp"]) for s in scaled]
        total = sum(exps, Decimal(0))
        shares = [rounded(e / total, PLACES["share"]) for e in exps]
        out = {"dots": dots[:rows], "scaled": scaled[:rows], "exps": exps[:rows], "total": [total],
               "shares": shares[:rows], "others_exp": [], "others_share": [], "others_context": []}
        parts = [[w * Decimal(v[i]) for w, v in zip(shares[rows:], values[rows:])] for i in range(len(query))]
        if rows < len(keys):
            others = others_sum([str(e) for e in exps[rows:]])  # as a board writes the rest of its sum
            out["others_exp"] = [others]
            out["others_share"] = [rounded(Decimal(others) / total, PLACES["share"])]
            out["others_context"] = [others_sum([str(p) for p in part]) for part in parts]
        context = [rounded(sum(w * Decimal(v[i]) for w, v in zip(shares[:rows], values[:rows]))
                           + (Decimal(out["others_context"][i]) if out["others_context"] else 0), PLACES["context"])
                   for i in range(len(query))]
        out["context"] = context
    return {k: [unsigned(str(x)) for x in v] for k, v in out.items()}


def unsigned(written: str) -> str:
    """A number as written, never "-0.00000" (a share of 0.000 times a negative opinion)."""
    return written.lstrip("-") if Decimal(written) == 0 else written


def rows_of(weights, heard: list[int], asker: int) -> tuple[list[int], list[int]]:
    """(the sheet's rows, the others) among `heard`: all of them where they fit MAX_STUDENTS rows, else the asker
    (where it hears itself) and the classmates it listens to most (the model's shares `weights`), each in seat
    order."""
    if len(heard) <= MAX_STUDENTS:
        return list(heard), []
    own = [asker] if asker in heard else []
    strongest = sorted((j for j in heard if j != asker), key=lambda j: (-float(weights[j]), j))
    rows = sorted(own + strongest[:MAX_STUDENTS - len(own)])
    return rows, [j for j in heard if j not in rows]


def choose_asker(trace: Trace, layer: int, focus: int | None, students: int | None) -> int:
    """The asker's seat: `focus` if given, else the first student who listens to exactly `students` (under
    the causal mask, the one in seat `students`); WorksheetError when the sheet would not fit or the two
    disagree."""
    n = trace.n_tokens
    mask = trace.layers[layer].mask
    if students is not None and not MIN_STUDENTS <= students <= MAX_STUDENTS:
        raise WorksheetError("worksheet.error.students_range", lo=MIN_STUDENTS, hi=MAX_STUDENTS, students=students)
    if focus is None:
        if students is None:
            raise WorksheetError("worksheet.error.choose")
        counts = np.count_nonzero(~mask, axis=1)
        exactly = np.flatnonzero(counts == students)
        if not exactly.size and counts.min() == counts.max():  # (in discussion: every one listens to all)
            raise WorksheetError("worksheet.error.none_exactly_each", students=students, each=counts.min())
        if not exactly.size:
            raise WorksheetError("worksheet.error.none_exactly", students=students, least=counts.min(),
                                 most=counts.max())
        focus = int(exactly[0])
    heard = int(np.count_nonzero(~mask[focus]))
    if students is not None and heard != students:
        raise WorksheetError("worksheet.error.focus_and_students", asker=Name(trace.tokens[focus]), heard=heard,
                             students=students)
    # more than MAX_STUDENTS: the strongest have rows, the rest one row (rows_of); only an asker who hears nobody
    # but itself has nothing to work out
    if heard < MIN_STUDENTS and n < MIN_STUDENTS:  # one word: no seat hears anyone else (teacher10 L3)
        raise WorksheetError("worksheet.error.too_short", asker=Name(trace.tokens[focus]), lo=MIN_STUDENTS)
    if heard < MIN_STUDENTS:
        raise WorksheetError("worksheet.error.only_itself", asker=Name(trace.tokens[focus]),
                             seat=seats(MIN_STUDENTS, n))
    return focus


def no_sheet(trace: Trace, layer: int, focus: int) -> WorksheetError:
    """Why the window cannot make a sheet of the asker on screen, who listens to nobody but itself, with what to do
    there (its keys and the desk's keys, not the CLI's options): a longer sentence for one word, else another
    student (in turn the one in seat 1 hears only itself)."""
    n, asker = trace.n_tokens, Name(trace.tokens[focus])
    if n < MIN_STUDENTS:  # one word: no seat hears anyone else, and no rule changes that (teacher10 L3)
        return WorksheetError("worksheet.too_short", asker=asker, lo=MIN_STUDENTS)
    return WorksheetError("worksheet.only_itself", asker=asker)


def students_in_turn(trace: Trace, layer: int, focus: int | None, students: int) -> tuple[Trace, Phrase | None]:
    """The class a sheet of `students` (--students, no --mask) works out: `trace` when in discussion the asker
    (`focus`; None: any student) listens to exactly that many, else the same class in turn, with the note that says
    why, counted with its what-if edits (a mask edit hides classmates: not "every student listens to all")."""
    from . import rules

    counts = np.count_nonzero(~trace.layers[layer].mask, axis=1)
    n = trace.n_tokens
    if students in (counts if focus is None else counts[focus:focus + 1]):
        return trace, None
    in_turn = rules.under(trace, rules.IN_TURN)
    if focus is not None and counts[focus] != n:
        return in_turn, Phrase("cli.sheet_in_turn_not_asker", asker=Name(trace.tokens[focus]), heard=int(counts[focus]),
                               n=n, students=students)
    if counts.min() == n:
        return in_turn, Phrase("cli.sheet_in_turn_not", n=n, students=students)
    return in_turn, Phrase("cli.sheet_in_turn_not_range", least=int(counts.min()), most=int(counts.max()), n=n,
                           students=students)


def build_worksheet(trace: Trace, asker: int, layer: int = 0, head: int = 0, lang: str = "en",
                    cli: bool = False, typed: str = "", notes=(), undo: str = "") -> Worksheet:
    """The worksheet of `asker` in `layer` and `head`; WorksheetError when there is none to print, its advice
    for the window (Ctrl+Z) or, with `cli`, for the command line (--set, --focus: teacher5 L7). `notes`: Phrases
    the sheet prints under its subtitle (why this asker: asker_note); `undo`: the window's
    Undo key as its language names it (app.edit_history.edit_keys), which the window's advice names."""
    L = trace.layers[layer]
    H = L.head(head)
    d = int(H.q.shape[-1])
    if d > MAX_D:
        raise WorksheetError("worksheet.error.too_wide", d=d, most=MAX_D)
    if any(e.seat == asker for e in getattr(H, "edits", ())):  # an edited raw score of the asker's own row: the
        # key could not follow from the cards (another student's edited score changes nothing printed here)
        if cli:
            raise WorksheetError("worksheet.score_edited_cli", asker=Name(trace.tokens[asker]))
        raise WorksheetError("worksheet.score_edited", asker=Name(trace.tokens[asker]), undo=undo)
    heard, others = rows_of(H.weights[asker], [int(j) for j in np.flatnonzero(~L.mask[asker])], asker)
    everyone = heard + others  # the rows first: hand_key's `rows`
    query = [printed(x, "card") for x in H.q[asker]]
    keys = [[printed(x, "card") for x in H.k[j]] for j in everyone]
    values = [[printed(x, "card") for x in H.v[j]] for j in everyone]
    exact = float(getattr(H, "divisor", 0.0) or np.sqrt(d))  # the model's own divisor (√d for the teaching model)
    root = abs(exact - float(np.sqrt(d))) < 1e-6
    divisor = printed(Decimal(d).sqrt() if root else Decimal(repr(exact)), "divisor")
    key = hand_key(query, keys, values, divisor, rows=len(heard))
    model_scaled = [float(H.scaled[asker, j]) for j in everyone]
    model_exps = [float(np.exp(np.float64(s))) for s in model_scaled]  # exp of the model's unrounded scaled score
    rest = len(heard)
    model_context = [float(x) for x in H.context[asker]]
    return Worksheet(lang=lang, sentence=drawn_names(trace.tokens), asker=asker, heard=heard, layer=layer, head=head, d=d,
                     rule=trace.mask_rule,
                     query=query, keys=keys[:rest], values=values[:rest], divisor=divisor, divisor_is_root=root,
                     dots=key["dots"], scaled=key["scaled"], exps=key["exps"], total=key["total"][0],
                     shares=key["shares"], context=key["context"],
                     model_dots=[float(H.scores[asker, j]) for j in heard], model_scaled=model_scaled[:rest],
                     model_exps=model_exps[:rest], model_total=float(sum(model_exps)),
                     model_shares=[float(H.weights[asker, j]) for j in heard],
                     model_context=model_context,
                     whatif=[describe(lang, e, trace.tokens) for e in trace.edits],
                     edited=edited_cards(trace.edits, asker, heard, layer, head), typed=typed,
                     shown=seated(typed, trace.tokens) if typed else "", notes=list(notes),
                     others=others, others_exp=(key["others_exp"] or [""])[0],
                     others_share=(key["others_share"] or [""])[0], others_context=key["others_context"],
                     model_others_exp=float(sum(model_exps[rest:])),
                     model_others_share=float(sum(H.weights[asker, j] for j in others)),
                     model_others_context=[float(x) for x in (H.weights[asker, others] @ H.v[others])] if others
                     else [])


def asker_note(trace: Trace, asker: int) -> Phrase:
    """The sheet's own words for an asker chosen for it (not the lesson's): who asks (how many it hears is the
    intro's to say, the next paragraph: jareview4 #9)."""
    return Phrase("worksheet.asker_note", asker=Name(trace.tokens[asker]), seat=asker + 1)


def edited_cards(edits, asker: int, heard: list[int], layer: int, head: int) -> dict[tuple[str, int], list[int]]:
    """The printed card numbers a what-if edit set by hand, (role, seat) -> indices: the asker's question card,
    the heard students' self-introduction and opinion cards, of this layer and head."""
    out: dict[tuple[str, int], list[int]] = {}
    rows = {"q": ("query", [asker]), "k": ("key", heard), "v": ("value", heard)}
    for e in edits:
        if e.kind in rows and e.layer == layer and e.head == head and e.seat in rows[e.kind][1]:
            out.setdefault((rows[e.kind][0], e.seat), []).append(e.index)
    return {k: sorted(set(v)) for k, v in out.items()}
