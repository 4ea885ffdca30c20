"""A narration breaks between words only (lesson.strings.unbroken_words): note16 saw 「…足した内」 / 「積です。」. Read
off the narration as the scene lays it out, over every step of the seed sentence, en and ja, both rules, at the two
canvases the app draws on (16:9 and 4:3: the narration's two widths) and in both themes (the contrast theme's
letters are 8 % bigger)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import WORD_JOINER, unbroken_words
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene import palette
from classroom_gui.scene.classroom import ClassroomScene
from classroom_gui.scene.wrapped_text import line_starts, wrapped_lines
from helpers import phrase_break

SEED = {"en": "The cat sat on the mat", "ja": "猫がマットの上に座った"}


def kind(c: str) -> str:
    o = ord(c)
    if 0x3041 <= o <= 0x309F:
        return "hiragana"
    if 0x30A0 <= o <= 0x30FF and c != "・":  # (the middle dot separates two words)
        return "katakana"
    if 0x4E00 <= o <= 0x9FFF:
        return "kanji"
    return "digit" if c.isdigit() else "other"


def inside_a_word(before: str, after: str) -> bool:
    """A line that ends with `before` and a next line that starts with `after` split a word: two letters of one
    kanji or katakana word, a word and its hiragana ending, two hiragana, or a name's bracket and its particle."""
    a, b = kind(before), kind(after)
    if before.isalpha() and after.isalpha() and before.isascii() and after.isascii():
        return True  # an English word cut in half
    if a in ("kanji", "katakana") and b in ("kanji", "katakana", "hiragana"):
        return True
    return a == b == "hiragana" or (before in "」）" and b == "hiragana") or (a == "digit" and b == "kanji")


def test_the_rule_keeps_words_and_breaks_between_phrases():
    joined = unbroken_words("質問と自己紹介カードの8組の数を掛けて足した内積です。「マット」が24個")
    open_pairs = [c + joined[i + 1] for i, c in enumerate(joined[:-1]) if WORD_JOINER not in (c, joined[i + 1])]
    # left to Qt's line breaker, which never breaks before 。 or 」, after 「, or inside a number
    assert open_pairs == ["と自", "の8", "の数", "を掛", "て足", "た内", "す。", "。「", "「マ", "ト」", "が2", "24"]
    assert unbroken_words("The cat sat, 0.43.") == "The cat sat, 0.43."


def test_a_line_may_break_after_a_middle_dot(qapp):
    """「・」 (U+30FB, in the katakana block) separates two words: 「…第1層・」 / 「ヘッド2の…」 (review19 #10); before,
    it was joined to both, and the line ran past its width."""
    from PySide6.QtGui import QFontMetricsF

    from classroom_gui.scene import fonts

    said = unbroken_words("第1層・ヘッド2の")
    assert "・ヘ" in said  # no joiner after the dot
    font = fonts.font(20, False)
    width = QFontMetricsF(font).horizontalAdvance("第1層・ヘッ")  # room for the first word, not for both
    assert wrapped_lines(said, font, width) == ["第1層・", "ヘッド2の"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_narration_line_breaks_inside_a_word(qapp, lang, checkpoint):
    scene, breaks, inside = ClassroomScene(), 0, []
    for rule in ("none", "causal"):
        trace = run_sentence(checkpoint, SEED[lang], rule).trace
        tl = timeline_for(trace.n_tokens, trace.config.n_layer)
        for theme in (palette.theme("classroom"), palette.CONTRAST):
            for size in ((1920, 1080), (1440, 1080)):
                for focus in (2, trace.n_tokens - 1):
                    sel = Selection(lang=lang, rule=rule, focus=focus).sized(*size)
                    for i in range(len(tl)):
                        scene.set_frame(frame_at(trace, sel, tl.beat_stop(i)), theme)
                        item = scene.narration  # as drawn: its text, font and width
                        text = item.text
                        for start in line_starts(text, item.font, item.area.width())[1:]:
                            before = text[:start].replace(WORD_JOINER, "")
                            after = text[start:].replace(WORD_JOINER, "")
                            breaks += 1
                            pair = before[-1:] + after[:1]  # (a space between them: a break between words)
                            if len(pair) == 2 and " " not in pair and inside_a_word(*pair) \
                                    and not phrase_break(before, after):  # 「最後に / もう一度」: a phrase ends
                                inside.append((rule, size, focus, tl.beats[i].key, before[-6:] + " / " + after[:6]))
    assert breaks > 300 and not inside, inside[:8]
