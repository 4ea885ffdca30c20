"""teacher26 L4: the deck's last line said "wrote … (1 slides)". One slide is said in the singular, more in the
plural; Japanese counts 枚 either way."""
from __future__ import annotations

import pytest

from classroom_gui.cli import main


@pytest.mark.parametrize("lang, chapters, said", [
    ("en", ("--from", "softmax", "--to", "softmax"), "(1 slide)"),
    ("en", ("--from", "softmax", "--to", "answer"), "slides)"),
    ("ja", ("--from", "softmax", "--to", "softmax"), "書き出しました（スライド1枚）："),
])
def test_the_deck_says_how_many_slides_in_words_that_agree(qapp, tmp_path, capsys, lang, chapters, said):
    out = tmp_path / "d.pdf"
    assert main(["deck", "--lang", lang, "--text", "The cat sat", "--per", "chapter", *chapters, "--size", "640x360",
                 "-o", str(out)]) == 0
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert said in last and str(out) in last and "1 slides" not in last, last
    if said == "slides)":
        assert int(last.rsplit("(", 1)[1].split()[0]) > 1
