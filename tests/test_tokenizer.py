"""The classroom tokenizer never fails, never loses a character, keeps known words whole (Japanese by
longest match), shows any other word as its pieces marked unknown, and is a real `tokenizers` file."""
from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from classroom_gui.model.tokenizer import MASK, UNK, ClassroomTokenizer, TokenizerError

WORDS = [UNK, MASK, "the", "cat", "sat", "on", "mat", "a", "dog", ".", ",", "!", "?", "'", "don't", "it's",
         "猫", "猫が", "が", "好き", "です", "。", "東京", "大学", "学生", "大", "日本語"]
PIECES = list("bcdefghijklmnopqrstuvwxyz") + list("ぬとを生食")
TOK = ClassroomTokenizer.from_words(WORDS, PIECES)

# characters a user might paste: anything printable, plus the awkward kinds listed by name
AWKWARD = ["\x00", "\x07", "\x1b", "\x7f", "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\ufeff",
           "\u0301", "\ud800", "\udfff", "\U0001F408", "\U0001F468\u200d\U0001F469\u200d\U0001F467",
           "\u2764\ufe0f", "\U0001F1EF\U0001F1F5", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
           "\u3000", "\u00a0", "\u2028", "\x1c", "\t", "\n", "\r\n", "ｔｈｅ", "İ", "ß", "\uffff", "\U0010FFFF"]
texts = st.lists(st.one_of(st.characters(), st.characters(categories=["Cs"]), st.sampled_from(AWKWARD),
                           st.sampled_from(WORDS[2:]), st.sampled_from(" \t\n")), max_size=100).map("".join)


def _no_space(text: str) -> str:
    return "".join(text.split())


def split(text):
    return [(t.text, t.unknown) for t in TOK.encode(text)]


@settings(max_examples=400, deadline=None)
@given(texts)
@example("")
@example("   \t\n ")
@example("<unk>")
@example("<mask> cat")
@example("The cat's mat.")
@example("don't DON'T it's 'quoted'")
def test_any_text_tokenizes_and_loses_nothing(text):
    tokens = TOK.encode(text)
    assert "".join(t.text for t in tokens) == _no_space(text)
    for t in tokens:
        assert t.text and _no_space(t.text) == t.text
        assert 0 <= t.id < len(TOK)
        if t.id == TOK.unk_id or not TOK.is_word(t.id):
            assert t.unknown
        if not t.unknown:  # a known token is a vocabulary word (up to case)
            assert TOK.vocab[t.id] == unicodedata.normalize("NFKC", t.text).lower()


@settings(deadline=None)
@given(st.from_regex(r"[A-Za-z]{2,12}", fullmatch=True).filter(lambda w: w.lower() not in WORDS))
def test_unknown_english_word_is_shown_as_its_pieces_all_marked(word):
    tokens = TOK.encode(f"  {word} ")
    assert "".join(t.text for t in tokens) == word and len(tokens) >= 2
    assert all(t.unknown and t.id != TOK.unk_id for t in tokens)  # letters are pieces: never one "?"


def test_unknown_english_word_keeps_known_parts_as_pieces():
    assert split("cats") == [("cat", True), ("s", True)]
    assert split("Cats sat") == [("Cat", True), ("s", True), ("sat", False)]


def test_typing_the_unknown_marker_gives_its_pieces():
    assert [t.text for t in TOK.encode("<unk>")] == ["<", "unk", ">"] or all(t.unknown for t in TOK.encode("<unk>"))
    assert all(t.unknown for t in TOK.encode("<unk>"))


def test_english_words_and_punctuation():
    tokens = TOK.encode("The cat sat on the mat, don't it?")
    assert [t.text for t in tokens] == ["The", "cat", "sat", "on", "the", "mat", ",", "don't", "i", "t", "?"]
    assert [t.unknown for t in tokens] == [False] * 8 + [True, True, False]
    assert TOK.decode([t.id for t in tokens[:3]]) == ["the", "cat", "sat"]


def test_casing_and_full_width_letters():
    assert [t.id for t in TOK.encode("THE The the tHe ｔｈｅ")] == [TOK.index["the"]] * 5
    assert [t.text for t in TOK.encode("THE The")] == ["THE", "The"]  # the text stays as written
    exact = ClassroomTokenizer(WORDS + ["Paris"], lowercase=False)
    known = [(t.text, t.unknown) for t in exact.encode("the The Paris paris") if not t.unknown]
    assert known == [("the", False), ("Paris", False)]  # The and paris are not words when case counts


def test_japanese_longest_match_and_pieces():
    assert split("猫が好きです。") == [("猫が", False), ("好き", False), ("です", False), ("。", False)]
    assert split("猫") == [("猫", False)]
    # greedy: 大学 is taken before 学生 can be; 生 is only a piece, so it is marked
    assert split("東京大学生") == [("東京", False), ("大学", False), ("生", True)]
    # ぬ is a piece; 寿 is in no entry at all, so it stands alone as <unk> and the rest still splits
    assert split("猫ぬぬ好き") == [("猫", False), ("ぬ", True), ("ぬ", True), ("好き", False)]
    assert split("猫寿好き") == [("猫", False), ("寿", True), ("好き", False)]
    assert TOK.encode("寿")[0].id == TOK.unk_id
    assert split("日本語とcat") == [("日本語", False), ("と", True), ("cat", False)]


def test_emoji_and_right_to_left_keep_their_text():
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    tokens = TOK.encode(f"the cat \u2764\ufe0f {family} \u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd")
    assert "".join(t.text for t in tokens[2:]) == "\u2764\ufe0f" + family + "\u0645\u0631\u062d\u0628\u0627\u05e9\u05dc\u05d5\u05dd"
    assert all(t.unknown for t in tokens[2:])


def test_huge_string_is_quick():
    text = ("The cat sat on the mat. 猫が好きです \U0001F408 zzz \u0645\u0631\u062d\u0628\u0627 " * 4000
            + "ぬ" * 50_000 + "x" * 50_000)
    start = time.process_time()  # CPU time: a quadratic match takes minutes; a busy machine must not fail this
    tokens = TOK.encode(text)
    assert time.process_time() - start < 10
    assert "".join(t.text for t in tokens) == _no_space(text)


def test_save_load_round_trip_gives_the_same_ids(tmp_path):
    TOK.save(tmp_path)
    loaded = ClassroomTokenizer.load(tmp_path)
    assert loaded.vocab == TOK.vocab and loaded.n_words == TOK.n_words and loaded.lowercase
    text = "The cats sat on the mat. 猫が好きです。東京大学生 \U0001F408"
    assert loaded.encode(text) == TOK.encode(text)
    assert "猫" in (tmp_path / "tokenizer.json").read_text(encoding="utf-8")


def test_the_file_is_a_plain_tokenizers_file_with_the_apps_ids(tmp_path):
    from tokenizers import Tokenizer

    TOK.save(tmp_path)
    plain = Tokenizer.from_file(str(tmp_path / "tokenizer.json"))
    text = "The cats sat on the mat, don't it? 猫が好きです。東京大学生 寿"
    assert plain.encode(text).ids == [t.id for t in TOK.encode(text)]


def test_auto_tokenizer_loads_the_folder_with_the_apps_ids(tmp_path):
    transformers = pytest.importorskip("transformers")
    TOK.save(tmp_path)
    auto = transformers.AutoTokenizer.from_pretrained(str(tmp_path))
    text = "The cats sat on the mat. 猫が好きです。"
    assert auto(text)["input_ids"] == [t.id for t in TOK.encode(text)]


@pytest.mark.parametrize("vocab", [["the", "cat"], [UNK, "a", "a"], [UNK, "two words"], [UNK, ""]])
def test_bad_vocabularies(vocab):
    with pytest.raises(TokenizerError):
        ClassroomTokenizer(vocab)


@pytest.mark.parametrize("content, problem", [(None, "not a classroom tokenizer"), ("{oops", "malformed")])
def test_bad_files(tmp_path, content, problem):
    if content is not None:
        TOK.save(tmp_path)
        (tmp_path / "tokenizer.json").write_text(content)
    with pytest.raises(TokenizerError, match=problem):
        ClassroomTokenizer.load(tmp_path)


def test_extend_spaces_latin_words_but_not_japanese_or_punctuation():
    tok = ClassroomTokenizer(["<unk>", "the", "mat", ".", "座った", "。"])
    assert tok.extend("The cat sat on the ", tok.index["mat"]) == "The cat sat on the mat"
    assert tok.extend("on the mat", tok.index["."]) == "on the mat."
    assert tok.extend("猫がマットの上に", tok.index["座った"]) == "猫がマットの上に座った"
