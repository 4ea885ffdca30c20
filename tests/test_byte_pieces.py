"""teacher28 M4 and L3 on the tiny GPT-2 folder with a 64-word English paragraph: at answer time about 45 of 64 desks
guessed a piece of a character ("<0xAF>", "<0xB8><0x8A><0xE3><0x81>"), cut to "<0x…" on the desk and "<0xAF><0x…"
under a bar; the board listed four such pieces below the answer and left out a whole word ("(Japanese words are not
listed; …"い" (0.032))"). A piece of a character is no word of any language: it is neither listed below the answer
nor guessed at a desk, and where one is shown (the class's answer, the word the board says it left out) it is one
mark, ◇ and its bytes (「◇E3」: teacher30 #3, two pieces looked the same), that the caption explains once."""
from __future__ import annotations

from pathlib import Path

import pytest

from classroom_gui.lesson import rules
from classroom_gui.lesson.answers import BYTE_PIECE, answer_ids, left_out, named, seat_guesses
from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, notices_for, timeline_for
from classroom_gui.model.bpe_tokenizer import byte_piece
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

FIXTURES = Path(__file__).parent / "fixtures"
PARAGRAPH = ("Every morning the old teacher walks to school along the river. She carries a bag of books and a small red "
             "umbrella. The children wait by the gate and wave when they see her. Today she will explain how a machine "
             "reads a sentence, word by word, and decides which earlier words matter most. Nobody in the room expects "
             "the answer to be simple.")


@pytest.fixture(scope="module")
def run():
    return run_sentence(load_checkpoint(FIXTURES / "tiny_gpt2"), PARAGRAPH, "causal")


def at(run, key, lang="en"):
    trace = run.trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(tl.beats) if b.key == key)
    sel = Selection(focus=trace.n_tokens - 1, canvas=canvas_for(1024, 768), rule="causal", lang=lang)
    return frame_at(trace, sel, tl.beat_stop(i), notices_for(run, lang))


def test_byte_pieces_are_recognised():
    assert byte_piece("<0xAF>") and byte_piece("<0xB8><0x8A><0xE3><0x81>")
    assert not byte_piece("<0x") and not byte_piece("<0xAF>a") and not byte_piece("<|endoftext|>")


def test_no_desk_guesses_a_piece_of_a_character_and_none_is_written_as_bytes(run):
    trace = rules.under(run.trace, rules.ANSWER_RULE)
    assert trace.n_tokens == 64
    vocab = trace.vocab
    guesses = seat_guesses(trace)
    assert len(guesses) == 64
    assert not any(byte_piece(vocab[w]) for w, _p in guesses[:-1])  # the last seat's is the class's answer
    for key in ("answer.norm", "answer.logits", "answer.softmax"):
        fr = at(run, key)
        said = [s.badge for s in fr.students] + (fr.bars.labels if fr.bars else []) + fr.board + [fr.narration]
        assert not any("<0x" in line for line in said), key
        # the guesses from the logits' step on (teacher34 #13: the norm step shows none, no number says them yet)
        assert all(s.badge.startswith("→ ") if key != "answer.norm" else not s.badge for s in fr.students)


def test_the_list_below_the_answer_holds_words_and_the_board_says_what_it_left_out(run):
    trace = rules.under(run.trace, rules.ANSWER_RULE)
    vocab = trace.vocab
    top = answer_ids(trace, 10)
    assert not any(byte_piece(vocab[i]) for i in top[1:])
    first, kinds = left_out(trace, top)
    assert "bytes" in kinds.split("_")  # the tiny model's second word is a piece ("<0xC5>", 0.041)
    fr = at(run, "answer.softmax")
    assert fr.bars.labels[1:] == [vocab[i] for i in top[1:]] and BYTE_PIECE not in fr.bars.labels[1:]
    assert BYTE_PIECE in fr.board[-2] and fr.board[-2].endswith(" not listed;"), fr.board[-2:]
    assert fr.board[-1].startswith(f'the likeliest: "{BYTE_PIECE}')  # ◇ and its bytes: 「◇F5」 (answers.named)
    ja = at(run, "answer.softmax", "ja")
    assert ja.board[-2].startswith(BYTE_PIECE) and ja.board[-2].endswith("省略："), ja.board[-2:]


def test_a_shown_piece_is_explained_once_in_the_caption(run):
    """"The dog": the tiny model's answer is "<0xE3>" (the first byte of a kana): the last desk's guess, the chart's
    first bar and the board's answer line name it ◇, and the caption says once what ◇ is, in both languages."""
    fr = at(run, "answer.norm")
    assert not any(BYTE_PIECE in s.badge for s in fr.students)  # the paragraph's class shows no piece: no note
    assert not any(BYTE_PIECE in n for n in fr.notices)
    fr = at(run, "answer.softmax")  # until the board names the piece it left out
    assert len([n for n in fr.notices if BYTE_PIECE in n]) == 1
    dog = run_sentence(load_checkpoint(FIXTURES / "tiny_gpt2"), "The dog", "causal")
    answer = dog.trace.vocab[answer_ids(rules.under(dog.trace, rules.ANSWER_RULE), 1)[0]]
    assert byte_piece(answer)
    for lang, start in (("en", f"{BYTE_PIECE}: a piece of a character"), ("ja", f"{BYTE_PIECE}は1文字に満たないバイトのかけら")):
        for key in ("answer.logits", "answer.softmax"):  # (the norm step shows no guess: teacher34 #13)
            fr = at(dog, key, lang)
            assert fr.students[-1].badge == f"→ {named(answer)}" and named(answer) == BYTE_PIECE + "E3"
            assert [n for n in fr.notices if BYTE_PIECE in n] == [n for n in fr.notices if n.startswith(start)]
            assert len([n for n in fr.notices if BYTE_PIECE in n]) == 1
        assert fr.bars.labels[0] == named(answer) and not any("<0x" in line for line in fr.board)
