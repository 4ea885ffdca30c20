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
        assert have["numbers"] == want["numbers"], f"{name} step {step}: the numbers differ"
        assert have["picture_sha256"] == want["picture_sha256"], (
            f"{name} step {step}: the picture differs; see {tmp_path}/{name}-{step:02d}.png "
            "(regenerate with `python tests/reference_frames.py` if the change is meant)")
