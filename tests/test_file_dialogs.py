"""teacher7 H1: typing /proc/x.png in the export dialog's name box froze the window for good: Qt's file model named
/proc/kmsg's type by reading it, on the GUI thread (view/file_dialogs). Our dialogs tell a file's type by its name."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

TYPE_SLASH_PROC = """
import time
from PySide6.QtWidgets import QApplication, QLineEdit
from PySide6.QtTest import QTest
from classroom_gui.view.file_dialogs import save_dialog

app = QApplication([])
dialog = save_dialog(None, "Export picture", "classroom.png", "PNG (*.png)")
dialog.show()
name = dialog.findChild(QLineEdit, "fileNameEdit")
name.setFocus()
name.clear()
for key in "/proc/x.png":  # typed as a user does: the completer lists /proc as each key arrives
    QTest.keyClicks(name, key)
    end = time.monotonic() + 0.3
    while time.monotonic() < end:
        app.processEvents()
print(name.text(), flush=True)
"""


@pytest.mark.skipif(not os.access("/proc/kmsg", os.R_OK), reason="only root can open /proc/kmsg: nothing to freeze")
def test_typing_slash_proc_in_the_save_dialog_does_not_freeze_it():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        done = subprocess.run([sys.executable, "-c", TYPE_SLASH_PROC], env=env, capture_output=True, text=True,
                              timeout=90)
    except subprocess.TimeoutExpired:
        pytest.fail("the save dialog stopped answering after /proc/ was typed (it read /proc/kmsg)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "/proc/x.png"


def test_a_files_type_comes_from_its_name_not_its_bytes(qapp, tmp_path):
    """A PNG's bytes in a file with no suffix: Qt's own provider opens it and says PNG; ours never opens it."""
    from PySide6.QtCore import QFileInfo

    from classroom_gui.view.file_dialogs import NameOnlyIcons

    nameless = tmp_path / "picture"
    nameless.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    named = tmp_path / "picture.png"
    named.write_bytes(b"not a png at all")
    icons = NameOnlyIcons()
    assert "PNG" not in icons.type(QFileInfo(str(nameless)))
    assert "PNG" in icons.type(QFileInfo(str(named)))
    assert not icons.icon(QFileInfo(str(nameless))).isNull()
