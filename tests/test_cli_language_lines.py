"""polish9: the last English under --lang ja. export's, deck's and video's "wrote" lines (and deck's and video's
progress), quiz's and examples', the --temperature refusal, --compare's notes on the second sentence and trace's
notes are Japanese under --lang ja; without --lang they read byte for byte as before."""
from __future__ import annotations

from classroom_gui.cli import main

SMALL = ["--size", "480x270"]


def _err(capsys, argv) -> tuple[int, list[str]]:
    code = main(argv)
    return code, [line.strip("\r") for line in capsys.readouterr().err.splitlines() if line.strip()]


def test_exports_say_what_they_wrote_in_the_chosen_language(capsys, tmp_path):
    png, numbers, gif = tmp_path / "x.png", tmp_path / "x.json", tmp_path / "v.gif"
    text = ["--text", "猫がマットの上に座った", *SMALL, "--force"]  # each file written twice, once a language
    assert _err(capsys, ["export", *text, "--lang", "ja", "-o", str(png)]) == (0, [f"書き出しました：{png}"])
    assert _err(capsys, ["export", *text, "-o", str(png), "--json", str(numbers)]) == (0, [f"wrote {png} and {numbers}"])
    video = ["video", *text, "--from", "softmax", "--to", "softmax", "--fps", "1", "-o", str(gif)]
    code, lines = _err(capsys, [*video, "--lang", "ja"])
    assert code == 0 and lines[-2].startswith("コマ：") and lines[-1].startswith("書き出しました（") and lines[-1].endswith(f"）：{gif}")
    n = lines[-2].split("/")[-1]
    assert lines[-1] == f"書き出しました（{n}コマ）：{gif}"
    code, lines = _err(capsys, video)  # (English narration: its own reading pace, export.pace)
    m = lines[0].split("/")[-1]
    assert (code, lines) == (0, [f"frames: {m}/{m}", f"wrote {gif} ({m} frames)"])


def test_a_refused_temperature_and_the_second_class_notes_are_japanese(capsys, tmp_path):
    png = tmp_path / "x.png"
    base = ["export", "--text", "The cat sat", *SMALL, "-o", str(png), "--force"]
    assert _err(capsys, [*base, "--temperature", "50", "--lang", "ja"]) == (
        2, ["classroom-gui export：エラー：--temperatureは50ではなく、0.05〜20にしてください。"])
    assert _err(capsys, [*base, "--temperature", "50"]) == (
        2, ["classroom-gui export: error: --temperature must be between 0.05 and 20, not 50"])
    assert not png.exists()
    code, lines = _err(capsys, [*base, "--compare", "The   zebra sat", "--lang", "ja"])
    assert code == 0 and lines[0].startswith("注（2つ目のクラス）：") and lines[-1] == f"書き出しました：{png}"
    assert all("zebra" not in line or "「zebra」" in line for line in lines), lines
    code, lines = _err(capsys, [*base, "--compare", "The   zebra sat"])
    assert code == 0 and lines == ["note (second class): the class reads runs of spaces, tabs and line breaks as one space",
                                   "note (second class): unknown to the model: zebra (the model reads it as pieces)",
                                   f"wrote {png}"]


def test_trace_says_its_notes_and_refusals_in_the_chosen_language(capsys, tmp_path):
    numbers = tmp_path / "t.json"
    code, lines = _err(capsys, ["trace", "--text", "The zebra sat", "--json", str(numbers), "--lang", "ja"])
    assert code == 0 and lines[0].startswith("注：") and "「zebra」" in lines[0]
    assert lines[-1] == f"書き出しました：{numbers}"
    assert _err(capsys, ["trace", "--text", "The zebra sat", "--json", str(numbers), "--force"]) == (
        0, ["note: unknown to the model: zebra (the model reads it as pieces)", f"wrote {numbers}"])
    assert _err(capsys, ["trace", "--text", " ", "--lang", "ja"]) == (
        2, ["classroom-gui trace：エラー：文が空です。単語をいくつか入力してください（例：「猫がマットの上に座った」）。"])


def test_argparse_refusals_are_said_in_the_command_lines_language(capsys, tmp_path):
    """teacher8 L6: `quiz --lang ja` without --json said argparse's "the following arguments are required" in
    English; the refusals argparse makes are now Japanese when the command line names --lang ja (names in 「」),
    and read as argparse writes them without it."""
    json_path = str(tmp_path / "q.json")
    for argv, ja, en in (
            (["quiz", "--text", "猫"], "--jsonを指定してください。", "the following arguments are required: --json"),
            (["export", "--text", "猫", "--mask", "foo", "-o", "x.png"],
             "--maskに「foo」は選べません。「none」、「causal」から選んでください。",
             "argument --mask: invalid choice: 'foo' (choose from 'none', 'causal')"),
            (["trace", "--text", "猫", "--top", "0"], "--top：「0」は使えません。1以上の整数を書いてください。",
             "argument --top: expected a whole number of at least 1, got '0'"),
            (["quiz", "--text", "猫", "--json", json_path, "--layer", "x"], "--layer：「x」は数ではありません。",
             "argument --layer: invalid int value: 'x'")):
        command = argv[0]
        lang = ["--lang=ja"] if command == "trace" else ["--lang", "ja"]  # either way of writing it
        code, lines = _err(capsys, [*argv, *lang])
        assert code == 2 and lines[-1] == f"classroom-gui {command}：エラー：{ja}" and lines[0].startswith("使い方：")
        code, lines = _err(capsys, argv)
        assert code == 2 and lines[-1] == f"classroom-gui {command}: error: {en}" and lines[0].startswith("usage:")
    assert not (tmp_path / "q.json").exists()


def test_a_refused_pace_says_the_number_as_typed(capsys, tmp_path):
    """teacher12 L4: `video --pace 9` said 「9.0が指定されました」 (argparse's float) after the range, in brackets: now one
    sentence says the number as typed (9, 0.1) and the range it must be in."""
    gif = tmp_path / "v.gif"
    video = ["video", "--text", "猫", *SMALL, "--fps", "1", "-o", str(gif)]
    code, lines = _err(capsys, [*video, "--pace", "9", "--lang", "ja"])
    assert code == 2 and len(lines) == 1 and lines[0].endswith("：--paceは9ではなく、0.25〜4の速さ（ウィンドウと同じ範囲）にしてください。"), lines
    code, lines = _err(capsys, [*video, "--pace", "0.1"])
    assert code == 2 and len(lines) == 1 and lines[0].endswith(": --pace must be a speed from 0.25 to 4 (as in the window), not 0.1"), lines
    assert not gif.exists()


def test_english_narration_names_a_quoted_student_without_an_apostrophe_s(checkpoint):
    """teacher12 L4: `into "は"'s new understanding` (and "が"'s, "猫"'s in five other steps): a quoted name, above all
    a Japanese one, reads badly with 's after its closing quote; every step of a Japanese class told in English."""
    from classroom_gui.lesson.state import Selection, frame_at, timeline_for
    from classroom_gui.model.sentence import compute_run

    trace = compute_run(checkpoint, "猫がマットの上に座った。犬は", mask="causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    said = [frame_at(trace, Selection(lang="en", rule=rule), timeline.beat_stop(i)).narration
            for rule in ("causal", "none") for i in range(len(timeline.beats))]
    assert any('the new understanding of "' in s for s in said)
    assert [s for s in said if "\"'s" in s] == []
