"""A comparison read on a projector (teacher11 H2, L1): its card digits measured as drawn on the picture (every
drawText while it paints, tests/text_census.py) reach the README's 14 px at 1920 x 1080 and the lesson's own 4:3
digits (12 px of the 1440 x 1080 canvas: 8.53 px) at 1024 x 768, in English and Japanese; no text of a class is cut
(each lies inside its class's rectangle: the legend was cut to "notebook ■ new under"), its desks show every number of
the strips they keep (no "…" cell) and its sentence whole; and the caption quotes shares only where they are drawn.
"""
from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QGraphicsItem

from classroom_gui.lesson import compare_layout
from classroom_gui.lesson.compare import about, changed_text, compare
from classroom_gui.lesson.state import Selection, timeline_for
from classroom_gui.model.sentence import compute_run
from text_census import painted_in_place, watched_text

NUMBER = re.compile(r"^-?\d+\.\d+$")
PAIRS = {"en": ("The cat sat on the mat", "The dog sat on the bed", 1),
         "ja": ("猫がマットの上に座った", "犬がベッドの上に寝た", 0)}
CHAPTERS = ("embedding", "cards", "scoring", "softmax", "listening", "heads", "ffn", "answer")
LEAST = {(1920, 1080): 14.0, (1024, 768): 12 * 1024 / 1440}  # the README's; the lesson's own at 1024 x 768


def classes(checkpoint, first: str, second: str, rule: str = "none"):
    return compute_run(checkpoint, first, mask=rule).trace, compute_run(checkpoint, second, mask=rule).trace


def drawn(pair, size, lang, monkeypatch):
    """Every text the comparison paints, where it lands on the page and how big (no picture caches: each text is
    painted through the page's own transform)."""
    from classroom_gui.export.compare import render_pair

    monkeypatch.setattr(QGraphicsItem, "setCacheMode", lambda item, *args: None)
    painted_in_place(monkeypatch)
    QPixmapCache.clear()
    with watched_text() as found:
        render_pair(pair, size, lang=lang)
    return found


@pytest.mark.parametrize("size", list(LEAST), ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", list(PAIRS))
def test_compared_digits_reach_a_projectors_size_and_no_text_is_cut(qapp, checkpoint, monkeypatch, lang, size):
    from classroom_gui.export.compare import pair_layout

    first, second, asker = PAIRS[lang]
    a, b = classes(checkpoint, first, second)
    timeline = timeline_for(a.n_tokens, a.config.n_layer)
    w, h = size
    for chapter in CHAPTERS:
        pair = compare(a, b, Selection(focus=asker, lang=lang), timeline.chapter_end(chapter), page=size)
        texts = drawn(pair, size, lang, monkeypatch)
        digits = [t.px for t in texts if NUMBER.match(t.text) and t.item is not None]
        assert digits, chapter
        assert min(digits) >= LEAST[size] - 0.01, f"{chapter}: card digits {min(digits):.1f} px at {w}x{h}"
        _, rects, _ = pair_layout(w, h, chapter == "answer", pair.frames[0].canvas)
        for t in texts:
            inside = [r for r in rects if r.adjusted(-1, -1, 1, 1).contains(t.rect)]
            if t.item is not None:  # a class's own text (desk, legend, link label): inside its class
                assert inside, f"{chapter}: {t.text!r} ({t.kind}) cut at {t.rect} ({w}x{h})"
            else:  # the comparison's title, labels, answers and caption: on the page
                assert 0 <= t.rect.left() and t.rect.right() <= w and 0 <= t.rect.top() and t.rect.bottom() <= h, t.text
        assert not [t for t in texts if t.text == "…"], f"{chapter}: a desk's strip cut at {w}x{h}"
        plain = [t.text.replace("\u2060", "") for t in texts if t.item is None]  # (the word joiners of phrase breaks)
        labels = [said for said in plain if first in said or second in said]
        assert len(labels) == 2, f"{chapter}: a class's sentence cut ({w}x{h})"


def test_a_class_of_eleven_keeps_the_readmes_twelve_px_at_1080p(qapp, checkpoint, monkeypatch):
    """9-12 students: 12 px numbers, as the lesson's (README); 16:9 keeps four a row at answer time too."""
    long = "The animal didn't cross the street because it was too "
    a, b = classes(checkpoint, long + "tired", long + "wide")
    timeline = timeline_for(a.n_tokens, a.config.n_layer)
    for chapter in ("softmax", "answer"):
        pair = compare(a, b, Selection(focus=10, lang="en"), timeline.chapter_end(chapter), page=(1920, 1080))
        digits = [t.px for t in drawn(pair, (1920, 1080), "en", monkeypatch) if NUMBER.match(t.text) and t.item]
        assert digits and min(digits) >= 12 - 0.01, chapter


def test_the_page_shape_chooses_the_classrooms_shape():
    assert compare_layout.canvas_for_page(1920, 1080) is compare_layout.SIDE_WIDE
    assert compare_layout.canvas_for_page(1280, 720) is compare_layout.SIDE_WIDE
    for size in ((1024, 768), (1440, 1080), (978, 650)):  # 4:3, and the dialog's room on a 1024 x 768 screen
        assert compare_layout.canvas_for_page(*size) is compare_layout.SIDE_TALL
        assert compare_layout.canvas_for_page(*size, answers=True) is compare_layout.ANSWER_TALL
    # drawn at about the lesson's size: 16:9 at 1080p at least 1:1, 4:3 at 1024 x 768 better than the lesson's 0.53
    assert compare_layout.page_scale(compare_layout.SIDE_WIDE, 1920, 1080) >= 1.0
    assert compare_layout.page_scale(compare_layout.SIDE_TALL, 1024, 768) >= 0.6


def test_a_compared_desk_keeps_the_strips_its_step_is_about_and_the_frame_keeps_them_all(checkpoint):
    a, b = classes(checkpoint, *PAIRS["en"][:2])
    timeline = timeline_for(a.n_tokens, a.config.n_layer)
    pair = compare(a, b, Selection(focus=1, lang="en"), timeline.chapter_end("softmax"))
    frame = pair.frames[0]
    shown = about(frame)
    assert frame.class_strips.roles == ["notebook", "query", "key", "value"]  # the JSON's numbers: all of them
    assert shown.class_strips.roles == ["query", "key"] and not shown.class_strips.notebook
    assert [c.role for c in shown.students[3].cards] == ["query", "key"] and shown.students[3].notebook is None
    assert shown.students[3].cards[0].values == frame.students[3].cards[0].values
    merge = compare(a, b, Selection(focus=1, lang="en"), timeline.chapter_end("listening"))
    asker = about(merge.frames[0]).students[1]  # the asker's own strips: its opinion and its new understanding
    assert [c.role for c in asker.cards] == ["value", "context"] and asker.notebook is None


@pytest.mark.parametrize("lang", list(PAIRS))
def test_the_caption_quotes_shares_only_at_steps_that_draw_them(checkpoint, lang):
    """teacher11 L1: softmax's first two steps and the heads chapter said "0.00 vs 0.36" with no share drawn."""
    first, second, asker = PAIRS[lang]
    a, b = classes(checkpoint, first, second, "causal")
    timeline = timeline_for(a.n_tokens, a.config.n_layer)
    sel = Selection(focus=asker, lang=lang, rule="causal")
    for i, beat in enumerate(timeline.beats):
        pair = compare(a, b, sel, timeline.beat_stop(i))
        if beat.key in ("softmax.weights", "listening.travel", "listening.merge"):
            change = pair.changed_most
            assert change is not None and changed_text(lang, change), beat.key
            for frame, s, share in zip(pair.frames, pair.selections, (change["share_a"], change["share_b"])):
                drawn_shares = {link.source if link.target == s.focus else link.target: link.value
                                for link in frame.links if link.role in ("weight", "value") and link.label}
                assert drawn_shares.get(change["seat"] - 1, 0.0) == share, beat.key  # (0: a classmate not heard)
        elif beat.chapter != "layers":  # (each layer's step draws that layer's shares: the selected one's are quoted)
            assert pair.changed_most is None and changed_text(lang, None) == "", beat.key
