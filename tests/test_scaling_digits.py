"""The ÷√d board writes each scaled score with the digits the softmax board then takes exp() of (teacher5 M1):
chapter 5 wrote "animal": 2.82 ÷ 2.8284 = 1.00 and chapter 7 exp(0.995), so a student who copied 1.00 got
exp(1.00) = 2.718, not the board's 2.7047; and the narration said √8 = 2.828 over a board dividing by 2.8284.
Over every asker, layer and head of the gallery sentences where the softmax needs more than 2 decimals, and
after a what-if score edit in the window's repro."""
from __future__ import annotations

import re
from dataclasses import replace

from classroom_gui.lesson.gallery import example_selection, gallery_of
from classroom_gui.lesson.numbers import fmt, hand_divide, places_of as places
from classroom_gui.lesson.state import frame_at, timeline_for
from classroom_gui.model.sentence import compute_run
from classroom_gui.resources import teaching_model_dir
from test_board_model_digits import one_rounds_the_other

NUM = r"-?\d+\.\d+"
MARK = r"(?:（もしも）| \(what if\))?"  # an edited score's line (teacher34 #3)
DIVIDE = re.compile(rf"^(.*)[:：]\s*({NUM}) ÷ ({NUM}) ([=≈≒]) ({NUM}){MARK}$")  # ≈ (≒): no score digits redo it with √d at 4
EXP = re.compile(rf"^(.*)[:：]\s*exp\(({NUM})\) [=≈≒] (-?\d+(?:\.\d+)?){MARK}$")  # exp(7.43) = 1686: no decimals; ≈
# where the argument is cut to 4 decimals (softmax_row.exp_arguments)


def boards(trace, sel):
    """(scaling frame, softmax exp frame) for one selection."""
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    found = {}
    for i in range(len(timeline)):
        if not timeline.beats[i].key.startswith(("scaling.", "softmax.exp")):
            continue
        frame = frame_at(trace, sel, timeline.beat_stop(i))
        if frame.beat_key.startswith("scaling."):
            found["scaling"] = frame
        elif frame.beat_key.startswith("softmax.exp"):
            found["exp"] = frame
        if len(found) == 2:
            break
    return found["scaling"], found["exp"]


def agree(scaling, exp) -> int:
    """Every heard classmate's scaled score is the model's on both boards, each at its own decimals (teacher18 M2: the
    ÷√d board at the softmax board's said ≈ on most lines), the fewer one's a rounding of the other's; every ÷√d
    line redoes by hand from its own digits or says ≈ (√8 is 2.8284 on every board, digits), and the narration's
    √d is the board's divisor. Returns how many exp() lines took more decimals than the ÷√d board."""
    # the ÷√d board lists the class seat by seat; the exp board the heard ones in seat order (the others as -∞,
    # a long run of them on one line)
    divided = [DIVIDE.search(line) for line in scaling.board if not line.startswith(("(", "（"))]  # not the ≈ note
    taken = [m for m in (EXP.search(line) for line in exp.board) if m]
    heard = [s.index for s in exp.students if s.state != "masked"]
    assert all(divided) and len(taken) == len(heard) and taken
    model = scaling.bars.values  # the model's scaled scores
    finer = 0
    for seat, e in zip(heard, taken):
        name, score, root, op, result = divided[seat].groups()
        assert result == fmt(model[seat], places(result)) and e.group(2) == fmt(model[seat], places(e.group(2)))
        assert one_rounds_the_other(result, e.group(2)), (divided[seat].group(0), e.group(0))
        assert (hand_divide(score, root, places(result)) == result) == (op == "="), divided[seat].group(0)
        assert f"= {root}" in scaling.narration or f"{root}で割" in scaling.narration, scaling.narration
        finer += places(e.group(2)) > places(result)
    return finer


def test_the_scaling_board_and_the_softmax_board_write_the_models_scaled_scores(checkpoint):
    examples, _ = gallery_of(teaching_model_dir())
    finer = 0
    for example in examples:
        trace = compute_run(checkpoint, example.text, mask=example.mask).trace
        base = example_selection(example, trace.tokens)
        for layer in range(trace.config.n_layer):
            for head in range(trace.config.n_head):
                for focus in range(trace.n_tokens):
                    sel = replace(base, layer=layer, head=head, focus=focus)
                    finer += agree(*boards(trace, sel))
    assert finer > 20  # the rows the report counted (207 of 2,070 over both rules) are among these


def test_after_a_whatif_score_edit_both_boards_still_agree(checkpoint):
    """The report's window repro: 猫がマットの上に座った, 「座った」 asks, layer 2, head 1, score to 「マット」 = 9."""
    from classroom_gui.lesson.whatif_state import edited
    from classroom_gui.model.whatif import parse_edit
    examples, _ = gallery_of(teaching_model_dir())
    example = next(e for e in examples if e.text == "猫がマットの上に座った")
    own = compute_run(checkpoint, example.text, mask=example.mask).trace
    c = own.config
    trace = edited(own, [parse_edit("score[2,1,座った,マット]=9", list(own.tokens), c.n_layer, c.n_head, c.d_head)])
    sel = replace(example_selection(example, trace.tokens), layer=1, head=0, focus=trace.tokens.index("座った"))
    scaling, exp = boards(trace, sel)
    agree(scaling, exp)
    assert not any("≈" in line for line in scaling.board), scaling.board


def test_root_d_is_written_one_way_on_every_board_and_worksheet(checkpoint):
    """teacher13 L5: √8 was 2.8284 on the English seed's board (its digits redo 3-decimal results) and 2.828 on the
    Japanese one and on both worksheets. It is now 4 decimals everywhere (numbers.ROOT_PLACES): every asker of the
    seed, both rules, en and ja, and the worksheet in both languages."""
    from classroom_gui.lesson.state import Selection
    from classroom_gui.lesson.worksheet import build_worksheet, choose_asker

    roots = set()
    for lang, sentence in (("en", "The cat sat on the mat"), ("ja", "猫がマットの上に座った")):
        for rule in ("none", "causal"):
            trace = compute_run(checkpoint, sentence, mask=rule).trace
            for focus in range(trace.n_tokens):
                scaling, _ = boards(trace, Selection(lang=lang, rule=rule, focus=focus))
                roots |= {DIVIDE.search(line).group(3) for line in scaling.board if not line.startswith(("(", "（"))}
                assert "√8 = 2.8284" in scaling.narration, scaling.narration
            if rule == "causal":
                ws = build_worksheet(trace, choose_asker(trace, 0, 3, None), 0, 0, lang)
                roots.add(ws.divisor)
    assert roots == {"2.8284"}


def test_the_trace_summary_writes_root_d_as_the_boards_do(capsys):
    """note16: `trace` printed the divisors to 4 significant digits (2.828) beside boards dividing by 2.8284."""
    from classroom_gui.cli import main

    for lang in ("en", "ja"):
        assert main(["trace", "--text", "the cat sat", "--lang", lang]) == 0
        summary = next(line for line in capsys.readouterr().out.splitlines() if "2.828" in line)
        assert re.findall(r"2\.828\d*", summary) == ["2.8284"] * 3, summary  # the teaching model's 3 layers


def test_the_scaling_board_redoes_every_line_at_2_decimals(checkpoint):
    """teacher18 M2: 「少女が図書館で友達と一緒に本を読んだ」, 「に」 in turn, layer 1, head 1 said ≈ on 9 of 11 lines
    (「少女」：4.2844 ÷ 2.8284 ≈ 1.514766), and 75 of the seeds' 1,530 and 194 of that sentence's 2,178 ÷√d lines
    said ≈, the board writing the softmax board's 3-6 decimal scaled scores. At its own decimals (numbers.divided),
    every line of every asker, layer and head, both rules, redoes at 2 decimals."""
    from classroom_gui.lesson.state import Selection
    lines = 0
    for lang, text in (("en", "The cat sat on the mat"), ("ja", "猫がマットの上に座った"),
                       ("ja", "少女が図書館で友達と一緒に本を読んだ")):
        for rule in ("none", "causal"):
            trace = compute_run(checkpoint, text, mask=rule).trace
            timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
            at = next(timeline.beat_stop(i) for i, b in enumerate(timeline.beats) if b.key.startswith("scaling."))
            for layer in range(trace.config.n_layer):
                for h in range(trace.config.n_head):
                    for f in range(trace.n_tokens):
                        board = frame_at(trace, Selection(lang=lang, rule=rule, layer=layer, head=h, focus=f), at).board
                        for line in board:
                            _, _, root, op, result = DIVIDE.search(line).groups()
                            assert op == "=" and root == "2.8284" and places(result) == 2, line
                            lines += 1
    assert lines == 2 * 3 * 3 * (6 * 6 + 7 * 7 + 11 * 11)
