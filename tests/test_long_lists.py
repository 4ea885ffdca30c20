"""teacher28 M1/L5: in a 64-student class (the tiny GPT-2 folder, a 64-word paragraph) the scoring, ÷√d, exp and
shares boards listed seats in order and stopped at seat 16-39 with "… (+47)", so the student the narration names
("he" in seat 49, 12.89 -> 0.19) was on none of them; the sum said "1.100 + … (+48) = 491.136", which cannot be
redone. A long list now keeps the asker and the top share in seat order, each gap saying how many students and which
seats it skips, and the sum writes the terms it does not list as one number."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.long_lists import Gap, gap_line, picked, seats_said
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import seat_quoted, text
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"
PARAGRAPH = ("Every morning the old teacher walks to school along the river. She carries a bag of books and a small red "
             "umbrella. The children wait by the gate and wave when they see her. Today she will explain how a machine "
             "reads a sentence, word by word, and decides which earlier words matter most. Nobody in the room expects "
             "the answer to be simple.")
LISTS = ("scoring.rest", "scaling.divide", "softmax.exp", "softmax.weights")
SKIPPED = {"en": re.compile(r"… \((\d+) others?: seats? (\d+)(?:–(\d+))?\)"),  # one gap form (teacher30 #6)
           "ja": re.compile(r"…（ほか(\d+)人：(\d+)(?:〜(\d+))?番の席）")}


@pytest.fixture(scope="module")
def trace():
    return run_sentence(load_checkpoint(GPT2), PARAGRAPH, "causal").trace


def test_a_short_list_keeps_the_named_seats_in_order_and_says_what_each_gap_skips():
    rows = picked(range(64), {48, 63}, rows=12)
    assert len(rows) == 12 and rows[-1] == 63 and 48 in rows
    seats = [r for r in rows if not isinstance(r, Gap)]
    assert seats == sorted(seats) and seats[:8] == list(range(8))
    gaps = [r for r in rows if isinstance(r, Gap)]
    assert gaps == [Gap(8, 47, 40), Gap(49, 62, 14)]
    assert len(seats) + sum(g.students for g in gaps) == 64
    assert picked(range(12), {11}, rows=12) is None  # a list that fits is drawn whole
    # a run of seats said in one line (the exp board's students not yet heard) counts its students
    assert picked([0, 1, (2, 40), 41] + list(range(42, 60)), {59}, rows=4) == [0, 1, Gap(2, 58, 57), 59]


def _board(frame, canvas, theme_name: str):
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.palette import theme

    scene = ClassroomScene(theme=theme(theme_name))
    scene.set_frame(frame, theme(theme_name))
    return scene.board.lines


@pytest.mark.parametrize("theme_name", ["classroom", "contrast"])
@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("asker", [63, 30])
def test_every_long_list_draws_the_asker_and_the_top_share(qapp, trace, lang, canvas, theme_name, asker):
    assert trace.n_tokens == 64
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=asker, lang=lang, rule="causal", canvas=canvas)
    colon = ":" if lang == "en" else "："
    for key in LISTS:
        frame = frame_at(trace, sel, timeline.beat_stop(next(i for i, b in enumerate(timeline.beats) if b.key == key)))
        names = [s.text for s in frame.students]
        weights = frame_at(trace, sel, timeline.beat_stop(next(
            i for i, b in enumerate(timeline.beats) if b.key == "softmax.weights"))).bars.values
        top = sorted(range(asker + 1), key=lambda j: -weights[j])[:3]  # the top share and the next two
        lines = _board(frame, canvas, theme_name)
        drawn = lines.lines
        assert lines.left_out() == 0, (key, drawn)  # no "… (+k)" of the board's own: the lesson chose its lines
        said = {j: seat_quoted(lang, names, j) + colon for j in range(64)}
        seats = [j for line in drawn for j in range(64) if line.startswith(said[j])]
        for j in (asker, *top):  # the students the narration and the notes name
            assert j in seats, (key, j, drawn)
        assert seats == sorted(seats), (key, drawn)  # seat order kept
        skipped = [m for m in map(SKIPPED[lang].fullmatch, drawn) if m]
        for m in skipped:  # a gap says its seats: as many students as its seats
            first, last = int(m[2]), int(m[3] or m[2])
            assert int(m[1]) == last - first + 1 and not any(first - 1 <= j <= last - 1 for j in seats)
        # every student is a line, in a gap or (the exp board) in a line of seats not yet heard; the shares, of
        # the students heard
        run = re.escape(text(lang, "board.masked_run", first=1, last=2, n=3)).replace("3", r"(\d+)")
        runs = [int(m[1]) for m in map(re.compile(run.replace("1", r"\d+").replace("2", r"\d+")).fullmatch, drawn)
                if m]
        counted = len(seats) + sum(int(m[1]) for m in skipped) + sum(runs)
        assert counted == (asker + 1 if key == "softmax.weights" else 64), (key, counted, drawn)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_long_sum_writes_the_exp_boards_terms_and_the_rest_as_one_number_with_its_seats_and_redoes(trace, lang):
    """teacher29 L2: the sum listed seats 1-16 and "+ 41809.382 (the other 16)" while the exp board before it showed
    seats 1-9 and the top shares, whose exp() were then in the lump. The sum writes the exp board's seats' terms, in
    its order, and the rest as one number that says its seats."""
    from classroom_gui.lesson.long_lists import seats_said

    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    at = {key: frame_at(trace, Selection(focus=63, lang=lang, rule="causal"), timeline.beat_stop(next(
        i for i, b in enumerate(timeline.beats) if b.key == key))) for key in ("softmax.exp", "softmax.sum")}
    exp, frame = at["softmax.exp"], at["softmax.sum"]
    shown = [line.rsplit("= ", 1)[1] for line in exp.board_short if re.search(r"exp\(-?\d", line)]  # its terms
    gaps = [m for m in map(SKIPPED[lang].fullmatch, exp.board_short) if m]
    left = [j for m in gaps for j in range(int(m[2]) - 1, int(m[3] or m[2]))]
    board = "\n".join(frame.board)
    others = re.escape(text(lang, "board.sum_others", sum="SUM", n=len(left))).replace("SUM", r"(\d+\.\d+)")
    rest = re.search(r"^    \+ " + others + "$", board, re.M)
    assert rest and len(left) == 64 - len(shown) and len(gaps) == 4, board  # a line of its own
    said = text(lang, "board.sum_others_seats", n=len(left), seats=seats_said(lambda key, **v: text(lang, key, **v),
                                                                              left))
    assert frame.board[-1] == said, frame.board  # after the result: the gaps' seats
    head, total = board[:rest.start()], board.rsplit("\n", 1)[0].rsplit("=", 1)[1]
    terms = re.findall(r"\d+\.\d+", head)
    assert terms == shown and "…" not in board  # the exp board's numbers, in its order
    numbers = [Decimal(x) for x in terms] + [Decimal(rest[1])]
    assert sum(numbers) == Decimal(total.strip()) == Decimal(frame.bars.total.rsplit("=", 1)[1].strip())


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_long_listening_sum_writes_the_products_it_does_not_list_as_one_number_and_redoes(trace, lang):
    """The rest is written as the products are (review29 1d: "+ -0.0575544 (the other 48)" beside "(-0.123)"): a
    negative in brackets, exact, no trailing zero; seen at 7 of 22 askers, so several askers are checked."""
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    merge = timeline.beat_stop(next(i for i, b in enumerate(timeline.beats) if b.key == "listening.merge"))
    others = re.escape(text(lang, "board.sum_others", sum="SUM", n=999)).replace("SUM", r"(\(-)?(\d+(?:\.\d+)?)\)?")
    others = others.replace("999", r"(\d+)")
    negatives = 0
    for asker in range(42, 64, 3):
        frame = frame_at(trace, Selection(focus=asker, lang=lang, rule="causal"), merge)
        rests = [i for i, line in enumerate(frame.board) if re.fullmatch(r"    \+ " + others, line)]
        assert len(rests) == min(3, 1 if asker + 1 > 8 else 2), frame.board  # one a worked number
        for at in rests:
            m = re.fullmatch(r"    \+ " + others, frame.board[at])
            assert int(m[3]) == asker + 1 - 16 and ("." not in m[2] or not m[2].endswith("0")), frame.board[at]
            assert m[0].count("(") == m[0].count(")") and (m[1] is None) == ("(-" not in m[0]), frame.board[at]
            negatives += m[1] is not None
            first = next(i for i in range(at, -1, -1) if not frame.board[i].startswith(" "))  # "number 1: …"
            block = " ".join(frame.board[first:at])
            products = re.findall(r"\(?(-?\d+\.\d+)\)?×\(?(-?\d+\.\d+)\)?", block)
            assert len(products) == 16 and "…" not in block
            total = sum(Decimal(a) * Decimal(b) for a, b in products) + Decimal(("-" if m[1] else "") + m[2])
            assert frame.board[at + 1].startswith("=")  # "= 0.165": the products as written, rounded by hand
            result = Decimal(re.search(r"-?\d+\.\d+", frame.board[at + 1])[0])
            assert total.quantize(result, ROUND_HALF_UP) == result, (total, result)
    assert negatives, "no asker with a negative rest: the brackets are not checked"


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("asker", [63, 30])
def test_the_mask_board_draws_the_asker_and_both_rules_top_shares_with_seats_for_repeated_words(
        qapp, trace, lang, canvas, asker):
    """review29 1a: the mask board stopped at "… (+26)" (16:9) or "… (+46)" (4:3), so the top share the narration
    names ("he", seat 49) was not drawn, and a repeated word ("the") had no seat."""
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=asker, lang=lang, rule="causal", canvas=canvas)
    frame = frame_at(trace, sel, timeline.beat_stop(next(i for i, b in enumerate(timeline.beats)
                                                         if b.key == "mask.future")))
    names = [s.text for s in frame.students]
    lines = _board(frame, canvas, "classroom")
    drawn = lines.lines
    assert lines.left_out() == 0, drawn
    colon = ":" if lang == "en" else "："
    said = {j: seat_quoted(lang, names, j) + colon for j in range(64)}
    seats = [j for line in drawn for j in range(64) if line.startswith(said[j])]
    assert len(set(names)) < len(names)  # the paragraph repeats words: their lines carry their seats
    for j in (asker, frame.bars.highlight, frame.bars_beside.highlight):
        assert j in seats, (j, drawn)
    assert seats == sorted(seats), drawn
    for m in filter(None, map(SKIPPED[lang].fullmatch, drawn)):
        first, last = int(m[2]), int(m[3] or m[2])
        assert int(m[1]) == last - first + 1 and not any(first - 1 <= j <= last - 1 for j in seats)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_matrix_rows_say_the_seat_of_a_repeated_word_they_name(trace, lang):
    """fix61: a long matrix row names its three largest shares; where the word repeats ("ve", 「ni」) it named it
    bare ("ni" 0.26), so a reader could not tell which "ni" it was, while the row's own name had its seat."""
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=63, lang=lang, rule="causal", canvas=WIDESCREEN)
    frame = frame_at(trace, sel, timeline.beat_stop(next(i for i, b in enumerate(timeline.beats)
                                                         if b.key == "everyone.matrix")))
    names = [s.text for s in frame.students]
    repeated = {n for n in names if names.count(n) > 1}
    # "ve" (0.22) / 「ve」（0.22）: a name and its share as the one helper writes a word that sits once
    bare = [re.escape(seat_quoted(lang, [n], 0, share="\0").split("\0")[0]) for n in repeated]  # no seat
    shares = [line.split(":" if lang == "en" else "：", 1)[1] for line in frame.board if ":" in line or "：" in line]
    assert repeated and shares, frame.board
    # (a Japanese name after its seat, 「2番の席の「ni」（0.26）」, is seated: boards25's one form)
    unseated = [m for row in shares for m in re.findall("(?<!番の席の)(?:" + "|".join(bare) + r")\d", row)]
    assert not unseated, (unseated, frame.board)
    seated = {seat_quoted(lang, names, j, repeated, share="\0").split("\0")[0]
              for j in range(64) if names[j] in repeated}
    assert any(s in row for row in shares for s in seated), frame.board  # a repeated word named, with its seat


def test_the_others_sum_is_written_as_its_terms_are_even_in_a_big_numbers_form():
    """review29 1c: e-form terms (an exp() of a scaled score above 13.8) gave "18610000000025000000.123" beside
    terms and a total written 1.86e+19; at 28 digits a longer sum was rounded and no longer redid."""
    from classroom_gui.lesson.long_lists import others_sum

    assert others_sum(["1.861e+19", "0.123", "2.5e+07"]) == "1.861e+19"
    assert others_sum(["0.3012", "1.000", "12.18"]) == "13.4812"
    long = ["123456789012345.123456"] * 3 + ["0.000000000000001"]  # 31 digits: more than Decimal's default 28
    assert others_sum(long) == "370370367037035.370368000000001"
    assert others_sum(["0.1", "nan"]) is None and others_sum(["0.1", "abc"]) is None


def test_a_gap_that_would_cover_a_seat_not_listed_is_split_where_the_seats_skip():
    """review29 1b: with a what-if "cannot hear" seat 21 the heard seats skip it, and one gap said
    "… (+37: seats 11–48)" for 38 seats."""
    seen = [j for j in range(64) if j != 20]
    rows = picked(seen, {48, 63}, rows=12)
    gaps = [r for r in rows if isinstance(r, Gap)]
    assert len(rows) <= 12 and 48 in rows and 63 in rows and 20 not in rows
    assert all(g.students == g.last - g.first + 1 for g in gaps), gaps  # each gap's seats are all left out
    assert not any(g.first <= 20 <= g.last for g in gaps)
    assert sum(g.students for g in gaps) + sum(not isinstance(r, Gap) for r in rows) == 63
    # too many skips to split within the rows: one gap that says only its count
    every_other = list(range(0, 64, 2))
    rows = picked(every_other, set(every_other[-3:]), rows=4)
    assert rows == [Gap(0, 56, 29), 58, 60, 62]
    for lang in ("en", "ja"):  # one gap form (teacher30 #6): only how many, as a gap of seats says it before its seats
        t = lambda key, **v: text(lang, key, **v)  # noqa: E731
        count, seats = gap_line(t, rows[0]), gap_line(t, Gap(0, 28, 29))
        assert count[-1] in ")）" and re.match(re.escape(count[:-1]) + "[:：]", seats), (count, seats)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("key", ["softmax.weights", "listening.travel"])
def test_a_what_if_deaf_seat_inside_a_gap_leaves_every_gap_line_true(trace, lang, key):
    from classroom_gui.lesson.whatif_state import WhatIf
    from classroom_gui.model.whatif import Edit

    state = WhatIf(trace)
    state.set(Edit("mask", 0, 0, 63, 20, 1.0))  # asker 63 cannot hear seat 21
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    frame = frame_at(state.trace, Selection(focus=63, lang=lang, rule="causal"),
                     timeline.beat_stop(next(i for i, b in enumerate(timeline.beats) if b.key == key)))
    names = [s.text for s in frame.students]
    said = {j: seat_quoted(lang, names, j) for j in range(64)}  # a line per heard student names it once
    short = frame.board_short
    seats = [j for line in short for j in range(64) if said[j] in line]
    skipped = [m for m in map(SKIPPED[lang].fullmatch, short) if m]
    assert skipped and 20 not in seats, short
    for m in skipped:
        first, last = int(m[2]), int(m[3] or m[2])
        assert int(m[1]) == last - first + 1 and not first <= 21 <= last, short
    assert len(seats) + sum(int(m[1]) for m in skipped) == 63, short


@pytest.mark.parametrize("lang, lines", [
    ("en", ["… (18 others: seats 8–25)", "… (1 other: seat 5)", "… (29 others)"]),
    ("ja", ["…（ほか18人：8〜25番の席）", "…（ほか1人：5番の席）", "…（ほか29人）"])])
def test_every_gap_says_its_students_in_one_form(lang, lines):
    """teacher30 #6: 「…（+18：8〜25番の席）」 on one board, 「ほか4人」 on another; beside a sum 「+18」 read like a number
    to add. One form wherever a list is shortened: the gap lines, the everyone board's rows, the sum's seats."""
    t = lambda key, **v: text(lang, key, **v)  # noqa: E731
    assert [gap_line(t, Gap(7, 24, 18)), gap_line(t, Gap(4, 4, 1)), gap_line(t, Gap(0, 56, 29))] == lines
    assert "+" not in "".join(lines) and "+" not in t("board.row_more", n=4)
    # the everyone board's rows say the rest as a gap of only how many does (a count-only gap: not seats 1 to 10)
    assert t("board.row_more", n=4).strip() == gap_line(t, Gap(0, 9, 4))
    if lang == "ja":  # and the sum's seats as a gap of seats does (en: "the other 6", beside a sum)
        assert "…" + t("board.sum_others_seats", n=7, seats=seats_said(t, list(range(2, 9)))) == gap_line(t, Gap(2, 8, 7))
