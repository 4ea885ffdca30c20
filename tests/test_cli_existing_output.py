"""teacher17 M4: `deck -o talk.pptx` onto an existing deck replaced it silently (16 slides became 3, status 0) while
the window asks first. One rule for every command's outputs (-o/--output, --json): a file already there is refused
with one line in --lang, kept byte for byte, and nothing is written, unless --force is given."""
from __future__ import annotations

import pytest

from classroom_gui.cli import main

TEXT = ["--text", "The cat sat on the mat"]
COMMANDS = {  # command, its arguments, and the output option under test
    "deck": (["deck", *TEXT, "--from", "answer", "--to", "answer"], "-o", "talk.pptx"),
    "deck pdf": (["deck", *TEXT], "-o", "talk.pdf"),
    "export": (["export", *TEXT], "-o", "x.png"),
    "export json": (["export", *TEXT, "-o", "new.png"], "--json", "x.json"),
    "compare": (["export", *TEXT, "--compare", "The dog sat on the mat"], "-o", "cmp.png"),
    "video": (["video", *TEXT, "--from", "softmax", "--to", "softmax"], "-o", "v.mp4"),
    "worksheet": (["worksheet", *TEXT], "-o", "sheet.pdf"),
    "trace": (["trace", *TEXT], "--json", "t.json"),
    "quiz": (["quiz", *TEXT], "--json", "q.json"),
    "examples": (["examples"], "--json", "e.json"),
}
OLD = b"a hand-edited file, which must survive\n"


@pytest.mark.parametrize("case", COMMANDS)
@pytest.mark.parametrize("lang, said", [("en", ": already exists; nothing was written (add --force to replace it)"),
                                        ("ja", "：すでにあるので、何も書き出していません。上書きするには--forceを付けてください。")])
def test_an_existing_output_is_refused_and_kept(tmp_path, capsys, case, lang, said):
    args, option, name = COMMANDS[case]
    target = tmp_path / name
    target.write_bytes(OLD)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main([*args, "--lang", lang, option, str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{target}{said}" in err and "Traceback" not in err
    assert target.read_bytes() == OLD and sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_force_replaces_an_existing_file(tmp_path, capsys):
    target = tmp_path / "t.json"
    target.write_bytes(OLD)
    assert main(["trace", *TEXT, "--json", str(target), "--force"]) == 0
    assert target.read_bytes() != OLD and target.read_text(encoding="utf-8").startswith("{")


def test_a_folder_deck_keeps_its_own_rule(tmp_path, capsys):
    """A deck of PNGs goes into a new or empty folder; a folder with files in it is refused, --force or not."""
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "keep.txt").write_bytes(OLD)
    assert main(["deck", *TEXT, "--from", "answer", "--to", "answer", "--force", "-o", str(folder)]) == 2
    assert "not an empty folder" in capsys.readouterr().err and (folder / "keep.txt").read_bytes() == OLD


def test_a_file_at_a_folder_decks_place_is_named_a_file(tmp_path, capsys):
    """review22: `deck -o NAME --force` onto a file NAME said "not an empty folder"; it says it is a file."""
    target = tmp_path / "slides"
    target.write_bytes(OLD)
    assert main(["deck", *TEXT, "--from", "answer", "--to", "answer", "--force", "-o", str(target), "--lang", "ja"]) == 2
    err = capsys.readouterr().err
    assert "フォルダーではなくファイルです" in err and "空のフォルダーではありません" not in err, err
    assert target.read_bytes() == OLD and sorted(p.name for p in tmp_path.iterdir()) == ["slides"]


@pytest.mark.parametrize("force", [False, True])
def test_a_file_made_while_the_command_works_is_refused_too(tmp_path, capsys, monkeypatch, force):
    """review22: the refusal was checked only at the start, so a file made at the output during a long command (a
    video of minutes) was replaced. It is checked again just before the rename: the same refusal, the file kept and
    no temporary left; with --force it is replaced."""
    from classroom_gui.export import files, placing

    target, json = tmp_path / "x.png", tmp_path / "x.json"
    finish = files._finish

    def made_meanwhile(path, tmp, *rest, **kw):
        if path == target:
            target.write_bytes(OLD)
        return finish(path, tmp, *rest, **kw)

    monkeypatch.setattr(files, "_finish", made_meanwhile)
    code = main(["export", *TEXT, "-o", str(target), "--json", str(json), *(["--force"] if force else [])])
    err = capsys.readouterr().err
    if force:
        assert code == 0 and target.read_bytes() != OLD and json.is_file()
        return
    assert code == 2 and err.count("\n") == 1 and f"{target}: already exists; nothing was written" in err, err
    assert target.read_bytes() == OLD and sorted(p.name for p in tmp_path.iterdir()) == ["x.png"]  # no json, no .part
    assert not placing.unreplaceable  # (cleared when the command ends)


def _another_writer_at_the_last_moment(monkeypatch, target, put):
    """Another program writes at `target` in the last instant before this process's file takes its place: inside
    the very call (a link, a rename) that puts it there, after any check this process could make."""
    import os

    for name in ("link", "replace", "rename"):
        real = getattr(os, name)

        def racing(src, dst, *rest, real=real, **kw):
            if os.path.abspath(dst) == os.path.abspath(target) and not put.done:
                put.done = True
                put(target)
            return real(src, dst, *rest, **kw)
        monkeypatch.setattr(os, name, racing)


@pytest.mark.parametrize("lang, said", [("en", ": already exists; nothing was written"), ("ja", "：すでにあるので")])
@pytest.mark.parametrize("raced", ["x.png", "x.json"])
def test_a_file_appearing_between_the_check_and_the_write_is_not_replaced(tmp_path, capsys, monkeypatch, lang, said,
                                                                          raced):
    """tidy20: the refusal was checked just before os.replace, so a file made between the check and the rename was
    replaced. The output is now linked into place, which fails if a file is there: kept byte for byte, one line, no
    temporary, and no half of the picture-and-numbers pair left (x.json raced: the picture, linked first, taken back)."""
    target, json = tmp_path / "x.png", tmp_path / "x.json"

    def put(path):
        path.write_bytes(OLD)
    put.done = False
    _another_writer_at_the_last_moment(monkeypatch, tmp_path / raced, put)
    code = main(["export", *TEXT, "--lang", lang, "--json", str(json), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and f"{tmp_path / raced}{said}" in err and "Traceback" not in err, err
    assert put.done and (tmp_path / raced).read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == [raced]  # the other output taken back, no .part


def test_without_a_race_the_linked_outputs_are_written_whole_and_alone(tmp_path, capsys):
    """The linked outputs are the files themselves, with no temporary left beside them and the umask's mode."""
    import os

    target, json = tmp_path / "x.png", tmp_path / "x.json"
    assert main(["export", *TEXT, "--json", str(json), "-o", str(target)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json", "x.png"]
    assert os.stat(target).st_nlink == 1 and target.read_bytes().endswith(b"IEND\xaeB`\x82")


@pytest.mark.parametrize("taken", ["a file put in the folder", "a file at its place"])
def test_a_folder_decks_place_taken_at_the_last_moment_is_kept(tmp_path, capsys, monkeypatch, taken):
    """tidy20: a PNG-folder deck takes the place of a new or empty folder in one rename; a file put into the folder,
    or a file made at its name, in the last instant is kept, refused in one line, and no temporary folder stays."""
    folder = tmp_path / "slides"
    folder.mkdir()

    def put(path):
        if taken == "a file at its place":
            if path.is_dir():
                path.rmdir()
            path.write_bytes(OLD)
        else:
            path.mkdir(exist_ok=True)
            (path / "keep.txt").write_bytes(OLD)
    put.done = False
    _another_writer_at_the_last_moment(monkeypatch, folder, put)
    assert main(["deck", *TEXT, "--from", "answer", "--to", "answer", "-o", str(folder)]) == 2
    err = capsys.readouterr().err
    assert put.done and err.count("error:") == 1 and "Traceback" not in err, err  # (after the progress line)
    if taken == "a file at its place":
        assert "is a file, not a folder" in err and folder.read_bytes() == OLD
    else:
        assert "not an empty folder" in err and [p.name for p in folder.iterdir()] == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slides"]


@pytest.mark.parametrize("code", ["EPERM", "EINVAL", "EACCES"])
def test_where_there_are_no_hard_links_the_output_is_still_written(tmp_path, capsys, monkeypatch, code):
    """A file system without hard links (FAT, some network mounts: EPERM) falls back to the check and the rename;
    so does Windows on a FAT32/exFAT stick or an SMB share, whose refusals CPython says as EINVAL or EACCES
    (review23: "a.json: Invalid argument", nothing written)."""
    import errno
    import os

    def no_links(*args, **kw):
        raise OSError(getattr(errno, code), os.strerror(getattr(errno, code)))
    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "t.json"
    assert main(["trace", *TEXT, "--json", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("{") and [p.name for p in tmp_path.iterdir()] == ["t.json"]
    assert main(["trace", *TEXT, "--json", str(target)]) == 2 and "already exists" in capsys.readouterr().err


def test_a_temporary_that_cannot_be_removed_after_the_link_is_no_failed_export(tmp_path, capsys, monkeypatch):
    """review23: once every output is linked into place, removing its .part may fail (Windows' virus scanner or
    indexer holding it); that said "x.json: no permission to write here" with x.json there. The export succeeded:
    status 0, both outputs whole, counted as written; the .part goes with the next export's sweep."""
    import os

    from classroom_gui.export import stopping

    target, json = tmp_path / "x.png", tmp_path / "x.json"
    remove = os.remove

    def held(path, *rest, **kw):
        if str(path).endswith(".part") and os.path.exists(path):
            raise PermissionError(13, "The process cannot access the file", str(path))
        return remove(path, *rest, **kw)
    monkeypatch.setattr(os, "remove", held)
    written = stopping.committed[0]
    assert main(["export", *TEXT, "--json", str(json), "-o", str(target)]) == 0, capsys.readouterr().err
    assert "error" not in capsys.readouterr().err and stopping.committed[0] == written + 1
    assert target.read_bytes().endswith(b"IEND\xaeB`\x82") and json.read_text(encoding="utf-8").startswith("{")
    assert len([p for p in tmp_path.iterdir() if p.name.endswith(".part")]) == 2  # held, left for the sweep
