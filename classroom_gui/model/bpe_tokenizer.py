"""BPETokenizer reads a GPT-2-family tokenizer (tokenizer.json, or vocab.json + merges.txt) with the
`tokenizers` library and makes its tokens readable as students.

GPT-2 works on bytes: a leading space is the mark Ġ, and one Japanese character or emoji may be split
over two or three tokens. Each student is labelled with the text it covers in the sentence (offsets
from the tokenizer), whitespace made visible (␣ space, ⇥ tab, ↵ newline, control characters as their
Unicode pictures), and, when several tokens share one character, that character with its part number
("猫 1/2", "猫 2/2") instead of a replacement character. Labels are only for showing: the ids are exactly
those of the folder's own tokenizer, for any text (`exact`: the sentence is never normalised first).

vocab.json + merges.txt are read as transformers' GPT2Tokenizer reads them: "<|endoftext|>" (and the
special tokens the folder's special_tokens_map.json, tokenizer_config.json or added_tokens.json name)
is one token, never split into bytes. tokenizer_config.json's add_prefix_space is honoured in both forms;
add_bos_token is refused by name.
"""
from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

from .tokenizer import Token, TokenizerError
from .tokenizer_failures import brief, library_failed, panic_text_to_log

SPACE = "␣"
EOT = "<|endoftext|>"  # GPT2Tokenizer's default bos, eos and unk token
# whitespace and control characters as visible marks; other C0 controls become U+2400 + code (␀, ␇, …)
VISIBLE = {" ": SPACE, "\t": "⇥", "\n": "↵", "\r": "␍", "\x7f": "␡", "\u00a0": "⍽"}


def visible(text: str) -> str:
    """Spaces, tabs, newlines and C0 controls shown as marks, so that a student is never blank: ␣ ⇥ ↵ ⍽, a C0
    control as its picture (␇); every other character as the tokenizer gives it. Where a label is drawn,
    messages.glyphs.drawn_name writes what the font lacks (an emoji, a control's picture) and any other invisible
    character (U+200B, U+3000) as its code: the model never reads the font."""
    return "".join(VISIBLE.get(c) or (chr(0x2400 + ord(c)) if ord(c) < 0x20 else c) for c in text)


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


BYTES = re.compile(r"(?:<0x[0-9A-F]{2}>)+")  # what readable writes for an entry whose bytes form no character


def byte_piece(word: str) -> bool:
    """Whether a vocabulary entry (as readable writes it) is only bytes that form no character ("<0xE3><0x81>"):
    a piece of a character, not a word a class can say (lesson.answers names it with one mark)."""
    return word.startswith("<0x") and BYTES.fullmatch(word) is not None


def control(c: str) -> bool:
    """Whether a character of a label stands for a control character: a C0 control's picture as visible writes it
    (␇, ␍, ␝; ␡ for DEL), or a control the tokenizer gives as it is (C1, U+0080-U+009F)."""
    o = ord(c)
    return 0x2400 <= o <= 0x2421 and o != 0x2420 or o < 0x20 or 0x7F <= o <= 0x9F


def control_piece(word: str) -> bool:
    """Whether a vocabulary entry (as readable writes it) is only control characters ("␝", "␣␇"): no word a class
    can say (lesson.answers keeps it out of the seats' guesses and the lists, as byte pieces; tab and newline, ⇥ ↵,
    are words)."""
    return any(control(c) for c in word) and all(control(c) or c == SPACE for c in word)


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
    return visible(text)


class BPETokenizer:
    exact = True  # reads the sentence as typed: sentence.run_sentence does not normalise it

    def __init__(self, tokenizer, source: str):
        self._tok = tokenizer
        self.source = source
        self.rows = 0  # the model's vocab_size, when it has more rows than the tokenizer has tokens

    @classmethod
    def load(cls, folder: Path) -> "BPETokenizer":
        from tokenizers import AddedToken, pre_tokenizers

        from .limits import TOKENIZER_BYTES, LimitError, parse_json, read_bytes, read_text

        folder = Path(folder)
        path = folder / "tokenizer.json"
        vocab, merges = folder / "vocab.json", folder / "merges.txt"
        if not path.is_file() and not (vocab.is_file() and merges.is_file()):
            raise TokenizerError("model.tokenizer.none", path=str(folder))
        source = path if path.is_file() else vocab
        try:
            settings = _settings(folder)
            prefix = bool(settings.get("add_prefix_space"))  # a space before the text, as transformers adds it
            if path.is_file():
                text = read_text(path, TOKENIZER_BYTES)  # size, nesting and giant integers checked first
                _check_tokenizer_json(parse_json(text, path), path)
                tok = _from_json(text)
                if prefix:
                    if type(tok.pre_tokenizer).__name__ != "ByteLevel":
                        raise TokenizerError("model.tokenizer.prefix_space", path=str(folder / "tokenizer_config.json"),
                                             file=path.name)
                    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True)
            else:
                parse_json(read_text(vocab, TOKENIZER_BYTES), vocab)  # a clear error for a broken vocab.json
                read_bytes(merges, TOKENIZER_BYTES)
                tok = _from_files(vocab, merges, prefix)
                tok.add_special_tokens([AddedToken(t, special=True) for t in _special_tokens(folder, settings)])
            # padding and truncation are settings for batches of training text; here they could only pad one
            # sentence to a hundred million tokens (11 GB) or panic on a stride, so they are switched off
            tok.no_padding()
            tok.no_truncation()
            tokenizer = cls(tok, str(source))
            tokenizer._check_words()
        except LimitError as exc:
            raise TokenizerError("model.unreadable", why=exc.phrase) from exc  # (checkpoint.refused keeps it)
        except TokenizerError:
            raise
        except BaseException as exc:  # the library raises plain Exception for bad files, and panics
            if not library_failed(exc):
                raise
            raise TokenizerError("model.tokenizer.unreadable", path=str(source), detail=brief(exc)) from None
        return tokenizer

    def _check_words(self) -> None:
        from .limits import MAX_WORD_CHARS

        words = self._tok.get_vocab()
        longest = max(words, key=len, default="")
        if len(longest) > MAX_WORD_CHARS:
            raise TokenizerError("model.tokenizer.long_token", path=self.source, n=len(longest), limit=MAX_WORD_CHARS)
        if any(i < 0 for i in words.values()):
            raise TokenizerError("model.tokenizer.negative_id", path=self.source)

    @property
    def max_id(self) -> int:
        """The largest id the tokenizer can give (its vocabulary and added tokens), -1 when empty."""
        return max(self._tok.get_vocab().values(), default=-1)

    def __len__(self) -> int:
        return self._tok.get_vocab_size()

    @cached_property
    def vocab(self) -> list[str]:
        """Every vocabulary entry as readable text, by id (for the answer's top words). A model may have more
        rows than the tokenizer has tokens (`rows`); the rows no token names are ""."""
        out = [""] * max(len(self), self.rows)
        for token, i in self._tok.get_vocab().items():
            if 0 <= i < len(out):
                out[i] = readable(token)
        return out

    def encode(self, text: str) -> list[Token]:
        try:
            with panic_text_to_log():
                enc = self._tok.encode(text)  # with the folder's own post-processing, as its tokenizer(text) does
        except BaseException as exc:  # e.g. WordLevel without an unknown token, or a panic in the library
            if not library_failed(exc):
                raise
            raise TokenizerError("model.tokenizer.cannot_read", path=self.source, detail=brief(exc)) from None
        spans = list(enc.offsets)
        owners: dict[int, list[int]] = {}  # character position -> the tokens holding some of its bytes
        for i, (a, b) in enumerate(spans):
            for p in range(a, b):
                owners.setdefault(p, []).append(i)
        return [Token(self._label(text, i, a, b, owners) or readable(enc.tokens[i]), int(tid), False, (a, b))
                for i, (tid, (a, b)) in enumerate(zip(enc.ids, spans))]

    @staticmethod
    def _label(text: str, i: int, a: int, b: int, owners: dict[int, list[int]]) -> str:
        """The text token i covers; a character split between tokens is shown whole, marked as a part:
        "猫 1/2" when the token holds nothing else, else "…" on the side where it continues."""
        if b <= a:
            return ""
        shared = owners.get(a, [i])
        if b - a == 1 and len(shared) > 1:
            return f"{visible(text[a])} {shared.index(i) + 1}/{len(shared)}"
        piece = visible(text[a:b])
        before = "…" if len(owners.get(a, [])) > 1 and owners[a][0] != i else ""
        after = "…" if len(owners.get(b - 1, [])) > 1 and owners[b - 1][-1] != i else ""
        return before + piece + after

    def extend(self, text: str, token_id: int) -> str:
        """The sentence with one more token: its bytes carry their own leading space (Ġ)."""
        return self.decode([t.id for t in self.encode(text)] + [int(token_id)])

    def decode(self, ids) -> str:
        try:
            return self._tok.decode([int(i) for i in ids])
        except BaseException as exc:
            if not library_failed(exc):
                raise
            raise TokenizerError("model.tokenizer.cannot_write", path=self.source, detail=brief(exc)) from None


def _from_json(text: str):
    from tokenizers import Tokenizer

    return Tokenizer.from_str(text)




# tokenizer_config.json settings that change ids and that this reader does not compute: refused by name
# (transformers itself prepends the bos token for vocab.json + merges.txt but not for tokenizer.json)
UNREAD_SETTINGS = ("add_bos_token",)


def _settings(folder: Path) -> dict:
    """tokenizer_config.json (or {}), TokenizerError naming a setting whose ids this app would not give."""
    path = folder / "tokenizer_config.json"
    if not path.is_file():
        return {}
    settings = _small_json(path)
    if not isinstance(settings, dict):
        raise TokenizerError("model.tokenizer.not_object", path=str(path))
    for key in UNREAD_SETTINGS:
        if settings.get(key):
            raise TokenizerError("model.tokenizer.unread_setting", path=str(path), setting=key)
    return settings


def _special_tokens(folder: Path, settings: dict) -> list[str]:
    """The tokens GPT2Tokenizer keeps whole: <|endoftext|>, and those the folder's files name."""
    found = [EOT]

    def add(value) -> None:
        if isinstance(value, dict):
            value = value.get("content")
        if isinstance(value, str) and value and value not in found:
            found.append(value)

    named = dict(settings)
    special_map = folder / "special_tokens_map.json"
    if special_map.is_file():
        extra = _small_json(special_map)
        named.update(extra if isinstance(extra, dict) else {})
    for key in ("bos_token", "eos_token", "unk_token", "pad_token"):
        add(named.get(key))
    for value in named.get("additional_special_tokens") or []:
        add(value)
    for value in (settings.get("added_tokens_decoder") or {}).values():
        add(value)
    added = folder / "added_tokens.json"
    if added.is_file():
        for value in _small_json(added) or ():
            add(value)
    return found


def _from_files(vocab: Path, merges: Path, prefix: bool):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers

    tok = Tokenizer(models.BPE.from_file(str(vocab), str(merges)))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=prefix)
    tok.decoder = decoders.ByteLevel()
    return tok


def _check_tokenizer_json(raw, path: Path) -> None:
    """What the library would accept but we cannot use: a WordLevel model with no unknown token fails on
    every word it does not know."""
    if not isinstance(raw, dict) or not isinstance(raw.get("model"), dict):
        raise TokenizerError("model.tokenizer.no_model", path=str(path))
    model = raw["model"]
    if model.get("type") == "WordLevel":
        unk, vocab = model.get("unk_token"), model.get("vocab")
        if not isinstance(vocab, dict) or not isinstance(unk, str) or unk not in vocab:
            raise TokenizerError("model.tokenizer.word_level", path=str(path))


def _small_json(path: Path):
    """A tokenizer's settings file (tokenizer_config.json, ...), read with the limits of a config file."""
    from .limits import CONFIG_BYTES, LimitError, read_json

    try:
        return read_json(path, CONFIG_BYTES)
    except LimitError as exc:
        raise TokenizerError("model.unreadable", why=exc.phrase) from exc  # (checkpoint.refused keeps it)
