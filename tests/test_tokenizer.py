"""The classroom tokenizer never fails, never loses a character, and splits Japanese by longest match."""
from __future__ import annotations

import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from classroom_gui.model.tokenizer import UNK, ClassroomTokenizer, TokenizerError

VOCAB = [UNK, "the", "cat", "sat", "on", "mat", "a", "dog", ".", ",", "!", "?", "'", "don't", "it's",
         "猫", "猫が", "が", "好き", "です", "。", "東京", "大学", "学生", "大", "日本語"]
TOK = ClassroomTokenizer(VOCAB)

# characters a user might paste: anything printable, plus the awkward kinds listed by name
AWKWARD = ["\x00", "\x07", "\x1b", "\x7f", "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\ufeff",
           "\u0301", "\ud800", "\udfff", "\U0001F408", "\U0001F468\u200d\U0001F469\u200d\U0001F467",
           "\u2764\ufe0f", "\U0001F1EF\U0001F1F5", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
           "\u3000", "\u00a0", "\u2028", "\x1c", "\t", "\n", "\r\n", "ｔｈｅ", "İ", "ß", "\uffff", "\U0010FFFF"]
texts = st.lists(st.one_of(st.characters(), st.characters(categories=["Cs"]), st.sampled_from(AWKWARD),
                           st.sampled_from(VOCAB[1:]), st.sampled_from(" \t\n")), max_size=100).map("".join)


def _no_space(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=400, deadline=None)
@given(texts)
@example("")
@example("   \t\n ")
@example("<unk>")
@example("The cat's mat.")
@example("don't DON'T it's 'quoted'")
def test_any_text_tokenizes_and_loses_nothing(text):
    tokens = TOK.encode(text)
    assert "".join(t.text for t in tokens) == _no_space(text)
    for t in tokens:
        assert t.text and _no_space(t.text) == t.text
        assert 0 <= t.id < len(TOK)
        assert t.unknown == (t.id == TOK.unk_id)
        if not t.unknown:  # a known token is a vocabulary word (up to case)
            assert TOK.vocab[t.id] == (t.text.lower() if t.text.isascii() else t.text)


@settings(deadline=None)
@given(st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True).filter(lambda w: w.lower() not in VOCAB))
def test_unknown_english_word_is_one_token_keeping_its_text(word):
    [token] = TOK.encode(f"  {word} ")
    assert token.unknown and token.text == word and token.id == TOK.unk_id


def test_typing_the_unknown_marker_is_not_the_unknown_token():
    assert [t.text for t in TOK.encode("<unk>")] == ["<", "unk", ">"]
    assert all(t.unknown for t in TOK.encode("<unk>"))  # '<', 'unk', '>' are not in VOCAB


def test_english_words_and_punctuation():
    tokens = TOK.encode("The cat sat on the mat, don't it?")
    assert [t.text for t in tokens] == ["The", "cat", "sat", "on", "the", "mat", ",", "don't", "it", "?"]
    assert [t.unknown for t in tokens] == [False] * 8 + [True, False]
    assert TOK.decode([t.id for t in tokens[:3]]) == ["the", "cat", "sat"]


def test_casing():
    assert [t.id for t in TOK.encode("THE The the tHe")] == [VOCAB.index("the")] * 4
    assert [t.text for t in TOK.encode("THE The")] == ["THE", "The"]  # the text stays as written
    exact = ClassroomTokenizer(VOCAB + ["Paris"], lowercase=False)
    the, cap_the, paris, lower_paris = exact.encode("the The Paris paris")
    assert not the.unknown and cap_the.unknown and not paris.unknown and lower_paris.unknown
    assert cap_the.text == "The"
    # lowercasing applies to ASCII words only: full-width letters go through longest match unchanged
    assert TOK.encode("ＴＨＥ")[0].unknown


def test_japanese_longest_match():
    def split(text):
        return [(t.text, t.unknown) for t in TOK.encode(text)]

    assert split("猫が好きです。") == [("猫が", False), ("好き", False), ("です", False), ("。", False)]
    assert split("猫") == [("猫", False)]
    # greedy: 大学 is taken before 学生 can be, and characters starting no word gather into one unknown
    assert split("東京大学生") == [("東京", False), ("大学", False), ("生", True)]
    assert split("猫ぬぬぬ好き") == [("猫", False), ("ぬぬぬ", True), ("好き", False)]
    assert split("日本語とcat") == [("日本語", False), ("と", True), ("cat", False)]


def test_emoji_and_right_to_left_keep_their_text():
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    tokens = TOK.encode(f"the cat \u2764\ufe0f {family} \u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd")
    assert [t.text for t in tokens][2:] == ["\u2764\ufe0f", family, "\u0645\u0631\u062d\u0628\u0627",
                                            "\u05e9\u05dc\u05d5\u05dd"]
    assert all(t.unknown for t in tokens[2:])


def test_huge_string_is_quick():
    text = ("The cat sat on the mat. 猫が好きです \U0001F408 zzz \u0645\u0631\u062d\u0628\u0627 " * 4000
            + "ぬ" * 50_000 + "x" * 50_000)
    start = time.perf_counter()
    tokens = TOK.encode(text)
    assert time.perf_counter() - start < 10
    assert "".join(t.text for t in tokens) == _no_space(text)
    assert tokens[-1].text == "x" * 50_000 and tokens[-2].text == "ぬ" * 50_000


def test_save_load_round_trip(tmp_path):
    TOK.save(tmp_path / "tok.json")
    loaded = ClassroomTokenizer.load(tmp_path / "tok.json")
    assert loaded.vocab == VOCAB and loaded.lowercase
    assert "猫" in (tmp_path / "tok.json").read_text(encoding="utf-8")  # written as UTF-8, not \\u escapes


@pytest.mark.parametrize("vocab", [["the", "cat"], [UNK, "a", "a"]])
def test_bad_vocabularies(vocab):
    with pytest.raises(TokenizerError):
        ClassroomTokenizer(vocab)


def test_extend_spaces_latin_words_but_not_japanese_or_punctuation():
    tok = ClassroomTokenizer(["<unk>", "the", "mat", ".", "座った", "。"])
    assert tok.extend("The cat sat on the ", tok.index["mat"]) == "The cat sat on the mat"
    assert tok.extend("on the mat", tok.index["."]) == "on the mat."
    assert tok.extend("猫がマットの上に", tok.index["座った"]) == "猫がマットの上に座った"
