"""Damaged copies of the shipped teaching model: every kind of damage is refused with one CheckpointError
whose message names the damaged file; nothing in the folder is ever run (no unpickling, no Python file
imported); a header that declares a huge tensor does not make the loader allocate it; and the command
line reports each as one line on stderr with exit status 2, never a traceback.
"""
from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from classroom_gui.cli import main
from classroom_gui.model.checkpoint import CheckpointError, load_checkpoint
from damages import DAMAGES, TEACHING, Touch, damaged

ROOT = Path(__file__).resolve().parent.parent
NAMES = list(DAMAGES)


def test_there_are_many_kinds_of_damage_and_the_teaching_model_itself_loads(tmp_path):
    assert len(DAMAGES) >= 15
    folder = tmp_path / "model"
    shutil.copytree(TEACHING, folder)
    load_checkpoint(folder)


def test_the_marker_pickle_would_run_if_unpickled(tmp_path):
    marker = tmp_path / "probe.marker"
    pickle.loads(pickle.dumps(Touch(marker))).close()
    assert marker.exists()


@pytest.mark.parametrize("name", NAMES)
def test_damage_is_refused_naming_the_file(tmp_path, name):
    folder, culprit, words, marker = damaged(tmp_path, name)
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(folder)
    message = str(info.value)
    assert str(culprit) in message, f"{culprit} not named in {message!r}"
    for word in words:
        assert word.lower() in message.lower(), f"{word!r} not in {message!r}"
    assert "\n" not in message and "Traceback" not in message and len(message) < 600
    assert not marker.exists(), "something in the model folder was run"


@pytest.mark.parametrize("name", NAMES)
def test_cli_trace_exits_2_with_one_line(tmp_path, capsys, name):
    folder, culprit, _words, marker = damaged(tmp_path, name)
    assert main(["trace", "--text", "the cat sat on the mat", "--model", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("classroom-gui trace: error: ") and str(culprit) in lines[0], err
    assert not marker.exists()


def _console_script() -> list[str]:
    script = Path(sys.executable).parent / "classroom-gui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "classroom_gui"]


@pytest.mark.parametrize("name", ["header length lies: 2**63 bytes", "pickle only (pytorch_model.bin)",
                                  "config of another architecture: llama", "NaN in a weight",
                                  "a folder where model.safetensors should be"])
def test_installed_command_exits_2_with_one_line(tmp_path, name):
    folder, culprit, _words, marker = damaged(tmp_path, name)
    done = subprocess.run(_console_script() + ["trace", "--text", "the cat", "--model", str(folder)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stdout == "" and len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert str(culprit) in done.stderr
    assert not marker.exists()


# --- memory: a header that declares a huge tensor is refused before anything that size is allocated ----------

MEASURE = textwrap.dedent("""
    import json, resource, sys
    from classroom_gui.model.checkpoint import CheckpointError, load_checkpoint
    from classroom_gui.resources import teaching_model_dir
    load_checkpoint(teaching_model_dir())              # warm: every import and the safetensors reader
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        load_checkpoint(sys.argv[1])
        outcome = "loaded"
    except CheckpointError as exc:
        outcome = str(exc)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"growth_kb": after - before, "outcome": outcome}))
""")


@pytest.mark.parametrize("name", ["huge tensor declared with offsets to match (64 GB)", "declared shape huge (10**12 x 10**12)",
                                  "header length lies: 2**63 bytes", "header length lies: 100 MB, more than the file",
                                  "absurd size in config: n_embd 10**9", "declared shape bigger than the data"])
def test_huge_declarations_use_little_memory(tmp_path, name):
    """Peak resident memory (ru_maxrss, in a fresh process) grows by less than 100 MB while refusing."""
    folder, culprit, _words, _marker = damaged(tmp_path, name)
    done = subprocess.run([sys.executable, "-c", MEASURE, str(folder)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert str(culprit) in result["outcome"]
    assert result["growth_kb"] < 100 * 1024, f"peak RSS grew by {result['growth_kb'] / 1024:.0f} MB"
