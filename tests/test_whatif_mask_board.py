"""A what-if mask edit on the boards (teacher3 M8, M9, L9): a classmate the asker cannot hear keeps its place
in a row of the "everyone at once" board ("—"), an edited cell's reason is the what-if and not "not spoken yet",
the mask chapter counts the students after the asker from the seats, and an edit that changes nothing (a mask cell
the rule already has, a card number or a score set to the number it has) is refused
(the CLI's trace table names each dot's reason)."""
from __future__ import annotations

import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.whatif_state import WhatIf
from classroom_gui.model.sentence import run_sentence
from classroom_gui.model.whatif import EditError

EN, JA = "The cat sat on the mat", "猫がマットの上に座った"


def edited(checkpoint, text, rule, *specs):
    state = WhatIf(run_sentence(checkpoint, text, rule).trace)
    for spec in specs:
        state.set_spec(spec)
    return state.trace


def frame_of(trace, sel, key):
    """The last frame of the step `key` (its board complete)."""
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    for i in range(len(timeline)):
        frame = frame_at(trace, sel, timeline.beat_stop(i))
        if frame.beat_key == key:
            return frame
    raise AssertionError(f"no step {key}")


def row(frame, name):
    return next(line for line in frame.board if line.startswith(name))


def test_a_masked_classmate_keeps_its_place_in_a_row_of_the_everyone_board(checkpoint):
    trace = edited(checkpoint, EN, "none", "mask[1,mat,cat]=1")
    frame = frame_of(trace, Selection(focus=5), "everyone.matrix")
    shares = row(frame, '"mat"').split(": ", 1)[1].split(", ")
    w = trace.layers[0].weights[0, 5]
    assert len(shares) == 6 and shares[1] == "—"  # seat 2 ("cat") is silent, the rest under their own seats
    assert shares[2] == f"{w[2]:.2f}" and float(shares[2]) > 0.5  # "sat"'s share, not read as "cat"'s
    # an untouched row and GPT's own mask keep their form: every seat up to the asker, no dash
    assert "—" not in row(frame, '"cat"')
    own = run_sentence(checkpoint, EN, "causal").trace
    causal = frame_of(own, Selection(focus=5, rule="causal"), "everyone.matrix")
    assert row(causal, '"cat"') == '"cat": ' + ", ".join(f"{v:.2f}" for v in own.layers[0].weights[0, 1, :2])


def test_a_mid_row_hole_in_japanese_is_a_dash_too(checkpoint):
    trace = edited(checkpoint, JA, "causal", "mask[1,マット,猫]=1")  # in turn, as GPT: rows end at the asker
    frame = frame_of(trace, Selection(focus=2, lang="ja", rule="causal"), "everyone.matrix")
    shares = row(frame, "「マット」：").split("：", 1)[1].split("、")  # 、 between numbers next to Japanese
    assert shares[0] == "—" and len(shares) == 3


def test_the_mask_and_softmax_boards_give_the_what_if_as_the_reason_and_count_later_seats(checkpoint):
    trace = edited(checkpoint, EN, "none", "mask[1,mat,cat]=1")
    mask = frame_of(trace, Selection(focus=5), "mask.future")
    assert row(mask, '"cat"').endswith("(what if: cannot hear)")
    assert not any("not spoken yet" in line for line in mask.board)  # "mat" sits last: nobody is after it
    assert "nobody comes after" in mask.narration and "1 students" not in mask.narration
    exp = frame_of(trace, Selection(focus=5), "softmax.exp")
    assert row(exp, '"cat"') == '"cat": -∞ (what if: cannot hear)'
    # an asker in the middle: the later seats are the rule's, the edited one the what-if's, counted from seats
    trace = edited(checkpoint, JA, "none", "mask[1,マット,猫]=1")
    ja = frame_of(trace, Selection(focus=2, lang="ja"), "mask.future")
    assert row(ja, "「猫」").endswith("（もしも：聞こえない）")
    assert sum("まだ話していない" in line for line in ja.board) == 4
    assert "後ろの4人" in ja.narration


def test_one_student_after_the_asker_is_singular(checkpoint):
    frame = frame_of(run_sentence(checkpoint, EN, "none").trace, Selection(focus=4), "mask.future")
    assert "the score of the 1 student after" in frame.narration


def test_a_mask_edit_that_changes_nothing_is_refused_and_one_back_to_the_model_takes_the_edit_back(checkpoint):
    state = WhatIf(run_sentence(checkpoint, EN, "none").trace)
    with pytest.raises(EditError, match="changes nothing"):
        state.set_spec("mask[1,mat,cat]=0")
    assert state.edits == ()
    state.set_spec("mask[1,mat,cat]=1")
    state.set_spec("mask[1,mat,cat]=0")
    assert state.edits == () and state.trace.layers[0].weights[0, 5, 1] > 0


def test_the_cli_refuses_a_mask_edit_that_changes_nothing(tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["export", "--lang", "ja", "--text", JA, "--mask", "none", "--set", "mask[1,座った,猫]=0",
                 "-o", str(out)]) == 2
    assert "何も変わりません" in capsys.readouterr().err and not out.exists()  # in --lang (fix12)
    assert main(["export", "--text", JA, "--mask", "none", "--set", "mask[1,座った,猫]=0", "-o", str(out)]) == 2
    assert "changes nothing" in capsys.readouterr().err and not out.exists()


def test_the_trace_table_names_the_reason_of_its_dots(capsys):
    assert main(["trace", "--mask", "none", "--text", EN, "--set", "mask[1,cat,mat]=1"]) == 0
    text = capsys.readouterr().out
    assert "(row listens to column; . = cannot hear (what if))" in text and "not yet spoken" not in text
    assert main(["trace", "--mask", "causal", "--text", EN, "--set", "mask[1,mat,cat]=1"]) == 0  # both reasons
    assert "; . = not yet spoken or cannot hear (what if))" in capsys.readouterr().out


@pytest.mark.parametrize("spec", ["q[1,1,cat,2]", "k[1,2,mat,1]", "v[1,1,The,8]", "score[1,1,cat,mat]"])
def test_a_number_set_to_what_it_is_is_refused_and_one_back_to_the_model_takes_the_edit_back(checkpoint, spec):
    """L9 for numbers: a card's number or a score set to its own value (as the forward's float32 holds it), or
    to the value an earlier edit gave it, changes nothing and is refused; one set back to the model's own
    takes the earlier edit back."""
    from classroom_gui.lesson.whatif_state import own_value
    from classroom_gui.model.whatif import parse_edit

    own_trace = run_sentence(checkpoint, EN, "none").trace
    state = WhatIf(own_trace)
    c = own_trace.config
    place = parse_edit(f"{spec}=0", list(own_trace.tokens), c.n_layer, c.n_head, c.d_head)
    own = own_value(own_trace, place)
    with pytest.raises(EditError, match="changes nothing"):
        state.set_spec(f"{spec}={own!r}")
    assert state.edits == () and state.trace is own_trace and state.history == []
    state.set_spec(f"{spec}=3.5")
    with pytest.raises(EditError, match="already 3.5"):
        state.set_spec(f"{spec}=3.5")
    assert len(state.edits) == 1 and len(state.history) == 1
    state.set_spec(f"{spec}={own!r}")
    assert state.edits == () and own_value(state.trace, place) == own
    state.set_spec(f"{spec}={own + 1e-3!r}")  # a small change is a change
    assert len(state.edits) == 1


def test_the_cli_refuses_a_number_set_to_what_it_is(checkpoint, tmp_path, capsys):
    from classroom_gui.lesson.whatif_state import own_value
    from classroom_gui.model.whatif import Edit

    own = own_value(run_sentence(checkpoint, EN, "none").trace, Edit("score", 0, 0, 1, 5, 0.0))
    out = tmp_path / "x.png"
    assert main(["export", "--text", EN, "--mask", "none", "--set", f"score[1,1,cat,mat]={own!r}", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "changes nothing" in err and "score of" in err and len(err.strip().splitlines()) == 1 and not out.exists()
