"""teacher7 L5: a video ffmpeg could not write (a full disk) printed ffmpeg's own seven error lines on the terminal
before the one clean message; they now go to the log (export.video.ffmpeg_said)."""
from __future__ import annotations

import logging

import pytest
from PySide6.QtGui import QImage


def test_ffmpegs_own_errors_go_to_the_log_not_the_terminal(qapp, tmp_path, monkeypatch, capfd, caplog):
    from classroom_gui.export import video
    from classroom_gui.export.files import ExportError

    monkeypatch.setattr(video, "X264_PRESET", "no-such-preset")  # ffmpeg stops at once, saying why on its stderr
    pictures = [QImage(64, 48, QImage.Format.Format_RGB32) for _ in range(3)]
    for p in pictures:
        p.fill(0xFF336699)
    capfd.readouterr()
    with caplog.at_level(logging.INFO, logger="classroom_gui"), pytest.raises(ExportError) as caught:
        video.write_pictures(lambda: iter(pictures), 3, tmp_path / "x.mp4", 10, (64, 48))
    out, err = capfd.readouterr()  # what reached the process's own stdout and stderr (fd 1 and 2)
    assert caught.value.phrase.key in ("error.ffmpeg_stopped", "error.came_out_wrong")  # one clean message
    assert "no-such-preset" not in err and "libx264" not in err and err.strip() == "", err
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "ffmpeg said" in logged and "no-such-preset" in logged
    assert list(tmp_path.iterdir()) == []
