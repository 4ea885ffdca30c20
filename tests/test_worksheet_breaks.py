"""Japanese worksheet line breaks (teacher3 L6): no line breaks inside 「内積」 (the ① column heading on Letter
paper read 「…の内 / 積」) and no paragraph ends with a line of two characters or fewer (⑥'s instruction on A4
left 「す。」 alone), for every asker of the seed sentence on both papers, read off the laid-out PDF pages."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter
from PySide6.QtCore import QMarginsF

from classroom_gui.export.worksheet_pdf import typeset
from classroom_gui.lesson.worksheet import WorksheetError, build_worksheet, choose_asker
from classroom_gui.model.sentence import run_sentence

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


def lines_of(doc):
    block = doc.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        got = [text[layout.lineAt(i).textStart():layout.lineAt(i).textStart() + layout.lineAt(i).textLength()]
               for i in range(layout.lineCount())]
        yield text, got
        block = block.next()


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_japanese_worksheets_break_no_word_and_leave_no_widow(qapp, tmp_path, paper, checkpoint):
    trace = run_sentence(checkpoint, "猫がマットの上に座った", "causal").trace
    writer = QPdfWriter(str(tmp_path / "w.pdf"))
    writer.setPageLayout(QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    checked = 0
    for asker in range(1, trace.n_tokens):
        try:
            sheet = build_worksheet(trace, choose_asker(trace, 0, asker, None), 0, 0, "ja")
        except WorksheetError:
            continue
        doc, _ = typeset(sheet, "授業用のモデル", writer)
        for text, lines in lines_of(doc):
            if len(lines) < 2:
                continue
            checked += 1
            assert not any(a.endswith("内") and b.lstrip("\u2060").startswith("積") for a, b in zip(lines, lines[1:])), text
            if len(text) > 30:  # a paragraph (a narrow heading may end in a short word such as 「内積」)
                assert len(lines[-1].replace("\u2060", "").strip()) > 2, (paper, asker, lines)
    assert checked
