"""teacher32 #4 at 1024×768 with the paragraph P: fix62 made a desk's name whole (smaller, or on two lines), yet the
tiny GPT-2's long piece 「…がマットの上に…」 read 「…がマ…」, since its only two-line form broke at a space, which it
has not; and the emoji's pieces 「⟨U+1F431⟩ 1/3」 broke inside the code, 「⟨U+ / 1F431⟩ 1/3」. A Japanese name now
breaks between phrases (lesson.strings.wrapping), and a symbol's code breaks only where no other form fits."""
from __future__ import annotations

from pathlib import Path

import pytest

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

P = "昨日、猫がマットの上に座った。犬は箱の中で寝た。私は🐱を見て、とても笑った。"
GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"


def shown_names(checkpoint, rule, key, focus):
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.desk_boxes import name_left
    from classroom_gui.scene.desk_tag import badge_size, fit_name

    trace = run_sentence(checkpoint, P, rule).trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = max(i for i, b in enumerate(tl.beats) if b.key.startswith(key))  # (its last step: all badges shown)
    frame = frame_at(trace, Selection(focus=focus, canvas=canvas_for(1024, 768), rule=rule, lang="ja"), tl.beat_stop(i))
    scene = ClassroomScene()
    scene.set_frame(frame)
    box = scene.desks[0].box  # (a big class's desks are one layout: scene.desk_boxes.composed_box)
    out = []
    for s in frame.students:
        beside = badge_size(s.badge, box, 1.0, name_left(box), s.text, s.unknown)[0] if s.badge and not box.badge_h else 0.0
        out.append((s.text, fit_name(s.text, box, 1.0, name_left(box), beside, s.unknown)[1]))
    return out


@pytest.mark.parametrize("which", ["gpt2", "teaching"])
def test_every_desk_name_is_whole_and_a_code_on_one_line(qapp, checkpoint, which):
    ck, rule = (load_checkpoint(GPT2), "causal") if which == "gpt2" else (checkpoint, "none")
    names = shown_names(ck, rule, "seats" if which == "gpt2" else "softmax", 1 if which == "gpt2" else 2)
    assert len(names) == (58 if which == "gpt2" else 30)
    for text, shown in names:
        assert shown.replace("\n", " ").replace(" ", "") == text.replace(" ", ""), (text, shown)
        assert all(line.count("⟨") == line.count("⟩") for line in shown.split("\n")), shown
    assert "…がマットの上に…" in dict(names) if which == "gpt2" else "⟨U+1F431⟩" in dict(names)


def test_the_two_line_forms_of_a_name():
    from classroom_gui.scene.desk_tag import name_breaks

    assert "…がマットの\n上に…" in name_breaks("…がマットの上に…")  # between phrases, not next to its "…"
    assert not any(f.startswith("…\n") or f.endswith("\n…") for f in name_breaks("…がマットの上に…"))
    assert name_breaks("⟨U+1F431⟩ 1/3")[0] == "⟨U+1F431⟩\n1/3"  # the code whole first
    assert name_breaks("extraordinarily") == []  # never inside a Latin word


def test_a_guess_pill_shows_a_whole_character_or_is_left_out(qapp, checkpoint):
    """teacher32 #5: at answer time in a 30-student class at 1024×768 the emoji desk's pill read just 「→…」, a guess of
    nothing: a guess that cannot show its arrow and one whole character is left out of the pill (the board lists
    the guesses; the tooltip has it), and its desk's name then has the room."""
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.desk_tag import pill_text

    trace = run_sentence(checkpoint, P, "none").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = max(i for i, b in enumerate(tl.beats) if b.key.startswith("answer"))
    frame = frame_at(trace, Selection(focus=2, canvas=canvas_for(1024, 768), rule="none", lang="ja"), tl.beat_stop(i))
    scene = ClassroomScene()
    scene.set_frame(frame)
    left_out = 0
    for desk in scene.desks:
        badge = desk.student.badge
        assert badge.startswith("→")
        bw, px = desk._badge_size()
        if not bw:
            left_out += 1
            continue
        word = pill_text(badge, bw, px).removeprefix("→").removesuffix("…")
        assert word and word.count("⟨") == word.count("⟩"), (badge, pill_text(badge, bw, px))
    coded = next(d for d in scene.desks if d.student.text == "⟨U+1F431⟩")
    assert not coded._badge_size()[0] and coded.name_text == "⟨U+1F431⟩" and left_out == 1
