"""polish7 (teacher5 M6's rest): a lesson prepared the evening before reopens at the same step, with the gallery
example that was open still the gallery's current one; another sentence, or a step the lesson no longer has,
starts from the beginning; a damaged value is ignored, never a traceback (a damaged time alone keeps its step)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.timeline import Timeline
from classroom_gui.view import settings
from classroom_gui.view.window import MainWindow
from helpers import window_on


def _start(qtbot, checkpoint, store: str) -> MainWindow:
    return window_on(qtbot, checkpoint, store, show=False)


def _middle(w: MainWindow, i: int) -> float:
    """The middle of step `i` (a moment between two stops, as a paused animation leaves it)."""
    beat = w.player.timeline.beats[i]
    return beat.start + beat.duration / 2


def test_quit_and_reopen_keeps_the_step_and_the_open_gallery_example(qtbot, checkpoint, tmp_path):
    from classroom_gui.view import gallery_dialog

    store = str(tmp_path / "s.ini")
    first = _start(qtbot, checkpoint, store)
    index = next(i for i, e in enumerate(first.gallery) if e.text == "The cat sat on the mat" and e.mask == "causal")
    first.load_example(first.gallery[index])  # the second example of this sentence (the first is index 0)
    assert first.model.open_example is first.gallery[index]
    beat = len(first.player.timeline) // 2
    assert first.player.timeline.locate(first.player.time)[0] != beat  # the example opened at another step
    left = _middle(first, beat)
    first.player.seek(left)
    first.close()

    again = _start(qtbot, checkpoint, store)
    assert again.run.text == "The cat sat on the mat"
    assert again.player.time == pytest.approx(left) and again.player.timeline.locate(again.player.time)[0] == beat
    assert again.model.open_example is again.gallery[index]
    shown = []
    original = gallery_dialog.GalleryDialog.exec
    gallery_dialog.GalleryDialog.exec = lambda dialog: shown.append(dialog.list.currentRow()) or 0
    try:
        again.open_gallery()
    finally:
        gallery_dialog.GalleryDialog.exec = original
    assert shown == [index]  # not the first example of the same sentence

    again.sentence.setText("The dog ran to the park")  # another sentence typed, not applied, then quit
    again.close()
    third = _start(qtbot, checkpoint, store)
    assert third.run.text == "The dog ran to the park"
    assert third.player.time == third.player.timeline.beat_stop(0) and third.model.open_example is None


def test_a_step_the_lesson_no_longer_has_and_damaged_values_start_at_the_beginning(qtbot, checkpoint, tmp_path):
    store = str(tmp_path / "s.ini")
    first = _start(qtbot, checkpoint, store)
    left = _middle(first, len(first.player.timeline) - 2)
    first.player.seek(left)
    first.close()
    saved = (tmp_path / "s.ini").read_text(encoding="utf-8")
    step = next(line for line in saved.splitlines() if line.startswith("step="))
    index, key, arg = step[5:].split(":")
    cases = [(saved, left),
             (saved.replace(step, f"step={int(index) + 500}:{key}:{arg}"), None),  # past the lesson's last step
             (saved.replace(step, f"step={index}:softmax.nothing:{arg}"), None),   # another step there
             (saved.replace(step, "step=not a step"), None),
             # a damaged time alone keeps the step whole, fully shown (teacher26 H1: a file cut before `time=`)
             (saved.replace("time=", "time=nan\nx="), "stop"),
             (saved.replace("time=", "time=-3\nx="), "stop"),
             (saved.replace("shown=", "shown=0123456789abcdef\nx="), None),       # another sentence's moment
             (saved + "example=99999\n", left)]                                   # an example the gallery lacks
    for damaged, time in cases:
        (tmp_path / "s.ini").write_text(damaged, encoding="utf-8")
        again = _start(qtbot, checkpoint, store)
        assert again.run is not None and again.model.open_example is None
        stop = again.player.timeline.beat_stop(int(index) if time == "stop" else 0)
        assert again.player.time == pytest.approx(stop if time in (None, "stop") else time), damaged
        again.close()


def test_a_moment_is_kept_inside_its_step_and_only_where_the_lesson_has_that_step():
    timeline, bigger = Timeline(6, 2), Timeline(9, 2)
    t = (timeline.beats[12].start + timeline.beats[12].end) / 2
    place = timeline.place(t)
    assert timeline.time_in(place, t) == t
    assert timeline.time_in(place, 1e9) == timeline.beats[12].end  # clamped into the step it names
    assert timeline.time_in(place, float("nan")) is None
    last = timeline.place(timeline.duration)
    assert bigger.time_in(last, timeline.duration) is None  # the 9-student lesson has another step at that index
    assert timeline.time_in("x:y:z", t) is None and timeline.time_in("99999:a:0", t) is None


def test_the_moment_survives_the_settings_round_trip(tmp_path, qapp):
    path = str(tmp_path / "s.conf")
    saved = settings.Settings("The cat", "en", 1.0, left=("0123456789abcdef", "12:softmax.weights:0", 41.25, 3))
    settings.save(settings.open_store(path), saved)
    assert settings.clean_file(tmp_path / "s.conf") == []
    assert settings.load(settings.open_store(path)) == saved


def test_the_settings_are_saved_soon_after_a_change_not_only_on_closing(qtbot, checkpoint, tmp_path):
    """teacher6 M7: a window frozen by Qt's file dialog (reading /proc/kmsg) had to be killed, and the lesson's
    place was lost: the settings were written only on closing. They are now saved SAVE_MS after the last change."""
    from classroom_gui.view import window as window_module

    store = str(tmp_path / "s.ini")
    w = _start(qtbot, checkpoint, store)
    w.model.select(focus=3, layer=1)
    moment = _middle(w, len(w.player.timeline) // 2)
    w.player.seek(moment)
    w.model.changed("time")
    qtbot.wait(window_module.SAVE_MS + 500)
    saved = settings.load(settings.open_store(store))  # read while the window is still open: as a killed app leaves it
    assert (saved.seat, saved.layer) == (3, 1) and saved.asker == w.run.trace.tokens[3]
    assert saved.left is not None and saved.left[2] == pytest.approx(moment)
    w.close()


def test_a_save_while_the_first_sentence_is_computing_keeps_the_place(qtbot, checkpoint, tmp_path, monkeypatch):
    """review9: a big model's first sentence computes on the worker; a change meanwhile (the speed) started the
    saver, whose save wrote no step, seat or asker, so a kill then lost where the lesson was. Held here: the
    teaching model counted as big, its first sentence waiting on an Event until the saver has written."""
    import threading

    from classroom_gui.app import history
    from classroom_gui.view import window_jobs, window as window_module

    store = str(tmp_path / "s.ini")
    first = _start(qtbot, checkpoint, store)
    first.model.select(focus=3)
    left = _middle(first, len(first.player.timeline) // 2)
    first.player.seek(left)
    first.close()
    before = settings.load(settings.open_store(store))
    assert before.left is not None and before.seat == 3

    release = threading.Event()
    compute = history.prepared_run  # the first sentence's job (history.run_resumed) computes it
    monkeypatch.setattr(window_jobs, "BIG_MODEL", 0)
    monkeypatch.setattr(history, "prepared_run", lambda *args: release.wait(30) and compute(*args))
    again = _start(qtbot, checkpoint, store)
    try:
        assert again.run is None and again.worker.waiting
        again.model.set_speed(2.0)
        qtbot.wait(window_module.SAVE_MS + 500)
        during = settings.load(settings.open_store(store))  # what a kill now would leave
        assert (during.left, during.seat, during.asker) == (before.left, before.seat, before.asker)
    finally:
        release.set()
    qtbot.waitUntil(lambda: again.run is not None, timeout=30_000)
    assert again.player.time == pytest.approx(left) and again.sel.focus == 3
    again.close()
