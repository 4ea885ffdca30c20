"""polish12: `classroom-gui examples --lang ja` said "no gallery: … file not found" in English, and the window's
Examples item told a damaged gallery's problem in English in a Japanese window; a GalleryError is now a key of
messages/strings and its values (messages.phrase), its English unchanged."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.gallery import GalleryError, gallery_of, load_gallery

from helpers import random_checkpoint

FIXTURE = Path(__file__).parent / "fixtures" / "examples.json"
LATIN_PROSE = re.compile(r"\b(?:no|gallery|file|found|example|must|expected|missing|one|of|not)\b")


def _reads_as_japanese(message: str, path: Path) -> None:
    prose = re.sub(r"\b(?:mask|none|causal|JSON)\b", "", message.replace(str(path), ""))
    assert not LATIN_PROSE.search(prose) and not re.search(r"[(),:;]", prose) and message.endswith("。"), message


@pytest.mark.parametrize("damage, english, japanese", [
    (None, "file not found", "ファイルが見つかりません。"),
    ("{}", "expected a non-empty JSON list of examples", "例文のJSONのリストになっていないか、空です。"),
    ("mask", "example 1: 'mask' must be 'none' or 'causal', not 'sometimes'",
     "1番目の例文：maskはnoneかcausalにしてください（いまはsometimes）。")])
def test_examples_refuses_a_missing_or_damaged_gallery_in_its_language(capsys, tmp_path, damage, english, japanese):
    random_checkpoint(tmp_path)
    path = tmp_path / "examples.json"
    if damage == "mask":
        entries = json.loads(FIXTURE.read_text(encoding="utf-8"))
        entries[0]["mask"] = "sometimes"
        path.write_text(json.dumps(entries), encoding="utf-8")
    elif damage is not None:
        path.write_text(damage, encoding="utf-8")
    assert main(["examples", "--model", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"classroom-gui examples: error: no gallery: {path}: {english}\n"
    assert main(["examples", "--lang", "ja", "--model", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == f"classroom-gui examples：エラー：例文ギャラリーがありません：{path}：{japanese}\n"
    _reads_as_japanese(err.split("：エラー：", 1)[1].strip(), path)


def test_every_entry_check_is_said_in_japanese(tmp_path):
    entry = json.loads(FIXTURE.read_text(encoding="utf-8"))[0]
    for damage in ([1], [{"text": "a"}], [dict(entry, text=" ")], [dict(entry, lang="fr")], [dict(entry, focus=0)],
                   [dict(entry, layer=0)], [dict(entry, expect_top=[])], [dict(entry, what={"en": "x"})]):
        path = tmp_path / "examples.json"
        path.write_text(json.dumps(damage), encoding="utf-8")
        with pytest.raises(GalleryError) as caught:
            load_gallery(path)
        _reads_as_japanese(caught.value.phrase.said("ja"), path)
        assert gallery_of(tmp_path)[1].phrase.said("ja") == caught.value.phrase.said("ja")


def test_the_windows_examples_item_says_a_damaged_gallerys_problem_in_japanese(qtbot, tmp_path):
    from classroom_gui.model.checkpoint import load_checkpoint
    from classroom_gui.view.window import MainWindow

    random_checkpoint(tmp_path)
    (tmp_path / "examples.json").write_text("{}", encoding="utf-8")
    w = MainWindow(load_checkpoint(tmp_path), store={})
    qtbot.addWidget(w)
    examples = w.menu_actions["examples"]
    assert examples.toolTip().endswith("expected a non-empty JSON list of examples") and not examples.isEnabled()
    w.set_language("ja")
    assert examples.toolTip() == f"{tmp_path / 'examples.json'}：例文のJSONのリストになっていないか、空です。"
