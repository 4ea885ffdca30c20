"""polish11: the words of the program live in messages/strings/<lang>.json, owned by the bottom layer that reads them
(messages.strings read lesson/strings by path before), and every key the code names is in every language."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import classroom_gui
from classroom_gui.messages import strings
from classroom_gui.messages.strings import LANGUAGES, table

PACKAGE = Path(classroom_gui.__file__).resolve().parent
KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")
FILE_NAMES = {"safetensors", "bin", "pt", "pth", "pkl", "ckpt", "png", "pdf", "json"}  # "model.safetensors": a file


def _named(paths) -> tuple[set[str], set[str]]:
    """(keys, key prefixes) the package's source names: every string literal shaped as a key whose first part is a
    key's ("cli.wrote"), and the literal start of every key put together ("ui.rule_" + rule, f"edit.what_{kind}")."""
    starts = {key.split(".")[0] for key in table("en")}
    keys, prefixes = set(), set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                node = node.values[0]  # an f-string's literal start
                if isinstance(node.value, str) and node.value.split(".")[0] in starts and "." in node.value:
                    prefixes.add(node.value)
                continue
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.fullmatch(node.value)):
                continue
            if node.value.split(".")[0] not in starts or node.value.rsplit(".", 1)[1] in FILE_NAMES:
                continue
            (prefixes if node.value.endswith("_") else keys).add(node.value)
    return keys, prefixes


def test_every_key_the_code_names_is_in_every_language():
    keys, prefixes = _named(PACKAGE.rglob("*.py"))
    assert len(keys) >= 400 and len(prefixes) >= 10  # the scan finds the code's keys (545 and 17 when written)
    assert {"cli.wrote", "cli.help.text", "name.quote", "worksheet.error.too_short"} <= keys
    for lang in LANGUAGES:
        assert sorted(keys - set(table(lang))) == [], lang
        assert [p for p in prefixes if not any(k.startswith(p) for k in table(lang))] == [], lang


def test_a_misspelt_key_would_be_found(tmp_path):
    (tmp_path / "typo.py").write_text('SAID = text("en", "cli.wrot") + text("en", f"ui.rul_{1}")\n', encoding="utf-8")
    keys, prefixes = _named([tmp_path / "typo.py"])
    assert keys == {"cli.wrot"} and "cli.wrot" not in table("en")
    assert prefixes == {"ui.rul_"} and not any(k.startswith("ui.rul_") for k in table("en"))


def test_the_strings_are_the_bottom_layers_own_files():
    assert strings._DIR == PACKAGE / "messages" / "strings"
    assert set(LANGUAGES) == {p.stem for p in strings._DIR.glob("*.json")} and LANGUAGES[0] == "en"
    assert not (PACKAGE / "lesson" / "strings").exists()
    source = (PACKAGE / "messages" / "strings.py").read_text(encoding="utf-8")
    assert '"lesson"' not in source and "parent.parent" not in source  # no path into an upper layer
    assert set(table("ja")) == set(table("en"))
