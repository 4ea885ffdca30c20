"""teacher34 #11: Japanese lines broke inside words or left short lines: the comparison's label 「…座っ / た」 and its
caption 「クラ / ス2」, the seed's 4:3 mask quiz card 「順番に / 発言（GPT）」, the exp board's note after 「（expの中は、」
with the rest on the next line. Each is now broken between phrases (lesson.strings' phrase-break helpers)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QPainter

from classroom_gui.lesson.strings import WORD_JOINER
from classroom_gui.scene import wrapped_text

# words of the comparison's Japanese label and caption that a line must never split
WORDS = ("座った", "マット", "クラス", "もしも", "変更", "モデル", "そのまま", "割合", "生徒", "スコア", "ヘッド", "質問")


def line_starts(text: str, font, width: float) -> list[int]:
    """Where Qt starts each line of `text` laid out `width` wide, as indices of `text` without its word joiners."""
    return [len(text[:s].replace(WORD_JOINER, "")) for s in wrapped_text.line_starts(text, font, width)]


def inside_words(plain: str, starts: list[int]) -> list[str]:
    """The words of WORDS a line start falls inside of."""
    return [w for w in WORDS for k in range(len(plain)) if plain.startswith(w, k) for s in starts if k < s < k + len(w)]


def test_the_comparisons_label_and_caption_break_between_phrases(qapp, checkpoint, monkeypatch):
    """The case teacher34 met: 「猫がマットの上に座った」 with an edit beside 「犬がマットの上に座った」, at 1024 x 768."""
    from classroom_gui.cli_export import with_edits
    from classroom_gui.export.compare import render_pair
    from classroom_gui.lesson.compare import compare
    from classroom_gui.lesson.state import Selection, timeline_for
    from classroom_gui.model.sentence import run_sentence

    first, second = "猫がマットの上に座った", "犬がマットの上に座った"
    own = run_sentence(checkpoint, first, "none").trace
    edited = with_edits(own, ["score[2,1,座った,猫]=0"], lang="ja")
    other = run_sentence(checkpoint, second, "none").trace
    t = timeline_for(own.n_tokens, own.config.n_layer).chapter_end("softmax")
    pair = compare(edited, other, Selection(focus=6, layer=1, lang="ja", rule="none"), t, texts=(first, second),
                   page=(1024, 768))
    drawn = []
    original = QPainter.drawText

    def spy(painter, *args):
        if len(args) == 3 and isinstance(args[0], QRectF) and isinstance(args[2], str):
            drawn.append((args[2], painter.font(), args[0].width()))
        return original(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", spy)
    render_pair(pair, (1024, 768), lang="ja")
    said = {text.replace(WORD_JOINER, ""): (text, font, width) for text, font, width in drawn}
    label = next(k for k in said if k.startswith(("クラス1（もしも", "クラス1（「もしも")) and first in k)  # (fix85: 「もしも」)
    caption = next(k for k in said if k.startswith("いちばん変わったのは"))
    for plain in (label, caption):
        text, font, width = said[plain]
        starts = line_starts(text, font, width)
        assert len(starts) >= 2, plain  # (both wrap at 1024 x 768: the breaks are what is tested)
        assert not inside_words(plain, starts), (plain, starts)


def test_a_quiz_question_keeps_its_terms_whole():
    from classroom_gui.scene.quiz_place import phrase_breaks

    question = "順番に発言（GPT）では、この中で「猫」に聞こえるのは誰でしょう？"
    breaks = phrase_breaks(question)
    term = question.index("順番に発言")
    assert not [i for i in breaks if term < i < term + len("順番に発言")]
    assert question.index("では") in breaks or question.index("この") in breaks  # it still breaks between phrases


@pytest.mark.parametrize("extra", [0, 20, 60])
def test_the_exp_note_fills_its_first_line(qapp, extra):
    """The note broke after 「（expの中は、」 whenever the rest fitted a line: a short line, then a long one."""
    from classroom_gui.lesson.strings import text
    from classroom_gui.scene import fonts
    from classroom_gui.scene.board_wrap import CONTINUED, wrapped

    note = text("ja", "board.exp_written", places=3)
    fm = QFontMetricsF(fonts.font(16))
    head, rest = note.split("、", 1)
    width = fm.horizontalAdvance(CONTINUED + rest) + extra  # the rest fits one line; the whole does not
    assert fm.horizontalAdvance(note) > width
    lines = wrapped(note, fm, width)
    assert len(lines) == 2 and lines[0] != head + "、", lines
    assert all(fm.horizontalAdvance(line) <= width for line in lines)
    first, second = (fm.horizontalAdvance(line.strip()) for line in lines)
    assert first >= 0.5 * second and second >= 0.5 * first  # neither line is short beside the other
    assert "".join(line.strip() for line in lines) == note  # nothing lost
