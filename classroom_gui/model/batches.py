"""Training batches for both classroom rules (train.py's Batches): in turn, rows of joined sentences for
next-word prediction; in discussion, BERT-style corrupted sentences of one length, the "it" of a pronoun
story naming the noun it means."""
from __future__ import annotations

import numpy as np

from .corpus import EN_PUNCT, ENGLISH_ONLY, JA_PUNCT, STORY_KINDS, TEMPLATE_WEIGHTS, TOPIC, Corpus
from .tokenizer import MASK


class Batches:
    """Training batches for both rules, drawn from one split.

    In turn (causal): rows of T+1 ids that start at a sentence beginning and join random sentences, for
    next-word prediction. In discussion (no mask): B sentences of one length (so no padding is needed),
    a fifth of their words corrupted as in BERT (half <mask>, a third a random word from the batch, the
    rest left as they are); every position names its own original word, so each student has to check
    its word against the others. At the "it" of a pronoun story the target is the noun it means.
    same_slot: the share of swapped words taken from the same position of another sentence of the batch
    (a sentence of one length is mostly of one template, so the swapped word is of the same kind);
    story_weights: how often a story batch is each of STORY_KINDS (None: each as likely); one_language: an
    in-turn row joins sentences of one language (after 「。」 Japanese, after "." English), its language drawn
    first, a row as often Japanese as a single pick (26 %; Japanese sentences being shorter, Japanese is then
    27 % of the rows' tokens instead of 22 %). All default to the shipped recipe's batches, draw for draw.
    """

    def __init__(self, corpus: Corpus, tokenizer, rng: np.random.Generator, split: str = "train",
                 story_share: float = 0.0, it_weight: float = 1.0, same_slot: float = 0.0, story_weights=None,
                 one_language: bool = False):
        self.story_share, self.it_weight, self.same_slot = story_share, it_weight, same_slot
        self.one_language = one_language
        # how often a story batch is each kind (None: each as likely)
        self.story_p = None if story_weights is None else np.array(story_weights, float) / np.sum(story_weights)
        self.kinds = list(TEMPLATE_WEIGHTS)
        self.p = np.array([TEMPLATE_WEIGHTS[k] for k in self.kinds])
        self.p /= self.p.sum()
        # one_language: the row's language is drawn first, then its templates (row_p), so (template, language) is
        # as likely per sentence as in a single pick below
        told = {"en": self.p * np.array([.5 if k not in ENGLISH_ONLY else 1. for k in self.kinds]),
                "ja": self.p * np.array([.5 if k not in ENGLISH_ONLY else 0. for k in self.kinds])}
        self.ja_share, self.row_p = told["ja"].sum(), {lang: q / q.sum() for lang, q in told.items()}
        self.rng, self.mask_id = rng, tokenizer.index[MASK]
        self.stops = np.array([tokenizer.index[EN_PUNCT], tokenizer.index[JA_PUNCT]])
        self.topic = tokenizer.index.get(TOPIC)  # 「は」 (a word of the vocabulary, not of the plain corpus)
        pool = corpus.train if split == "train" else corpus.held_out
        self.ids, self.by_length = {}, {}
        for k in self.kinds:
            for lang in ("en", "ja"):
                rendered = [s for s in (corpus.render(c, lang) for c in pool[k]) if s is not None]
                if not rendered:
                    continue
                arrays = [(np.array([tokenizer.index[w] for w in s.tokens], dtype=np.int64),
                           (s.referent[0], tokenizer.index[s.referent[1]]) if s.referent else None)
                          for s in rendered]
                self.ids[(k, lang)] = arrays
                for a in arrays:
                    self.by_length.setdefault(len(a[0]), []).append(a)
        # the stories whose "it" must be named, by length: a story batch is one length, every kind mixed
        self.stories = {k: [a for a in self.ids[(k, "en")] if a[1] is not None and a[0][a[1][0]] != a[1][1]]
                        for k in STORY_KINDS}
        self.stories_by_length = {}
        for k in STORY_KINDS:
            for a in self.stories[k]:
                self.stories_by_length.setdefault(len(a[0]), []).append(a)

    def _pick(self, n: int, lang: str | None = None):  # n (ids, referent) picks by template weight, then language
        if lang is not None:  # one language for all n: its templates by row_p
            kinds, langs = self.rng.choice(len(self.kinds), size=n, p=self.row_p[lang]), [lang == "en"] * n
        else:
            kinds = self.rng.choice(len(self.kinds), size=n, p=self.p)
            langs = self.rng.random(n) < 0.5
        out = []
        for k, en, u in zip(kinds, langs, self.rng.random(n)):
            options = self.ids.get((self.kinds[k], "en" if en else "ja")) or self.ids[(self.kinds[k], "en")]
            out.append(options[int(u * len(options))])
        return out

    def row(self, length: int) -> np.ndarray:  # -> [length]
        lang = None if not self.one_language else "ja" if self.rng.random() < self.ja_share else "en"
        parts, n = [], 0
        while n < length:
            for ids, _ in self._pick(12, lang):  # a dozen picks at once: far fewer RNG calls
                parts.append(ids)
                n += len(ids)
                if n >= length:
                    break
        return np.concatenate(parts)[:length]

    def batch(self, B: int, T: int):  # in turn: inputs [B, T], targets [B, T]
        rows = np.stack([self.row(T + 1) for _ in range(B)])
        return rows[:, :-1], rows[:, 1:]

    def after_stop(self, inputs: np.ndarray, weight: float, stops=(EN_PUNCT, JA_PUNCT)) -> np.ndarray:
        """In turn, the weight of each target ([B, T] like inputs): `weight` where the input is one of `stops`
        (full stops), so the target is the first word of the next sentence (in one-language rows, of the stop's
        language), else 1. Draws nothing: the batches stay the same draw for draw."""
        ids = [self.stops[(EN_PUNCT, JA_PUNCT).index(s)] for s in stops]
        return np.where(np.isin(inputs, ids), np.float32(weight), np.float32(1))

    def after_topic(self, inputs: np.ndarray, weight: float) -> np.ndarray:
        """In turn, the weight of each target ([B, T] like inputs): `weight` where the input is 「は」, so the target is
        what a sentence says about its topic (「犬は」 -> 「公園」), else 1. Draws nothing, like after_stop."""
        return np.where(inputs == self.topic, np.float32(weight), np.float32(1))

    def discussion(self, B: int, corrupt: float = 0.2):  # -> inputs [B, L], targets [B, L], weights [B, L]
        stories = self.rng.random() < self.story_share
        if stories:  # a story batch: a kind at random (each as likely), then stories of the same length
            kind = self.rng.integers(len(STORY_KINDS)) if self.story_p is None else \
                self.rng.choice(len(STORY_KINDS), p=self.story_p)
            pool = self.stories[STORY_KINDS[kind]]
            first = pool[self.rng.integers(len(pool))]
            bucket = self.stories_by_length[len(first[0])]
        else:
            first = self._pick(1)[0]
            bucket = self.by_length[len(first[0])]
        picks = [first] + [bucket[i] for i in self.rng.integers(len(bucket), size=B - 1)]
        targets = np.stack([ids for ids, _ in picks])
        if self.rng.random() < 0.5 and np.all(np.isin(targets[:, -1], self.stops)):
            targets = targets[:, :-1]  # a sentence typed without its full stop
        weights = np.full(targets.shape, 0.1, dtype=np.float32)
        chosen = self.rng.random(targets.shape) < corrupt
        chosen[np.arange(B), self.rng.integers(targets.shape[1], size=B)] = True  # at least one per sentence
        if stories:  # "it" and the word that tells which noun it means ("too tired") stay as written
            at = np.array([referent[0] for _, referent in picks])
            chosen[np.arange(B), at] = chosen[np.arange(B), at + 3] = False
        how = self.rng.random(targets.shape)
        inputs = targets.copy()
        inputs[chosen & (how < 0.5)] = self.mask_id
        swap = chosen & (how >= 0.5) & (how < 0.85)
        inputs[swap] = targets.ravel()[self.rng.integers(targets.size, size=int(swap.sum()))]
        if self.same_slot:  # some swaps take the word at the same position of another sentence of the batch
            aligned = swap & (self.rng.random(targets.shape) < self.same_slot)
            rows, cols = np.nonzero(aligned)
            inputs[rows, cols] = targets[self.rng.integers(B, size=len(rows)), cols]
        weights[chosen] = 1.0
        targets = targets.copy()
        for b, (_, referent) in enumerate(picks):
            if referent is not None:
                targets[b, referent[0]], weights[b, referent[0]] = referent[1], self.it_weight
        return inputs, targets, weights
