"""A write either completes or leaves the old file and no temporary (issue #17, cases 7-10).

7: a full disk (RLIMIT_FSIZE in a subprocess: writes past the limit fail with EFBIG, as on a full disk) ends
   every format with exit 2 and the old file untouched, even when only the last bytes (ffmpeg's index, the
   PDF's trailer) do not fit. 8: a bad --json path leaves the picture alone. 9: SIGTERM and SIGHUP remove the
   temporaries; what SIGKILL leaves is swept by the next export. 10: modes follow the umask or the old file.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from classroom_gui.cli import main
from classroom_gui.export import files
from helpers import part_files

TEXT = ("--text", "the cat sat on the mat")
SMALL = ("--size", "320x180")
# what each output needs on the command line (after the command name and -o FILE)
OUTPUTS = {
    "picture.png": ("export", *SMALL),
    "picture.svg": ("export", *SMALL),
    "picture.pdf": ("export", *SMALL),
    "deck.pdf": ("deck", "--per", "chapter", "--size", "160x90"),
    "deck.pptx": ("deck", "--per", "chapter", "--size", "160x90"),
    "video.mp4": ("video", "--from", "softmax", "--to", "softmax", "--fps", "8", *SMALL),
    "video.gif": ("video", "--from", "softmax", "--to", "softmax", "--fps", "8", *SMALL),
    "trace.json": ("trace",),
}
FULL_DISK = textwrap.dedent("""
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG (ffmpeg inherits it)
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from classroom_gui.cli import main
    sys.exit(main(sys.argv[2:]))
""")
OLD = b"the old file, which must survive\n"


def command(name: str, target: Path) -> list[str]:
    cmd, *options = OUTPUTS[name]
    out = ["--json", str(target)] if cmd == "trace" else ["-o", str(target)]
    return [cmd, *TEXT, *options, *out, "--force"]  # the old file is there on purpose


# --- case 7: a full disk -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_full_disk_keeps_the_old_file(tmp_path, name):
    whole = tmp_path / "whole" / name
    whole.parent.mkdir()
    # the whole file's size from a fresh process like the one below: in the suite's own process, what earlier
    # tests left behind (fonts registered, settings) can make an SVG a few hundred bytes longer
    made = subprocess.run([sys.executable, "-c", FULL_DISK, str(1 << 40), *command(name, whole)],
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    size = whole.stat().st_size
    target = tmp_path / name
    target.write_bytes(OLD)
    # the disk fills up 200 bytes before the end: the index, the trailer or the last chunk is lost
    done = subprocess.run([sys.executable, "-c", FULL_DISK, str(size - 200), *command(name, target)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "disk is full" in done.stderr.splitlines()[-1], done.stderr
    assert target.read_bytes() == OLD
    assert part_files(tmp_path) == []


def test_check_file_knows_a_cut_file_from_a_whole_one(tmp_path, capsys):
    for name in ("picture.svg", "picture.pdf", "video.mp4"):
        path = tmp_path / name
        assert main(command(name, path)) == 0, capsys.readouterr().err
        assert files.check_file(path, path.suffix) is None
        data = path.read_bytes()
        path.write_bytes(data[: len(data) - 100])
        assert files.check_file(path, path.suffix) is not None


# --- case 8: every output of a command, or none ---------------------------------------------------------------------

@pytest.mark.parametrize("json_name", ["missing/numbers.json", "numbers.txt", "."])
def test_a_bad_json_path_leaves_the_picture_alone(tmp_path, json_name, capsys):
    picture = tmp_path / "picture.png"
    picture.write_bytes(OLD)
    code = main(["export", *TEXT, *SMALL, "-o", str(picture), "--json", str(tmp_path / json_name)])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert picture.read_bytes() == OLD and part_files(tmp_path) == []


def test_picture_and_numbers_are_renamed_together(tmp_path, monkeypatch):
    written = []  # (without --force each output is linked into place: export.placing)
    for name in ("replace", "link"):
        real = getattr(os, name)
        monkeypatch.setattr(os, name, lambda a, b, *more, real=real, **kw: (written.append(Path(b).name),
                                                                            real(a, b, *more, **kw))[1])
    target, numbers = tmp_path / "p.png", tmp_path / "p.json"
    assert main(["export", *TEXT, *SMALL, "-o", str(target), "--json", str(numbers)]) == 0
    assert written == ["p.png", "p.json"] and target.stat().st_size > 0 and numbers.stat().st_size > 0


# --- case 9: signals -------------------------------------------------------------------------------------------------

def start_long_export(target: Path) -> subprocess.Popen:
    """A video of the whole lesson or a deck of 4K slides (tens of seconds), started in its own process;
    returns once its temporary exists beside the target."""
    out = ["-o", str(target), "--force"]  # (an old file replaced on purpose; a folder: --force changes nothing)
    # a deck of 4K pictures: ~33 slides of a few tenths of a second each
    args = ["video", *TEXT, "--size", "640x360", *out] if target.suffix else ["deck", *TEXT, "--size", "4k", *out]
    proc = subprocess.Popen([sys.executable, "-m", "classroom_gui", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not part_files(target.parent):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the export never started writing"
        time.sleep(0.05)
    time.sleep(1.0)  # well inside the work: frames are being drawn and encoded
    return proc


@pytest.mark.parametrize("sig, name", [(signal.SIGTERM, "lesson.mp4"), (signal.SIGHUP, "slides")])
def test_sigterm_and_sighup_leave_no_temporary(tmp_path, sig, name):
    target = tmp_path / name
    if target.suffix:
        target.write_bytes(OLD)
    proc = start_long_export(target)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + sig, err
    assert "Traceback" not in err and signal.Signals(sig).name in err
    assert part_files(tmp_path) == []
    assert target.read_bytes() == OLD if target.suffix else not target.exists()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_the_window_closes_on_sigterm_and_sighup(tmp_path, sig):
    log = tmp_path / "log" / "classroom-gui.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CLASSROOM_GUI_LOG_DIR": str(log.parent),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.Popen([sys.executable, "-m", "classroom_gui"], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (log.exists() and "started" in log.read_text()):
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.1)
    time.sleep(2)  # the window is up and its event loop waiting
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert f"stopped by {signal.Signals(sig).name}" in log.read_text()
    assert (tmp_path / "config" / "AttentionClassroom" / "classroom-gui.conf").exists()  # closed as by its button


def test_what_sigkill_leaves_is_swept_by_the_next_export(tmp_path, capsys):
    target = tmp_path / "lesson.mp4"
    proc = start_long_export(target)
    proc.kill()
    proc.communicate(timeout=60)
    left = part_files(tmp_path)
    assert left and not target.exists()
    (tmp_path / ".notes.txt.12-abc.part").write_text("not ours: no pid-and-8-letters name")
    assert main(["export", *TEXT, *SMALL, "-o", str(tmp_path / "next.png")]) == 0
    assert part_files(tmp_path) == [".notes.txt.12-abc.part"]


def test_sweep_keeps_temporaries_of_running_processes(tmp_path):
    mine = tmp_path / f".a.png.{os.getpid()}-abcdefgh.part"
    parent = tmp_path / f".b.png.{os.getppid()}-abcdefgh.part"
    dead = tmp_path / ".c.png.999999999-abcdefgh.part"
    for p in (mine, parent, dead):
        p.write_bytes(b"")
    assert files.sweep(tmp_path) == [dead]
    assert mine.exists() and parent.exists()


# --- case 10: modes --------------------------------------------------------------------------------------------------

def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path, capsys):
    old_mask = os.umask(0o027)
    try:
        new = tmp_path / "new.png"
        assert main(["export", *TEXT, *SMALL, "-o", str(new), "--json", str(tmp_path / "new.json")]) == 0
        assert new.stat().st_mode & 0o777 == 0o640
        assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o640
        private = tmp_path / "private.svg"
        private.write_bytes(OLD)
        private.chmod(0o600)
        assert main(["export", *TEXT, *SMALL, "-o", str(private), "--force"]) == 0
        assert private.stat().st_mode & 0o777 == 0o600 and private.read_bytes() != OLD
        folder = tmp_path / "slides"
        assert main(["deck", *TEXT, "--per", "chapter", "--size", "160x90", "-o", str(folder)]) == 0
        assert folder.stat().st_mode & 0o777 == 0o750
        assert {p.stat().st_mode & 0o777 for p in folder.iterdir()} == {0o640}
    finally:
        os.umask(old_mask)
    assert files.umask() == old_mask
