"""A comparison a projector can show and a PDF that keeps its words: the two classrooms are drawn at least 0.7 of
the size the lesson draws its own (two whole canvases side by side drew every text at 0.49: card numbers 7 px at
1080p), measured on the pictures at 1920x1080 and 1024x768; and a compared PDF (export and deck) holds its
sentences, names and shares as text, not one picture of the page, and no hidden text (the blackboard it leaves
out, a title under the clip)."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.compare import compare
from classroom_gui.lesson.state import Selection, timeline_for
from classroom_gui.model.sentence import compute_run

COMPARED = ["--text", "The cat sat on the mat", "--compare", "The dog sat on the bed", "--chapter", "softmax"]


def pixels(image) -> np.ndarray:  # a QImage (ARGB32) -> [h, w, 3] RGB
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4)[:, :, 2::-1].astype(int)


def width_of(rgb: np.ndarray, colour) -> int:
    """How wide (px) the region of this colour is: the asker's yellow name tag, in a picture or a half of one."""
    near = np.abs(rgb - np.asarray(colour)).sum(-1) < 10
    cols = np.flatnonzero(near.sum(0) >= 3)
    return int(cols[-1] - cols[0] + 1) if len(cols) else 0


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_compared_classes_are_drawn_at_least_0_7_of_the_lessons_size(qapp, size, checkpoint):
    from classroom_gui.export.compare import render_pair
    from classroom_gui.scene.render import render_frame

    a = compute_run(checkpoint, "The cat sat on the mat", mask="none").trace
    b = compute_run(checkpoint, "The dog sat on the bed", mask="none").trace
    sel = Selection(focus=1, lang="en")
    t = timeline_for(a.n_tokens, a.config.n_layer).chapter_end("softmax")
    pair = compare(a, b, sel, t)
    w, h = size
    lesson = pixels(render_frame(pair.frames[0], size))
    asker = pair.frames[0].students[1]
    k = w / 1920
    tag = lesson[int((asker.y + 12) * k + (h - 1080 * k) / 2), int((asker.x + asker.w / 2) * k)]  # its name tag's yellow
    assert tag[2] < tag[0] - 60  # (yellow, not the desk's white)
    lesson = width_of(lesson, tag)
    compared = width_of(pixels(render_pair(pair, size))[:, : w // 2], tag)  # class 1 is the left half
    assert lesson > 0 and compared > 0
    assert compared / lesson >= 0.7, f"{w}x{h}: the compared desk is {compared / lesson:.2f} of the lesson's"


def pdf_text(path, sep: str = " ") -> list[str]:
    """Each page's words, joined by `sep`. Qt draws a bold face the font lacks twice, a little apart, and pypdf
    reads both: a line read twice running is kept once (pdftotext does the same)."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(str(path)).pages:
        lines = page.extract_text().split("\n")
        once = [line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1]]
        pages.append(" ".join(sep.join(once).split()) if sep == " " else "".join(sep.join(once).split()))
    return pages


def pdf_pictures(path) -> list[tuple[int, int]]:
    """(width, height) of every picture on every page."""
    from pypdf import PdfReader

    return [(img.image.width, img.image.height) for page in PdfReader(str(path)).pages for img in page.images]


@pytest.mark.parametrize("command", ["export", "deck"])
def test_a_compared_pdf_keeps_its_words_as_text(tmp_path, command):
    out = tmp_path / "c.pdf"
    args = [command, *COMPARED, "-o", str(out)] if command == "export" else \
        [command, *COMPARED[:4], "--per", "chapter", "-o", str(out)]
    assert main(args) == 0
    pages = pdf_text(out)
    assert pages
    for words in pages:
        assert "Class 1: The cat sat on the mat" in words and "Class 2: The dog sat on the bed" in words
        assert "cat" in words and "bed" in words
    softmax = next(words for words in pages if "Softmax" in words)
    assert "0.63" in softmax and "0.66" in softmax  # cat's share of mat, dog's of bed: the badges, as text
    assert softmax.count("scores become shares") == 1  # the comparison's own title; the classes' are not drawn
    assert "worked from the numbers shown" not in softmax  # the blackboard is left out, not hidden under a clip
    big = [wh for wh in pdf_pictures(out) if wh[0] > 64 or wh[1] > 64]
    assert not big, f"a picture of the page instead of its text: {big[:3]}"


def test_a_japanese_compared_pdf_keeps_its_words(tmp_path):
    out = tmp_path / "c.pdf"
    assert main(["export", "--lang", "ja", "--text", "猫がマットの上に座った", "--compare", "犬がベッドの上に寝た",
                 "--chapter", "softmax", "-o", str(out)]) == 0
    words = pdf_text(out, sep="")[0]
    assert "クラス1：猫がマットの上に座った" in words and "クラス2：犬がベッドの上に寝た" in words
    assert "マット" in words.replace("クラス1：猫がマットの上に座った", "")  # a desk's name too, not only the sentence


def test_a_long_sentence_label_stays_over_its_own_class(qapp, checkpoint):
    """Each class's sentence is drawn over its own classroom only: at 4:3 the room beside the first label (the
    canvas's TITLE, which spans the blackboard a comparison leaves out) reached into the second class, and
    "…was too tired" ran into 「クラス2」. The gap between the classes stays background colour along the labels."""
    from classroom_gui.export.compare import drawn_part, pair_layout, render_pair
    from classroom_gui.scene.areas import title_rect

    long = "The animal didn't cross the street because it was too "
    a = compute_run(checkpoint, long + "tired", mask="none").trace
    b = compute_run(checkpoint, long + "wide", mask="none").trace
    sel = Selection(focus=10, lang="ja")
    w, h = 1024, 768
    pair = compare(a, b, sel, timeline_for(a.n_tokens, a.config.n_layer).chapter_end("softmax"), page=(w, h))
    _, (left, right), scale = pair_layout(w, h)
    rgb = pixels(render_pair(pair, (w, h), lang="ja"))
    title, part = title_rect(pair.frames[0].canvas), drawn_part(pair.frames[0].canvas)
    top = int(left.y() + (title.y() - part.y()) * scale)
    rows = rgb[top: int(top + title.height() * scale), int(left.right()) + 1: int(right.x()) - 1]
    background = np.asarray(rgb[2, 2])
    assert rows.size and (np.abs(rows - background).sum(-1) < 30).all()
