"""teacher11 M1: a step the edits do not change (its picture pixel-identical to the model's own) was still announced
as 「このクラスはもうモデルそのままではありません」. Now such a step names the edits and says honestly that nothing
at this step changes; a step they do change says the class is no longer the model's own, as before."""
import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import text
from classroom_gui.lesson.whatif_state import WhatIf
from classroom_gui.model.sentence import run_sentence

JA = "猫がマットの上に座った"
SPECS = ("mask[1,猫,マット]=1", "q[1,1,猫,1]=2")  # the report's: the answer (in turn) is untouched by both


@pytest.fixture(scope="module")
def state(checkpoint):
    own = run_sentence(checkpoint, JA, "none").trace
    s = WhatIf(own)
    for spec in SPECS:
        s.set_spec(spec)
    return s


def frame(state, key: str, lang: str = "ja"):
    tl = timeline_for(state.own.n_tokens, state.own.config.n_layer)
    i = next(i for i, b in enumerate(tl.beats) if b.key == key)
    return frame_at(state.trace, Selection(focus=0, lang=lang, rule="none"), tl.beat_stop(i))


SAID = {"ja": ("この場面は、モデルそのままのときと何も変わりません", "もうモデルそのままではありません"),
        "en": ("The edits change nothing at this step", "no longer the model's own")}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_answer_time_untouched_by_the_edits_says_so(state, lang):
    f = frame(state, "answer.softmax", lang)
    own = frame_at(state.own, Selection(focus=0, lang=lang, rule="none"), f.time)
    assert f.answer_id == own.answer_id and f.bars.values == own.bars.values  # the same answer, the same numbers
    same, changed = SAID[lang]
    assert same in f.narration and changed not in f.narration
    # in turn (answer time's rule) 「マット」 has not spoken yet: the mask edit is counted apart (report 11 M1)
    assert f.narration.startswith("もしも「猫」の質問カード" if lang == "ja" else "What if: ")
    assert text(lang, "whatif.rule_has_one") in f.narration
    assert f.edits and text(lang, "whatif.title", title="") in f.title  # still marked as the what-if class


@pytest.mark.parametrize("key", ["softmax.weights", "cards.query"])
def test_a_step_the_edits_change_says_the_class_is_no_longer_the_models_own(state, key):
    f = frame(state, key)
    assert "このクラスはもうモデルそのままではありません" in f.narration and "この場面は、モデルそのままのときと何も変わりません" not in f.narration


def test_same_picture_compares_what_is_drawn(state):
    from classroom_gui.lesson.compared import same_picture
    from classroom_gui.lesson.whatif_state import own_of

    tl = timeline_for(state.own.n_tokens, state.own.config.n_layer)
    sel = Selection(focus=0, lang="ja", rule="none")
    t = tl.beat_stop(next(i for i, b in enumerate(tl.beats) if b.key == "softmax.weights"))
    assert own_of(state.trace) is state.own
    assert same_picture(frame_at(state.own, sel, t), frame_at(state.own, sel, t))
    assert not same_picture(frame_at(state.trace, sel, t), frame_at(state.own, sel, t))


def test_the_cli_picture_of_answer_time_says_nothing_changed(tmp_path, capsys):
    """The report's command (--beat 36 at 1024x768): the frame's JSON narration, as the picture's."""
    import json

    out = tmp_path / "a.json"
    args = ["export", "--lang", "ja", "--text", JA, "--beat", "36", "--size", "1024x768", "--json", str(out),
            "-o", str(tmp_path / "a.png")]
    for spec in SPECS:
        args += ["--set", spec]
    assert main(args) == 0
    said = json.loads(out.read_text(encoding="utf-8"))
    narration = said["moment"]["narration"]
    assert "この場面は、モデルそのままのときと何も変わりません" in narration and "もうモデルそのままではありません" not in narration


def test_the_comparison_builds_no_side_panels_and_reuses_the_step_s_end(state, monkeypatch):
    """review15 #10: the check built two more frames with their side panels (the all-heads overview and the layer
    view, which same_picture skips): 16.4 s for GPT-2's first frame at 64 students with the own trace cold. Now the
    frame at the step's end is the edited one compared, and the model's own is built without panels."""
    from classroom_gui.lesson import state as lesson_state

    built, panels = [], []
    real_built, real_overview = lesson_state._built, lesson_state.overview
    monkeypatch.setattr(lesson_state, "_built", lambda trace, *a, **k: built.append(trace) or real_built(trace, *a, **k))
    monkeypatch.setattr(lesson_state, "overview", lambda trace: panels.append(trace) or real_overview(trace))
    f = frame(state, "cards.key", "en")  # (a step no other test here draws: its comparison is not cached yet)
    assert built == [state.trace, state.own] and len(panels) == 1 and panels[0] is state.trace
    assert "no longer the model's own" in f.narration
