"""The teaching corpus: short English and Japanese sentences about students, animals and places.

Source: every template and word list below was written for this project (no external text); licence:
the same as the project (MIT), and the sentences themselves may be used as CC0. Nothing is random at
import time: the set of sentences is the product of the word lists, and which ones are held out is
decided by a hash of each sentence's meaning, so the split is the same on every machine.

A "combination" is one meaning, e.g. ("sit", "cat", "", "sat", "on", "mat"); it is written once in
English ("The cat sat on the mat.") and once in Japanese ("猫がマットの上に座った。"). Both
languages of a combination are on the same side of the split, so held-out sentences are meanings the
model never saw in either language. Sentences are built as token lists, and `check_tokenizer` proves
that ClassroomTokenizer splits the written text back into exactly those tokens.
"""
from __future__ import annotations

import itertools
import zlib
from dataclasses import dataclass

import numpy as np

from .tokenizer import UNK, ClassroomTokenizer

# word lists: key -> (English, Japanese[, kind]); English is lowercase (the tokenizer lowercases)
ANIMALS = {"cat": "猫", "dog": "犬", "bird": "鳥", "mouse": "ネズミ", "rabbit": "ウサギ"}
PEOPLE = {"student": "学生", "teacher": "先生", "boy": "少年", "girl": "少女", "child": "子供",
          "friend": "友達"}
SUBJECTS = {**ANIMALS, **PEOPLE}
ADJECTIVES = {"": "", "small": "小さい", "big": "大きい", "white": "白い", "black": "黒い", "young": "若い",
              "kind": "優しい"}
PEOPLE_ADJECTIVES = ("", "young", "kind")  # colours and sizes are for animals

# things one can be on / under / near / behind, with the prepositions that make sense for each
PREPOSITIONS = {"on": "上", "under": "下", "near": "そば", "behind": "後ろ"}
THINGS = {"mat": ("マット", "on near"), "floor": ("床", "on"), "chair": ("椅子", "on under near behind"),
          "bed": ("ベッド", "on under near"), "table": ("テーブル", "on under near"),
          "sofa": ("ソファ", "on under behind"), "box": ("箱", "on near behind"),
          "desk": ("机", "on under near"), "bench": ("ベンチ", "on under near"), "roof": ("屋根", "on"),
          "rock": ("岩", "on behind"), "pillow": ("枕", "on"), "tree": ("木", "under near behind"),
          "door": ("ドア", "near behind"), "window": ("窓", "near"), "car": ("車", "under behind")}
# English past tense -> (Japanese verb, particle after the place: に for where one ends up, で for where)
POSE_VERBS = {"sat": ("座った", "に"), "stood": ("立った", "に"), "lay": ("寝転んだ", "に"),
              "slept": ("寝た", "で"), "waited": ("待った", "で"), "played": ("遊んだ", "で")}

LOCATIONS = {"park": "公園", "school": "学校", "classroom": "教室", "library": "図書館", "garden": "庭",
             "house": "家", "room": "部屋", "station": "駅", "forest": "森", "kitchen": "台所",
             "shop": "店", "town": "町", "cafe": "カフェ", "field": "野原"}
MOVE_VERBS = {"ran": ("走った", "へ"), "walked": ("歩いた", "まで"), "went": ("行った", "に"),
              "came": ("来た", "に"), "flew": ("飛んだ", "へ")}

OBJECTS = {"book": ("本", "a"), "letter": ("手紙", "a"), "newspaper": ("新聞", "a"), "story": ("物語", "a"),
           "poem": ("詩", "a"), "note": ("メモ", "a"), "apple": ("リンゴ", "an"), "cake": ("ケーキ", "a"),
           "fish": ("魚", "a"), "egg": ("卵", "an"), "cookie": ("クッキー", "a"), "ball": ("ボール", "a"),
           "key": ("鍵", "a"), "coin": ("コイン", "a"), "hat": ("帽子", "a"), "picture": ("絵", "a"),
           "map": ("地図", "a"), "flower": ("花", "a"), **{k: (v, "a") for k, v in ANIMALS.items()}}
# verb -> (Japanese, who can do it, what it can be done to)
OBJECT_VERBS = {"read": ("読んだ", "people", "book letter newspaper story"),
                "wrote": ("書いた", "people", "letter story poem note"),
                "drew": ("描いた", "people", "picture map flower cat bird"),
                "bought": ("買った", "people", "book apple cake hat ball flower"),
                "ate": ("食べた", "all", "apple cake fish egg cookie"),
                "found": ("見つけた", "all", "ball key coin book hat egg"),
                "saw": ("見た", "all", "bird cat dog rabbit mouse")}
# verbs with no object, done somewhere ("played" here is the same Japanese verb as above)
PLACE_VERBS = {"played": ("遊んだ", "all"), "slept": ("寝た", "all"), "sang": ("歌った", "all"),
               "studied": ("勉強した", "people"), "waited": ("待った", "all"), "ate": ("食べた", "all")}

EN_PUNCT, JA_PUNCT = ".", "。"
JA_PARTICLES = ("が", "の", "に", "で", "へ", "を", "と", "まで")

# the words a test or a probe may ask about
PLACE_WORDS_EN = frozenset(THINGS) | frozenset(LOCATIONS)
VERBS_JA = frozenset(v for v, _ in POSE_VERBS.values()) | frozenset(v for v, _ in MOVE_VERBS.values()) | \
    frozenset(v[0] for v in OBJECT_VERBS.values()) | frozenset(v[0] for v in PLACE_VERBS.values())
# the lesson's own examples are always training sentences, never held out
LESSON_EXAMPLES = (("pose", "cat", "", "sat", "on", "mat"), ("move", "dog", "", "ran", "park"),
                   ("object", "student", "", "read", "book", "classroom"),
                   ("object", "teacher", "", "read", "book", "classroom"))
HELD_OUT_PERCENT = 10
TEMPLATE_WEIGHTS = {"pose": 0.35, "move": 0.15, "object": 0.25, "place": 0.15, "with": 0.10}


@dataclass(frozen=True)
class Sentence:
    combo: tuple          # the meaning, e.g. ("pose", "cat", "", "sat", "on", "mat")
    lang: str             # "en" or "ja"
    tokens: tuple         # the tokens the tokenizer must find, English lowercased

    @property
    def text(self) -> str:
        if self.lang == "ja":
            return "".join(self.tokens)
        words = " ".join(self.tokens[:-1])
        return words[:1].upper() + words[1:] + self.tokens[-1]


def _can(subject: str, who: str) -> bool:
    return who == "all" or subject in PEOPLE


def combinations() -> dict[str, list[tuple]]:
    """Every meaning the templates can express, grouped by template, in a fixed order."""
    out = {name: [] for name in TEMPLATE_WEIGHTS}
    for subj, adj in itertools.product(SUBJECTS, ADJECTIVES):
        if adj not in (PEOPLE_ADJECTIVES if subj in PEOPLE else set(ADJECTIVES) - {"kind"}):
            continue
        for verb, (prep, thing) in itertools.product(POSE_VERBS, [(p, t) for t, (_, ps) in THINGS.items()
                                                                  for p in ps.split()]):
            out["pose"].append(("pose", subj, adj, verb, prep, thing))
        for verb, loc in itertools.product(MOVE_VERBS, LOCATIONS):
            if verb != "flew" or subj == "bird":
                out["move"].append(("move", subj, adj, verb, loc))
        for verb, (_, who, objs) in OBJECT_VERBS.items():
            if _can(subj, who):
                out["object"] += [("object", subj, adj, verb, o, loc) for o in objs.split() for loc in LOCATIONS
                                  if o != subj]
        for verb, (_, who) in PLACE_VERBS.items():
            if _can(subj, who):
                out["place"] += [("place", subj, adj, verb, loc) for loc in LOCATIONS]
        out["with"] += [("with", subj, adj, other, loc) for other in SUBJECTS for loc in LOCATIONS if other != subj]
    return out


def is_held_out(combo: tuple) -> bool:
    if combo in LESSON_EXAMPLES:
        return False
    return zlib.crc32("|".join(combo).encode("utf-8")) % 100 < HELD_OUT_PERCENT


def render(combo: tuple, lang: str) -> Sentence:  # meaning -> one sentence as tokens
    kind, subj, adj = combo[:3]
    if lang == "en":
        words = ["the"] + ([adj] if adj else []) + [subj]
        if kind == "pose":
            words += [combo[3], combo[4], "the", combo[5]]
        elif kind == "move":
            words += [combo[3], "to", "the", combo[4]]
        elif kind == "object":
            words += [combo[3], OBJECTS[combo[4]][1], combo[4], "in", "the", combo[5]]
        elif kind == "place":
            words += [combo[3], "in", "the", combo[4]]
        else:
            words += ["played", "with", "the", combo[3], "in", "the", combo[4]]
        return Sentence(combo, lang, tuple(words + [EN_PUNCT]))
    words = ([ADJECTIVES[adj]] if adj else []) + [SUBJECTS[subj], "が"]
    if kind == "pose":
        verb, particle = POSE_VERBS[combo[3]]
        words += [THINGS[combo[5]][0], "の", PREPOSITIONS[combo[4]], particle, verb]
    elif kind == "move":
        verb, particle = MOVE_VERBS[combo[3]]
        words += [LOCATIONS[combo[4]], particle, verb]
    elif kind == "object":
        words += [LOCATIONS[combo[5]], "で", OBJECTS[combo[4]][0], "を", OBJECT_VERBS[combo[3]][0]]
    elif kind == "place":
        words += [LOCATIONS[combo[4]], "で", PLACE_VERBS[combo[3]][0]]
    else:
        words += [LOCATIONS[combo[4]], "で", SUBJECTS[combo[3]], "と", "遊んだ"]
    return Sentence(combo, lang, tuple(words + [JA_PUNCT]))


class Corpus:
    """All combinations, split into training and held-out, with a sampler for training sentences."""

    def __init__(self):
        by_template = combinations()
        self.train = {k: [c for c in v if not is_held_out(c)] for k, v in by_template.items()}
        self.held_out = {k: [c for c in v if is_held_out(c)] for k, v in by_template.items()}
        self.vocab = vocabulary(by_template)

    def sizes(self) -> dict[str, int]:
        return {"train": sum(map(len, self.train.values())), "held_out": sum(map(len, self.held_out.values()))}

    def sample(self, rng: np.random.Generator, split: str = "train") -> Sentence:
        pool = self.train if split == "train" else self.held_out
        names = list(TEMPLATE_WEIGHTS)
        kind = names[rng.choice(len(names), p=np.array([TEMPLATE_WEIGHTS[n] for n in names]))]
        combo = pool[kind][rng.integers(len(pool[kind]))]
        return render(combo, "en" if rng.random() < 0.5 else "ja")

    def evaluation_set(self, per_lang: int = 300, split: str = "held_out", seed: int = 1234) -> list[Sentence]:
        """A fixed sample of distinct meanings from one split, each written in both languages."""
        rng = np.random.default_rng(seed)
        chosen, seen = [], set()
        while len(chosen) < per_lang:
            s = self.sample(rng, split)
            if s.combo not in seen:
                seen.add(s.combo)
                chosen.append(s.combo)
        return [render(c, lang) for lang in ("en", "ja") for c in chosen]


def vocabulary(by_template: dict[str, list[tuple]] | None = None) -> list[str]:
    """"<unk>" at id 0, then every English word, then every Japanese word, in order of first use."""
    by_template = by_template or combinations()
    words = {UNK: None}
    for lang in ("en", "ja"):
        for combos in by_template.values():
            for c in combos:
                words.update(dict.fromkeys(render(c, lang).tokens))
    return list(words)


def build_tokenizer(corpus: Corpus | None = None) -> ClassroomTokenizer:
    return ClassroomTokenizer((corpus or Corpus()).vocab)


def check_tokenizer(tokenizer: ClassroomTokenizer, corpus: Corpus | None = None) -> int:
    """Encode every sentence's text and check it gives back its tokens; returns how many were checked."""
    corpus = corpus or Corpus()
    n = 0
    for split in (corpus.train, corpus.held_out):
        for combos in split.values():
            for c in combos:
                for lang in ("en", "ja"):
                    s = render(c, lang)
                    got = tuple(t.text.lower() if lang == "en" else t.text for t in tokenizer.encode(s.text))
                    if got != s.tokens:
                        raise AssertionError(f"{s.text!r} splits as {got}, expected {s.tokens}")
                    n += 1
    return n
