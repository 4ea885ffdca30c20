"""report 11 M1 (still in teacher22): a mask edit the rule on screen already makes ("cat cannot hear mat" in turn, where
mat has not spoken yet) was announced as a what-if: 【もしも】 and "this class is no longer the model's own". A new
edit is judged as the step on screen draws the cell, so that one is refused; an edit made under the other rule,
where it counts (fix39 keeps it), is said to be already so under this rule."""
from classroom_gui.app.model import ClassroomModel
from classroom_gui.lesson.state import Selection
from classroom_gui.lesson.strings import text
from classroom_gui.lesson.whatif_state import WhatIf, mask_now
from classroom_gui.model.sentence import run_sentence
from classroom_gui.model.whatif import Edit, EditError
from test_whatif_mask_board import JA, frame_of

CAT, MAT = 0, 2  # 「猫」, 「マット」 in 猫がマットの上に座った
DEAF = Edit("mask", 0, 0, CAT, MAT, 1.0)


def model_in(checkpoint, computed: str, shown: str) -> ClassroomModel:
    """The seed computed under one rule, then M pressed: the class on screen is drawn under the other."""
    m = ClassroomModel(checkpoint, "ja")
    m.select(rule=computed)
    m.set_run(run_sentence(checkpoint, JA, computed), JA)
    assert m.run.trace.mask_rule == computed
    m.select(rule=shown)
    return m


def refusal(m, edit) -> str | None:
    try:
        m.edit(edit)
    except EditError as exc:
        return exc.phrase.said("ja")
    return None


def test_a_new_mask_edit_is_judged_under_the_rule_on_screen(checkpoint):
    said = refusal(model_in(checkpoint, "none", "causal"), DEAF)  # in turn 「マット」 has not spoken yet
    assert said is not None and "このルールでは、「猫」にはもともと「マット」の話が聞こえません" in said
    hears = model_in(checkpoint, "none", "causal")
    assert refusal(hears, Edit("mask", 0, 0, CAT, MAT, 0.0)) is None  # in turn that is a what-if
    assert hears.edit_specs() == ("mask[1,1,3]=0",)
    deaf = model_in(checkpoint, "causal", "none")  # computed in turn, drawn in discussion: 猫 hears マット there
    assert refusal(deaf, DEAF) is None and deaf.edit_specs() == ("mask[1,1,3]=1",)
    said = refusal(model_in(checkpoint, "causal", "none"), Edit("mask", 0, 0, CAT, MAT, 0.0))
    assert said is not None and "もともと「マット」の話が聞こえます" in said


def test_answer_time_judges_under_its_own_rule(checkpoint):
    """Answer time is always drawn in turn (GPT's rule), whatever the lesson's rule."""
    m = model_in(checkpoint, "none", "none")
    t = m.player.timeline
    m.jump(t.beat_stop(next(i for i, b in enumerate(t.beats) if b.key == "answer.norm")))
    assert m.rule_shown() == "causal"
    assert refusal(m, DEAF) is not None


def test_the_switch_a_mask_edit_starts_from_is_the_cell_as_drawn(checkpoint):
    own = run_sentence(checkpoint, JA, "none").trace
    assert mask_now(own, (), DEAF, "none") == 0.0 and mask_now(own, (), DEAF, "causal") == 1.0
    assert mask_now(own, (Edit("mask", 0, 0, CAT, MAT, 0.0),), DEAF, "causal") == 0.0  # an earlier edit's


def test_an_edit_made_under_the_other_rule_is_said_already_so(checkpoint):
    """teacher22's a11: 猫 ↛ マット set in discussion, then M: the board said 「マット」：-∞（もしも：聞こえない） and the
    narration 「このクラスはもうモデルそのままではありません」."""
    state = WhatIf(run_sentence(checkpoint, JA, "none").trace)
    state.set(DEAF, rule="none")
    sel = Selection(focus=CAT, lang="ja", rule="causal")
    frame = frame_of(state.trace, sel, "softmax.exp")
    assert "【もしも】" not in frame.title
    assert frame.narration.startswith(text("ja", "whatif.narration_rule", edits="", n=1).split("、")[0])
    assert "このルールでは、もともとそうなっている" in frame.narration and "そのままではありません" not in frame.narration
    assert text("ja", "board.masked", name="「マット」") in frame.board
    assert not any("もしも" in line for line in frame.board)
    there = frame_of(state.trace, Selection(focus=CAT, lang="ja", rule="none"), "softmax.exp")  # where it counts
    assert "【もしも】" in there.title and "そのままではありません" in there.narration
    assert text("ja", "board.masked_whatif", name="「マット」") in there.board


def test_beside_an_edit_that_counts_the_idle_one_is_counted_apart(checkpoint):
    state = WhatIf(run_sentence(checkpoint, JA, "none").trace)
    state.set(DEAF, rule="none")
    state.set_spec("score[1,1,猫,猫]=3")
    frame = frame_of(state.trace, Selection(focus=CAT, lang="en", rule="causal"), "softmax.exp")
    assert "what if" in frame.title and "(1 more edit is already so under this rule.)" in frame.narration
    assert "cannot hear" not in frame.narration.split("(1 more edit")[0]  # named apart, not as the what-if


def test_a_deck_says_the_lead_once_also_where_an_edit_is_already_so(checkpoint):
    """A deck or video says the what-if lead on its first slide only (deck.said_once). At answer time (in turn) the
    discussion deck's mask edit is already so, so the lead there names the other edit alone: it is still said once."""
    from classroom_gui.lesson.deck import said_once
    from classroom_gui.lesson.state import frame_at, timeline_for

    state = WhatIf(run_sentence(checkpoint, JA, "none").trace)
    for spec in ("mask[1,猫,マット]=1", "q[1,1,猫,1]=2"):
        state.set_spec(spec)
    sel = Selection(focus=CAT, lang="ja", rule="none")
    said = said_once(state.trace, sel)
    timeline = timeline_for(state.own.n_tokens, state.own.config.n_layer)
    slides = [said(frame_at(state.trace, sel, timeline.beat_stop(i)), i) for i in range(len(timeline))]
    assert slides[0].narration.startswith("もしも")
    answer = [f for f in slides if f.chapter_key == "answer"]
    assert answer and not any(f.narration.startswith("もしも") for f in answer)
    assert all(text("ja", "whatif.rule_has_one") in f.narration for f in answer)  # what the step itself says stays


def test_toggling_a_mask_cell_twice_takes_the_edit_back(checkpoint):
    """review26 #1: Shift+double-click on the same cell twice left `mask[1,1,3]=0` in discussion (and its mirror in
    turn): nothing on screen changed, yet the edit was counted, saved and shown as a what-if after M."""
    for rule, first in (("none", 1.0), ("causal", 0.0)):
        state = WhatIf(run_sentence(checkpoint, JA, rule).trace)
        cell = Edit("mask", 0, 0, CAT, MAT, first)
        state.set(cell, rule=rule)
        assert len(state.edits) == 1
        back = Edit("mask", 0, 0, CAT, MAT, 1.0 - mask_now(state.own, state.edits, cell, rule))
        assert back.value == 1.0 - first
        state.set(back, rule=rule)
        assert not state.edits  # taken back: nothing counted, saved or shown as a what-if


def test_the_first_what_if_step_names_an_edit_the_rule_has(checkpoint):
    """review27 B4: with `every` (a deck's or video's first what-if step) the mask edit the rule already has was still
    only counted ("(1 more edit is already so under this rule.)"); it is named there by its place, counted elsewhere."""
    from classroom_gui.lesson.whatif_words import describe, leads

    trace = run_sentence(checkpoint, JA, "none").trace
    score = Edit("score", 0, 0, CAT, CAT, 3.0)
    for lang in ("en", "ja"):
        place = describe(lang, DEAF, trace.tokens, with_value=False)
        counted, full, same = leads(lang, (DEAF, score), trace.tokens, "causal", every=True)
        assert counted == (score,) and all(place in lead for lead in (full, same)), full
        assert text(lang, "whatif.rule_has_one") not in full
        assert describe(lang, score, trace.tokens) in full
        _, short, _ = leads(lang, (DEAF, score), trace.tokens, "causal")
        assert place not in short and text(lang, "whatif.rule_has_one") in short
