"""ClassroomTokenizer turns a sentence into students: English words and punctuation, and Japanese
(written without spaces) split by longest match over the vocabulary.

A word that is not in the vocabulary becomes one unknown token that keeps its text, so the window can
show it as an unknown student; nothing raises on any string. The vocabulary lives in
classroom_tokenizer.json beside the checkpoint.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

UNK = "<unk>"
KIND = "classroom-words"
# an ASCII word (with an optional 's / n't style tail), one ASCII punctuation mark, or a run of anything
# else that is not a space (Japanese, emoji, ...), which is then split by longest match
MAX_WORD = 64  # characters in one vocabulary word (the teaching model's longest has 5): matching stays linear
_PIECE = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?|[!-/:-@\[-`{-~]|[^\sA-Za-z0-9!-/:-@\[-`{-~]+")


class TokenizerError(ValueError):
    """A tokenizer file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Token:
    text: str        # as written in the sentence
    id: int          # vocabulary id (the unknown id for unknown words)
    unknown: bool


class ClassroomTokenizer:
    def __init__(self, vocab: list[str], lowercase: bool = True):
        if UNK not in vocab:
            raise TokenizerError(f"the vocabulary has no '{UNK}' token")
        if len(set(vocab)) != len(vocab):
            raise TokenizerError("the vocabulary lists a word twice")
        self.vocab = list(vocab)
        self.lowercase = lowercase
        self.index = {w: i for i, w in enumerate(self.vocab)}
        self.unk_id = self.index[UNK]
        too_long = next((w for w in self.vocab if len(w) > MAX_WORD), None)
        if too_long is not None:
            raise TokenizerError(f"the vocabulary has a word of {len(too_long)} characters (limit {MAX_WORD})")
        # the lengths a match can have, longest first: a run is tried at these lengths only
        self._lengths = sorted({len(w) for w in self.vocab if w != UNK}, reverse=True)

    def __len__(self) -> int:
        return len(self.vocab)

    def encode(self, text: str) -> list[Token]:
        tokens: list[Token] = []
        for piece in _PIECE.findall(text):
            if piece.isascii():
                tokens.append(self._lookup(piece))
            else:
                tokens.extend(self._longest_match(piece))
        return tokens

    def decode(self, ids) -> list[str]:
        return [self.vocab[int(i)] for i in ids]

    def extend(self, text: str, token_id: int) -> str:
        """The sentence with one more word written after it: a space before a Latin word or number,
        none in Japanese or before punctuation."""
        word = self.vocab[int(token_id)]
        text = text.rstrip()
        spaced = word.isascii() and word[0].isalnum() and text and text[-1].isascii()
        return text + (" " if spaced else "") + word

    def _lookup(self, piece: str) -> Token:
        key = piece.lower() if self.lowercase else piece
        i = self.index.get(key)
        return Token(piece, self.unk_id, True) if i is None else Token(piece, i, False)

    def _longest_match(self, run: str) -> list[Token]:
        out: list[Token] = []
        unknown_start = None  # characters that start no vocabulary word are gathered into one token
        i = 0
        while i < len(run):
            j = next((i + n for n in self._lengths
                      if i + n <= len(run) and run[i:i + n] in self.index and run[i:i + n] != UNK), None)
            if j is None:
                unknown_start = i if unknown_start is None else unknown_start
                i += 1
                continue
            if unknown_start is not None:
                out.append(Token(run[unknown_start:i], self.unk_id, True))
                unknown_start = None
            out.append(Token(run[i:j], self.index[run[i:j]], False))
            i = j
        if unknown_start is not None:
            out.append(Token(run[unknown_start:], self.unk_id, True))
        return out

    # files
    def to_json_dict(self) -> dict:
        return {"kind": KIND, "version": 1, "lowercase": self.lowercase, "unk_token": UNK, "vocab": self.vocab}

    def save(self, path: Path) -> None:
        Path(path).write_text(json.dumps(self.to_json_dict(), ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "ClassroomTokenizer":
        from .limits import TOKENIZER_BYTES, LimitError, read_json

        path = Path(path)
        if not path.is_file():
            raise TokenizerError(f"{path}: file not found")
        try:
            raw = read_json(path, TOKENIZER_BYTES)  # size, nesting and giant integers checked
        except LimitError as exc:
            raise TokenizerError(str(exc)) from None
        if not isinstance(raw, dict) or raw.get("kind") != KIND:
            raise TokenizerError(f"{path}: not a classroom tokenizer (expected \"kind\": \"{KIND}\")")
        vocab = raw.get("vocab")
        if not isinstance(vocab, list) or not vocab or not all(isinstance(w, str) and w for w in vocab):
            raise TokenizerError(f"{path}: 'vocab' must be a non-empty list of non-empty strings")
        try:
            return cls(vocab, bool(raw.get("lowercase", True)))
        except TokenizerError as exc:
            raise TokenizerError(f"{path}: {exc}") from None
