"""The seed's sentences on the 4:3 canvas, each in its own language: every chapter's last step sits its students
where tests/reference/43-*.json says and draws the same 480x360 picture (made by tests/reference_frames.py;
the numbers shown are the 16:9 references', test_reference_frames.py), compared as those are: within float32's
noise, and a picture whose hash differs by its coarse picture. A deliberate change of the 4:3 layout
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
            differ = ref.number_differences([want["step"], want["seats"]], [have["step"], have["seats"]])
            assert not differ, f"{name} step {step}: the seats differ: {differ[:5]}"
            problem = ref.picture_problem(name, want, have, tmp_path)
            assert not problem, problem
