"""The seed's sentences, every step, both languages and both rules: the numbers and the 640x360 picture of
each step equal the references in tests/reference/ (made by tests/reference_frames.py before the code moved).
A deliberate change (a new teaching model, a new look) regenerates them: `python tests/reference_frames.py`.
"""
import json

import pytest

import reference_frames as ref


@pytest.fixture(scope="module")
def checkpoint():
    ref.app()
    return ref._checkpoint()


@pytest.mark.parametrize("name,text,lang,rule", ref.CASES, ids=[c[0] for c in ref.CASES])
def test_every_step_matches_its_reference(checkpoint, name, text, lang, rule, tmp_path):
    expected = json.loads((ref.HERE / f"{name}.json").read_text(encoding="utf-8"))
    got = ref.case_record(checkpoint, text, lang, rule, tmp_path, name)
    assert len(got) == len(expected), f"{name}: {len(got)} steps, the reference has {len(expected)}"
    for want, have in zip(expected, got):
        step = want["step"]
        differ = ref.number_differences(want["numbers"], have["numbers"])
        assert not differ, f"{name} step {step}: the numbers differ: {differ[:5]}"
        problem = ref.picture_problem(name, want, have, tmp_path)  # another machine's last bits may redraw a digit
        assert not problem, problem


def test_the_picture_check_lets_a_digit_through_but_not_a_move(checkpoint):
    """Across machines a digit in the 4th decimal may be drawn differently; a moved or recoloured picture is
    a change. A digit-sized patch painted over a step's picture stays within CHANGED_BLOCKS; the same picture
    moved by 10 pixels, or its background tinted, does not."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QImage, QPainter
    _sel, frames = ref.case_frames(checkpoint, ref.SENTENCES["en"], "en", "none")
    image = ref.picture(frames[12]).convertToFormat(QImage.Format.Format_RGB888)
    want = ref.coarse(image)

    def changed(paint) -> int:
        copy = image.copy()
        painter = QPainter(copy)
        paint(painter)
        painter.end()
        return ref.changed_blocks(want, ref.coarse(copy))

    assert changed(lambda p: None) == 0
    assert 0 < changed(lambda p: p.fillRect(300, 200, 7, 10, QColor("black"))) <= ref.CHANGED_BLOCKS
    assert changed(lambda p: p.drawImage(QPoint(10, 0), image)) > ref.CHANGED_BLOCKS
    assert changed(lambda p: p.fillRect(image.rect(), QColor(255, 0, 0, 24))) > ref.CHANGED_BLOCKS


def test_numbers_are_compared_within_float32_noise_only():
    base = {"board": [{"value": 0.43625003, "text": "0.4363"}], "upto": 3}
    assert ref.number_differences(base, {"board": [{"value": 0.43624991, "text": "0.4363"}], "upto": 3}) == []
    assert ref.number_differences(base, {"board": [{"value": 0.4372, "text": "0.4363"}], "upto": 3})
    assert ref.number_differences(base, {"board": [{"value": 0.43625003, "text": "0.4364"}], "upto": 3})
    assert ref.number_differences(base, {"board": [{"value": 0.43625003, "text": "0.4363"}], "upto": 4})
    assert ref.number_differences(base, {"board": [], "upto": 3})
