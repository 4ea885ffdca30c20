"""teacher36 #12: the 1024x768 deck's long titles beside the card legend shrank to 11.9 pt ("4. Scoring: … (dot
product)  ·  discussion", slides 9-14; 14.0 and 15.2 pt on others), and their runs named no font, so LibreOffice's
PDF set them in DejaVu Sans Bold. Every title is now 18 pt or more (its rule's name left out where it would not fit)
and its runs name the app's font for Latin and East Asian text."""
from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from classroom_gui.cli import main


@pytest.mark.parametrize("lang, sentence", [("en", "The cat sat on the mat"), ("ja", "猫がマットの上に座った")])
def test_every_deck_title_is_18_pt_or_more_in_the_apps_font(tmp_path, lang, sentence):
    out = tmp_path / "d.pptx"
    assert main(["deck", "--lang", lang, "--text", sentence, "--size", "1024x768", "--from", "4", "--to", "12",
                 "-o", str(out)]) == 0
    slides = Presentation(str(out)).slides
    assert len(slides) > 10
    for i, slide in enumerate(slides, 1):
        runs = slide.shapes.title.text_frame.paragraphs[0].runs
        assert runs and all(r.font.size.pt >= 18 for r in runs), (i, [r.font.size.pt for r in runs], runs[0].text)
        for r in runs:
            rpr = r._r.find(qn("a:rPr"))
            assert rpr.find(qn("a:latin")).get("typeface") == "IPAexGothic"
            assert rpr.find(qn("a:ea")).get("typeface") == "IPAexGothic"
