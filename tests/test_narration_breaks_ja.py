"""Where a Japanese narration may break (lesson.strings.unbroken_words, unbroken_end), after jareview2 #1 and review19
#9-#10: a name or a term keeps the （…） right after it (「「マット」 / （0.33）です」), no line starts with the particle
after a Latin word, a number, ")" or ∞ (「W_Q / で」, 「exp / も」), 「もう一度」 stays whole, 「・」 separates words, and
the last line keeps LAST_LINE visible characters, and a long run of hiragana breaks after a particle that follows a
word (「最後に / もう一度」, 「「猫」が / いちばん」: it never broke, text21) but not inside a word (「計算で / きる」).
Read off every narration of the seed sentence (both rules, every asker), laid out as the app draws it (34 px, 8 % bigger in the contrast theme) at the caption's two widths (16:9 and
4:3; an export of any size scales the same canvas), at the widths jareview2 measured and across 700-1900 px."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import LAST_LINE, WORD_JOINER, unbroken_end, unbroken_words
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene import fonts, palette
from classroom_gui.scene.wrapped_text import line_starts
from helpers import phrase_break

CAPTION_WIDTHS = [c.width - 60 - 56 for c in (WIDESCREEN, FOUR_THREE)]  # areas.caption_rect, less the scene's margins
MEASURED = [1445, 738, 725]  # jareview2's dumps: 「全員がW_Q / で」, 「exp / も」, 「exp / で」
ENDS = "、。：！？"
# one kana of the i- or e-row between two words, not a particle: a verb's ending that the word after continues
# (「付け方」, 「読み方」); a dictionary form ends a word (「映る / プロジェクター」)
ENDINGS = set("いきしちにひみりぎじびえけせてねへめれげぜべ") - set("にてへね")


def pieces(text: str) -> list[str]:
    """`text` cut where Qt's line breaker may break it: at every place a line can start, at any width."""
    cuts = set()
    for width in range(700, 1900, 25):  # (a narrow width finds every place where a line can start)
        cuts.update(line_starts(text, fonts.font(34), width))
    cuts = sorted(cuts | {len(text)})
    return [text[a:b].replace(WORD_JOINER, "") for a, b in zip(cuts, cuts[1:])]


def kind(c: str) -> str:
    o = ord(c)
    if 0x3041 <= o <= 0x309F:
        return "hiragana"
    return "word" if (0x30A0 <= o <= 0x30FF and c != "・") or 0x4E00 <= o <= 0x9FFF else "other"


def wrong_break(before: str, after: str) -> str:
    """What is wrong with a line that ends with `before` and a next line that starts with `after` ("" if nothing)."""
    before, after = before.rstrip(), after.lstrip()
    a, b = before[-1], after[0]
    if kind(a) == kind(b) == "hiragana" and phrase_break(before, after):
        return ""  # a phrase ends: 「最後に / もう一度」
    if kind(a) == "word" and kind(b) in ("word", "hiragana") or kind(a) == kind(b) == "hiragana":
        return "inside a word"
    if kind(a) == "hiragana" and kind(b) == "word" and len(before) > 1 and kind(before[-2]) == "word" and \
            a in ENDINGS:
        return "a word cut after its one-kana ending (「付け / 方」)"
    if b == "（" and a not in ENDS:
        return "a name or a term cut from its （…）"
    if kind(b) == "hiragana" and a not in ENDS:
        return "a line starts with a particle"
    if before.endswith("もう") and after.startswith("一度"):
        return "「もう / 一度」"
    return "a number cut from its counter" if a.isdigit() and kind(b) == "word" else ""


@pytest.fixture(scope="module")
def narrations(checkpoint) -> dict[str, str]:
    return japanese_narrations(checkpoint)


def japanese_narrations(checkpoint) -> dict[str, str]:
    """Every Japanese narration of the seed sentence: text -> its step's key."""
    said = {}
    for rule in ("none", "causal"):
        trace = run_sentence(checkpoint, "猫がマットの上に座った", rule).trace
        tl = timeline_for(trace.n_tokens, trace.config.n_layer)
        for focus in range(trace.n_tokens):
            sel = Selection(lang="ja", rule=rule, focus=focus).sized(1920, 1080)
            for i in range(len(tl)):
                if text := frame_at(trace, sel, tl.beat_stop(i)).narration:
                    said.setdefault(text, tl.beats[i].key)
    return said


def joined_at(marked: str) -> bool:
    """Whether unbroken_words joins the two characters either side of the "/" in `marked` (no line breaks there)."""
    at = marked.index("/")
    joined = unbroken_words(marked.replace("/", ""))
    seen = 0
    for i, c in enumerate(joined):
        seen += c != WORD_JOINER
        if seen == at:
            return joined[i + 1] == WORD_JOINER


def test_the_rule_on_jareview2s_lines():
    for kept in ("のは「マット」/（0.33）です。", "自分自身/（1.00）です", "注意の重みの表/（アテンション行列）", "全員がW_Q/で質問",
                 "exp/も大きく", "exp/で正の数", "GPT/のルール", "-∞/は0に", "exp(z)/を足す", "最後にもう/一度レイヤー",
                 "もう一/度", "24/個", "「マット」/が", "色の付け/方が違い", "読み/方", "書き/方", "考え/方", "隠れ/ユニット",
                 "話し/合い", "計算で/きる", "必要で/す", "必要で/しょう", "上が/る", "見に/くい", "時に/は", "正のも/の",
                 "いちば/んよく", "でしょ/う",
                 "授業のは/じまり", "その章のは/じめから", "ディスクへ/は移動",  # review25 #5
                 "正の/ものは", "負の/もの", "空の/まま", "生徒の/うち", "レーダーの/ように", "0に/し、", "0に/し（"):  # jareview5 #3
        assert joined_at(kept), kept
    for free in ("第1層・/ヘッド2", "第1層/・ヘッド2", "です。/（", "足した/内積", "の/8組", "色の/付け方", "最後に/一度",
                 "ノートを/整え", "猫が/座った", "最後に/もう一度", "「猫」が/いちばん",
                 "時には/これを", "0に/なります", "話が/できます", "数で/できている", "生徒は/いません",
                 "ディスクへは/移動"):
        assert not joined_at(free), free


def test_the_last_line_keeps_five_visible_characters():
    joined = unbroken_words("内積を足して整えます。")
    end = unbroken_end(joined)
    kept = end[end.index("整"):]  # 「整えます。」: five characters, each joined to the next, no joiner twice
    assert kept.replace(WORD_JOINER, "") == "整えます。" and kept == WORD_JOINER.join("整えます。")
    assert end.replace(WORD_JOINER, "") == "内積を足して整えます。" and WORD_JOINER * 2 not in end
    assert LAST_LINE == 5 and unbroken_end("です。") == "です。"


def test_no_narration_breaks_a_word_a_name_and_its_value_or_before_a_particle(qapp, narrations):
    wrong, breaks = [], 0
    for text, key in narrations.items():
        joined = unbroken_words(text)
        for said in (joined, unbroken_end(joined)):
            for px, widths in ((34, CAPTION_WIDTHS + MEASURED), (34 * palette.CONTRAST.font_scale, CAPTION_WIDTHS)):
                for width in widths:
                    for start in line_starts(said, fonts.font(px), width)[1:]:
                        before, after = said[:start].replace(WORD_JOINER, ""), said[start:].replace(WORD_JOINER, "")
                        breaks += 1
                        if why := wrong_break(before, after):
                            wrong.append((key, width, why, before[-6:] + " / " + after[:6]))
            parts = pieces(said)  # any width at all
            wrong += [(key, "any", wrong_break(a, b), a[-6:] + " / " + b[:6]) for a, b in zip(parts, parts[1:])
                      if wrong_break(a, b)]
    assert breaks > 500 and not wrong, wrong[:8]
