"""Which moments of the lesson an export shows: one moment named by chapter, step or time; one per step or per
chapter for a deck; the span of a range of chapters (chapter_range), a deck's or a video's (export.pace paces it).
Pure Python.
"""
from __future__ import annotations

from functools import lru_cache

from ..lesson.chapters import chapter_title
from ..lesson.strings import LANGUAGES, text
from ..lesson.timeline import CHAPTERS, Timeline
from .files import ExportError
from ..messages.numerals import whole


def chapter_key(name: str) -> str:
    """A chapter by key ("softmax"), number ("7", 「第7章」) or title in any language, whole or up to its colon
    (「ソフトマックス：スコアを割合に」, 「ソフトマックス」, "Softmax")."""
    name = str(name).strip().lower()
    number = name[1:-1] if name.startswith("第") and name.endswith("章") else name
    if whole(number) and int(number) < len(CHAPTERS):
        return CHAPTERS[int(number)]
    if name in CHAPTERS:
        return name
    if name in _titles():
        return _titles()[name]
    raise ExportError("error.unknown_chapter", name=name, last=len(CHAPTERS) - 1, names=tuple(CHAPTERS))


@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    """Every chapter's title in every language (lower case), whole and up to its colon, to its key; a head that two
    chapters share names neither."""
    found: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        for key in CHAPTERS:
            title = text(lang, f"chapter.{key}").strip().lower()
            for said in {title, title.split("：")[0].split(":")[0].strip()}:
                found.setdefault(said, set()).add(key)
    return {said: keys.pop() for said, keys in found.items() if len(keys) == 1 and said}


def moment(timeline: Timeline, chapter: str | None = None, beat: int | None = None, time: float | None = None) -> float:
    """The time to show: the chapter's finished picture (the end of its last step), the end of step
    `beat` (1-based, as on screen), or `time` seconds; by default the end of the lesson's first step."""
    if sum(x is not None for x in (chapter, beat, time)) > 1:
        raise ExportError("error.one_moment")
    if chapter is not None:
        return timeline.chapter_end(chapter_key(chapter))
    if beat is not None:
        if not 1 <= beat <= len(timeline):
            raise ExportError("error.no_such_step", step=beat, last=len(timeline))
        return timeline.beat_stop(beat - 1)
    if time is not None:
        if not 0 <= time <= timeline.duration:
            raise ExportError("error.time_outside", time=time, duration=timeline.duration)
        return float(time)
    return timeline.beat_stop(0)


def deck_times(timeline: Timeline, per: str = "beat", first: str | None = None, last: str | None = None) -> list[float]:
    """One slide per step (its finished picture), or per chapter (the chapter's last step), of the chapters `first`
    to `last` (by default the whole lesson; checked as a video's: chapter_range)."""
    if per not in ("beat", "chapter"):
        raise ExportError("error.per", per=per)
    span = chapter_range(timeline, first, last)
    if per == "beat":
        return [timeline.beat_stop(i) for i in beats_in(timeline, span)]
    return [timeline.chapter_end(key) for key, start in timeline.chapter_starts() if starts_in(start, span)]


def beats_in(timeline: Timeline, span: tuple[float, float]) -> list[int]:
    """The steps (0-based) a range of chapters shows: those that start in `span` (chapter_range's)."""
    return [i for i, b in enumerate(timeline.beats) if starts_in(b.start, span)]


def starts_in(start: float, span: tuple[float, float]) -> bool:
    """Whether a step or chapter starting at `start` is in `span` (begin, end): from begin on, and before end; each
    edge 1e-9 early, so that a start a rounding below begin is in and one a rounding below end is out."""
    begin, end = span
    return begin - 1e-9 <= start < end - 1e-9


def chapter_span(timeline: Timeline, fps: float, first: str | None = None, last: str | None = None) -> tuple[float, float]:
    """A video's chapter_range, after checking its fps."""
    if not 1 <= fps <= 120:
        raise ExportError("error.fps", fps=fps)
    return chapter_range(timeline, first, last)


def chapter_range(timeline: Timeline, first: str | None = None, last: str | None = None) -> tuple[float, float]:
    """The lesson time from the start of chapter `first` to the end of chapter `last` (by default the whole lesson),
    after checking the chapters' names and order: the range of a video and of a deck (`--from`, `--to`)."""
    starts = dict(timeline.chapter_starts())
    keys = [k for k, _ in timeline.chapter_starts()]
    a = chapter_key(first) if first is not None else keys[0]
    b = chapter_key(last) if last is not None else keys[-1]
    chapter_order(a, b)
    end = starts[keys[keys.index(b) + 1]] if keys.index(b) + 1 < len(keys) else timeline.duration
    return starts[a], end


def chapter_order(first: str, last: str, titles: tuple[str, str] | None = None) -> None:
    """Refuse a range whose first chapter (a key) comes after its last: named by their numbered titles in the
    reader's language, as the lesson shows them ("7. Softmax: …", whose number `--from` and `--to` take too), or by
    `titles`, as the export dialog's boxes show them."""
    if CHAPTERS.index(first) > CHAPTERS.index(last):
        if titles is not None:
            raise ExportError("error.chapter_order_titles", first=titles[0], last=titles[1])
        raise ExportError("error.chapter_order", first=Numbered(first), last=Numbered(last))


class Numbered:
    """A chapter's numbered title ("7. Softmax: …"), said in the language of the message it is in (a value of a
    messages.phrase.Phrase)."""

    def __init__(self, key: str):
        self.key = key

    def said(self, lang: str) -> str:
        return chapter_title(lang, self.key, "chapter.named")

    def __str__(self) -> str:
        return self.said("en")
