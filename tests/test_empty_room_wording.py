"""teacher32 #12: the empty room's message broke inside a word, 「上の欄に文を入れ／てください（例：／「猫がマットの上に座った」）。」,
and the embedding board wrote 「ノート = トークン + 位置」 where JAPANESE.md's student is the token: the message now breaks
between phrases (lesson.strings.wrapping), and the lesson calls the token vector 「単語ベクトル」 throughout."""
from __future__ import annotations

import json

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import empty_frame
from classroom_gui.scene.wrapped_text import line_starts


def laid_lines(item) -> list[str]:
    """The lines `item`'s text is drawn in, as wrapped_text.line_starts lays them out, without word joiners."""
    text = item.text.replace("\n", "\u2028")  # (as QPainter.drawText lays out a line break)
    starts = line_starts(text, item.font, item.area.width())
    return [text[a:b].replace("\u2060", "").strip("\u2028 ") for a, b in zip(starts, starts[1:] + [len(text)])]


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
def test_the_empty_rooms_message_breaks_between_phrases(qapp, canvas):
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    scene.set_frame(empty_frame("ja", canvas=canvas))
    lines = laid_lines(scene.message)
    assert len(lines) > 1 and "".join(lines).startswith("教室にはまだ誰もいません。")
    for a, b in zip(lines, lines[1:]):
        assert not (a.endswith("入れ") or b.startswith("てください")), lines
    assert lines[-1].startswith("例：「猫がマットの上に座った」") or lines[-1] == "「猫がマットの上に座った」", lines


def test_the_lesson_calls_the_token_vector_a_word_vector():
    from pathlib import Path
    import classroom_gui
    ja = json.loads((Path(classroom_gui.__file__).parent / "messages" / "strings" / "ja.json").read_text("utf-8"))
    lesson = {k: v for k, v in ja.items() if not k.startswith(("model.", "cli."))}
    assert not [k for k, v in lesson.items() if "トークン" in v]
    assert ja["board.sum"] == "{name}：ノート = 単語ベクトル + 位置ベクトル"
