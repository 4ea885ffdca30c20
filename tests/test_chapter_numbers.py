"""A chapter's number is its place in the lesson, never written in the strings or the CLI help."""
import re

from classroom_gui.cli import build_parser
from classroom_gui.lesson.chapters import chapter_title
from classroom_gui.lesson.strings import LANGUAGES, table
from classroom_gui.lesson.timeline import CHAPTERS


def test_no_chapter_string_carries_a_number_and_titles_count_in_order():
    for lang in LANGUAGES:
        for i, key in enumerate(CHAPTERS):
            assert not re.match(r"\d", table(lang)[f"chapter.{key}"]), f"{lang}: chapter.{key} writes its number"
            assert chapter_title(lang, key).startswith(f"{i}. ")


def test_the_export_help_lists_the_chapters_from_the_lesson():
    export = build_parser()._subparsers._group_actions[0].choices["export"]
    text = export.format_help().replace("\n", " ")
    assert f"0-{len(CHAPTERS) - 1}" in re.sub(r"\s+", "", text) or f"0-{len(CHAPTERS) - 1}" in text
    assert all(key in text for key in CHAPTERS)
