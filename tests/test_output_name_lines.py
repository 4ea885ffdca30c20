"""student35 #12: an output name's refusal is one line naming what is wrong: `-o ""` said ".: is a folder", `-o .png`
"unknown file type '(none)'", a bad --json path did not say it was the JSON's, and /proc and /sys had two wordings."""
from __future__ import annotations

from pathlib import Path

import pytest

from classroom_gui.cli import main

T = ["--text", "The cat sat on the mat"]


def refused(capsys, argv) -> str:
    code = main([str(a) for a in argv])
    err = capsys.readouterr().err.strip().splitlines()[-1]  # (argparse prints its usage first)
    assert code == 2 and "Traceback" not in err
    return err


@pytest.mark.parametrize("argv, option", [(["export", *T, "-o"], "-o/--output"), (["deck", *T, "-o"], "-o/--output"),
                                          (["worksheet", *T, "-o"], "-o/--output"), (["trace", *T, "--json"], "--json"),
                                          (["quiz", *T, "--json"], "--json")])
def test_an_empty_file_name_is_said_empty(capsys, tmp_path, monkeypatch, argv, option):
    monkeypatch.chdir(tmp_path)
    assert refused(capsys, [*argv, ""]).endswith(f"error: argument {option}: the file name is empty")
    assert refused(capsys, [*argv, " ", "--lang", "ja"]).endswith(
        f"エラー：{option}：ファイル名が空です。ファイル名を指定してください。")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command, name", [("export", ".png"), ("video", ".gif"), ("worksheet", ".pdf")])
def test_a_type_with_no_name_is_said_so(capsys, tmp_path, command, name):
    err = refused(capsys, [command, *T, "-o", tmp_path / name])
    assert err.endswith(f"{tmp_path / name}: the file name is only its type; give it a name, e.g. "
                        f"{tmp_path / ('lesson' + name)}") and "(none)" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("json, why", [("missing/x.json", "{d}/missing: folder not found"),
                                       ("x.txt", "{d}/x.txt: the numbers file must end in .json"),
                                       (".json", "{d}/.json: the file name is only its type; give it a name, e.g. "
                                                 "{d}/lesson.json")])
def test_a_bad_json_path_says_it_is_the_json(capsys, tmp_path, json, why):
    err = refused(capsys, ["export", *T, "-o", tmp_path / "ok.png", "--json", tmp_path / json])
    assert err.endswith("error: cannot write the JSON: " + why.format(d=tmp_path))  # as trace says it
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/proc").is_dir() or not Path("/sys").is_dir(), reason="Linux's /proc and /sys")
def test_proc_and_sys_are_said_alike(capsys, tmp_path):
    said = {}
    for folder in ("/proc", "/sys"):
        said[folder] = refused(capsys, ["export", *T, "-o", f"{folder}/a.png"])
        assert said[folder].endswith(f"error: {folder}: cannot write files in this folder; nothing was written. "
                                     "Choose another folder.")
        json = refused(capsys, ["export", *T, "-o", tmp_path / "ok.png", "--json", f"{folder}/a.json"])
        assert json.endswith(f"error: cannot write the JSON: {folder}: cannot write files in this folder; "
                             "nothing was written. Choose another folder.")
    assert list(tmp_path.iterdir()) == []
