"""The gallery: examples that mean something, read from examples.json beside the model (written by the
model's training, verified on the shipped model by tests), and what choosing one sets in the lesson.

examples.json is a JSON list of {"text", "lang" ("en"/"ja"), "mask" ("none"/"causal"), "focus" (a word of
the sentence, or its seat from 1), "layer" (from 1), "head" (from 1), "expect_top" (the classmate, or list
of classmates, with the largest shares there), "what" {"en", "ja"}: one sentence saying what it shows,
and optionally "expect_next" (the class's next word there, where "what" names it)}.
The seed's entry ("The cat sat on the mat") gives the lesson its default layer and head. Pure: no Qt.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..model.gallery import GalleryError, focus_seat, read_examples  # noqa: F401  (GalleryError: raised to callers)
from .context import Selection, default_focus
from .example_point import ExamplePoint
from .rules import IN_TURN, LESSON_RULE
from .strings import LANGUAGES

FILE = "examples.json"
SEED_SENTENCE = "The cat sat on the mat"


@dataclass(frozen=True)
class Example:
    text: str
    lang: str
    mask: str
    focus: str | int          # a word of the sentence, or a seat number from 1
    layer: int                # from 1
    head: int                 # from 1
    expect_top: str | list[str]
    what: dict[str, str] = field(default_factory=dict)  # language -> one sentence
    expect_next: str | None = None  # the class's next word at the asker, in turn, where `what` names it

    def describe(self, lang: str) -> str:
        return self.what.get(lang) or self.what.get("en") or ""

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None or k != "expect_next"}


def example_where(example: Example, lang: str, tokenizer=None) -> str:
    """Where an example looks, in `lang`: 'English, discussion; "cat" asks, layer 2, head 1' / 「英語の文、話し合い。
    質問する生徒は「cat」、第2層、ヘッド1」 (a seat number named by its word when a tokenizer is given)."""
    from .strings import language_name, table, text

    focus = example.focus
    if isinstance(focus, int) and tokenizer is not None:
        students = [token.text for token in tokenizer.encode(example.text)]
        focus = students[focus - 1] if focus <= len(students) else focus
    # the sentence's language as the reader's language says it: 「英語の文」, not "English", in Japanese
    language = table(lang).get(f"ui.examples_language_{example.lang}") or language_name(example.lang)
    return text(lang, "ui.examples_rule", language=language, rule=text(lang, f"rule.{example.mask}"),
                focus=focus, layer=example.layer, head=example.head)


def example_top(example: Example, lang: str) -> str:
    """The classmate(s) the example expects the asker to hear most, in `lang`'s words and quote marks."""
    from .strings import quote, text

    tops = [example.expect_top] if isinstance(example.expect_top, str) else list(example.expect_top)
    return text(lang, "ui.examples_top", top=text(lang, "worksheet.and").join(quote(lang, w) for w in tops)
                if lang == "ja" else " / ".join(quote(lang, w) for w in tops))


def gallery_file(model_dir) -> Path:
    return Path(model_dir) / FILE


def load_gallery(path) -> list[Example]:
    """Every example of the file, checked (model.gallery.read_examples, the one reader of examples.json);
    GalleryError for a missing, malformed or wrongly shaped file."""
    return [Example(**entry) for entry in read_examples(path, LANGUAGES)]


def seed_example(examples: list[Example]) -> Example | None:
    """The seed sentence's entry (the first, if there are several; a closing full stop does not matter)."""
    key = SEED_SENTENCE.lower()
    return next((e for e in examples if e.text.lower().rstrip(" .") == key), None)


def lesson_rule(checkpoint, examples: list[Example]) -> str:
    """The rule a lesson starts in: discussion, as the seed's story, for the classroom's own models (trained in
    both rules: they have a gallery or the classroom's tokenizer); in turn for a GPT-2 folder, which learned
    only that rule (its discussion numbers are then one click and one forward away)."""
    from ..model.tokenizer import ClassroomTokenizer

    return LESSON_RULE if examples or isinstance(checkpoint.tokenizer, ClassroomTokenizer) else IN_TURN


def lesson_selection(examples: list[Example], lang: str = "en", temperature: float = 1.0, rule: str = LESSON_RULE):
    """The lesson's starting Selection: the rule (lesson_rule), and the layer and head of the seed's example
    when the gallery has one (else the first of each). Focus is left to default_focus of the sentence."""
    seed = seed_example(examples)
    layer, head = (seed.layer - 1, seed.head - 1) if seed else (0, 0)
    return Selection(layer=layer, head=head, temperature=temperature, lang=lang, rule=rule)


def example_selection(example: Example, tokens: list[str], temperature: float = 1.0, lang: str | None = None):
    """What choosing `example` sets: its rule, asker, layer and head (Selection.clamped keeps them inside a
    smaller model), told in `lang` (the window keeps its UI's language), else in the example's own."""
    seat = focus_seat(example.focus, tokens)
    return Selection(focus=default_focus(tokens, example.mask) if seat is None else seat, layer=example.layer - 1,
                     head=example.head - 1, temperature=temperature, lang=lang or example.lang, rule=example.mask)


def example_point(example: Example, trace) -> ExamplePoint:
    """What the open `example` says, and of which class: its students, and its asker, layer, head and rule as
    choosing it sets them in `trace`'s model (said at its key step: lesson.example_point)."""
    sel = example_selection(example, trace.tokens).clamped(trace)
    return ExamplePoint(tuple(trace.tokens), sel.focus, sel.layer, sel.head, sel.rule, tuple(example.what.items()))


def gallery_of(model_dir) -> tuple[list[Example], GalleryError | None]:
    """The model folder's examples and None, or [] and why there are none (no file, or a file that cannot be
    used; said in any language): the lesson then starts from layer 1, head 1, and the window's Examples item
    says why it is off."""
    path = gallery_file(model_dir)
    if not path.exists():
        return [], GalleryError("gallery.missing", path=str(path))
    try:
        return load_gallery(path), None
    except GalleryError as exc:
        return [], exc
