"""Compare (teacher3 L3, L4; teacher11 L1): the share that changed most is named only where the lesson draws the
asker's shares (not on the deck's first slides, nor at softmax's exp and sum or the heads chapter), and the sentence offered to compare with is in the class's language, not the
menus' (an English class in the Japanese window is offered an English sentence)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.compare import compare, default_pair, sentence_lang
from classroom_gui.lesson.gallery import gallery_of
from classroom_gui.lesson.state import Selection, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir


@pytest.fixture(scope="module")
def pair(checkpoint):
    return (run_sentence(checkpoint, "猫がマットの上に座った", "none").trace,
            run_sentence(checkpoint, "犬がベッドの上に寝た", "none").trace)


def test_the_share_that_changed_most_waits_for_the_shares(pair):
    a, b = pair
    timeline = timeline_for(a.n_tokens, a.config.n_layer)
    sel = Selection(focus=6, lang="ja")
    named = {}
    for key, _start in timeline.chapter_starts():
        named[key] = compare(a, b, sel, timeline.chapter_end(key)).changed_most
    drawn = ("softmax", "listening", "layers")  # (layers: named at the step of the layer selected, if it is drawn)
    assert all(named[key] is None for key in named if key not in drawn), named
    assert named["softmax"] is not None and named["softmax"] == named["listening"]
    softmax_start = compare(a, b, sel, timeline.chapter_stop("softmax")).changed_most  # exp: no share drawn yet
    assert softmax_start is None


def test_the_offer_follows_the_class_language_not_the_menus():
    gallery = gallery_of(teaching_model_dir())[0]
    english = "Tom has a dog and Anna has a hat. Tom keeps the"
    assert sentence_lang(english) == "en" and sentence_lang("猫がマットの上に座った") == "ja"
    offered = default_pair("ja", gallery, english)
    assert all(sentence_lang(s) == "en" for s in offered)
    assert all(sentence_lang(s) == "ja" for s in default_pair("en", gallery, "猫がマットの上に座った"))
    assert default_pair("ja", gallery) == default_pair("ja", gallery, "猫がマットの上に座った")
