"""teacher31 #6: `classroom-gui` on a machine with no display ended in Qt's abort (exit 134); it now says in one
line what to do, with status 2, before Qt starts."""
import os
import subprocess
import sys

import pytest

from classroom_gui.cli import no_display


def test_no_display_is_linux_without_display_wayland_or_a_chosen_platform():
    assert no_display({}, "linux")
    assert not no_display({"DISPLAY": ":0"}, "linux") and not no_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not no_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not no_display({}, "win32") and not no_display({}, "darwin")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a display is an X11 / Wayland matter")
def test_the_window_command_without_a_display_says_what_to_do():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "classroom_gui"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]
