"""review16 #14: the window's video reads every step's finished picture (its narration sets how long it is held)
before the first picture is drawn. That pass ran on the GUI thread before the progress dialog, with no Cancel (0.23 s
at GPT-2 512); it now runs under the dialog, and Cancel stops it: no file, and the window goes on."""
from __future__ import annotations

from PySide6.QtWidgets import QProgressDialog

from classroom_gui.view import message_box

from classroom_gui.lesson import deck as deck_module
from classroom_gui.lesson.timeline import CHAPTERS
from classroom_gui.messages.fit import sentence_start
from classroom_gui.view import canvas_warm, export_dialogs
from helpers import random_window


def _options(w, first: str, last: str):
    options = export_dialogs.OptionsDialog(w, w.t, "video")
    options.size.setCurrentIndex(options.size.count() - 1)  # a custom size
    options.width.setValue(160)
    options.height.setValue(120)
    options.first.setCurrentIndex(CHAPTERS.index(first))
    options.last.setCurrentIndex(CHAPTERS.index(last))
    return options


def test_cancel_while_the_steps_are_read_writes_nothing_and_the_window_goes_on(qtbot, tmp_path, monkeypatch):
    w = random_window(qtbot, tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    told = []
    monkeypatch.setattr(message_box, "warning", lambda parent, title, message, *a: told.append(message))
    built, dialogs = [], []
    real = deck_module.frame_at  # a video's pictures are lesson.deck.video_frame's

    def frame_at(*args):  # the reading pass builds each step's finished frame; at the third the teacher cancels
        built.append(args[2])
        if len(built) == 3:
            dialogs.extend((d, d.isVisible()) for d in w.findChildren(QProgressDialog))
            for dialog, _ in dialogs:
                dialog.cancel()
        return real(*args)

    monkeypatch.setattr(deck_module, "frame_at", frame_at)
    options = _options(w, CHAPTERS[0], CHAPTERS[-1])
    target = tmp_path / "lesson.mp4"
    assert export_dialogs.export_video(w.model, w, target, options) is None
    assert len(dialogs) == 1, "no progress dialog (with its Cancel) while the steps were read"
    assert dialogs[0][1], "the progress dialog was not shown at once"
    assert len(built) == 3  # stopped at once: no further step read, no picture drawn
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no video, no half-written file beside it
    # said on the status line, not in a warning box to dismiss (teacher14 L3)
    assert not told and w.statusBar().currentMessage() == sentence_start(w.t("error.cancelled"))
    qtbot.waitUntil(lambda: not w.findChildren(QProgressDialog))  # the dialog went with the export
    assert canvas_warm._held[0] == 0  # the canvas draws ahead again

    # the window goes on: a step later it draws, and the same export, not cancelled, is written whole
    monkeypatch.setattr(deck_module, "frame_at", real)
    shown = w.model.frame().beat
    w.model.jump(w.player.timeline.beat_stop(shown + 1))
    assert w.model.frame().beat == shown + 1
    w.canvas.grab()
    again = _options(w, "scaling", "scaling")
    assert export_dialogs.export_video(w.model, w, tmp_path / "scaling.gif", again) == tmp_path / "scaling.gif"
    assert (tmp_path / "scaling.gif").stat().st_size > 0 and not told
    options.deleteLater()
    again.deleteLater()


def test_a_cancelled_export_is_one_line_in_the_windows_language_and_over_the_class_in_presenter_mode(qtbot, tmp_path,
                                                                                                    monkeypatch):
    """teacher14 L3: Cancel showed "export cancelled; no file was written" in a ⚠ box to dismiss; the teacher chose
    it, so the status line says it (and the canvas's note in F5, which hides the status bar), in the UI's language.
    A real failure is still a box."""
    from classroom_gui.export.errors import Cancelled, ExportError

    w = random_window(qtbot, tmp_path)
    boxes = []
    monkeypatch.setattr(message_box, "warning", lambda parent, title, message, *a: boxes.append(message))
    w.set_language("ja")
    export_dialogs._report(w.model, w, Cancelled())
    assert not boxes and w.statusBar().currentMessage() == "書き出しを取り消しました。ファイルは書き出していません。"
    assert not w.canvas.note.isVisible()
    w.set_presenter(True)
    w.set_language("en")
    export_dialogs._report(w.model, w, Cancelled())
    assert not boxes and w.canvas.note.isVisible() and w.canvas.note.accessibleName() == "Export cancelled; no file was written"
    w.set_presenter(False)
    export_dialogs._report(w.model, w, ExportError("error.cancelled"))  # (any other export error: the box)
    assert len(boxes) == 1
