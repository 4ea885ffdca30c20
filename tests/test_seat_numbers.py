"""One seat numbering where a user reads one: `trace` lists the students by seat from 1, as the desks,
`--focus` and `--set` count (it listed them from 0, so "1 cat" while `--focus 1` picked "The"); a what-if
edit's JSON keeps its fields from 0 (as before) and adds its seats from 1 and the edit as `--set` takes it,
which reads back to the same edit."""
from __future__ import annotations

import json
import re

from classroom_gui.cli import main
from classroom_gui.model.whatif import parse_edit


def test_trace_lists_students_by_seat_from_1(capsys):
    assert main(["trace", "--text", "The cat sat on the mat", "--mask", "none"]) == 0
    out = capsys.readouterr().out
    rows = re.findall(r"^\s+(\d+)\s+(\S+)\s+id\s+\d+", out, re.M)
    assert rows[:6] == [("1", "The"), ("2", "cat"), ("3", "sat"), ("4", "on"), ("5", "the"), ("6", "mat")]
    assert "seat" in out.split("layer 1 head 1")[0]


def test_focus_and_trace_name_the_same_student(capsys, tmp_path):
    main(["trace", "--text", "猫がマットの上に座った"])
    listed = dict(re.findall(r"^\s+(\d+)\s+(\S+)\s+id\s+\d+", capsys.readouterr().out, re.M))
    out = tmp_path / "x.json"
    assert main(["export", "--text", "猫がマットの上に座った", "--lang", "ja", "--focus", "3", "--size", "160x90",
                 "-o", str(tmp_path / "x.png"), "--json", str(out)]) == 0
    numbers = json.loads(out.read_text(encoding="utf-8"))
    seat = numbers["selection"]["focus_seat"]
    assert seat == 3 and listed["3"] == "マット"
    assert [s["text"] for s in numbers["students"] if s["seat"] == seat] == ["マット"]


def test_an_edits_json_says_its_seats_from_1_and_reads_back(capsys, tmp_path):
    out = tmp_path / "t.json"
    assert main(["trace", "--text", "The cat sat on the mat", "--set", "score[1,2,cat,mat]=2.5",
                 "--set", "q[2,1,4,3]=-1", "--set", "mask[1,2,1]=1", "--json", str(out)]) == 0
    tokens = ["The", "cat", "sat", "on", "the", "mat"]
    edits = json.loads(out.read_text(encoding="utf-8"))["edits"]
    score, q, mask = edits
    assert (score["seat"], score["index"], score["seat_number"], score["classmate_seat_number"]) == (1, 5, 2, 6)
    assert (q["seat"], q["seat_number"], q["word"], q["index"]) == (3, 4, "on", 2)
    assert (mask["seat_number"], mask["classmate_seat_number"]) == (2, 1)
    assert [(e["layer_number"], e["head_number"]) for e in edits] == [(1, 2), (2, 1), (1, None)]  # as selection
    assert [e["set"] for e in edits] == ["score[1,2,2,6]=2.5", "q[2,1,4,3]=-1.0", "mask[1,2,1]=1"]
    for e in edits:  # the written form is the same edit
        again = parse_edit(e["set"], tokens, 3, 3, 8)
        assert (again.kind, again.layer, again.head, again.seat, again.index, again.value) == \
            (e["kind"], e["layer"], e["head"], e["seat"], e["index"], e["value"])
