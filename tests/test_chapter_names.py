"""jareview2 #9: `--from`/`--to`/`--chapter` take a chapter's title as the lesson shows it, in either language (typing
「ソフトマックス」 was refused and only the English keys were offered), and a range in the wrong order names its chapters
as a Japanese reader names them: 第9章「全員がいっせいに」, not 「9. 全員がいっせいに」."""
from __future__ import annotations

import pytest

from classroom_gui.cli import main
from classroom_gui.export.files import ExportError
from classroom_gui.export.moments import chapter_key
from classroom_gui.lesson.strings import text
from classroom_gui.lesson.timeline import CHAPTERS


@pytest.mark.parametrize("name, key", [("ソフトマックス", "softmax"), ("ソフトマックス：スコアを割合に", "softmax"),
                                       ("第7章", "softmax"), (" Softmax ", "softmax"), ("全員がいっせいに", "everyone"),
                                       ("マスク", "mask"), ("Everyone at once", "everyone"), ("√dで割る", "scaling")])
def test_a_chapter_is_named_by_its_title_in_either_language(name, key):
    assert chapter_key(name) == key


def test_every_title_and_its_head_name_their_own_chapter():
    for lang in ("en", "ja"):
        for key in CHAPTERS:
            title = text(lang, f"chapter.{key}")
            assert chapter_key(title) == key and chapter_key(title.split("：")[0].split(":")[0]) == key, title


@pytest.mark.parametrize("name", ["昼休み", "第99章", "第章", "章", "：", "the"])
def test_anything_else_is_an_unknown_chapter(name):
    with pytest.raises(ExportError) as caught:
        chapter_key(name)
    assert caught.value.phrase.key == "error.unknown_chapter"


def test_a_range_in_the_wrong_order_names_its_chapters_as_a_japanese_reader_does(tmp_path, capsys):
    out = tmp_path / "d.pdf"
    args = ["--text", "猫がマットの上に座った", "--lang", "ja", "--from", "全員がいっせいに", "--to", "質問する"]
    assert main(["deck", *args, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "第9章「全員がいっせいに」は第3章「質問する」より後の章です。" in err and not out.exists()
