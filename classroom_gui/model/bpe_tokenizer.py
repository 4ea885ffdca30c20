"""BPETokenizer reads a GPT-2-family tokenizer (tokenizer.json, or vocab.json + merges.txt) with the
`tokenizers` library and makes its tokens readable as students.

GPT-2 works on bytes: a leading space is the mark Ġ, and one Japanese character or emoji may be split
over two or three tokens. Each student is labelled with the text it covers in the sentence (offsets
from the tokenizer), a visible ␣ for a leading space, and, when several tokens share one character,
that character with its part number ("猫 1/2", "猫 2/2") instead of a replacement character.
"""
from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

from .tokenizer import Token, TokenizerError

SPACE = "␣"


def _byte_decoder() -> dict[str, int]:
    """GPT-2's map from the printable stand-ins (Ġ, Ċ, ...) back to the bytes they stand for."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    codes = printable[:]
    n = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            codes.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(printable, codes)}


_BYTES = _byte_decoder()


def readable(token: str) -> str:
    """A vocabulary entry as text: its bytes decoded, a leading space shown as ␣, broken bytes as <0x..>."""
    if any(ch not in _BYTES for ch in token):
        return token  # not a byte-level entry (a special token such as <|endoftext|>)
    raw = bytes(_BYTES[ch] for ch in token)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        head = raw.decode("utf-8", errors="ignore")
        text = head if head.strip() else "".join(f"<0x{b:02X}>" for b in raw)
    return SPACE + text[1:] if text.startswith(" ") else text


class BPETokenizer:
    def __init__(self, tokenizer, source: str):
        self._tok = tokenizer
        self.source = source

    @classmethod
    def load(cls, folder: Path) -> "BPETokenizer":
        from tokenizers import Tokenizer, decoders, models, pre_tokenizers

        folder = Path(folder)
        path = folder / "tokenizer.json"
        try:
            if path.is_file():
                return cls(Tokenizer.from_file(str(path)), str(path))
            vocab, merges = folder / "vocab.json", folder / "merges.txt"
            if vocab.is_file() and merges.is_file():
                json.loads(vocab.read_text(encoding="utf-8"))  # a clear error for a broken vocab.json
                tok = Tokenizer(models.BPE.from_file(str(vocab), str(merges)))
                tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
                tok.decoder = decoders.ByteLevel()
                return cls(tok, str(vocab))
        except (OSError, ValueError, Exception) as exc:  # the library raises plain Exception for bad files
            raise TokenizerError(f"{path if path.is_file() else folder / 'vocab.json'}: not a readable tokenizer ({exc})") from None
        raise TokenizerError(f"{folder}: no tokenizer (expected tokenizer.json, or vocab.json with merges.txt)")

    def __len__(self) -> int:
        return self._tok.get_vocab_size()

    @cached_property
    def vocab(self) -> list[str]:
        """Every vocabulary entry as readable text, by id (for the answer's top words)."""
        out = [""] * len(self)
        for token, i in self._tok.get_vocab().items():
            if 0 <= i < len(out):
                out[i] = readable(token)
        return out

    def encode(self, text: str) -> list[Token]:
        enc = self._tok.encode(text, add_special_tokens=False)
        spans = list(enc.offsets)
        owners: dict[int, list[int]] = {}  # character position -> the tokens holding some of its bytes
        for i, (a, b) in enumerate(spans):
            for p in range(a, b):
                owners.setdefault(p, []).append(i)
        return [Token(self._label(text, i, a, b, owners) or readable(enc.tokens[i]), int(tid), False)
                for i, (tid, (a, b)) in enumerate(zip(enc.ids, spans))]

    @staticmethod
    def _label(text: str, i: int, a: int, b: int, owners: dict[int, list[int]]) -> str:
        """The text token i covers; a character split between tokens is shown whole, marked as a part:
        "猫 1/2" when the token holds nothing else, else "…" on the side where it continues."""
        if b <= a:
            return ""
        shared = owners.get(a, [i])
        if b - a == 1 and len(shared) > 1:
            return f"{text[a]} {shared.index(i) + 1}/{len(shared)}"
        piece = text[a:b]
        piece = SPACE + piece[1:] if piece.startswith(" ") else piece
        before = "…" if len(owners.get(a, [])) > 1 and owners[a][0] != i else ""
        after = "…" if len(owners.get(b - 1, [])) > 1 and owners[b - 1][-1] != i else ""
        return before + piece + after

    def extend(self, text: str, token_id: int) -> str:
        """The sentence with one more token: its bytes carry their own leading space (Ġ)."""
        return self.decode([t.id for t in self.encode(text)] + [int(token_id)])

    def decode(self, ids) -> str:
        return self._tok.decode([int(i) for i in ids])
