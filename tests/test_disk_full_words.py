"""teacher7 M5: a full disk is said in one sentence, whichever writer met it. A writer that reports nothing (Qt's
PDF writer for the worksheet, ffmpeg) left an incomplete file: on a disk with no room left that is the pictures'
「ディスクがいっぱいです（…）」, not 「ファイルが途中で切れています…」 (which read as if a cut file were left)."""
from __future__ import annotations

import shutil
from collections import namedtuple

import pytest

from classroom_gui.export import files
from classroom_gui.export.errors import said
from classroom_gui.export.files import ExportError, atomic_path

Usage = namedtuple("Usage", "total used free")


def _incomplete_pdf(target):
    with atomic_path(target) as tmp:
        tmp.write_bytes(b"%PDF-1.4\n" + bytes(2000))  # no %%EOF: the writer stopped


def test_an_incomplete_file_on_a_full_disk_is_the_disk_full_sentence(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: Usage(64 << 10, 64 << 10, 0))
    with pytest.raises(ExportError) as caught:
        _incomplete_pdf(tmp_path / "sheet.pdf")
    full = ExportError("error.disk_full", path=tmp_path / "sheet.pdf")
    assert said(caught.value, "ja") == said(full, "ja")
    assert "ディスクがいっぱいです" in said(caught.value, "ja") and "途中で切れ" not in said(caught.value, "ja")
    assert str(caught.value) == str(full)
    assert list(tmp_path.iterdir()) == []


def test_with_room_left_it_says_the_writing_did_not_finish(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: Usage(1 << 40, 1 << 30, files.FULL_BELOW * 100))
    with pytest.raises(ExportError) as caught:
        _incomplete_pdf(tmp_path / "sheet.pdf")
    ja = said(caught.value, "ja")
    assert "途中で切れ" not in ja and "何も書き出していません" in ja
    assert str(caught.value).endswith("the file came out incomplete, most likely because the disk is full; "
                                      "nothing was written")
    assert list(tmp_path.iterdir()) == []
