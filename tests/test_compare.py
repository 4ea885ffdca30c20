"""Compare: the two classes of `--compare` are exactly their single exports (same numbers, same step), the
asker is the same word where it sits in both, and the share named as changed most is the largest change."""
from __future__ import annotations

import json

import numpy as np
import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.compare import compare, default_pair, same_moment, second_selection
from classroom_gui.lesson.state import Selection, timeline_for
from classroom_gui.model.sentence import run_sentence


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_compared_classes_equal_their_single_exports(tmp_path, lang):
    a, b = default_pair(lang)
    both, one, two = tmp_path / "both.json", tmp_path / "one.json", tmp_path / "two.json"
    common = ["--chapter", "softmax", "--lang", lang, "--size", "640x360"]
    assert main(["export", "--text", a, "--compare", b, *common, "-o", str(tmp_path / "c.png"), "--json", str(both)]) == 0
    classes = json.loads(both.read_text(encoding="utf-8"))
    asker = classes["classes"][1]["selection"]["focus_seat"]
    assert main(["export", "--text", a, *common, "-o", str(tmp_path / "1.png"), "--json", str(one)]) == 0
    assert main(["export", "--text", b, "--focus", str(asker), *common, "-o", str(tmp_path / "2.png"),
                 "--json", str(two)]) == 0
    assert classes["classes"][0] == json.loads(one.read_text(encoding="utf-8"))
    assert classes["classes"][1] == json.loads(two.read_text(encoding="utf-8"))
    change = classes["changed_most"]
    wa = classes["classes"][0]["bars"]["values"]
    wb = classes["classes"][1]["bars"]["values"]
    deltas = [abs(x - y) for x, y in zip(wa, wb)]
    assert change["seat"] - 1 == int(np.argmax(deltas))
    assert change["share_a"] == pytest.approx(wa[change["seat"] - 1])


def test_same_asker_word_same_layer_head_and_same_step(checkpoint):
    a = run_sentence(checkpoint, "The cat sat on the mat", "none").trace
    b = run_sentence(checkpoint, "the cat slept on the bed near the door", "none").trace
    sel = Selection(focus=1, layer=1, head=1, rule="none")
    assert second_selection(sel, a, b).focus == 1 and second_selection(sel, a, b).layer == 1
    sel = Selection(focus=5, layer=0, head=0, rule="none")  # "mat" is not in b: the same seat asks
    assert second_selection(sel, a, b).focus == 5
    ta, tb = timeline_for(a.n_tokens, 2), timeline_for(b.n_tokens, 2)
    for i, beat in enumerate(ta.beats):
        t = ta.beat_stop(i)
        j, _ = tb.locate(same_moment(a, b, t))
        assert tb.beats[j].key == beat.key
    pair = compare(a, b, sel, ta.beat_stop(len(ta) - 1))
    assert pair.frames[0].beat_key == pair.frames[1].beat_key


def test_a_bad_second_sentence_is_one_line(tmp_path, capsys):
    out = tmp_path / "c.png"
    assert main(["export", "--text", "The cat sat", "--compare", "   ", "-o", str(out)]) == 2
    assert "Traceback" not in capsys.readouterr().err and not out.exists()


# --- the comparison's decks and videos, through formats.COMPARE_DECKS and VIDEOS -------------------------------

COMPARED = ["--text", "The cat sat on the mat", "--compare", "The dog sat on the bed", "--size", "320x180"]


def test_a_compared_deck_is_a_pdf_page_or_a_png_per_slide(tmp_path, capsys):
    from pypdf import PdfReader

    assert main(["deck", *COMPARED, "--per", "chapter", "-o", str(tmp_path / "d.pdf")]) == 0
    pages = len(PdfReader(str(tmp_path / "d.pdf")).pages)
    assert main(["deck", *COMPARED, "--per", "chapter", "-o", str(tmp_path / "slides")]) == 0
    pngs = sorted(p.name for p in (tmp_path / "slides").glob("*.png"))
    notes = (tmp_path / "slides" / "notes.txt").read_text(encoding="utf-8").splitlines()
    assert pages == len(pngs) == len(notes) > 1 and pngs[0] == "001.png"
    assert notes[-1].startswith(f"{pngs[-1]}\t") and notes[-1].count("\t") == 2  # file, title, the change
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


@pytest.mark.parametrize("command, target", [("deck", "d.pptx"), ("export", "x.svg")])
def test_a_kind_the_comparison_lacks_is_refused_before_any_work(tmp_path, capsys, monkeypatch, command, target):
    from classroom_gui import cli_export

    monkeypatch.setattr(cli_export, "_prepare", lambda args: pytest.fail("the model ran before the path was checked"))
    assert main([command, *COMPARED, "-o", str(tmp_path / target)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "comparison" in err and "FILE.pdf" in err
    assert list(tmp_path.iterdir()) == []


def test_a_compared_video_and_a_cancelled_compared_deck(tmp_path, checkpoint):
    from PIL import Image

    from classroom_gui.export.compare import save_compare_deck
    from classroom_gui.export.files import Cancelled

    assert main(["video", *COMPARED, "--from", "softmax", "--to", "softmax", "--fps", "2",
                 "-o", str(tmp_path / "v.gif")]) == 0
    with Image.open(tmp_path / "v.gif") as gif:
        assert gif.size == (320, 180) and gif.n_frames > 1
    a = run_sentence(checkpoint, "The cat sat on the mat", "none").trace
    b = run_sentence(checkpoint, "The dog sat on the bed", "none").trace
    ta = timeline_for(a.n_tokens, a.config.n_layer)
    pairs = [compare(a, b, Selection(rule="none"), ta.beat_stop(i)) for i in range(3)]
    with pytest.raises(Cancelled):
        save_compare_deck(pairs, tmp_path / "cancelled", (320, 180), progress=lambda done, total: done < 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.gif"]


@pytest.mark.parametrize("lang, said", [("en", 'No share changed: in turn, "it" cannot hear "tired" or "wide"'),
                                        ("ja", "どの割合も変わりません：順番に発言では、「it」は後ろの「tired」「wide」を聞けない")])
def test_when_no_share_changed_it_says_so_and_why_and_outlines_no_one(qapp, lang, said, checkpoint):
    """teacher4 M2: the gallery's tired/wide pair in turn: "it" cannot hear the last word, so every share is the
    same; the footer says so (and why) instead of naming a "change" of 0.33 to 0.33, and no desk is outlined."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtCore import QRectF

    from classroom_gui.export.compare import _outline_changed
    from classroom_gui.lesson.compare import changed_text

    a = run_sentence(checkpoint, "The animal didn't cross the street because it was too tired", "causal").trace
    b = run_sentence(checkpoint, "The animal didn't cross the street because it was too wide", "causal").trace
    sel = Selection(focus=a.tokens.index("it"), layer=2, head=0, lang=lang, rule="causal")
    t = next(x.start for x in timeline_for(a.n_tokens, a.config.n_layer).beats if x.key == "softmax.weights")
    pair = compare(a, b, sel, t + 0.5)
    change = pair.changed_most
    assert change["changed"] is False and change["unheard"] == ["tired", "wide"]
    footer = changed_text(lang, change)
    assert footer.startswith(said) and "0.33" not in footer
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(0)
    p = QPainter(image)
    _outline_changed(p, pair.frames[0], QRectF(0, 0, 400, 300), change)
    p.end()
    assert image.allGray() and image.pixel(10, 10) == image.pixel(200, 150)  # nothing drawn
    # in discussion "it" hears the last word: shares change, and the largest change is named as before
    sel = Selection(focus=sel.focus, layer=2, head=0, lang=lang, rule="none")
    change = compare(a, b, sel, t + 0.5).changed_most
    assert change["changed"] is True and "0." in changed_text(lang, change)
