"""teacher27 L5: a 16:9 deck's ppt/presentation.xml said <p:sldSz cx="12192000" cy="6858000" type="screen4x3"/>:
python-pptx set the width and height and kept its template's 4:3 type, which PowerPoint's slide-size dialog names.
A 13.33 x 7.5 in deck (PowerPoint's own Widescreen) is written with no type, as PowerPoint writes it; a 10 x 7.5 in
deck keeps screen4x3, the ECMA-376 preset of that size. Read from the saved file's XML."""
from __future__ import annotations

import re
import zipfile

import pytest

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


@pytest.mark.parametrize("size,slide", [((1920, 1080), ('cx="12192000"', 'cy="6858000"', None)),
                                        ((1024, 768), ('cx="9144000"', 'cy="6858000"', "screen4x3"))],
                         ids=["16:9", "4:3"])
def test_the_slide_size_is_typed_for_its_own_shape(qapp, checkpoint, tmp_path, size, slide):
    from classroom_gui.export.deck_pptx import save_pptx

    trace = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    frame = frame_at(trace, Selection(lang="ja", rule="none", canvas=canvas_for(*size)),
                     timeline_for(trace.n_tokens, trace.config.n_layer).chapter_end("seats"))
    save_pptx([frame], tmp_path / "d.pptx", size, None, lambda done, total: None)
    with zipfile.ZipFile(tmp_path / "d.pptx") as deck:
        xml = deck.read("ppt/presentation.xml").decode("utf-8")
    found = re.findall(r"<p:sldSz [^>]*/>", xml)
    assert len(found) == 1, found
    cx, cy, kind = slide
    assert cx in found[0] and cy in found[0]
    typed = re.search(r'type="([^"]*)"', found[0])
    assert (typed.group(1) if typed else None) == kind, found[0]
