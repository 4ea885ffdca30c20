"""teacher7 M3: export, deck and video refuse in --lang, as worksheet does (English unchanged without it); a name
too long for the system is said with the errno reasons, not as Python's "[Errno 36] …: '…'"."""
from __future__ import annotations

import pytest

from classroom_gui.cli import main

SENTENCE = ("--text", "猫がマットの上に座った")
OUTPUT = {"export": "x.png", "deck": "x.pptx", "video": "x.mp4"}


def _refusal(capsys, command: str, output: str, *lang: str) -> str:
    size = () if command == "worksheet" else ("--size", "160x90")
    assert main([command, *SENTENCE, *size, *lang, "-o", output]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip() and not line.startswith(("note", "注："))]
    assert len(lines) == 1 and "Traceback" not in lines[0], lines
    where, said = lines[0].split("：エラー：" if "ja" in lang else ": error: ", 1)  # teacher9 L1: "error:" in --lang too
    assert where == f"classroom-gui {command}"
    return said


@pytest.mark.parametrize("command", sorted(OUTPUT))
def test_a_missing_folder_is_refused_in_the_chosen_language(capsys, tmp_path, command):
    target = str(tmp_path / "nodir" / OUTPUT[command])
    assert _refusal(capsys, command, target, "--lang", "ja") == f"{tmp_path / 'nodir'}：フォルダーが見つかりません。"
    assert _refusal(capsys, command, target) == f"{tmp_path / 'nodir'}: folder not found"  # as it always read


@pytest.mark.parametrize("command", sorted(OUTPUT))
def test_a_focus_that_is_no_student_is_refused_in_the_chosen_language(capsys, tmp_path, command):
    said = _refusal(capsys, command, str(tmp_path / OUTPUT[command]), "--lang", "ja", "--focus", "犬")
    assert "犬" in said and "「" in said and not said.isascii()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["export", "deck", "video", "worksheet"])
def test_a_name_too_long_says_so_in_words(capsys, tmp_path, command):
    target = tmp_path / ("あ" * 90 + (".pdf" if command == "worksheet" else "." + OUTPUT[command].split(".")[1]))
    args = ["--focus", "座った"] if command == "worksheet" else []
    ja = _refusal(capsys, command, str(target), "--lang", "ja", *args)
    en = _refusal(capsys, command, str(target), *args)
    assert ja == f"{target}：ファイル名が長すぎます。"
    assert en == f"{target}: File name too long"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command, args, ja, en", [
    ("export", ["--size", "huge", "-o", "x.png"], "1080p、4k、4:3、720p", "1080p, 4k, 4:3, 720p"),
    ("export", ["-o", "x.txt"], ".png、.svg、.pdf", ".png, .svg, .pdf"),
])
def test_a_japanese_refusal_lists_with_the_japanese_comma(capsys, tmp_path, command, args, ja, en):
    """review10: "1080p, 4k, 4:3, 720pのどれか", "使えるのは.png, .svg, .pdfです" listed with ASCII commas."""
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    assert main([command, *SENTENCE, "--lang", "ja", *args]) == 2
    said = capsys.readouterr().err
    assert ja in said and ", " not in said
    assert main([command, *SENTENCE, *args]) == 2
    assert en in capsys.readouterr().err  # English as it always read
