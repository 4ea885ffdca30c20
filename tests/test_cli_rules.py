"""The command line's part of the two rules and the gallery: --mask on trace, export, deck and video (recorded
in the JSON), the seed example's default layer and head, and `examples --json`; bad input exits 2."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from classroom_gui.lesson.gallery import GalleryError, gallery_of, load_gallery, seed_example
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence
from helpers import cli_run, random_checkpoint

FIXTURE = Path(__file__).parent / "fixtures" / "examples.json"
SENTENCE = "The cat sat on the mat"


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    folder = tmp_path_factory.mktemp("model")
    random_checkpoint(folder)
    return folder


@pytest.fixture(scope="module")
def model_with_gallery(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gallery_model")
    random_checkpoint(folder)
    shutil.copy(FIXTURE, folder / "examples.json")
    return folder


@pytest.mark.parametrize("rule", ["none", "causal"])
def test_trace_json_records_the_rule_and_its_weights(capsys, model, tmp_path, rule):
    code, out, _ = cli_run(capsys, "trace", "--text", SENTENCE, "--model", model, "--mask", rule, "--json", tmp_path / "t.json")
    record = json.loads((tmp_path / "t.json").read_text())
    want = run_sentence(load_checkpoint(model), SENTENCE, rule).trace.layers[0].weights[0]
    assert code == 0 and record["mask"] == rule and f"rule: {rule}" in out
    np.testing.assert_array_equal(np.array(record["layers"][0]["heads"][0]["weights"], np.float32), want)
    assert (want[0, 1:] == 0).all() == (rule == "causal")  # the first student hears the others only in discussion


GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"


@pytest.mark.parametrize("folder", ["classroom", "gpt2"])
def test_trace_defaults_to_exports_rule_and_its_next_words_are_in_turn(qapp, capsys, model, tmp_path, folder):
    # student35 #7: trace was in turn whatever the model, export in the lesson's rule (discussion for a classroom
    # model, in turn for a GPT-2 folder); trace now starts where export does, and its next words are always answer
    # time's, in turn (in discussion the last student names its own word)
    folder = model if folder == "classroom" else GPT2
    cli_run(capsys, "export", "--text", SENTENCE, "--model", folder, "--beat", "19", "--size", "320x180",
        "-o", tmp_path / "x.png", "--json", tmp_path / "x.json")
    code, out, _ = cli_run(capsys, "trace", "--text", SENTENCE, "--model", folder, "--json", tmp_path / "t.json")
    record, drawn = json.loads((tmp_path / "t.json").read_text()), json.loads((tmp_path / "x.json").read_text())
    assert code == 0 and record["mask"] == drawn["mask"] == ("none" if folder == model else "causal")
    in_turn = run_sentence(load_checkpoint(folder), SENTENCE, "causal").trace
    want = np.argsort(-in_turn.next_logits, kind="stable")[:10]
    assert [item["id"] for item in record["next_token"]] == [int(i) for i in want]
    assert record["next_token_mask"] == "causal" and ("in turn, as at answer time" in out) == (folder == model)


@pytest.mark.parametrize("command", ["trace", "export", "deck", "video"])
def test_a_bad_rule_is_one_message_and_exit_2(capsys, model, tmp_path, command):
    out = [] if command == "trace" else ["-o", tmp_path / "x.png"]
    code, stdout, err = cli_run(capsys, command, "--text", SENTENCE, "--model", model, "--mask", "both", *out)
    assert code == 2 and stdout == "" and "Traceback" not in err
    assert "--mask: invalid choice: 'both'" in err and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("rule", ["none", "causal"])
def test_export_sidecar_records_the_rule_and_shows_its_numbers(qapp, capsys, model, tmp_path, rule):
    code, _, _ = cli_run(capsys, "export", "--text", SENTENCE, "--model", model, "--mask", rule,
                     "--beat", "19", "--size", "320x180", "-o", tmp_path / "x.png", "--json", tmp_path / "x.json")
    numbers = json.loads((tmp_path / "x.json").read_text())
    want = run_sentence(load_checkpoint(model), SENTENCE, rule).trace.layers[0].head(0).weights[1]
    assert code == 0 and numbers["mask"] == rule and numbers["selection"]["mask"] == rule
    assert numbers["moment"]["beat"] == "softmax.weights"
    assert numbers["bars"]["values"] == [float(v) for v in want]


def test_export_default_is_discussion_and_answer_time_is_in_turn(qapp, capsys, model, tmp_path):
    cli_run(capsys, "export", "--text", SENTENCE, "--model", model, "--chapter", "answer", "--size", "320x180",
        "-o", tmp_path / "a.png", "--json", tmp_path / "a.json")
    numbers = json.loads((tmp_path / "a.json").read_text())
    assert numbers["selection"]["mask"] == "none" and numbers["mask"] == "causal"
    assert all(s["badge"].startswith("→ ") for s in numbers["students"])


def test_the_seed_example_gives_the_default_layer_and_head(qapp, capsys, model_with_gallery, tmp_path):
    cli_run(capsys, "export", "--text", SENTENCE, "--model", model_with_gallery, "--chapter", "softmax", "--size",
        "320x180", "-o", tmp_path / "s.png", "--json", tmp_path / "s.json")
    chosen = json.loads((tmp_path / "s.json").read_text())["selection"]
    assert (chosen["layer"], chosen["head"]) == (2, 2)  # the fixture's seed entry
    cli_run(capsys, "export", "--text", SENTENCE, "--model", model_with_gallery, "--layer", "1", "--chapter", "softmax",
        "--size", "320x180", "-o", tmp_path / "s.png", "--json", tmp_path / "s.json", "--force")
    chosen = json.loads((tmp_path / "s.json").read_text())["selection"]
    assert (chosen["layer"], chosen["head"]) == (1, 2)  # what is given wins


def test_examples_json_is_the_gallery_as_a_list(capsys, model_with_gallery, tmp_path):
    code, out, err = cli_run(capsys, "examples", "--model", model_with_gallery, "--json", tmp_path / "g.json")
    written = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert code == 0 and "wrote" in err and "猫がマットの上に座った" in out
    assert written == json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert set(written[0]) == {"text", "lang", "mask", "focus", "layer", "head", "expect_top", "what"}


def test_examples_without_a_gallery_exit_2(capsys, model, tmp_path):
    code, out, err = cli_run(capsys, "examples", "--model", model, "--json", tmp_path / "g.json")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "examples.json" in err
    assert not (tmp_path / "g.json").exists()


@pytest.mark.parametrize("damage, expect", [
    ("[", "malformed JSON"), ("[" * 100_000 + "]" * 100_000, "nested too deeply"), (" " * (2 << 20) + "[]", "too large"),
    ("{}", "non-empty JSON list"), ("[1]", "example 1: expected an object"),
    ('[{"text": "a"}]', "missing lang, mask"), (None, "'mask' must be 'none' or 'causal'"),
])
def test_a_damaged_gallery_is_named_with_its_problem(capsys, tmp_path, damage, expect):
    path = tmp_path / "examples.json"
    entries = json.loads(FIXTURE.read_text(encoding="utf-8"))
    entries[0]["mask"] = "sometimes"
    path.write_text(json.dumps(entries) if damage is None else damage, encoding="utf-8")
    with pytest.raises(GalleryError, match=expect):
        load_gallery(path)
    assert gallery_of(tmp_path)[0] == [] and expect in str(gallery_of(tmp_path)[1])
    random_checkpoint(tmp_path)
    code, _, err = cli_run(capsys, "examples", "--model", tmp_path)
    assert code == 2 and expect in err and "Traceback" not in err


def test_gallery_fields():
    examples = load_gallery(FIXTURE)
    assert seed_example(examples) is examples[0]
    assert examples[2].focus == 3 and examples[1].expect_top == "猫" and examples[0].expect_top == ["sat", "mat"]
    assert examples[1].describe("ja").startswith("「座った」")
