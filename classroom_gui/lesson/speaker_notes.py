"""A slide's speaker notes: what the slide does not already say (teacher17 M2: the notes were the narration box word
for word). Where to point (the asker's desk, the board, the chart's bar the step is about, the edited numbers) and
one equation of the board to redo aloud with the digits on the slide ("「マット」：3.304 ÷ 9.879 = 0.334"). Pure: no
Qt; read from the Frame, never from a picture."""
from __future__ import annotations

import re
from collections import Counter

from ..messages.fit import shortened
from .dot_product import dot_terms, hand_dot
from .frame import Frame
from .numbers import fmt, signed_terms
from .rules import IN_TURN
from .strings import quote, seat_quoted, text

DECIMAL = re.compile(r"\d\.\d")          # a worked number: a formula in words has none ("2乗", "b_1", ε = 0.00001)
RESULT = re.compile(r"\s*[-−]?\d")      # what an equation's last "=" gives: a number
WHOLE = 200  # characters an equation of several board lines may have and still be said whole (teacher18 L3: a sum cut
# with 「…」 after 4 terms could not be read aloud without the slide; teacher28 L5: a long class's sum, its 16 terms and
# the rest as one number, ~175); a longer one (a 24-term worked card) is cut
NAME_LONGEST = 24  # characters before a board line's "=" that still name it ("sum", 「合計」): longer is a formula
HEARING = ("cannot_hear", "can_hear")  # the quiz's questions of who the asker hears, asked of GPT's rule (quiz.py)
BOARD_NAMED = 64  # columns of the board's first line the notes quote to say which board it is (ja: 2 a character)
REST = "scoring.rest"  # the step that scores the rest of a big class at once: its board lists the scores, worked nowhere


def speaker_notes(frame: Frame, lang: str, drawn: list[str] | None = None) -> list[str]:
    """The notes' paragraphs for `frame` in `lang`: where to point, then the board's equation to redo (if any);
    `drawn`, the board's lines as the slide's picture draws them (scene.board), else the lesson's board."""
    lines = board_drawn(frame, drawn)
    said = [text(lang, "speaker.point", things=text(lang, "speaker.join").join(pointed(frame, lang, lines)))]
    line = "" if asking(frame) else redo_line(frame, lines, text(lang, "speaker.then"))  # (review22 #2: the question
    # card covers what it redid)
    if line:
        said.append(text(lang, "speaker.redo", line=line))
        whole = whole_sum(lines)
        if whole and whole in line:  # the share divides by it: say whose sum it is (teacher30 #10)
            said.append(text(lang, "speaker.whole_sum", total=whole))
    elif not asking(frame) and frame.beat_key == REST:
        line = rest_redo(frame, lang)
        if line:
            said.append(text(lang, "speaker.redo_cards", line=line))
    return said


def asking(frame: Frame) -> bool:
    """Whether a quiz question is asked over the slide and not yet answered."""
    return frame.quiz is not None and frame.quiz.get("answer") is None


def answered(frame: Frame) -> tuple[str, str] | None:
    """(kind, the marked choice as the card says it) where a quiz answer is marked over the slide, else None."""
    quiz = frame.quiz
    if quiz is None or quiz.get("answer") is None:
        return None
    return quiz.get("kind", ""), quiz["choices"][quiz["answer"]]


def chart(frame: Frame):
    """The chart the notes point at where the slide charts both (the mask step: an answer about in turn is read from
    the right-hand chart): the rule's the marked answer is about, in turn for who can (not) hear, which is asked of
    GPT's rule whatever the class's (jareview4 #11: it pointed at 「話し合い」), else the class's rule's."""
    marked = answered(frame)
    rule = IN_TURN if marked is not None and marked[0] in HEARING else frame.rule
    return frame.bars_beside if frame.bars_beside is not None and rule == IN_TURN else frame.bars


def about(frame: Frame) -> str | None:
    """The name the step is about on its chart: the highlighted bar's, else the largest bar's (a row of shares: the
    student heard most), else None; None too while a question is asked over the slide (teacher19 M2: "the bar of
    "a"" told a question slide's speaker who gets the biggest share before the class had answered). Where an answer
    is marked, its own: the top share's bar, and no bar for the others (teacher20 L3: all three mask answers pointed
    at the 「マット」 bar; who cannot be heard is its desk, the sum the chart's total)."""
    return about_seat(frame)[1]


def about_seat(frame: Frame) -> tuple[int | None, str | None]:
    """(the seat, the name) of the student the step is about (about()); the seat None where the chart's bars are not
    students or none is, the name None where the step is about nobody."""
    bars = frame.bars
    if bars is None or not bars.labels or asking(frame):
        return None, None
    marked = answered(frame)
    if marked is not None:
        kind, choice = marked
        shown = chart(frame)
        if kind != "top_share" or shown is None:
            return None, None
        seat = answered_seat(frame)
        if seat is not None:
            return seat, frame.desks()[seat].text
        name = next((label for label in shown.labels if choice in (f"「{label}」", f'"{label}"')), None)
        return (None, None) if name is None else (_seat_of(frame, name), name)
    if 0 <= bars.highlight < len(bars.labels):
        name = bars.labels[bars.highlight]
    elif frame.beat_key == REST and rest_seat(frame) is not None:  # the classmate the narration names (teacher21 L5:
        return rest_seat(frame), bars.labels[rest_seat(frame)]  # the largest bar may be one the asker cannot hear)
    else:
        finite = [(v, i) for i, v in enumerate(bars.values) if v == v and abs(v) != float("inf")]
        if not finite:
            return None, None
        name = bars.labels[max(finite)[1]]
    return _seat_of(frame, name), name


def _seat_of(frame: Frame, name: str) -> int | None:
    """The seat of the chart's bar called `name`: the highlighted one, else the largest such; None where the chart's
    bars are not students."""
    seats, bars = bar_seats(frame), frame.bars
    if seats is None:
        return None
    if 0 <= bars.highlight < len(seats) and bars.labels[bars.highlight] == name:
        return seats[bars.highlight]
    finite = [(v, i) for i, v in enumerate(bars.values) if v == v and abs(v) != float("inf") and bars.labels[i] == name]
    return seats[max(finite)[1]] if finite else None


def board_drawn(frame: Frame, drawn: list[str] | None) -> list[str]:
    """The lesson's board lines the picture draws (teacher28 M2: the notes redid seat 19's line, which the slide's
    board, cut at seat 16, did not show): of the lesson's board, or of its short board (Frame.board_short, drawn where
    the board does not fit), the one whose lines the picture draws, each line drawn whole (maybe wrapped: compared
    without spaces); the lesson's board where `drawn` is None."""
    if drawn is None:
        return frame.board
    joined = "".join("".join(line.split()) for line in drawn)
    best: list[str] = []
    for lines in (frame.board, frame.board_short):
        shown = [line for line in lines if "".join(line.split()) in joined]
        if lines and len(shown) == len(lines):
            return lines
        best = max(best, shown, key=len)
    return best


def bar_seats(frame: Frame) -> list[int] | None:
    """The seat of each bar of the chart, where its bars are students (all, or those in seat order the chart shows:
    not a long run not yet heard, chapters.07_softmax.charted); None for a chart of other things (the vocabulary)."""
    labels, names = frame.bars.labels, [s.text for s in frame.desks()]
    if labels == names:
        return list(range(len(names)))
    seats, j = [], 0
    for label in labels:  # the chart's labels in seat order, some seats left out
        while j < len(names) and names[j] != label:
            j += 1
        if j == len(names):
            return None
        seats.append(j)
        j += 1
    return seats


def answered_seat(frame: Frame) -> int | None:
    """The seat of a marked top-share answer, said with its seat where its word sits twice ('"he" (seat 49)': it
    matched no bar, so its notes named none, teacher28), else None."""
    marked = answered(frame)
    if marked is None or marked[0] != "top_share":
        return None
    names = [s.text for s in frame.desks()]
    repeated = {name for name, times in Counter(names).items() if times > 1}  # (names.count a seat: 75 ms at 1,024)
    return next((j for j in range(len(names)) for lang in ("ja", "en")
                 if seat_quoted(lang, names, j, repeated) == marked[1]), None)


def named_said(frame: Frame, lang: str, seat_name: tuple[int | None, str | None] | None = None) -> str:
    """The student the step is about as the board says it: quoted, with its seat where the word sits more than once
    (teacher28 M2: "the board's line of "he"" for seat 49's, while seat 19 is "he" too); "" for none. `seat_name`:
    about_seat(frame), where the caller has it already."""
    seat, name = seat_name or about_seat(frame)
    if seat is not None:
        return seat_quoted(lang, [s.text for s in frame.desks()], seat)
    return quote(lang, name) if name else ""


def seat_said(frame: Frame, lang: str, seat: int, repeated: set | None = None) -> str:
    """The chart's student at `seat` as the lesson says it (context.Ctx.qs): quoted, with its seat where the word sits
    more than once (`repeated`: those words, where the caller says many)."""
    return seat_quoted(lang, list(frame.bars.labels), seat, repeated)


def rest_seat(frame: Frame) -> int | None:
    """The seat of the classmate the rest step's narration names (the asker's own where it names no other)."""
    asker = next((s.index for s in frame.desks() if s.state == "focus"), None)
    repeated = {name for name, times in Counter(frame.bars.labels).items() if times > 1}
    named = [j for j in range(len(frame.bars.labels))
             if any(seat_said(frame, lang, j, repeated) in frame.narration for lang in ("ja", "en"))]
    others = [j for j in named if j != asker]
    return (others or named or [None])[0]


def rest_redo(frame: Frame, lang: str) -> str:
    """The score of the student the rest step names, worked from the asker's question card and that student's
    self-introduction card as the board works a classmate's (dot_product.hand_dot: the products as written, which add
    up to the score), whole: this step's board only
    lists the scores, so the notes are where its digits are; "" for a long card (GPT-2's 64) or digits that miss."""
    seat, bars = rest_seat(frame), frame.bars
    asker = next((s for s in frame.desks() if s.state == "focus"), None)
    if seat is None or asker is None or seat >= len(frame.desks()):
        return ""
    q = next((c.values for c in asker.cards if c.role == "query"), None)
    k = next((c.values for c in frame.desks()[seat].cards if c.role == "key"), None)
    worked = None if q is None or k is None else hand_dot(q, k, bars.values[seat])
    if worked is None or not worked.exact:
        return ""
    heading = text(lang, "board.dot", asker=seat_said(frame, lang, asker.index), name=seat_said(frame, lang, seat))
    return f"{heading} = {' + '.join(dot_terms(worked))} = {signed_terms(worked.products)} = {fmt(bars.values[seat])}"


def pointed(frame: Frame, lang: str, board: list[str]) -> list[str]:
    """What to point at on this slide, in the order a speaker would: the asker's desk, the board (its `board` lines
    drawn), the chart."""
    # the desks drawn (frame.students, not desks(): a board close-up draws none, so it points at no desk)
    things = [text(lang, "speaker.desk", name=quote(lang, s.text)) for s in frame.students if s.state == "focus"]
    marked = answered(frame)
    if marked is not None and marked[0] in HEARING:  # the answer's desk (teacher20 L3), once: can_hear's answer is
        desk = text(lang, "speaker.desk", name=marked[1])  # the asker, named first (jareview4 #11)
        things += [] if desk in things else [desk]
    heading = next((line.strip() for line in board if line.strip()[:1] not in ("", "(", "（", "[")), "")
    name = about(frame)
    # with its seat where the word sits more than once, as the board says it
    said = named_said(frame, lang)
    if heading and _equation([heading]):  # a board of worked lines, one a student: the line of the chart's student
        # (jareview3: the ÷√d and shares notes pointed at 「猫」's line, the chart's 「マット」 bar and redid 「マット」's)
        named = name and any(_names(line, said) for line in board)
        things.append(text(lang, "speaker.board_line", name=said) if named else text(lang, "speaker.board_plain"))
    elif name and any(line.startswith((f"{said}:", f"{said}：")) for line in board):
        things.append(text(lang, "speaker.board_line", name=said))  # a list of rows: the named one's
    elif name is None and _asker_row(frame, lang, board):  # no chart: the matrix's rows, the asker's own (jareview6)
        things.append(text(lang, "speaker.board_line", name=_asker_row(frame, lang, board)))
    elif heading and _carried(board, heading) and _named(heading):  # a formula of several lines: its name,
        things.append(text(lang, "speaker.board_named", what=_named(heading)))  # not its first line (teacher19 L3)
    elif heading:  # the board named by its first line that is no aside and no vector
        heading = heading.rstrip("、,:：")
        heading = shortened(heading, BOARD_NAMED)
        things.append(text(lang, "speaker.board", first=heading))
    elif board:
        things.append(text(lang, "speaker.board_plain"))
    shown = chart(frame) if marked is not None else frame.bars
    if shown is not None:
        things.append(text(lang, "speaker.chart_bar", title=shown.title, name=said) if name
                      else text(lang, "speaker.chart", title=shown.title))
    if frame.edits and any(strip.edited for s in frame.students if s.own_strips() for strip in s.cards):
        things.append(text(lang, "speaker.edited"))  # only where the picture outlines an edited card number
    return things or [text(lang, "speaker.class")]


def _asker_row(frame: Frame, lang: str, board: list[str]) -> str:
    """The asker as its own row of `board` starts (with its seat where its word sits twice), "" for no such row."""
    names = [s.text for s in frame.desks()]
    said = [seat_quoted(lang, names, j) for j, s in enumerate(frame.desks()) if s.state == "focus"]
    return said[0] if said and any(line.startswith((f"{said[0]}:", f"{said[0]}：")) for line in board) else ""


def _named(heading: str) -> str:
    """What a board's first line works out, when it says so before its "=" in a few words ("sum" of "sum = 0.807 +
    0.200 …", 「合計」): the line's name for the notes (teacher19 L3: "the board (sum = 0.807 + 0.200 + 1.064 +
    12.404)" quoted the sum's first line alone); "" otherwise."""
    left = heading.split("=", 1)[0].strip() if "=" in heading else ""
    return left if left and len(left) <= NAME_LONGEST and not re.search(r"\d", left) else ""


def _carried(board: list[str], heading: str) -> bool:
    """Whether the board's line `heading` is carried on by the lines after it (one equation over several lines)."""
    return any(len(block) > 1 and block[0].strip() == heading for block in _blocks(board))


def _blocks(lines: list[str]) -> list[list[str]]:
    """The board's lines as equations: a line and the lines that carry it on (indented, or starting with "=")."""
    out: list[list[str]] = []
    for line in lines:
        if out and line[:1] in (" ", "=") and line.strip():
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _equation(block: list[str]) -> str | None:
    """A block as one equation, worked numbers before its last "=" and a number after it, shortened to its first
    line and its result when it runs over several lines and more than WHOLE characters; None for a formula in words (jareview3: 「標準偏差 = √（…の2乗
    の平均 + ε）、ε = 0.00001」 and 「隠れユニットの1番目 = xとwの内積 + b_1」 were redone) or a list of numbers."""
    whole = " ".join(line.strip() for line in block)
    if "=" not in whole:
        return None
    left, right = whole.rsplit("=", 1)
    if not (DECIMAL.search(left) and RESULT.match(right)):
        return None
    if len(block) == 1 or len(whole) <= WHOLE:
        return whole
    first = " ".join(line.strip() for line in block[:2]) if "=" not in block[0] else block[0].strip()
    return f"{first} … ={right}"


def _names(line: str, said: str) -> bool:
    """Whether a board line is about the student `said` (named_said): it names it, and not another of its word with
    another seat ("he" is in '"he" (seat 19): …' and '"he" (seat 49): …')."""
    if not said or said not in line:
        return False
    at = line.index(said) + len(said)
    return not line[at:].lstrip().startswith(("(", "（")) or said.endswith(("）", ")"))


def redo_line(frame: Frame, board: list[str], gap: str = "; then ") -> str:
    """One equation of the board (its `board` lines drawn) with the slide's digits: the one
    naming the student the chart is about (quoted either way, with its seat where its word sits twice: teacher28
    M2 redid seat 19's "he" for seat 49's), else the board's first; "" when the board works none. Carried on,
    joined by `gap`, by the equations after it that start from its result, to the number the slide shows
    (teacher27 L4: the final LayerNorm's check stopped at the evened 「= -0.02」, never reaching × scale + shift =
    the card's 0.03)."""
    equations = [e for e in map(_equation, _blocks(board)) if e and not summed(e)]
    if not equations:
        return ""
    seat_name = about_seat(frame)  # once (review30 13), and the name said once a language (review29 2d)
    said = [named_said(frame, lang, seat_name) for lang in ("ja", "en")] if seat_name[1] else []
    first = next((i for name in said for i, e in enumerate(equations) if _names(e, name)), 0)
    chain = [equations[first]]
    for after in equations[first + 1:]:
        if not _goes_on(chain[-1], after):
            break
        chain.append(after)
    return gap.join(chain)


def summed(equation: str) -> bool:
    """Whether `equation` is the answer's sum over the whole vocabulary (board.answer_sum_exp: 「Σ exp((z - 16.41) ÷
    1.0) = 1.047」), whose 4,695 terms the slide does not list: not a check to redo by hand (teacher30 #10)."""
    return equation.lstrip().startswith(tuple(text(lang, "board.answer_sum_exp", high="\0", temp="").split("\0")[0]
                                              for lang in ("ja", "en")))


def whole_sum(board: list[str]) -> str:
    """The result of the board's summed() equation (the model's sum over the whole vocabulary, "1.047"), else ""."""
    for e in filter(None, map(_equation, _blocks(board))):
        if summed(e):
            return e.rsplit("=", 1)[1].strip()
    return ""


def _goes_on(equation: str, after: str) -> bool:
    """Whether `after` starts from `equation`'s result: "0.28 × 2.33 + 0.08 = …" after "… = 0.28", or "(-0.063) × …"."""
    result = re.match(r"\s*([-−]?\d+(?:\.\d+)?)", equation.rsplit("=", 1)[1])
    return bool(result) and after.lstrip().startswith((result.group(1), f"({result.group(1)})"))
