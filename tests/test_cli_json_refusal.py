"""teacher11 M3: `quiz`, `trace` and `examples` with --lang ja and a --json path that cannot be written said
"cannot write the JSON: …" in English (cli_table.write_atomic); it is a keyed refusal now, said in --lang as every
other refusal of these commands, its English as it always read, and no file is left behind."""
from __future__ import annotations

import pytest

from classroom_gui.cli import main

COMMANDS = {"trace": ["--text", "The cat sat on the mat"], "quiz": ["--text", "The cat sat on the mat"],
            "examples": []}


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unwritable_json_is_refused_in_the_commands_language(tmp_path, capsys, command):
    target = tmp_path / "no such folder" / "out.json"
    assert main([command, *COMMANDS[command], "--lang", "ja", "--json", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"classroom-gui {command}：エラー：JSONを書き出せません。") and err.endswith("。\n")
    assert str(target.parent) in err  # the folder that is not there, and why, in Japanese
    assert "cannot" not in err and "error:" not in err and err.count("\n") == 1
    assert main([command, *COMMANDS[command], "--json", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"classroom-gui {command}: error: cannot write the JSON: {target.parent}") and err.count("\n") == 1
    assert not target.parent.exists()
