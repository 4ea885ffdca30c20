"""tidy27 6: the quiz's toast (「クイズ：オン」) and a short note over the class (a what-if line in presenter mode) sat in
the middle of the title's band and covered the chapter's title for their 1.5 s. They sit beside the title now, right of
its words (over the legend, a key of colours, where they need that room), and hide no desk, board or narration."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import text
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.areas import caption_rect

SENTENCES = {"en": "The cat sat on the mat", "ja": "猫がマットの上に座った"}


def _view_on(qtbot, checkpoint, lang: str, size: tuple[int, int]):
    from classroom_gui.view.canvas_view import CanvasView

    trace = run_sentence(checkpoint, SENTENCES[lang], "none").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    step = next(i for i, b in enumerate(tl.beats) if b.chapter == "scoring")
    frame = frame_at(trace, Selection(lang=lang, rule="none", focus=1).sized(*size), tl.beat_stop(step))
    view = CanvasView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    view.set_frame(frame, lang)
    qtbot.waitUntil(lambda: bool(view.classroom.title.words()), timeout=5000)
    return view, frame


def _hidden(view, frame, box) -> list[str]:
    """What of the class a widget at `box` (viewport pixels) covers: the title's words, a desk, the board, the caption."""
    scene = lambda r: view.mapFromScene(QRectF(r)).boundingRect()  # noqa: E731
    out = ["title"] * any(box.intersects(scene(r)) for r in view.classroom.title.words())
    out += [f"desk {s.index}" for s in frame.students if box.intersects(scene(QRectF(s.x, s.y, s.w, s.h)))]
    out += ["board"] * box.intersects(scene(QRectF(*frame.canvas.board)))
    return out + ["caption"] * box.intersects(scene(caption_rect(frame.canvas)))


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_quiz_toast_hides_nothing_a_teacher_reads(qtbot, checkpoint, lang, size):
    view, frame = _view_on(qtbot, checkpoint, lang, size)
    view.toast.say(text(lang, "ui.quiz_on"))
    toast = view.toast
    assert toast.isVisible() and toast.font().pixelSize() >= 18
    assert view.viewport().rect().contains(toast.geometry())
    assert _hidden(view, frame, toast.geometry()) == []


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_short_note_over_the_class_sits_beside_the_title(qtbot, checkpoint, lang, size):
    view, frame = _view_on(qtbot, checkpoint, lang, size)
    view.note.say(lambda lang_: text(lang_, "ui.board_on"), lang)
    note = view.note
    assert note.isVisible() and note.font().pixelSize() >= 15
    assert _hidden(view, frame, note.geometry()) == []


def _pieces(view, box) -> list[str]:
    """What a widget at `box` (viewport pixels) covers only in part, leaving a piece showing (jareview8 #8: 「紹介」
    of 「自己紹介」, 「見」 of 「意見」): a legend entry (its swatch and word) or a word of the title."""
    scene = lambda r: view.mapFromScene(QRectF(r)).boundingRect()  # noqa: E731
    legend = view.classroom.legend
    parts = []
    if legend.isVisible():
        parts += [(label, scene(QRectF(a, legend.area.top(), b - a, legend.area.height())))
                  for (a, b), (_, label) in zip(legend.spans(), legend.entries)]
    parts += [("title", scene(r)) for r in view.classroom.title.words()]
    return [name for name, r in parts if box.intersects(r) and not box.contains(r)]


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("key", ["ui.quiz_on", "ui.board_none", "ui.board_on"])
def test_a_toast_covers_whole_legend_entries_and_title_words_or_none(qtbot, checkpoint, lang, size, key):
    view, frame = _view_on(qtbot, checkpoint, lang, size)
    view.toast.say(text(lang, key))
    assert view.classroom.legend.isVisible() or lang == "en"  # (7 students in 「猫がマットの上に座った」)
    assert _pieces(view, view.toast.geometry()) == []


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_note_beside_the_title_is_one_line_at_a_readable_size_else_it_takes_the_band(qtbot, checkpoint, lang, size):
    from classroom_gui.view import canvas_note

    view, frame = _view_on(qtbot, checkpoint, lang, size)
    view.note.say(lambda lang_: text(lang_, "gallery.opened", step=20, home="Home"), lang)
    note = view.note
    band = view.mapFromScene(canvas_note.band(frame)).boundingRect() & view.viewport().rect()
    in_band = note.width() >= band.width() - 2
    if not in_band:  # beside the title: on one line (「戻ります。」 was alone on a second), not squeezed to ~15 px
        assert note.fontMetrics().horizontalAdvance(note.text()) <= note.width()
        assert note.font().pixelSize() >= canvas_note.BESIDE_LEAST * round(size[1] * canvas_note.LINE) - 2
    assert _pieces(view, note.geometry()) == []
