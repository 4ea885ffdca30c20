"""The lesson's chapters: one module each in this package, NN_name.py, found in file-name order.

A chapter module declares:
- STEPS: its Steps (lesson.beat.Step: name, seconds, builder), in the order they play;
- optionally plan(n_tokens, n_layer) -> [(step, seconds, arg)], when a step repeats (a beat per classmate
  scored, per layer) or its length depends on the sentence; without it every step plays once;
- optionally RULE, a rule the chapter is always told under (answer time: GPT's); else the one chosen;
- optionally RULE_IN_TITLE = False, when the rule does not change the chapter (its title does not name it).
Its key is its file's name without the number ("softmax"), its number its place in the order (never written
anywhere), its title the string "chapter.<key>", each step's narration the string "<key>.<step>".
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from types import ModuleType

from ..beat import Step
from ..strings import text

FILE_NAME = re.compile(r"^(\d+)_([a-z][a-z0-9_]*)$")  # "07_softmax": the order, then the key


@dataclass(frozen=True)
class Chapter:
    key: str
    number: int                 # its place in the lesson, from 0
    module: ModuleType
    steps: tuple[Step, ...]
    rule: str | None            # the rule it is always told under, or None: the one chosen
    rule_in_title: bool

    def plan(self, n_tokens: int, n_layer: int) -> list[tuple[Step, float, int]]:
        own = getattr(self.module, "plan", None)
        return own(n_tokens, n_layer) if own else [(s, s.seconds, 0) for s in self.steps]

    def step_key(self, step: Step) -> str:
        return f"{self.key}.{step.name}"


def discover(package: str = __name__) -> tuple[Chapter, ...]:
    """The chapter modules of `package` (a dotted name), imported and in file-name order."""
    found = sorted((int(m.group(1)), m.group(2), info.name) for info in pkgutil.iter_modules(
        importlib.import_module(package).__path__) if (m := FILE_NAME.match(info.name)))
    chapters = []
    for number, (_order, key, name) in enumerate(found):
        module = importlib.import_module(f"{package}.{name}")
        chapters.append(Chapter(key, number, module, tuple(module.STEPS), getattr(module, "RULE", None),
                                getattr(module, "RULE_IN_TITLE", True)))
    return tuple(chapters)


LESSON = discover()
CHAPTERS = tuple(c.key for c in LESSON)  # the chapters' keys in lesson order
BY_KEY = {c.key: c for c in LESSON}


def beat_plan(n_tokens: int, n_layer: int) -> list[tuple[str, str, float, int, Step]]:
    """Every beat of the lesson for a class of n_tokens and a model of n_layer layers:
    (chapter key, step id, seconds, arg, step)."""
    return [(c.key, c.step_key(step), seconds, arg, step)
            for c in LESSON for step, seconds, arg in c.plan(n_tokens, n_layer)]


def chapter_title(lang: str, chapter: str, form: str = "chapter.numbered") -> str:
    """A chapter's title with its number, which is its place in the lesson (never written in the strings:
    a new chapter renumbers the ones after it by itself); `form` "chapter.named" as a sentence names it
    (第9章「全員がいっせいに」)."""
    return text(lang, form, n=BY_KEY[chapter].number, title=text(lang, f"chapter.{chapter}"))


def rule_title(lang: str, chapter: str, rule: str) -> str:
    """The chapter's title, with the rule it is told under (from the question on, where the rule matters)."""
    title = chapter_title(lang, chapter)
    if not BY_KEY[chapter].rule_in_title:
        return title
    return text(lang, "title.rule", title=title, rule=text(lang, f"rule.{rule}"))
