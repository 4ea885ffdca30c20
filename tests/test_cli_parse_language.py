"""teacher9 L1: the command line's last English under --lang ja. argparse's "usage:" and every refusal's "error:"
are Japanese there (「使い方：」「エラー：」); `video --chapters 5` is refused with video's usage, not the top-level
one; a --lang before the command (`classroom-gui --lang ja`) is told where it goes instead of 「COMMANDに「ja」は
選べません」; the --fps refusal names the option. Without --lang every line reads as before."""
from __future__ import annotations

from classroom_gui.cli import _report
from classroom_gui.messages.fit import columns
from helpers import cli_err

VIDEO = ["video", "--text", "猫がマットの上に座った", "--size", "160x90", "--from", "softmax", "--to", "softmax"]


def test_usage_and_error_are_japanese_under_lang_ja_and_the_usage_stays_aligned(capsys, tmp_path):
    code, lines = cli_err(capsys, ["export", "--lang", "ja", "--text", "猫"])
    assert code == 2 and lines[-1] == "classroom-gui export：エラー：-o/--outputを指定してください。"
    assert lines[0].startswith("使い方：classroom-gui export [-h]") and len(lines) > 2
    # the wrapped lines start under the first option, as argparse lays them out after "usage: "
    indent = columns("使い方：classroom-gui export ")
    assert all(columns(line) - columns(line.lstrip(" ")) == indent for line in lines[1:-1]), lines
    code, lines = cli_err(capsys, ["export", "--text", "猫"])
    assert code == 2 and lines[-1] == "classroom-gui export: error: the following arguments are required: -o/--output"
    assert lines[0].startswith("usage: classroom-gui export [-h]")
    assert all(len(line) - len(line.lstrip(" ")) == len("usage: classroom-gui export ") for line in lines[1:-1])


def test_a_commands_own_refusal_says_error_in_its_language(capsys, tmp_path):
    out = str(tmp_path / "v.gif")
    assert cli_err(capsys, [*VIDEO, "--fps", "500", "--lang", "ja", "-o", out])[1][-1] == (
        "classroom-gui video：エラー：--fpsは500ではなく、1〜120にしてください。")
    assert cli_err(capsys, [*VIDEO, "--fps", "500", "-o", out])[1][-1] == (
        "classroom-gui video: error: --fps must be between 1 and 120, not 500")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_option_after_a_command_shows_that_commands_usage(capsys, tmp_path):
    out = str(tmp_path / "v.mp4")
    code, lines = cli_err(capsys, [*VIDEO, "--chapters", "5", "-o", out])
    assert code == 2 and lines[0].startswith("usage: classroom-gui video [-h]")
    assert lines[-1] == "classroom-gui video: error: unrecognized arguments: --chapters 5"
    code, lines = cli_err(capsys, [*VIDEO, "--chapters", "5", "-o", out, "--lang", "ja"])
    assert code == 2 and lines[0].startswith("使い方：classroom-gui video [-h]")
    assert lines[-1] == "classroom-gui video：エラー：読めない指定があります：--chapters 5"
    # one before the command is still the top-level parser's
    assert cli_err(capsys, ["--bogus", "trace", "--text", "猫"]) == (
        2, ["usage: classroom-gui [-h] [--version] [-v] [--model DIR] COMMAND ...",
            "classroom-gui: error: unrecognized arguments: --bogus"])
    assert list(tmp_path.iterdir()) == []


def test_a_lang_before_the_command_is_told_where_it_goes(capsys):
    for argv in (["--lang", "ja"], ["--lang", "ja", "trace", "--text", "猫"], ["-v", "--lang=ja"],
                 ["--model", "trace", "--lang", "ja"]):  # "trace" here is --model's folder, not the command
        code, lines = cli_err(capsys, argv)
        assert code == 2 and lines[0].startswith("使い方：classroom-gui ")
        assert lines[-1] == ("classroom-gui：エラー：--langはコマンドのあとに書いてください（例：classroom-gui export "
                             "--lang ja …）。ウィンドウの言語は、ツールバーの「言語：」で選べます。"), lines
    code, lines = cli_err(capsys, ["--lang", "en"])
    assert code == 2 and lines[-1] == ("classroom-gui: error: --lang goes after the command, e.g. classroom-gui export "
                                       "--lang ja …; the window's language is chosen in its toolbar (Language:)")
    # after the command it is that command's option
    assert cli_err(capsys, ["trace", "--text", "", "--lang", "ja"])[1][-1].startswith("classroom-gui trace：エラー：文が空")
    # after a mistyped command it is the command that is wrong, not where --lang sits (review13)
    for argv, said in ((["expor", "--lang", "ja", "--text", "猫"], "classroom-gui：エラー：COMMANDに「expor」は選べません。"),
                       (["bogus", "--lang", "en"], "classroom-gui: error: argument COMMAND: invalid choice: 'bogus'")):
        code, lines = cli_err(capsys, argv)
        assert code == 2 and lines[-1].startswith(said), lines


def test_the_last_resort_lines_follow_the_language(capsys):
    assert _report(MemoryError(), "classroom-gui export", "ja") == 2
    assert capsys.readouterr().err == "classroom-gui export：エラー：メモリが足りません。短い文か小さいサイズで試してください。\n"
    assert _report(MemoryError(), "classroom-gui export") == 2
    assert capsys.readouterr().err == ("classroom-gui export: error: not enough memory for this (try a shorter sentence "
                                       "or a smaller size)\n")
    assert _report(ZeroDivisionError("division  by zero"), "classroom-gui trace") == 2
    assert capsys.readouterr().err == ("classroom-gui trace: error: ZeroDivisionError: division by zero (this is a bug; "
                                       "run again with --verbose for the details)\n")
    assert _report(ZeroDivisionError("x"), "classroom-gui trace", "ja") == 2
    assert capsys.readouterr().err.startswith("classroom-gui trace：エラー：ZeroDivisionError：x（プログラムの不具合です。")


def test_a_model_named_before_the_command_is_the_commands_model(capsys, tmp_path):
    """review13: `classroom-gui --model DIR trace …` took --model as the window's and traced the teaching model,
    silently. The command uses it (its own --model, when given too, wins)."""
    gone = tmp_path / "gone"
    code, lines = cli_err(capsys, ["--model", str(gone), "trace", "--text", "the cat"])
    assert code == 2 and lines[-1] == f"classroom-gui trace: error: {gone}: model folder not found"
    code, lines = cli_err(capsys, ["--model", str(gone), "trace", "--text", "the cat", "--model", str(tmp_path / "own")])
    assert code == 2 and lines[-1].endswith(f"{tmp_path / 'own'}: model folder not found")
