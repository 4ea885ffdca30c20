"""What the sentence editor offers and marks, without Qt: known words to complete, unknown words named whole."""
from hypothesis import given, settings
from hypothesis import strategies as st

from classroom_gui.lesson.typing_help import KnownWords, complete, completion_words, typed_word
from classroom_gui.model.unknown_words import unknown_spans, unknown_words
from classroom_gui.model.tokenizer import ClassroomTokenizer, Token

WORDS = ["<unk>", "the", "cat", "car", "cart", "sat", "on", "mat", ".", "猫", "が", "マット", "の", "上", "に", "座った"]
TOKENIZER = ClassroomTokenizer.from_words(WORDS[1:], sorted(set("abcdefghijklmnopqrstuvwxyz") | set("猫がマッ寝たのト")))


class Pieces:
    """A tokenizer with a subword fallback: an unknown Latin word comes as marked pieces of three letters."""
    vocab = WORDS

    def encode(self, text):
        out = []
        for word in text.split():
            if word.lower() in WORDS:
                out.append(Token(word, WORDS.index(word.lower()), False))
            else:
                out += [Token(word[i:i + 3], 0, True) for i in range(0, len(word), 3)]
        return out


def test_completions_are_known_words_starting_with_what_is_typed():
    known = KnownWords(WORDS)
    assert "<unk>" not in known.words and "." not in known.words and "猫" in known.words
    ca = [w for w in WORDS if w.startswith("ca")]
    assert known.starting("ca") == ca  # in the vocabulary's order (its most common words first)
    assert known.starting("CA") == ca  # case does not matter
    assert known.starting("cart") == [] and known.starting("") == [] and known.starting("x") == []
    assert known.starting("マ") == ["マット"]


def test_completions_of_the_teaching_model_offer_common_words_first(checkpoint):
    """"The cat s" offered so, st, sad, sam, san, sat, saw, say, sea, see, set, sex: shortest first put rare words
    ahead of the lesson's own "sat" and "saw" (and "sex" on a school projector)."""

    known = KnownWords(checkpoint.tokenizer.vocab)
    offered = known.starting("s")
    assert offered[0] == "sat", offered  # the lesson's words lead
    assert "sex" not in offered
    assert known.starting("sa")[:2] == ["sat", "saw"]


def test_the_word_being_typed():
    def typed(text):
        return typed_word(text, TOKENIZER.encode(text))
    assert typed("the ca") == "ca" and typed("the cat ") == "" and typed("the cat.") == "" and typed("") == ""
    assert typed("猫がマッ") == "マッ"
    assert complete("the ca", "ca", "cat") == "the cat" and complete("猫がマッ", "マッ", "マット") == "猫がマット"


def test_unknown_words_are_named_once_and_whole():
    assert unknown_words(TOKENIZER, "the zebra sat on the zebra") == ["zebra"]
    assert unknown_words(TOKENIZER, "猫がマットに寝た") == ["寝た"]
    assert unknown_words(Pieces(), "the hippopotamus sat") == ["hippopotamus"]  # not "hip", "pop", ...
    assert unknown_words(TOKENIZER, "the cat sat on the mat") == []
    assert unknown_spans(Pieces(), "the hippopotamus sat on the zebra") == [(4, 16), (28, 33)]


def test_gpt2_words_are_offered_without_their_space_mark():
    words = completion_words(["Ġthe", "the", "Ġcat", "<|endoftext|>", "##ing", ",", "Ġ", "a"])
    assert words == ["cat", "the"]


def _spans_one_letter_at_a_time(tokenizer, text):
    """The marking as it was first written: each unknown Latin piece widened a character at a time (quadratic on
    a 10,000-letter word, so the editor froze for minutes); unknown_spans must mark exactly the same. (Since
    teacher6 M4 every piece of an unknown Japanese word is unknown, and two such words that touch, 「量子」 then
    「コンピュータ」, are two spans; since teacher30 #4 a punctuation mark is a span of its own; since teacher40 #7 an
    unknown hiragana tail is then named with the kanji/katakana word it ends, with_heads, tested in test_unknown_named.)"""
    import re
    import unicodedata

    from classroom_gui.model.unknown_words import is_exact, japanese_words, whole_words, with_heads
    latin, spans, at, word, marked, placed = re.compile(r"[A-Za-z0-9']"), [], 0, None, False, []
    tokens = tokenizer.encode(text)
    words = japanese_words(text, tokens)
    for t, w in zip(whole_words(text, tokens, words), words):
        start = text.find(t.text, at) if t.text else -1
        if start < 0:
            continue
        at = start + len(t.text)
        placed.append((start, at))
        if not t.unknown:
            continue
        a, b = start, at
        mark = all(unicodedata.category(c).startswith("P") for c in t.text)  # a mark is its own (teacher30 #4)
        if t.text.isascii() and (not mark or t.text == "'"):
            while a > 0 and latin.match(text[a - 1]):
                a -= 1
            while b < len(text) and latin.match(text[b]):
                b += 1
        if spans and (a < spans[-1][1] or a == spans[-1][1] and not (mark or marked)
                      and (None in (w, word) or w == word) and not re.fullmatch(r"[ぁ-ゟ]+", text[spans[-1][0]:a])):
            spans[-1] = (spans[-1][0], max(b, spans[-1][1]))  # (a span of kana only takes nothing: teacher32 #8)
        else:
            spans.append((a, b))
        word, marked = w, mark
    return spans if is_exact(tokenizer) else with_heads(text, spans, placed)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="the cat zxq'9 猫がマッ寝た.,-", max_size=60))
def test_unknown_spans_widen_pieces_as_a_letter_by_letter_walk_would(text):
    for tokenizer in (TOKENIZER, Pieces()):
        assert unknown_spans(tokenizer, text) == _spans_one_letter_at_a_time(tokenizer, text)


def test_a_long_unknown_word_is_one_span():
    assert unknown_spans(TOKENIZER, "x" * 10_000) == [(0, 10_000)]  # each letter is a piece of one word
    assert unknown_spans(TOKENIZER, "the " + "zq" * 3000 + " cat 猫") == [(4, 6004)]
