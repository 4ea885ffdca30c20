"""The export registry (export/formats.py) is what the CLI and the window's dialogs offer: a format added
with one writer and one registry line is in `classroom-gui export --help`, accepted and written by it,
named in the error for a wrong suffix, and in the picture dialog's file filter."""
from __future__ import annotations

import os
import subprocess
import sys

from pathlib import Path

import classroom_gui
from classroom_gui.export import formats

ROOT = Path(classroom_gui.__file__).parent.parent  # this checkout, not whichever one is installed

REGISTER = '''
import sys
from pathlib import Path

import classroom_gui
from classroom_gui.export import formats

ROOT = Path(classroom_gui.__file__).parent.parent  # this checkout, not whichever one is installed

def write_text(frame, tmp, size, theme, transparent, svg_text):  # a picture as its title, for the test
    tmp.write_text(f"{frame.title}|{size[0]}x{size[1]}", encoding="utf-8")

formats.PICTURES[".txt"] = formats.Format("Text", write_text)
from classroom_gui.cli import main
sys.exit(main(sys.argv[1:]))
'''


def _cli(*argv, cwd):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", REGISTER, *argv], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=300)


def test_the_registry_gives_the_cli_its_words_and_the_dialogs_their_filters():
    assert formats.output_help("picture") == "FILE.png, FILE.svg or FILE.pdf"
    assert formats.output_help("deck") == "FILE.pptx, FILE.pdf or FOLDER/"
    assert formats.file_filter("video") == "MP4 (*.mp4);;GIF (*.gif)"


def test_a_registered_format_is_offered_and_written_by_the_cli(tmp_path):
    helped = _cli("export", "--help", cwd=tmp_path)
    assert helped.returncode == 0, helped.stderr
    assert "FILE.png, FILE.svg, FILE.pdf or FILE.txt" in " ".join(helped.stdout.split())
    out = tmp_path / "softmax.txt"
    done = _cli("export", "--text", "The cat sat on the mat.", "--chapter", "softmax", "--size", "640x360", "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("7. Softmax") and out.read_text().endswith("|640x360")
    wrong = _cli("export", "--text", "The cat sat.", "-o", str(tmp_path / "x.bmp"), cwd=tmp_path)
    assert wrong.returncode == 2 and ".txt" in wrong.stderr and "Traceback" not in wrong.stderr
    assert not (tmp_path / "x.bmp").exists()


def test_a_registered_format_is_in_the_picture_dialogs_filter(monkeypatch):
    from classroom_gui.lesson.state import Selection
    from classroom_gui.view import export_dialogs

    monkeypatch.setitem(formats.PICTURES, ".txt", formats.Format("Text", lambda *a: None))
    asked = []
    monkeypatch.setattr(export_dialogs, "_ask_path", lambda window, title, filters, suggestion: asked.append(filters))

    from classroom_gui.lesson.player import Player
    from classroom_gui.lesson.timeline import Timeline

    class Model:  # what the dialog reads of the ClassroomModel before it asks for a path
        sel = Selection(lang="en")
        run = object()  # a class on screen (an empty one is refused first: teacher5 L11)
        player = Player(Timeline(6, 2))  # the step the picture's file name says (teacher31 #9)

    assert export_dialogs.export_picture(Model(), options=object()) is None  # the user cancelled
    assert asked == ["PNG (*.png);;SVG (*.svg);;PDF (*.pdf);;Text (*.txt)"]
