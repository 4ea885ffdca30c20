"""A card's label that does not fit its desk on one line wraps onto two rather than ending in "…", where the
desk keeps every number and label row (teacher10 M2, L2): the answer step's 「レイヤー正規化（最後のノート）」 on
the asker's 16:9 desk of the gallery's "…too wide" example (11 students; was 「最後のレイヤー正…」 when it read 「最後のレイヤー正規化（ノート）」), and chapter 10's
"all heads' new understanding" on the 4:3 desks of 7 students (was "all heads' new under…"). It breaks between
words (「レイヤー正規化」「（最後のノート）」), never inside one."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

WIDE = "The animal didn't cross the street because it was too wide"


def labels_shown(scene) -> list[tuple[str, list[str]]]:
    return [(view.strip.label, view.label_shown()) for d in scene.desks if d.isVisible() and d.box is not None
            for view, box in zip(d.views, d.box.strips) if box.label_h]


def check_chapter(checkpoint, text, rule, focus, lang, canvas, chapter) -> int:
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, text, rule).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene, wrapped = ClassroomScene(), 0
    for i, beat in enumerate(timeline.beats):
        if beat.chapter != chapter:
            continue
        scene.set_frame(frame_at(trace, Selection(focus=focus, lang=lang, canvas=canvas, rule=rule),
                                 timeline.beat_stop(i)))
        for label, lines in labels_shown(scene):
            assert "".join(lines).replace(" ", "") == label.replace(" ", ""), (beat.key, label, lines)
            assert len(lines) <= 2
            assert all(line.count("（") == line.count("）") for line in lines[:-1]), (beat.key, lines)  # no break in （…）
            wrapped += len(lines) == 2
    return wrapped


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_answer_steps_card_labels_are_whole(qapp, checkpoint, lang, canvas):
    wrapped = check_chapter(checkpoint, WIDE, "causal", 10, lang, canvas, "answer")
    if canvas is WIDESCREEN and lang == "ja":
        assert wrapped  # 「レイヤー正規化」「（最後のノート）±5」


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_final_notebooks_label_is_whole_at_4_3_on_the_seeds_desk(qapp, checkpoint, lang):
    """teacher13 (low): F5 at 4:3, the seed's 7 students, the final LayerNorm's step: the asker's desk holds its
    notebook and the final notebook under the answer's badge line, and the label was 「最後のレイヤー正規…」; its rows
    a little lower (layout.SNUG) give the second line its room, every number kept."""
    wrapped = check_chapter(checkpoint, "猫がマットの上に座った", "causal", 6, lang, FOUR_THREE, "answer")
    assert wrapped  # 「レイヤー正規化」「（最後のノート）±6」; "final LayerNorm" "(notebook) ±6" (with its scale, review17)


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
def test_the_final_notebooks_label_breaks_before_its_bracket_on_the_seeds_desk(qapp, checkpoint, canvas):
    """jareview3 #5: at 1920×1080 the seed's label broke 「レイヤー正規化（最後の / ノート）±6」 (after 「の」, inside the
    brackets); it breaks before the （, as 「マット」（0.33） keeps its （…）, or not at all."""
    from PySide6.QtGui import QFontMetricsF

    from classroom_gui.scene import fonts
    from classroom_gui.scene.card_labels import label_lines

    check_chapter(checkpoint, "猫がマットの上に座った", "causal", 6, "ja", canvas, "answer")
    label = "レイヤー正規化（最後のノート）±6"
    inner = QFontMetricsF(fonts.font(16.0, bold=True)).horizontalAdvance("レイヤー正規化（最後の")
    assert label_lines(label, 16.0, inner + 2) == ("レイヤー正規化", "（最後のノート）±6")


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_chapter_10s_card_labels_are_whole(qapp, checkpoint, lang, canvas):
    wrapped = check_chapter(checkpoint, "猫がマットの上に座った", "none", 0, lang, canvas, "heads")
    if canvas is FOUR_THREE and lang == "en":
        assert wrapped  # "all heads' new" / "understanding"


def test_a_japanese_label_breaks_between_words(qapp):
    from classroom_gui.scene.card_labels import label_lines

    assert label_lines("最後のレイヤー正規化（ノート）", 16.0, 150.0) == ("最後のレイヤー", "正規化（ノート）")
    assert label_lines("レイヤー正規化（最後のノート）", 16.0, 150.0) == ("レイヤー正規化", "（最後のノート）")
    assert label_lines("all heads' new understanding", 16.0, 150.0) == ("all heads' new", "understanding")
    assert label_lines("notebook", 16.0, 150.0) == ("notebook",)


def test_a_label_cut_to_its_last_line_keeps_its_spaces(qapp):
    """review15 #4: the lines past the last shown were joined with nothing ('newunder…'); a Japanese label's are."""
    from classroom_gui.scene.card_labels import label_lines, label_texts

    label = "all heads new understanding of the class"
    assert len(label_lines(label, 10.0, 60.0)) > 2
    first, last = label_texts(label, 10.0, 60.0, 2)
    assert first == "all heads" and last.endswith("…") and last[:-1] and "new understanding of the class".startswith(last[:-1])
    ja = "最後のレイヤー正規化（ノート）の数"
    parts = label_lines(ja, 16.0, 60.0)
    assert len(parts) > 2 and " " not in "".join(label_texts(ja, 16.0, 60.0, 2))
