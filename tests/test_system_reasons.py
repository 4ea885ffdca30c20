"""polish8: why the system refused a file (an OSError's errno) is said in the window's language for the common cases
(a full disk, no permission, a name too long, a folder where a file goes…), the path as it was; the CLI's English
is the system's own text, unchanged. Other errnos keep the system's words."""
from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from classroom_gui.export.errors import SystemReason, said
from classroom_gui.export.files import explain
from classroom_gui.lesson.strings import table, text
from classroom_gui.messages.reasons import REASONS

KANA = re.compile("[ぁ-んァ-ン]")


def _error(name: str, path: str) -> OSError:
    number = getattr(errno, name)
    return OSError(number, os.strerror(number), path)


def test_each_common_reason_is_the_systems_english_and_japanese_in_a_japanese_window():
    for name in REASONS:
        number = getattr(errno, name)
        assert text("en", f"error.reason.{name}") == os.strerror(number), name  # the CLI's English, byte for byte
        ja = SystemReason(_error(name, "/x")).said("ja")
        assert KANA.search(ja) and ja != os.strerror(number) and not ja.endswith("。"), (name, ja)
    assert len(set(REASONS)) == len(REASONS) and all(f"error.reason.{n}" in table("ja") for n in REASONS)


@pytest.mark.parametrize("name", ["EISDIR", "ENAMETOOLONG", "ENOTDIR", "EIO", "EEXIST", "EINVAL"])
def test_what_explain_leaves_to_the_system_reads_in_the_windows_language(name):
    path = Path("/tmp/polish8/some where/lesson.png")
    error = explain(path, _error(name, str(path)))
    assert str(error) == f"{path}: {os.strerror(getattr(errno, name))}"  # as the CLI always printed it
    ja = said(error, "ja")
    assert ja.startswith(f"{path}：") and ja.endswith("。") and KANA.search(ja), ja
    assert os.strerror(getattr(errno, name)) not in ja


def test_an_errno_without_a_sentence_keeps_the_systems_words():
    error = explain(Path("/tmp/x.png"), _error("EFAULT", "/tmp/x.png"))
    assert said(error, "ja") == f"/tmp/x.png：{os.strerror(errno.EFAULT)}。" and str(error).endswith("Bad address")


def test_a_name_too_long_to_look_at_is_one_japanese_message_in_every_window_export(qtbot, tmp_path, monkeypatch,
                                                                                   checkpoint):
    """check_target meets ENAMETOOLONG before any writing (Path.is_dir raises it): the picture export let the
    OSError escape the dialog, the compare dialog showed Python's English "[Errno 36] File name too long: '…'"."""
    from classroom_gui.view import message_box

    from classroom_gui.view import compare_dialog, export_dialogs
    from classroom_gui.view.window import MainWindow

    w = MainWindow(checkpoint, store={})
    qtbot.addWidget(w)
    w.set_language("ja")
    w.model.select(focus=1, rule="causal")  # a student whose worksheet fits: the refusal is the file name's
    shown = []
    monkeypatch.setattr(message_box, "warning", lambda parent, title, message, *a: shown.append(message))
    long = tmp_path / ("x" * 300 + ".png")
    assert export_dialogs.export_picture(w.model, w, long, export_dialogs.OptionsDialog(w, w.t, "picture")) is None
    assert export_dialogs.export_worksheet(w.model, w, tmp_path / ("x" * 300 + ".pdf"), paper="a4") is None
    dialog = compare_dialog.open_compare(w, "The dog ran")
    qtbot.addWidget(dialog)
    assert dialog.save(long) is None
    assert len(shown) == 3, shown
    for message in shown:
        assert message.startswith(str(tmp_path)) and "：ファイル名が長すぎます。" in message, message
        assert "Errno" not in message and "too long" not in message
    assert list(tmp_path.iterdir()) == []


def test_the_png_writers_refusal_of_an_empty_picture_is_a_message_key(qapp):
    """The PNG writer's ValueError (a picture Qt could not allocate comes back empty) was English in any window."""
    from PySide6.QtGui import QImage

    from classroom_gui.export.errors import ExportError
    from classroom_gui.export.png import png_bytes

    with pytest.raises(ExportError) as caught:
        png_bytes(QImage(), alpha=False)
    assert str(caught.value) == "cannot write an empty image as PNG"
    assert said(caught.value, "ja").endswith("。") and KANA.search(said(caught.value, "ja"))
