"""student39 #4: `classroom-gui trace`'s tables wrote a word that sits twice with no seat ("the" and "the"); the
worksheet wrote "1 others: seats 4" for one student left over; `export -o ""` printed the whole usage before its
one line. Now: "the(1)" and "the(4)" in the tables (and the last student with its seat where the next words are
listed), "1 other: seat 6" (ja: no 「まとめて」, "put together", for one), and `-o ""` is refused in one line like other bad input."""
from __future__ import annotations

import re

import pytest

from classroom_gui.cli import main
from classroom_gui.model.sentence import run_sentence

T = ["--text", "The cat sat on the mat"]


def test_trace_tables_tell_a_repeated_word_by_its_seat(capsys):
    assert main(["trace", "--text", "the dog saw the dog"]) == 0
    out = capsys.readouterr().out
    table = out.split("layer 1 head 1:", 1)[1].split("\n\n", 1)[0].splitlines()
    header, rows = table[1].split(), [r.split()[0] for r in table[2:]]
    assert header == ["the(1)", "dog(2)", "saw", "the(4)", "dog(5)"], table
    assert rows == header, table
    assert re.search(r'next word after "dog" \(seat 5\)', out), out[-400:]


def test_trace_tables_keep_a_long_repeated_words_seat(capsys):
    """A name wider than its column is cut before its seat, never the seat (8 columns at most)."""
    assert main(["trace", "--text", "because because"]) == 0
    table = capsys.readouterr().out.split("layer 1 head 1:", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [c[-3:] for c in table[1].split()] == ["(1)", "(2)"], table


@pytest.mark.parametrize("lang, one, wrong", [("en", "1 other: seat ", "1 others"),
                                              ("ja", "ほか1人：", "まとめて")])
def test_one_student_left_over_is_said_as_one(checkpoint, lang, one, wrong):
    from classroom_gui.export.worksheet_pdf import worksheet_html
    from classroom_gui.lesson.worksheet import build_worksheet

    trace = run_sentence(checkpoint, "The cat sat on the mat", "none").trace  # "cat" hears 6: 5 rows and 1 other
    ws = build_worksheet(trace, 1, 0, 0, lang, cli=True)
    assert len(ws.others) == 1
    page = worksheet_html(ws, "model").replace("\u2060", "")  # (the student's page and the key's; no word joiners)
    assert one in page and wrong not in page, page
    if lang == "en":
        assert "+ the other student" in page and "the other 1" not in page, page


def test_two_students_left_over_keep_the_plural(checkpoint):
    from classroom_gui.export.worksheet_pdf import others_name
    from classroom_gui.lesson.worksheet import build_worksheet

    trace = run_sentence(checkpoint, "The cat sat on the mat and", "none").trace
    ws = build_worksheet(trace, 1, 0, 0, "en", cli=True)
    assert len(ws.others) == 2 and others_name(ws).startswith("2 others: seats ")


@pytest.mark.parametrize("command", ["export", "deck", "worksheet"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_empty_output_name_is_one_line(capsys, tmp_path, monkeypatch, command, lang):
    monkeypatch.chdir(tmp_path)
    assert main([command, *T, "--lang", lang, "-o", ""]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "usage" not in err[0] and "使い方" not in err[0], err
    assert list(tmp_path.iterdir()) == []
