"""The Japanese UI says its own words where the teacher found English (P8): the gallery's and `examples --lang ja`'s
language and rule lines (「英語の文、話し合い。」, not 「English、…」 or "[en, mask none] … cat asks"), and the
worksheet's footer (「授業用のモデル」; tests/test_worksheet.py reads it from the PDF)."""
from __future__ import annotations

import re

from classroom_gui.cli import main
from classroom_gui.lesson.gallery import example_where, gallery_of
from classroom_gui.resources import teaching_model_dir

# Latin words outside 「」 (a student's own name, 「cat」, stays as it is written)
LATIN_OUTSIDE_QUOTES = re.compile(r"[A-Za-z]{2,}")


NAMES = re.compile(r"GPT(-2)?|W_[QKVO]|exp|ReLU|GELU")  # formula and model names stay as written


def unquoted(line: str) -> str:
    return NAMES.sub("", re.sub(r"「[^」]*」", "", line))


def test_the_gallery_says_which_language_in_japanese():
    examples, _ = gallery_of(teaching_model_dir())
    lines = [example_where(e, "ja") for e in examples]
    assert lines[0].startswith("英語の文、話し合い。質問する生徒は「cat」")
    assert any(line.startswith("日本語の文、") for line in lines)
    for line in lines:
        assert not LATIN_OUTSIDE_QUOTES.search(unquoted(line)), line
    assert example_where(examples[0], "en").startswith('English, discussion; "cat" asks')
    # teacher5 L4: "it asks", "are asks", "bank asks" read as a pronoun and a verb; the asker is quoted as the
    # narration quotes names, and as the Japanese 「座った」が質問
    for e in examples:
        where = example_where(e, "en")
        assert re.search(r'; "[^"]+" asks, layer \d+, head \d+$', where), where


def test_examples_lang_ja_prints_japanese(capsys):
    assert main(["examples", "--lang", "ja"]) == 0
    out = capsys.readouterr().out.splitlines()
    sentences = {line.split(". ", 1)[1] for line in out if re.match(r"^\s*\d+\. ", line)}
    for line in out:
        if re.match(r"^\s*\d+\. ", line):
            continue  # the example's own sentence, in its own language
        assert not LATIN_OUTSIDE_QUOTES.search(unquoted(line)), line
    assert "The cat sat on the mat" in sentences and "いちばんよく聞く相手：" in "\n".join(out)
