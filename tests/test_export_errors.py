"""polish7: the exports raise a message key and its values (export.errors), not English for the window to translate
back. Every place that makes an ExportError or a Phrase names a key of messages/strings that English and Japanese
both have, with exactly the values the two sentences use; str() is the CLI's English, the window says it in its
language."""
from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import classroom_gui
from classroom_gui.lesson.strings import LANGUAGES, table
from helpers import ENGLISH_NAMES_FEWER

PACKAGE = Path(classroom_gui.__file__).resolve().parent
MAKERS = {"ExportError", "Phrase", "WorksheetError", "CliRefusal", "EditError", "GalleryError"}


def _made() -> list[tuple[str, int, ast.Call]]:
    """(file, line, call) of every ExportError, WorksheetError, CliRefusal, EditError and Phrase made in the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                if name in MAKERS:
                    found.append((str(path.relative_to(PACKAGE)), node.lineno, node))
    return found


def _keys(node: ast.expr) -> list[str]:
    """The keys a call's first argument can be: a literal, or either side of `a if … else b`; [] for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        both = _keys(node.body), _keys(node.orelse)
        return both[0] + both[1] if all(both) else []
    return []


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_export_error_names_a_key_both_languages_say_with_its_values():
    made = _made()
    assert len(made) >= 30  # the exports' checks, the file writer's reasons, the CLI's and the formats'
    keys = set()
    for where, line, call in made:
        if where in ("export/errors.py", "messages/phrase.py"):  # the classes themselves pass their arguments on
            continue
        if where == "model/whatif.py" and call.args and isinstance(call.args[0], ast.Name):
            continue  # _whole raises its caller's key (edit.whole_*: test_cli_language_notes says each)
        named = _keys(call.args[0]) if call.args else []
        assert named, f"{where}:{line}: the first argument must be a message key (or a choice of two), not a sentence"
        given = {k.arg for k in call.keywords}
        assert len(call.args) == 1 and None not in given, f"{where}:{line}: values are passed by name"
        keys.update(named)
        for key in named:
            for lang in LANGUAGES:
                assert key in table(lang), f"{where}:{line}: {key} has no {lang} sentence"
                fields = _fields(table(lang)[key])
                assert fields == given or (key in ENGLISH_NAMES_FEWER and lang == "en" and fields < given), (where, line, lang, key)
    assert "error.cancelled" in table("ja")  # Cancelled's own key (errors.py)
    assert len(keys) >= 30


def test_no_export_message_is_english_in_japanese():
    for key in [k for k in table("en") if k.startswith("error.")]:
        assert table("ja")[key] != table("en")[key], key  # error.os too: its reason is said in Japanese (polish8)


def test_str_is_the_clis_english_and_said_gives_the_windows_language():
    from classroom_gui.export.errors import ExportError, said
    from classroom_gui.export.moments import chapter_key
    from classroom_gui.export.sizes import parse_size
    from classroom_gui.scene.limits import MAX_SIDE, MIN_SIDE

    with pytest.raises(ExportError) as caught:
        parse_size("2x2")
    assert str(caught.value) == f"size 2x2 is out of range ({MIN_SIDE} to {MAX_SIDE} pixels a side)"
    assert said(caught.value, "ja") == f"大きさ2x2は範囲の外です（1辺{MIN_SIDE}〜{MAX_SIDE}ピクセル）。"
    with pytest.raises(ExportError) as caught:
        chapter_key("nope")
    assert str(caught.value).startswith("unknown chapter 'nope'; choose a number 0-")
    assert said(caught.value, "ja").startswith("「nope」という章はありません。")
    assert said(caught.value, "en") == str(caught.value)
    assert said(ValueError("plain"), "ja") == "plain"  # an error of another kind says itself


def test_a_list_of_file_types_says_a_folder_in_the_windows_language(tmp_path):
    from classroom_gui.export.errors import said
    from classroom_gui.export.files import ExportError, check_target
    from classroom_gui.export.formats import DECKS

    with pytest.raises(ExportError) as caught:
        check_target(tmp_path / "x.doc", DECKS)
    assert "a folder" in str(caught.value) and "a folder" not in said(caught.value, "ja")
    assert "フォルダー" in said(caught.value, "ja") and "'.doc'" in str(caught.value)
