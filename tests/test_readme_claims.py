"""The README's claims that name the shipped model's numbers or guesses, read from the README and checked against
the teaching model (student35 #1: ch. 13 said the desk after "on the" shows "→ mat", while it shows sofa; #7: the
README's trace command did not show the "mat 0.63" it stands for; #8: the vocabulary's parts did not add up)."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import numpy as np
import pytest

from classroom_gui.lesson.answers import seat_guesses
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.evaluate import vocabulary_sizes
from classroom_gui.model.sentence import run_sentence
from classroom_gui.model.trace_json import next_tokens
from classroom_gui.resources import teaching_model_dir

README = " ".join((Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8").split())
SEED = "The cat sat on the mat"


def number(text: str) -> int:
    return int(text.replace(",", ""))


def claim(pattern: str) -> re.Match:
    found = re.search(pattern, README)  # (lines joined: a claim may wrap)
    assert found, f"the README no longer says {pattern!r}"
    return found


@pytest.fixture(scope="module")
def model():
    if not (teaching_model_dir() / "config.json").exists():
        pytest.skip("the teaching model is not in assets/model")
    return load_checkpoint(teaching_model_dir())


def in_turn_next(model, text: str, n: int) -> list[tuple[str, float]]:
    trace = run_sentence(model, text, "causal").trace
    return [(item["token"], item["probability"]) for item in next_tokens(trace, model.tokenizer.vocab, n)]


def test_the_desk_after_on_the_shows_the_guess_the_readme_names(model):
    said = claim(r'"→ (\w+)" after "on the"').group(1)
    guesses = seat_guesses(run_sentence(model, SEED, "causal").trace)  # answer time's desks, in turn
    assert model.tokenizer.vocab[guesses[SEED.split().index("on") + 1][0]] == said
    rank = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}[
        claim(r'the sentence\'s own "mat" is its (\w+) guess').group(1)]
    assert [w for w, _ in in_turn_next(model, "The cat sat on the", 10)].index("mat") + 1 == rank


def test_the_places_after_the_cat_sat_on_the(model):
    listed = re.findall(r"(\w+) (0\.\d\d)", claim(r'After "The cat sat on the" the answers are places \(([^)]*)\)')
                        .group(1))
    assert listed  # (a list no longer read as "word 0.12" pairs is a README that stopped saying them: review34 #7)
    shown = in_turn_next(model, "The cat sat on the", len(listed))
    assert [(w, f"{p:.2f}") for w, p in shown] == listed


def test_cat_listens_most_to_mat_and_sat_in_discussion(model):
    found = claim(r'layer 1 head 1 gives "cat"\'s two largest shares to (\w+) \((0\.\d\d)\) and (\w+) \((0\.\d\d)\)')
    row = run_sentence(model, SEED, "none").trace.layers[0].head(0).weights[SEED.split().index("cat")]
    top = np.argsort(-row, kind="stable")[:2]
    assert [(SEED.split()[i], f"{row[i]:.2f}") for i in top] == [found.group(1, 2), found.group(3, 4)]


def test_the_readme_trace_command_shows_that_share(model, capsys):
    from classroom_gui.cli import main

    line = claim(r"## Looking at the numbers ``` (classroom-gui trace [^`]*?) ```").group(1)
    argv = shlex.split(line)[1:]
    argv = argv[: argv.index("--json")] if "--json" in argv else argv  # (the picture's numbers, not a file)
    assert main(argv) == 0
    table = capsys.readouterr().out.split("layer 1 head 1")[1].splitlines()
    names, cat = table[1].split(), next(r.split() for r in table[2:] if r.split()[0] == "cat")
    said = claim(r'layer 1 head 1\'s row "cat" gives (\w+) (0\.\d\d)')
    assert cat[1 + names.index(said.group(1))] == said.group(2)


def test_the_vocabulary_and_parameters_add_up(model):
    found = claim(r"vocabulary has ([\d,]+) tokens: ([\d,]+) English and ([\d,]+) Japanese words .*?, ([\d,]+) "
                  r"single-character pieces, and `<unk>` and `<mask>`")
    total, english, japanese, pieces = map(number, found.groups())
    sizes = vocabulary_sizes(model.tokenizer)
    assert (total, english, japanese, pieces) == (sizes["total"], sizes["english_words"], sizes["japanese_words"],
                                                  sizes["pieces"])
    assert english + japanese + pieces + 2 == total and model.tokenizer.vocab[:2] == ["<unk>", "<mask>"]
    params = number(claim(r"a context of \d+ words, ([\d,]+) parameters").group(1))  # the model's, not any count
    assert params == sum(int(np.asarray(a).size) for a in model.params.values())
