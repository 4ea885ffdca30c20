"""review17 (1) 5: str.isdigit() takes "²" (and "１", "٣"), which int() then refuses with a ValueError that reached the
user as 「プログラムの不具合です」 (`deck --from ²`, a video's range). Every place that reads a whole number from
text now takes ASCII digits only: the user's word gets its own clear message, a stored value is ignored."""
from __future__ import annotations

import argparse

import pytest

from classroom_gui.cli_table import positive, whole
from classroom_gui.export.files import ExportError
from classroom_gui.export.moments import chapter_key, chapter_range
from classroom_gui.lesson.timeline import Timeline
from classroom_gui.model.whatif import EditError, parse_edit

NOT_ASCII = ["²", "³", "٣"]


@pytest.mark.parametrize("word", NOT_ASCII)
def test_a_chapter_named_by_a_superscript_is_an_unknown_chapter(word):
    with pytest.raises(ExportError) as caught:
        chapter_key(word)
    assert caught.value.phrase.key == "error.unknown_chapter"
    with pytest.raises(ExportError):
        chapter_range(Timeline(6, 2), word, None)
    assert chapter_key("7") == chapter_key("softmax")  # an ASCII number still names its chapter


@pytest.mark.parametrize("word", NOT_ASCII)
def test_the_cli_numbers_refuse_a_superscript_with_argparse_message(word):
    for parse in (whole, positive):
        with pytest.raises(argparse.ArgumentTypeError):
            parse(word)
    assert whole("-3") == -3 and positive("3") == 3


@pytest.mark.parametrize("word", NOT_ASCII)
def test_an_edit_with_a_superscript_layer_or_seat_says_what_is_wrong(word):
    tokens = ["猫", "が", "座った"]
    for spec in (f"score[{word},1,1,2]=0", f"score[1,1,{word},2]=0", f"q[1,1,1,{word}]=0"):
        with pytest.raises(EditError):
            parse_edit(spec, tokens, 2, 2, 8)


def test_a_stored_step_with_a_superscript_is_ignored():
    timeline = Timeline(6, 2)
    t = (timeline.beats[3].start + timeline.beats[3].end) / 2
    index, key, arg = timeline.place(t).split(":")
    assert index == "3" and timeline.time_in(f"3:{key}:{arg}", t) == t
    assert timeline.time_in(f"³:{key}:{arg}", t) is None and timeline.time_in(f"3:{key}:{arg}²", t) is None
