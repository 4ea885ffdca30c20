"""The installed package works from any folder: the console script runs and finds the teaching model and
the lesson's strings that are installed with it (a non-editable `pip install .` must carry them)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path


def test_console_script_runs_from_another_folder(tmp_path):
    script = shutil.which("classroom-gui", path=str(Path(sys.executable).parent))
    assert script, "classroom-gui is not installed next to this Python; run the README's install command"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    r = subprocess.run([script, "trace", "--text", "The cat sat on the", "--json", "t.json"], cwd=tmp_path,
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "next word after" in r.stdout and (tmp_path / "t.json").is_file()
    r = subprocess.run([script, "export", "--text", "猫がマットの上に座った", "--lang", "ja", "--chapter", "softmax",
                        "-o", "s.png"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "s.png").stat().st_size > 10_000


def test_package_data_is_found_where_the_package_is():
    from classroom_gui.lesson.strings import table
    from classroom_gui.resources import assets_dir, teaching_model_dir

    assert (teaching_model_dir() / "model.safetensors").is_file()
    assert (assets_dir() / "fonts" / "ipaexg.ttf").is_file()
    assert table("ja")["chapter.softmax"]
