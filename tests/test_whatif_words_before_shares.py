"""teacher37 #2, #7, #9: the what-if narration before the softmax chapter names only the edit, model's value → now (the
share it moves would give away the quiz's 「いちばんよく聞くのは誰」), and the share change from softmax on; the card
board's bracket under an edit is the model's card, not the desk's; a share that moves only in another layer is said
not to change in the layer shown; 「今の値」 and 「元の値」 are one word to the line breaker."""
import pytest

from classroom_gui.lesson.chapters import CHAPTERS
from classroom_gui.lesson.numbers import fmt
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import WORD_JOINER, unbroken_words
from classroom_gui.lesson.whatif_state import WhatIf, own_value
from classroom_gui.model.sentence import run_sentence

JA = "猫がマットの上に座った"


@pytest.fixture(scope="module")
def state(checkpoint):
    s = WhatIf(run_sentence(checkpoint, JA, "none").trace)
    s.set_spec("q[1,1,座った,1]=5")  # the asker's (seat 6's) own question card: its shares move in layer 1
    return s


def stops(state):
    tl = timeline_for(state.own.n_tokens, state.own.config.n_layer)
    firsts = {}
    for i, b in enumerate(tl.beats):
        firsts.setdefault(b.chapter, i)
    return tl, firsts


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_chapter_before_softmax_names_the_edit_and_no_share(state, lang):
    tl, firsts = stops(state)
    e = state.edits[-1]
    before, after = fmt(own_value(state.own, e)), fmt(own_value(state.trace, e))
    share = "割合が、いちばん変わりました" if lang == "ja" else "changed most"
    edit = f"元の値{before} → 今の値{after}" if lang == "ja" else f"model's value {before} → now {after}"
    softmax = CHAPTERS.index("softmax")
    seen = set()
    for chapter, i in firsts.items():
        sel = Selection(focus=state.own.n_tokens - 1, lang=lang, rule="none")
        f = frame_at(state.trace, sel, tl.beat_stop(i))
        if CHAPTERS.index(chapter) < softmax:
            assert share not in f.narration, (chapter, f.narration)
            if "もうモデルそのままではありません" in f.narration or "no longer the model's own" in f.narration:
                assert edit in f.narration, (chapter, f.narration)
                seen.add("edit")
        elif chapter in ("softmax", "listening"):
            assert share in f.narration, (chapter, f.narration)
            seen.add("share")
    assert seen == {"edit", "share"}


def test_the_card_board_brackets_the_models_card_under_an_edit(checkpoint):
    s = WhatIf(run_sentence(checkpoint, JA, "none").trace)
    s.set_spec("q[1,1,座った,1]=5")
    tl = timeline_for(s.own.n_tokens, s.own.config.n_layer)
    i = next(i for i, b in enumerate(tl.beats) if b.key == "cards.query")
    sel = Selection(focus=s.own.n_tokens - 1, lang="ja", rule="none")
    board = "\n".join(frame_at(s.trace, sel, tl.beat_stop(i)).board)
    own = fmt(own_value(s.own, s.edits[-1]))
    assert f"（モデルのカードでは{own}）" in board and f"（カードでは{own}）" not in board
    assert "元の値" in board and "今の値5.00" in board
    plain = "\n".join(frame_at(s.own, sel, tl.beat_stop(i)).board)
    assert f"（カードでは{own}）" in plain  # the model's own class: its card is the desk's


def test_a_share_moved_only_in_another_layer_says_this_layer_stays(checkpoint):
    s = WhatIf(run_sentence(checkpoint, JA, "none").trace)
    s.set_spec("q[2,1,猫,1]=5")  # the report's: layer 2 shown, 「座った」 asks; its shares there cannot move
    tl = timeline_for(s.own.n_tokens, s.own.config.n_layer)
    i = next(i for i, b in enumerate(tl.beats) if b.key == "softmax.weights")
    f = frame_at(s.trace, Selection(focus=s.own.n_tokens - 1, lang="ja", rule="none", layer=1), tl.beat_stop(i))
    assert "この層（第2層、ヘッド1）では、「座った」の割合は、小数第2位まで変わりません。" in f.narration
    assert "第3層、ヘッド1では、" in f.narration and "もうモデルそのままではありません" in f.narration


def test_the_before_and_now_words_never_break():
    joined = unbroken_words("「座った」の割合（元の値0.29 → 今の値0.31）です。")
    assert f"今{WORD_JOINER}の{WORD_JOINER}値" in joined and f"元{WORD_JOINER}の{WORD_JOINER}値" in joined
