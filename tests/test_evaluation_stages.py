"""EVALUATION.md names every stage of a training recipe: a record holds the one before it ("earlier"), and the
report lists every earlier stage's command in order, then the last one's, under Reproduce."""
import copy
import json
import shlex

import pytest

from classroom_gui.model.corpus import Corpus
from classroom_gui.model.evaluation_report import report
from classroom_gui.resources import teaching_model_dir


@pytest.fixture(scope="module")
def shipped():
    folder = teaching_model_dir()
    result = json.loads((folder / "evaluation.json").read_text(encoding="utf-8"))
    held_out = Corpus().evaluation_set(result["corpus"]["evaluated_meanings_per_split"], "held_out")
    return result, held_out, (folder / "EVALUATION.md").read_text(encoding="utf-8")


def _commands(text: str) -> list[str]:
    block = text.split("## Reproduce", 1)[1].split("```")[1]
    return [line for line in block.splitlines() if line.startswith("python -m classroom_gui.model.train")]


def _option(command: str, name: str) -> str | None:
    """An option's value as argparse reads it: `name value` or `name=value`."""
    words = shlex.split(command)
    typed = [w.split("=", 1)[1] for w in words if w.startswith(name + "=")]
    return words[words.index(name) + 1] if name in words else typed[0] if typed else None


def _runs_in_order(text: str) -> None:
    """The Reproduce block runs as written: the first stage starts from new weights, each later stage's --init is the
    folder the stage before wrote, the last writes assets/model and the evaluation reads that."""
    block = text.split("## Reproduce", 1)[1].split("```")[1].strip().splitlines()
    trains, evaluate = block[:-1], block[-1]
    assert trains == _commands(text) and _option(trains[0], "--init") is None
    for before, after in zip(trains, trains[1:]):
        assert _option(after, "--init") == _option(before, "--out"), (before, after)
    assert _option(trains[-1], "--out") == "assets/model"
    assert evaluate == "python -m classroom_gui.model.evaluate --model assets/model"


def test_the_shipped_reproduce_block_runs_stage_after_stage(shipped):
    """review16 #2: stage 3 went on from a folder stage 2 never wrote, and the block evaluated a folder in /work/runs."""
    _runs_in_order(shipped[2])


def test_the_shipped_record_renders_as_shipped(shipped):
    result, held_out, text = shipped
    assert report(result, held_out) == text
    stages = 1
    training = result["training"]
    while training.get("earlier"):
        stages, training = stages + 1, training["earlier"]
    assert len(_commands(text)) == stages


def test_a_stage_on_top_of_the_record_names_every_earlier_command_in_order(shipped):
    result, held_out, _ = shipped
    result = copy.deepcopy(result)
    before, order = result["training"], []
    record = before
    while record:
        order.insert(0, record["command"])
        record = record.get("earlier")
    later = {**copy.deepcopy(before), "command": "python -m classroom_gui.model.train --init A --out B --stop-weight 7",
             "steps": 123, "freeze": ["wte", "h.0"], "stop_weight": 7.0, "one_language_rows": True, "earlier": before}
    text = report({**result, "training": later}, held_out)
    _runs_in_order(text)
    commands = _commands(text)  # every earlier command in order (their folders chained), then the last one's
    assert commands[-1] == (f"python -m classroom_gui.model.train --init {_option(order[-1], '--out')} "
                            "--out assets/model --stop-weight 7")
    assert [_option(c, "--steps") for c in commands[:-1]] == [_option(c, "--steps") for c in order]
    assert [c.split("--init")[0] for c in commands[:-1]] == [c.split("--init")[0] for c in order]
    assert f"{len(order) + 1} stages (a curriculum)" in text and "Two stages" not in text
    assert "--freeze wte h.0 leaves" in text and "the first word after a full stop weighing 7.0" in text
    assert "recipe (every stage's command)" in text


def test_folders_typed_with_an_equals_sign_are_chained_too(shipped):
    """review18: the report read --out back out of each command with a regex, which failed on `--out=path` (an
    AttributeError instead of EVALUATION.md); each record's own "out" is the folder the next stage starts from."""
    result, held_out, _ = shipped
    first = copy.deepcopy(result["training"])
    while first.get("earlier"):
        first = first["earlier"]
    first = {**first, "command": "python -m classroom_gui.model.train --out=/runs/one/model --steps 40 --freeze wte",
             "out": "/runs/one/model", "steps": 40, "freeze": ["wte"], "total_seconds": 12.0}
    last = {**copy.deepcopy(result["training"]), "earlier": first, "freeze": None,
            "command": "python -m classroom_gui.model.train --init=/elsewhere --out=/runs/two/model --steps 9"}
    text = report({**result, "training": last}, held_out)
    _runs_in_order(text)
    assert _commands(text) == ["python -m classroom_gui.model.train --out=/runs/one/model --steps 40 --freeze wte",
                               "python -m classroom_gui.model.train --init /runs/one/model --out assets/model --steps 9"]
    # the first of two stages is told as any earlier stage is (one _stage): its frozen weights too
    assert ("Two stages (a curriculum): first `python -m classroom_gui.model.train --out=/runs/one/model --steps 40 "
            "--freeze wte` (40 steps, ") in text
    assert "only what --freeze wte leaves; 12 s), then the command below goes on from its weights" in text
