"""The seed's sentences on the 4:3 canvas, each in its own language: every chapter's last step sits its students
where tests/reference/43-*.json says and draws the same 480x360 picture (made by tests/reference_frames.py;
the numbers shown are the 16:9 references', test_reference_frames.py). A deliberate change of the 4:3 layout
regenerates them: `python tests/reference_frames.py`.
"""
import json

import reference_frames as ref


def test_every_chapter_on_4_3_matches_its_reference(tmp_path):
    ref.app()
    checkpoint = ref._checkpoint()
    for name, text, lang, rule in ref.CASES_43:  # each sentence in its own language, discussion
        expected = json.loads((ref.HERE / f"{name}.json").read_text(encoding="utf-8"))
        got = ref.case_record_43(checkpoint, text, lang, rule, tmp_path, name)
        assert [s["chapter"] for s in got] == [s["chapter"] for s in expected], name
        for want, have in zip(expected, got):
            step = want["step"]
            assert have["step"] == step and have["seats"] == want["seats"], f"{name} step {step}: the seats differ"
            assert have["picture_sha256"] == want["picture_sha256"], (
                f"{name} step {step}: the picture differs; see {tmp_path}/{name}-{step:02d}.png "
                "(regenerate with `python tests/reference_frames.py` if the change is meant)")
