"""A sweep of bad input over every subcommand (harden4): wrong types, empty sentences, unknown chapters, bad sizes,
outputs that are folders, in a folder that is missing or is a file, or in a folder nobody may write. Each is refused
with exit status 2, one refusal line in the command's --lang (argparse's usage lines may come before it) naming no
internal key and, in Japanese, no English beyond what was typed, the options and the file types; no file is left
behind and an existing output is untouched."""
from __future__ import annotations

import os
import re
from string import Formatter

import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.strings import table, text
from classroom_gui.lesson.timeline import CHAPTERS

T = ("--text", "the cat sat")
SYS = "/sys/harden4.png"  # a folder that takes no new file, even for root (a read-only folder does not stop root)

# (command line, with D standing for the test's folder; the key whose words the refusal ends with, or None)
CASES = [
    (("trace",), None),
    (("trace", "--text", ""), "sentence.empty"),
    (("trace", "--text", " \t "), "sentence.empty"),
    (("trace", *T, "--top", "x"), None),
    (("trace", *T, "--top", "0"), None),
    (("trace", *T, "--mask", "weird"), None),
    (("trace", *T, "--json", "D/adir"), None),
    (("trace", *T, "--json", "D/missing/t.json"), None),
    (("trace", *T, "--json", "D/afile/t.json"), None),
    (("trace", *T, "--json", "/sys/t.json"), None),
    (("trace", *T, "--model", "D/missing"), "model.missing"),
    (("trace", *T, "--model", "D/adir"), "model.no_weights"),
    (("trace", *T, "--model", "D/pickled"), "model.pickled"),
    (("export", *T, "--model", "D/afile", "-o", "D/x.png"), "model.not_folder"),
    (("trace", *T, "--set", "bogus"), None),
    (("export", *T), None),
    (("export", "--text", "", "-o", "D/x.png"), "sentence.empty"),
    (("export", *T, "-o", "D/adir"), None),
    (("export", *T, "-o", "D/missing/x.png"), "error.folder_not_found"),
    (("export", *T, "-o", "D/afile/x.png"), "error.parent_is_file"),
    (("export", *T, "-o", SYS), "error.unwritable_folder"),
    (("export", *T, "-o", "D/x.bmpx"), None),
    (("export", *T, "-o", "D/noext"), None),
    (("export", *T, "--size", "0x0", "-o", "D/exists.png"), None),
    (("export", *T, "--size", "abc", "-o", "D/exists.png"), None),
    (("export", *T, "--size", "100000x100000", "-o", "D/exists.png"), None),
    (("export", *T, "--size", "-5x10", "-o", "D/x.png"), None),
    (("export", *T, "--layer", "x", "-o", "D/x.png"), None),
    (("export", *T, "--layer", "99", "-o", "D/x.png"), None),
    (("export", *T, "--head", "0", "-o", "D/x.png"), None),
    (("export", *T, "--focus", "dog", "-o", "D/x.png"), None),
    (("export", *T, "--chapter", "nope", "-o", "D/x.png"), None),
    (("export", *T, "--beat", "999", "-o", "D/x.png"), None),
    (("export", *T, "--time", "-1", "-o", "D/x.png"), "cli.parse.seconds"),
    (("export", *T, "--time", "nan", "-o", "D/x.png"), "cli.parse.seconds"),  # said 「nan秒」 after running the model
    (("export", *T, "--time", "inf", "-o", "D/x.png"), "cli.parse.seconds"),
    (("export", *T, "--time", "x", "-o", "D/x.png"), "cli.parse.seconds"),
    (("export", *T, "--temperature", "0", "-o", "D/x.png"), None),
    (("export", *T, "--json", "D/adir", "-o", "D/x.png"), None),
    (("export", *T, "--json", "D/afile/j.json", "-o", "D/x.png"), "error.parent_is_file"),
    (("export", *T, "--compare", "", "-o", "D/x.png"), "cli.compare_empty"),  # teacher21 L6: which sentence
    (("deck", *T, "--compare", " ", "-o", "D/d.pdf"), "cli.compare_empty"),
    (("export", *T, "--set", "score[9,9,9,9]=1", "-o", "D/x.png"), None),
    (("deck", *T, "-o", "D/missing/d.pptx"), "error.folder_not_found"),
    (("deck", *T, "-o", "D/afile/d.pptx"), "error.parent_is_file"),
    (("deck", *T, "-o", "D/afile/slides/"), "error.parent_is_file"),
    (("deck", *T, "-o", "/sys/d.pptx"), "error.unwritable_folder"),
    (("deck", *T, "-o", "D/d.txt"), None),
    (("deck", *T, "-o", "D/afile"), None),
    (("deck", *T, "--from", "softmax", "--to", "mask", "-o", "D/d.pptx"), "error.chapter_order"),
    (("deck", *T, "--from", "nope", "-o", "D/d.pptx"), None),
    (("deck", *T, "--size", "1x1", "-o", "D/d.pptx"), None),
    (("video", *T, "--from", "7", "--to", "6", "-o", "D/v.gif"), "error.chapter_order"),
    (("video", *T, "--fps", "0", "-o", "D/v.gif"), None),
    (("video", *T, "--fps", "x", "-o", "D/v.gif"), None),
    (("video", *T, "--pace", "-1", "-o", "D/v.gif"), None),
    (("video", *T, "-o", "D/v.avi"), None),
    (("video", *T, "-o", "/sys/v.gif"), "error.unwritable_folder"),
    (("video", *T, "-o", "D/adir"), None),
    (("examples", "--json", "D/adir"), None),
    (("examples", "--json", "D/missing/e.json"), None),
    (("quiz", *T), None),
    (("quiz", "--text", "", "--json", "D/q.json"), "sentence.empty"),
    (("quiz", *T, "--json", "D/adir"), None),
    (("quiz", *T, "--focus", "dog", "--json", "D/q.json"), None),
    (("worksheet", *T, "-o", "D/adir"), None),
    (("worksheet", *T, "-o", "D/missing/w.pdf"), "error.folder_not_found"),
    (("worksheet", *T, "-o", "/sys/w.pdf"), "error.unwritable_folder"),
    (("worksheet", *T, "-o", "D/w.png"), None),
    (("worksheet", *T, "--students", "0", "-o", "D/w.pdf"), None),
    (("worksheet", *T, "--students", "x", "-o", "D/w.pdf"), None),
    (("worksheet", *T, "--paper", "a3", "-o", "D/w.pdf"), None),
]

# English a Japanese refusal may hold besides the values typed: what may be typed instead, and names of formats
TYPED = {"JSON", "WIDTHxHEIGHT", "p", "k", *CHAPTERS}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("x")
    (tmp_path / "pickled").mkdir()
    (tmp_path / "pickled" / "pytorch_model.bin").write_bytes(b"\x80\x04N.")  # never unpickled: refused by its name
    (tmp_path / "exists.png").write_bytes(b"old")
    return tmp_path


def english_left(said: str, argv: list[str]) -> list[str]:
    """The English words of a Japanese refusal that are not a path or file name, a quoted name or value (「…」), or
    typed."""
    rest = re.sub(r"「[^「」]*」", "", re.sub(r"/[^\s：（）、。「」]+", "", said))
    rest = re.sub(r"[\w-]+\.(json|safetensors)", "", rest)  # a file a model folder holds
    for typed in sorted(argv, key=len, reverse=True):
        rest = rest.replace(typed, "")
    words = re.findall(r"(?<![-.\w])[A-Za-z][A-Za-z_]+", rest)
    return [w for w in words if w not in TYPED and not re.fullmatch(r"[a-z]?\d*[a-z]?", w)]


def sys_takes_files() -> bool:
    """Whether a new file can be made in /sys (sysfs refuses even root's; os.access says yes to root, so it is
    asked by trying: review19 #11 dropped a root check and the /sys cases were skipped as root)."""
    try:
        os.close(os.open("/sys/.classroom_probe", os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError:
        return False
    os.unlink("/sys/.classroom_probe")
    return True


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("line, key", CASES, ids=[" ".join(c[0][:1] + c[0][3:]) for c in CASES])
def test_bad_input_is_one_refusal_and_leaves_no_file(line, key, lang, folder, capsys):
    if line[-1].startswith("/sys/") and sys_takes_files():
        pytest.skip("/sys takes files here")
    argv = [a.replace("D/", f"{folder}/") for a in line] + ["--lang", lang]
    before = sorted(p.name for p in folder.iterdir())
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's refusals
        code = exc.code
    err = capsys.readouterr().err
    lines = [x for x in err.splitlines() if x.strip()]
    assert code == 2 and lines and "Traceback" not in err, err
    refusal = lines[-1]
    prefix = text(lang, "cli.error", where=f"classroom-gui {line[0]}", said="")
    assert refusal.startswith(prefix) and refusal.count(prefix) == 1, refusal
    said = refusal[len(prefix):]
    assert not re.search(r"\b(error|limit|cli|ui)\.[a-z_]+", said), said  # no key of the strings files
    assert not re.search(r"Errno|Error\b|None\b|\bTrue\b|\bFalse\b|\bself\b|\\n", said), said  # no Python words
    if key is not None:  # the refusal says it in the key's words: each fixed part of the sentence, in order
        parts = [literal for literal, *_ in Formatter().parse(table(lang)[key]) if literal.strip()]
        assert re.search(".*".join(re.escape(p) for p in parts), said), (key, said)
    if lang == "ja":
        assert not english_left(said, argv), (said, english_left(said, argv))
    assert sorted(p.name for p in folder.iterdir()) == before  # no file, no temporary left
    assert (folder / "exists.png").read_bytes() == b"old"
