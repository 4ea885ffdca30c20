"""house2: a model file beyond a limit (model.limits.LimitError) is refused with a key of messages/strings
("limit.…"), so its reason reads in the reader's language: the English is as it was, the Japanese is Japanese,
through the gallery's refusal and a model folder's (the CLI's --lang, the window)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from classroom_gui.cli import main
from classroom_gui.model import CheckpointError, load_checkpoint
from classroom_gui.model import limits
from classroom_gui.model.gallery import GalleryError, read_examples
from classroom_gui.model.limits import LimitError

from helpers import random_checkpoint

KANA = re.compile(r"[\u3040-\u30ff]")


def refusals(tmp: Path) -> dict[str, tuple[object, str]]:
    """Per key of messages/strings, a call that meets it on a real file, and the English it said before the keys."""
    big, text, folder = tmp / "big.json", tmp / "latin1.txt", tmp / "folder"
    big.write_text(" " * 3000 + "[]", encoding="utf-8")
    text.write_bytes(b"caf\xe9")
    folder.mkdir()
    return {
        "limit.missing": (lambda: limits.read_json(tmp / "gone.json", 100), f"{tmp / 'gone.json'}: file not found"),
        "limit.folder": (lambda: limits.read_json(folder, 100), f"{folder}: is a folder, not a file"),
        "limit.too_large": (lambda: limits.read_json(big, 1024),
                            f"{big}: 2.9 kB is too large for this file (limit 1.0 kB)"),
        "limit.grew": (lambda: limits.read_bytes(Path("/dev/zero"), 1024),  # (a size of 0 that reads on)
                       "/dev/zero: larger than the limit of 1.0 kB for this file"),
        "limit.not_utf8": (lambda: limits.read_text(text, 100),
                           f"{text}: malformed text (not UTF-8: unexpected end of data at byte 3)"),
        "limit.json": (lambda: limits.parse_json("[", "x.json"),
                       "x.json: malformed JSON (Expecting value: line 1 column 2 (char 1))"),
        "limit.json_deep": (lambda: limits.parse_json("[" * 100_000, "x.json"),
                            "x.json: JSON nested too deeply"),
        "limit.json_unreadable": (lambda: limits.parse_json("1" * 5000, "x.json"), None),
    }


@pytest.mark.parametrize("key", ["limit.missing", "limit.folder", "limit.too_large", "limit.grew", "limit.not_utf8",
                                 "limit.json", "limit.json_deep", "limit.json_unreadable"])
def test_every_limit_says_its_english_as_before_and_japanese_in_japanese(tmp_path, key):
    call, english = refusals(tmp_path)[key]
    with pytest.raises(LimitError) as caught:
        call()
    error = caught.value
    assert error.phrase.key == key
    if english is not None:
        assert str(error) == english
    else:  # Python's own words for a giant integer, shortened
        assert str(error).startswith("x.json: unreadable JSON (Exceeds the limit (4300 digits)")
    ja = error.phrase.said("ja")
    path = str(error.phrase.values["path"])
    assert ja.startswith(f"{path}：") and KANA.search(ja) and ja != str(error)
    assert "file" not in ja.replace(path, "") and "JSON nested" not in ja


def test_a_damaged_gallery_says_the_limits_reason_in_japanese(tmp_path):
    path = tmp_path / "examples.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(GalleryError) as caught:
        read_examples(path)
    assert str(caught.value) == f"{path}: JSON nested too deeply"
    assert caught.value.phrase.said("ja") == f"例文ギャラリーのファイルを読めません（{path}：JSONの入れ子が深すぎます）。"


def test_a_model_whose_config_is_too_large_is_refused_in_the_commands_language(tmp_path, capsys):
    folder = tmp_path / "m"
    random_checkpoint(folder)
    config = folder / "config.json"
    config.write_text(json.dumps(json.loads(config.read_text(encoding="utf-8"))) + " " * (2 << 20), encoding="utf-8")
    with pytest.raises(CheckpointError) as caught:
        load_checkpoint(folder)
    assert str(caught.value) == f"{config}: 2.0 MB is too large for this file (limit 1.0 MB)"
    for lang, said in (("en", f"{config}: 2.0 MB is too large for this file (limit 1.0 MB)"),
                       ("ja", f"{config}：2.0 MBあります。このファイルの上限（1.0 MB）を超えています。")):
        assert main(["trace", "--text", "the cat", "--model", str(folder), "--lang", lang]) == 2
        out, err = capsys.readouterr()
        assert out == "" and said in err and "Traceback" not in err, err


def test_a_tokenizer_file_too_large_keeps_its_phrase_through_the_checkpoints_refusal(tmp_path, monkeypatch):
    folder = tmp_path / "m"
    random_checkpoint(folder)
    tokenizer = folder / "tokenizer.json"
    monkeypatch.setattr(limits, "TOKENIZER_BYTES", tokenizer.stat().st_size - 1)  # (64 MB written otherwise)
    with pytest.raises(CheckpointError) as caught:
        load_checkpoint(folder)
    assert caught.value.phrase.key == "model.unreadable"
    assert caught.value.phrase.said("ja").startswith(f"{tokenizer}：") and "上限" in caught.value.phrase.said("ja")


def test_the_windows_box_gives_a_model_files_limit_in_its_language(qtbot, checkpoint, tmp_path, monkeypatch):
    from classroom_gui.view import window_jobs
    from classroom_gui.view.window import MainWindow

    folder = tmp_path / "m"
    random_checkpoint(folder)
    config = folder / "config.json"
    config.write_text(config.read_text(encoding="utf-8") + " " * (2 << 20), encoding="utf-8")
    with pytest.raises(CheckpointError) as caught:
        load_checkpoint(folder)
    boxes = []
    monkeypatch.setattr(window_jobs, "warn", lambda parent, title, said, detail="": boxes.append((said, detail)))
    w = MainWindow(checkpoint, store={})
    qtbot.addWidget(w)
    w.set_language("ja")
    w.model_unreadable(folder, caught.value, "ui.model_unreadable")
    assert boxes == [("フォルダー「m」のモデルを読めません。クラスはそのままです。",  # the details: Japanese too
                      f"{config}：2.0 MBあります。このファイルの上限（1.0 MB）を超えています。")]


def test_a_refusals_reason_in_japanese_has_no_pythons_english(tmp_path):
    """jareview 8: the byte counted from 1 without Python's reason, the JSON's line and column, the system's reason
    in the reader's language (messages.reasons.SystemReason); the English stays as it was."""
    text, plain = tmp_path / "latin1.txt", tmp_path / "plain"
    text.write_bytes(b"caf\xe9")
    plain.write_text("x", encoding="utf-8")
    for call, english, japanese in (
            (lambda: limits.read_text(text, 100),
             f"{text}: malformed text (not UTF-8: unexpected end of data at byte 3)",
             f"{text}：UTF-8のテキストではありません（先頭から4バイト目）"),
            (lambda: limits.parse_json('{"a": 1,\n  }', "x.json"),
             "x.json: malformed JSON (Expecting property name enclosed in double quotes: line 2 column 3 (char 11))",
             "x.json：JSONの書き方が正しくありません（2行3文字目）"),
            (lambda: limits.read_json(plain / "config.json", 100),
             f"{plain / 'config.json'}: cannot be read (Not a directory)",
             f"{plain / 'config.json'}：読めません（途中の名前がフォルダーではありません）")):
        with pytest.raises(LimitError) as caught:
            call()
        assert (str(caught.value), caught.value.phrase.said("ja")) == (english, japanese)
