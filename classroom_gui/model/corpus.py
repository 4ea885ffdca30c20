"""The teaching corpus: short English and Japanese sentences built from the word lists in corpus_words.

Source: every template and word list was written for this project (no external text); licence: the
same as the project (MIT), and the sentences themselves may be used as CC0. Nothing is random at import
time: the sentences are the product of the word lists, and which are held out is decided by a hash of
each meaning, so the split is the same on every machine.

A "combination" is one meaning, e.g. ("pose", "cat", "", "sat", "on", "mat"). The first five templates
are written in English and in Japanese ("The cat sat on the mat." / "猫がマットの上に座った。"); the
stories that only English grammar tells (which noun "it" means, is/are agreement, a name said twice,
"bank") are English only. Both languages of a meaning are on the same side of the split.
"""
from __future__ import annotations

import itertools
import zlib
from dataclasses import dataclass

import numpy as np

from . import corpus_words as W

EN_PUNCT, JA_PUNCT = ".", "。"
# the words a test or a probe may ask about
PLACE_WORDS_EN = frozenset(W.THINGS) | frozenset(W.LOCATIONS) | frozenset(W.SQUARE_THINGS) | frozenset(W.RIVER_BANKS)
VERBS_JA = frozenset(v for v, _ in W.POSE_VERBS.values()) | frozenset(v for v, _ in W.MOVE_VERBS.values()) | \
    frozenset(v[0] for v in W.OBJECT_VERBS.values()) | frozenset(v[0] for v in W.PLACE_VERBS.values())
# the lesson's and the gallery's own sentences are always training sentences, never held out
LESSON_EXAMPLES = (("pose", "cat", "", "sat", "on", "mat"), ("move", "dog", "", "ran", "park"),
                   ("object", "student", "", "read", "book", "classroom"),
                   ("object", "teacher", "", "read", "book", "classroom"),
                   ("cross", "animal", "street", "tired", "it", "", "", False),
                   ("cross", "animal", "street", "wide", "it", "", "", False))
HELD_OUT_PERCENT = 10
TEMPLATE_WEIGHTS = {"pose": 0.26, "move": 0.08, "object": 0.10, "place": 0.05, "with": 0.04, "cross": 0.12,
                    "lift": 0.06, "catch": 0.04, "follow": 0.03, "agree": 0.10, "copy": 0.08, "bank": 0.05}
# the stories where "it" means one of two nouns: the discussion objective names that noun at "it"
STORY_KINDS = ("cross", "lift", "catch", "follow")
ENGLISH_ONLY = frozenset(STORY_KINDS) | {"agree", "copy", "bank"}
# 「犬は公園へ走った。」: a Japanese sentence that tells about its subject (a topic, 「は」) instead of naming who did
# it (「が」). The plain corpus has none; Corpus(topic_percent=P) tells P % of the Japanese sentences so (train.py
# --topic-percent), so that the class learns what may follow 「犬は」 (teacher12 M1: it answered 「。」 or 「が」)
TOPIC, SUBJECT = "は", "が"


@dataclass(frozen=True)
class Sentence:
    combo: tuple          # the meaning, e.g. ("pose", "cat", "", "sat", "on", "mat")
    lang: str             # "en" or "ja"
    tokens: tuple         # the tokens the tokenizer must find, English lowercased
    referent: tuple = ()  # (position of "it", the noun it means): the discussion objective's target there

    @property
    def text(self) -> str:
        if self.lang == "ja":
            return "".join(self.tokens)
        out, start = [], True
        for w in self.tokens:
            if w == "," and not out:
                continue
            if w in (EN_PUNCT, ","):
                out[-1] += w
            else:
                out.append(w.capitalize() if start or w in W.NAMES else w)
            start = w == EN_PUNCT
        return " ".join(out)


def _habit(subject: str) -> tuple[list[str], ...]:
    return tuple(s.split() for s in W.HABITS["people" if subject in W.PEOPLE else subject])


def _adjectives(subject: str):
    return W.PEOPLE_ADJECTIVES if subject in W.PEOPLE else W.ANIMAL_ADJECTIVES


def combinations(describing: tuple = W.DESCRIBED, both_states: bool = False) -> dict[str, list[tuple]]:
    """Every meaning the templates can express, grouped by template, in a fixed order. describing: the words
    that may stand before a story's first noun ("the little animal"); both_states: every plain story is also
    told with a state word of each kind before its nouns (BOTH_STATES)."""
    out = {name: [] for name in TEMPLATE_WEIGHTS}
    for subj in W.SUBJECTS:
        poses, things, moves, places = _habit(subj)
        if subj in W.SQUARE_ANIMALS:
            poses, things = W.SQUARE_POSES, W.SQUARE_THINGS
        for adj in _adjectives(subj):
            for verb, prep, thing in itertools.product(poses, W.PREPOSITIONS, things):
                if thing not in W.NOT_ON.get(prep, "").split() and (
                        subj not in W.SQUARE_ANIMALS or W.square_animal(verb, thing) == subj):
                    out["pose"].append(("pose", subj, adj, verb, prep, thing))
            out["move"] += [("move", subj, adj, v, loc) for v in moves for loc in places]
            for verb, (_, who, objs, locs) in W.OBJECT_VERBS.items():
                if who == "all" or subj in W.PEOPLE:
                    out["object"] += [("object", subj, adj, verb, o, loc) for o in objs.split()
                                      for loc in locs.split() if o != subj]
            for verb, (_, who) in W.PLACE_VERBS.items():
                if who == "all" or subj in W.PEOPLE:
                    out["place"] += [("place", subj, adj, verb, loc) for loc in places]
            out["with"] += [("with", subj, adj, other, loc) for other in W.SUBJECTS for loc in places if other != subj]
    stories = (("cross", W.CROSS_AGENTS, W.CROSS_OBSTACLES, W.AGENT_STATES + W.OBSTACLE_STATES),
               ("lift", W.LIFT_AGENTS, W.LIFT_LOADS, W.LIFTER_STATES + W.LOAD_STATES),
               ("catch", W.CHASERS, W.CHASERS, W.CHASER_STATES + W.RUNNER_STATES),
               ("follow", W.CHASERS, W.CHASERS, W.CHASER_STATES + W.RUNNER_STATES))
    for kind, agents, things, states in stories:
        for a, b, form, opening, described, first in itertools.product(
                agents, things, ("it", "noun"), W.OPENINGS, describing, (False, True)):
            if a != b and not (first and form == "noun"):
                out[kind] += [(kind, a, b, s, form, opening, described, first) for s in states]
                if both_states and not described:
                    out[kind] += [(kind, a, b, s, form, opening, _both(kind, a, b, s, form, opening, first), first)
                                  for s in states]
    for n1, p1, link, n2, p2, tense, state in itertools.product(
            W.AGREE_NOUNS, (0, 1), W.AGREE_LINKS, W.AGREE_NOUNS, (0, 1), (0, 1), W.AGREE_STATES):
        if n1 != n2:
            out["agree"].append(("agree", n1, p1, link, n2, p2, tense, state))
    for name, other, thing, verb in itertools.product(W.NAMES, W.NAMES, W.KEEPSAKES, W.FONDNESS):
        if name != other:
            out["copy"].append(("copy", name, other, thing, verb))
    for person in W.PERSONS:
        out["bank"] += [("bank", person, "river", word, water, verb) for word in W.RIVER_BANKS for water in W.RIVERS
                        for verb in ("sat on", "walked along")]
        out["bank"] += [("bank", person, "money", word, "", verb) for word in W.MONEY_BANKS for verb in W.MONEY_VERBS]
    return out


# a story's two kinds of state word ("the tired animal didn't cross the wide street because it was too wide"):
# both kinds stand in every such sentence, so only the word after "too" tells which noun "it" means
BOTH_STATES = {"cross": (W.AGENT_STATES, W.OBSTACLE_STATES), "lift": (W.LIFTER_STATES, W.LOAD_STATES),
               "catch": (W.CHASER_STATES, W.RUNNER_STATES), "follow": (W.CHASER_STATES, W.RUNNER_STATES)}


def _both(kind: str, *rest) -> str:
    """The "agent+thing" state words of one story told with both, chosen by a hash of the story (no product:
    the corpus grows by a third of its stories, not sevenfold)."""
    first, second = BOTH_STATES[kind]
    h = zlib.crc32("|".join(map(str, (kind,) + rest)).encode("utf-8"))
    return f"{first[h % len(first)]}+{second[(h // 7) % len(second)]}"


def is_held_out(combo: tuple) -> bool:
    if combo[0] in STORY_KINDS and "+" in combo[6]:  # told with both states: on its plain story's side
        combo = combo[:6] + ("",) + combo[7:]
    if combo in LESSON_EXAMPLES:
        return False
    return zlib.crc32("|".join(map(str, combo)).encode("utf-8")) % 100 < HELD_OUT_PERCENT


def told_as_topic(combo: tuple, percent: float) -> bool:
    """Whether the Japanese sentence of this meaning says 「は」 after its subject, when percent % of them do: by a
    CRC-32 hash of the meaning, so it is the same on every machine and draws nothing from a training run's RNG."""
    return percent > 0 and zlib.crc32(("topic|" + "|".join(map(str, combo))).encode("utf-8")) % 1000 < 10 * percent


def render(combo: tuple, lang: str, topic: bool = False) -> Sentence | None:
    """meaning -> one sentence as tokens (None: no such language); topic: in Japanese, 「は」 after the subject."""
    kind = combo[0]
    if lang == "ja":
        if kind in ENGLISH_ONLY:
            return None
        return Sentence(combo, lang, tuple(_japanese(combo, TOPIC if topic else SUBJECT) + [JA_PUNCT]))
    if kind in ENGLISH_ONLY:
        words, referent = _english_story(combo)
        return Sentence(combo, lang, tuple(words), referent)
    subj, adj = combo[1:3]
    words = ["the"] + ([adj] if adj else []) + [subj]
    if kind == "pose":
        words += [combo[3], combo[4], "the", combo[5]]
    elif kind == "move":
        words += [combo[3], "to", "the", combo[4]]
    elif kind == "object":
        words += [combo[3], W.OBJECTS[combo[4]][1], combo[4], "in", "the", combo[5]]
    elif kind == "place":
        words += [combo[3], "in", "the", combo[4]]
    else:
        words += ["played", "with", "the", combo[3], "in", "the", combo[4]]
    return Sentence(combo, lang, tuple(words + [EN_PUNCT]))


def _japanese(combo: tuple, particle: str = SUBJECT) -> list[str]:
    kind, subj, adj = combo[:3]
    words = ([W.ADJECTIVES[adj]] if adj else []) + [W.SUBJECTS[subj], particle]
    if kind == "pose":
        verb, particle = W.POSE_VERBS[combo[3]]
        return words + [W.THINGS[combo[5]], "の", W.PREPOSITIONS[combo[4]], particle, verb]
    if kind == "move":
        verb, particle = W.MOVE_VERBS[combo[3]]
        return words + [W.LOCATIONS[combo[4]], particle, verb]
    if kind == "object":
        return words + [W.LOCATIONS[combo[5]], "で", W.OBJECTS[combo[4]][0], "を", W.OBJECT_VERBS[combo[3]][0]]
    if kind == "place":
        return words + [W.LOCATIONS[combo[4]], "で", W.PLACE_VERBS[combo[3]][0]]
    return words + [W.LOCATIONS[combo[4]], "で", W.SUBJECTS[combo[3]], "と", "遊んだ"]


STORY_VERBS = {"cross": ["didn't", "cross"], "lift": ["couldn't", "lift"],
               **{kind: list(words) for kind, words in W.CHASE_VERBS.items()}}


def _english_story(combo: tuple) -> tuple[list[str], tuple]:
    kind = combo[0]
    if kind in STORY_VERBS:
        _, agent, thing, state, form, opening, described, first = combo
        meant = agent if state in W.AGENT_STATES + W.LIFTER_STATES + W.CHASER_STATES else thing
        before, _, before_thing = described.partition("+")  # "tired+wide": a state word before each noun
        main = ["the"] + ([before] if before else []) + [agent] + STORY_VERBS[kind] + ["the"] + \
            ([before_thing] if before_thing else []) + [thing]
        slot = ["it"] if form == "it" else ["the", meant]
        reason = ["because"] + slot + ["was", "too", state]
        start = [opening] if opening else []
        if first:  # "Yesterday, because it was too tired, the animal didn't cross the street."
            words = start + ([","] if start else []) + reason + [","] + main + [EN_PUNCT]
            return words, (len(start) + bool(start) + 1, meant)
        words = start + main + reason + [EN_PUNCT]
        return words, (len(start) + len(main) + len(slot), meant)
    if kind == "agree":
        _, n1, p1, link, n2, p2, tense, state = combo
        verb = ("was", "were", "is", "are")[2 * tense + p1]
        first, second = W.AGREE_NOUNS[n1] if p1 else n1, W.AGREE_NOUNS[n2] if p2 else n2
        return ["the", first, link, "the", second, verb, state, EN_PUNCT], ()
    if kind == "copy":
        _, name, other, thing, verb = combo
        return [name, "has", "a", thing, "and", other, "has", "a", "hat" if thing != "hat" else "cup", EN_PUNCT,
                name, verb, "the", thing, EN_PUNCT], ()
    _, person, sense, word, water, verb = combo
    if sense == "river":
        return ["the", person] + verb.split() + ["the", word, "of", "the", water, EN_PUNCT], ()
    return ["the", person] + verb.split() + ["the", word, EN_PUNCT], ()


class Corpus:
    """All combinations, split into training and held-out, with a sampler for evaluation sentences."""

    def __init__(self, describing: tuple = W.DESCRIBED, both_states: bool = False, topic_percent: float = 0.0):
        by_template = combinations(describing, both_states)
        self.topic_percent = topic_percent  # the share of Japanese sentences told with 「は」 (told_as_topic)
        self.train = {k: [c for c in v if not is_held_out(c)] for k, v in by_template.items()}
        self.held_out = {k: [c for c in v if is_held_out(c)] for k, v in by_template.items()}

    def sizes(self) -> dict[str, int]:
        return {"train": sum(map(len, self.train.values())), "held_out": sum(map(len, self.held_out.values()))}

    def sentences(self, split: str = "train"):  # every sentence of a split, both languages where there are two
        pool = self.train if split == "train" else self.held_out
        for combos in pool.values():
            for c in combos:
                for lang in ("en", "ja"):
                    s = self.render(c, lang)
                    if s is not None:
                        yield s

    def render(self, combo: tuple, lang: str) -> Sentence | None:  # render, 「は」 where this corpus tells a topic
        return render(combo, lang, lang == "ja" and told_as_topic(combo, self.topic_percent))

    def words(self) -> dict[str, list[str]]:
        """Every word the sentences use, per language, in order of first use."""
        out = {"en": {}, "ja": {}}
        for split in ("train", "held_out"):
            for s in self.sentences(split):
                out[s.lang].update(dict.fromkeys(s.tokens))
        return {lang: list(words) for lang, words in out.items()}

    def evaluation_set(self, per_lang: int = 300, split: str = "held_out", seed: int = 1234) -> list[Sentence]:
        """A fixed sample of distinct meanings from one split, each written in every language it has."""
        rng = np.random.default_rng(seed)
        pool = self.train if split == "train" else self.held_out
        names = list(TEMPLATE_WEIGHTS)
        p = np.array([TEMPLATE_WEIGHTS[n] for n in names])
        chosen = {}
        while len(chosen) < per_lang:
            kind = names[rng.choice(len(names), p=p / p.sum())]
            chosen.setdefault(pool[kind][rng.integers(len(pool[kind]))], None)
        out = [render(c, lang) for lang in ("en", "ja") for c in chosen]
        return [s for s in out if s is not None]
