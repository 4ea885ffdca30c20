"""teacher34 #8: a new sentence kept the step number, not the chapter: from 7. ソフトマックス (step 20/36) a sentence of
another length landed on step 20 of the new lesson, in 8. 聞く. It keeps the chapter and the step within it (the same
step id), clamped where the new class's chapter has fewer steps."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.player import Player
from classroom_gui.lesson.timeline import Timeline


def steps_of(timeline: Timeline, chapter: str) -> list[int]:
    return [i for i, b in enumerate(timeline.beats) if b.chapter == chapter]


@pytest.mark.parametrize("before, after", [(7, 6), (6, 7), (7, 12), (12, 3)])
def test_a_new_sentence_keeps_the_chapter_and_its_step(before, after):
    old, new = Timeline(before, 2), Timeline(after, 2)
    for chapter in dict.fromkeys(b.chapter for b in old.beats):
        for at in steps_of(old, chapter):
            p = Player(old, old.beat_stop(at))
            p.set_timeline(new)
            landed = new.locate(p.time)[0]
            assert new.beats[landed].chapter == chapter, (chapter, at, landed)
            was = old.beats[at]
            if any(new.beats[i].key == was.key for i in steps_of(new, chapter)):
                assert new.beats[landed].key == was.key, (chapter, at, landed)


def test_softmax_step_lands_on_the_same_softmax_step():
    old, new = Timeline(7, 2), Timeline(6, 2)  # 「猫がマットの上に座った」 then a sentence of one student less
    for at in steps_of(old, "softmax"):
        p = Player(old, old.beat_stop(at))
        p.set_timeline(new)
        assert new.beats[new.locate(p.time)[0]].key == old.beats[at].key


def test_a_chapter_of_fewer_steps_clamps_to_its_last():
    old, new = Timeline(12, 2), Timeline(3, 2)
    last = steps_of(old, "scoring")[-1]
    p = Player(old, old.beat_stop(last))
    p.set_timeline(new)
    assert new.locate(p.time)[0] == steps_of(new, "scoring")[-1]
