"""ClassroomTokenizer turns a sentence into students: whole words where the vocabulary knows them (English
words, Japanese words found by longest match in text written without spaces), and any other word as its
pieces (letters, kana, kanji), each marked unknown, so nothing raises on any string and nothing is shown
as "?".

It is a Hugging Face `tokenizers` WordPiece model with an empty continuing-subword prefix: greedy
longest match over each pre-token, which is whole-word lookup for a known English word, word
segmentation for a run of Japanese, and a split into pieces for an unknown English word. The folder
keeps it as tokenizer.json (which `AutoTokenizer.from_pretrained` loads, giving the same ids) and
tokenizer_config.json, whose "classroom_words" says how many ids are words: ids from there on are
single-character pieces, used only for words the vocabulary does not know.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..messages.phrase import PhraseError
from .tokenizer_failures import brief, library_failed, panic_text_to_log

UNK, MASK = "<unk>", "<mask>"
SPECIALS = (UNK, MASK)
TOKENIZER_FILE, CONFIG_FILE = "tokenizer.json", "tokenizer_config.json"
KIND = "classroom-words"
MAX_WORD = 64  # characters in one vocabulary word (the teaching model's longest has 12)
LONGEST_RUN = 48  # characters: Japanese written without punctuation for longer than this is cut here
# an ASCII word (with an optional 's / n't tail), one ASCII punctuation mark, or a run of anything else
# that is not a space (Japanese, emoji, ...), which the model then segments by longest match
PIECE = r"[A-Za-z0-9]+(?:'[A-Za-z]+)?|[!-/:-@\[-`{-~]|[^\sA-Za-z0-9!-/:-@\[-`{-~]+"


class TokenizerError(PhraseError, ValueError):
    """A tokenizer file that cannot be used: a key of messages/strings ("model.tokenizer.…") and the values it names,
    the file first; str() in English, `phrase.said(lang)` in any language."""


@dataclass(frozen=True)
class Token:
    text: str        # as written in the sentence
    id: int          # vocabulary id (a piece's id, or the unknown id, for unknown words)
    unknown: bool
    span: tuple = field(default=(), compare=False)  # (start, end) in the sentence where the tokenizer says (GPT-2's)


def _char_class(chars) -> str:  # a regex character class listing chars as \x{..} ranges
    codes, parts = sorted({ord(c) for c in chars}), []
    start = prev = codes[0]
    for c in codes[1:] + [None]:
        if c is not None and c == prev + 1:
            prev = c
            continue
        parts.append(f"\\x{{{start:X}}}" + (f"-\\x{{{prev:X}}}" if prev > start else ""))
        if c is not None:
            start = prev = c
    return "".join(parts)


def make_backend(vocab: list[str], lowercase: bool = True):
    """The `tokenizers` Tokenizer for a vocabulary in id order (words, then single-character pieces)."""
    from tokenizers import AddedToken, Regex, Tokenizer, models, normalizers, pre_tokenizers

    known = {c for w in vocab if w not in SPECIALS for c in w} or {" "}
    tok = Tokenizer(models.WordPiece({w: i for i, w in enumerate(vocab)}, unk_token=UNK,
                                     continuing_subword_prefix="", max_input_chars_per_word=10**9))
    tok.normalizer = normalizers.Sequence([normalizers.NFKC()] + [normalizers.Lowercase()] * lowercase)
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.WhitespaceSplit(),
        pre_tokenizers.Split(Regex(PIECE), "isolated"),
        # a character the vocabulary lacks stands alone as <unk>, so the rest of its word still splits
        pre_tokenizers.Split(Regex(f"[^{_char_class(known)}]"), "isolated"),
        # longest match costs the square of a run's length: a run longer than this is matched in parts
        pre_tokenizers.Split(Regex(f"\\S{{{LONGEST_RUN}}}"), "isolated")])
    tok.add_special_tokens([AddedToken(w, special=True, normalized=False) for w in SPECIALS if w in vocab])
    return tok


class ClassroomTokenizer:
    """vocab: every token in id order, <unk> among them; the first n_words (default: all) are words,
    the rest single-character pieces. <unk> is never a word."""

    def __init__(self, vocab: list[str], n_words: int | None = None, lowercase: bool = True, backend=None):
        vocab = list(vocab)
        if UNK not in vocab:
            raise TokenizerError("model.tokenizer.no_unk", unk=UNK)
        if len(set(vocab)) != len(vocab):
            raise TokenizerError("model.tokenizer.twice")
        if not all(isinstance(w, str) and w and not any(c.isspace() for c in w) for w in vocab):
            raise TokenizerError("model.tokenizer.spaces")
        too_long = next((w for w in vocab if len(w) > MAX_WORD), None)
        if too_long is not None:
            raise TokenizerError("model.tokenizer.long_word", n=len(too_long), limit=MAX_WORD)
        self.n_words = len(vocab) if n_words is None else n_words
        if not 0 < self.n_words <= len(vocab):
            raise TokenizerError("model.tokenizer.n_words", n=self.n_words, size=len(vocab))
        self.vocab, self.lowercase = vocab, lowercase
        self._tok = backend or make_backend(vocab, lowercase)
        self.index = {w: i for i, w in enumerate(vocab)}
        self.unk_id = self.index[UNK]
        self.source = TOKENIZER_FILE

    @classmethod
    def from_words(cls, words: list[str], pieces: list[str]) -> "ClassroomTokenizer":
        words = list(dict.fromkeys([*SPECIALS, *words]))
        pieces = [p for p in dict.fromkeys(pieces) if p not in set(words)]
        return cls(words + pieces, len(words))

    def __len__(self) -> int:
        return len(self.vocab)

    def is_word(self, token_id: int) -> bool:  # a known word (or <mask>, which the model was trained to fill)
        return token_id < self.n_words and token_id != self.unk_id

    def encode(self, text: str) -> list[Token]:
        try:
            with panic_text_to_log():
                enc = self._tok.encode("".join(map(_plain, text)))
        except BaseException as exc:  # a folder's own tokenizer.json may hold a regex that panics on some text
            if not library_failed(exc):
                raise
            raise TokenizerError("model.tokenizer.cannot_read", path=self.source, detail=brief(exc)) from None
        per_word: dict[int, int] = {}
        for w in enc.word_ids:
            per_word[w] = per_word.get(w, 0) + 1
        tokens, end = [], 0
        for i, (a, b), w in zip(enc.ids, enc.offsets, enc.word_ids):
            # normalization can make offsets overlap (İ -> i + dot: two tokens, one character) or skip a
            # character (a combining mark folded into the letter before): such characters join a neighbour,
            # which is then marked unknown, so each character is shown exactly once
            # (the neighbour before: a combining mark after "cafe" is café's, and "sat" after it stays known)
            lost, piece = "".join(text[end:a].split()), text[max(a, end):b]
            lost_here = bool(lost) and not tokens
            if lost and tokens:
                tokens[-1] = Token(tokens[-1].text + lost, tokens[-1].id, True)
            elif lost:
                piece = lost + piece
            if not piece:
                tokens[-1] = Token(tokens[-1].text, tokens[-1].id, True)
                continue
            end = max(end, b)
            # an English word cut into pieces is unknown as a whole; a piece's id is never a known word
            split_word = per_word[w] > 1 and piece.isascii() and piece[:1].isalnum()
            tokens.append(Token(piece, i, i == self.unk_id or not self.is_word(i) or split_word or lost_here))
        rest = "".join(text[end:].split())
        if rest and tokens:
            tokens[-1] = Token(tokens[-1].text + rest, tokens[-1].id, True)
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

    # files
    def save(self, folder: Path) -> None:
        folder = Path(folder)
        self._tok.save(str(folder / TOKENIZER_FILE))
        config = {"tokenizer_class": "PreTrainedTokenizerFast", "unk_token": UNK, "model_max_length": 64,
                  "clean_up_tokenization_spaces": False,
                  "classroom": {"kind": KIND, "words": self.n_words, "lowercase": self.lowercase}}
        if MASK in self.index:
            config["mask_token"] = MASK
        (folder / CONFIG_FILE).write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @staticmethod
    def is_classroom_folder(folder: Path) -> bool:
        return _classroom_entry(Path(folder) / CONFIG_FILE) is not None

    @classmethod
    def load(cls, folder: Path) -> "ClassroomTokenizer":
        from tokenizers import Tokenizer, models

        folder = Path(folder)
        entry = _classroom_entry(folder / CONFIG_FILE)
        path = folder / TOKENIZER_FILE
        if entry is None or not isinstance(entry.get("words"), int):
            raise TokenizerError("model.tokenizer.not_classroom", path=str(folder / CONFIG_FILE), kind=KIND)
        if not path.is_file():
            raise TokenizerError("model.tokenizer.not_found", path=str(path), config=CONFIG_FILE)
        from .limits import TOKENIZER_BYTES, LimitError, parse_json, read_text

        try:  # size, nesting and giant integers checked before the Rust library reads it
            text = read_text(path, TOKENIZER_BYTES)
            parse_json(text, path)
        except LimitError as exc:
            raise TokenizerError("model.unreadable", why=exc.phrase) from exc  # (checkpoint.refused keeps it)
        try:
            backend = Tokenizer.from_str(text)
            # padding and truncation are for batches of training text; here they could only pad one sentence
            # to millions of tokens, cut it unsaid, or panic on a stride (as BPETokenizer.load switches them off)
            backend.no_padding()
            backend.no_truncation()
            # longest match costs the cube of a pre-token's length: our pre-tokenizer cuts runs at LONGEST_RUN,
            # but a folder's file without that cut made a 10,000-character word take minutes (the soak hung
            # on it); a longer pre-token is one <unk> instead
            if isinstance(backend.model, models.WordPiece) and backend.model.max_input_chars_per_word > LONGEST_RUN:
                backend.model.max_input_chars_per_word = LONGEST_RUN
            size = backend.get_vocab_size(with_added_tokens=True)
            vocab = [backend.id_to_token(i) for i in range(size)]
        except BaseException as exc:  # the library raises plain Exception for a malformed file, and panics
            if not library_failed(exc):
                raise
            raise TokenizerError("model.tokenizer.malformed", path=str(path), detail=brief(exc)) from None
        if None in vocab:
            raise TokenizerError("model.tokenizer.gaps", path=str(path))
        try:
            return cls(vocab, entry["words"], bool(entry.get("lowercase", True)), backend)
        except TokenizerError as exc:
            raise TokenizerError("model.tokenizer.in_file", path=str(path), why=exc.phrase) from None


def _plain(c: str) -> str:
    """One character for one: Python's spaces (\x1c-\x1f too) as a space, a lone surrogate (which cannot
    cross into the Rust library) as U+FFFD, so every offset still points into the text as typed."""
    return " " if c.isspace() else "\ufffd" if "\ud800" <= c <= "\udfff" else c


def _classroom_entry(path: Path) -> dict | None:
    """tokenizer_config.json's "classroom" object, or None when the file is absent or names no classroom
    tokenizer (a GPT-2 folder's); TokenizerError for a file too large, too deeply nested or not JSON."""
    from .limits import CONFIG_BYTES, LimitError, read_json

    if not path.is_file():
        return None
    try:
        raw = read_json(path, CONFIG_BYTES)
    except LimitError as exc:
        raise TokenizerError("model.unreadable", why=exc.phrase) from exc  # (checkpoint.refused keeps it)
    entry = raw.get("classroom") if isinstance(raw, dict) else None
    return entry if isinstance(entry, dict) and entry.get("kind") == KIND else None
