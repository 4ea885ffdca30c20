"""The side panel's narration (view.narration_text) breaks a Japanese narration between phrases only, as the canvas's
caption does (note17: its QLabel broke 「割合を全部足 / すと1です」 and 「聞くのは「マット」 / （0.33）」 at the dock's
width), and what a teacher copies from it holds no word joiner. Every Japanese narration of the seed sentence (both
rules, every asker), at the dock's least width and the width it opens at, and in the window itself."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from classroom_gui.lesson.strings import WORD_JOINER
from classroom_gui.view import settings
from classroom_gui.view.narration_text import NarrationText
from classroom_gui.view.window import MainWindow
from test_narration_breaks_ja import japanese_narrations, wrong_break

PANEL_WIDTHS = [300, 380]  # the narration's width in the dock at its least (320) and as it opens (400)


@pytest.fixture(scope="module")
def narrations(checkpoint) -> dict[str, str]:
    return japanese_narrations(checkpoint)


def shown_lines(panel: NarrationText) -> list[list[str]]:
    """Each paragraph of the panel as the lines it is laid out in, without joiners."""
    panel.document().size()  # (laid out: the layout is made when asked for)
    paragraphs, block = [], panel.document().begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        starts = [layout.lineAt(i).textStart() for i in range(layout.lineCount())] + [len(text)]
        # a <br> is a line separator inside one block: it ends a paragraph of its own
        lines = [text[a:b].replace(WORD_JOINER, "") for a, b in zip(starts, starts[1:])]
        paragraph = []
        for line in lines:
            parts = line.split("\u2028")
            paragraph.append(parts[0])
            for part in parts[1:]:
                paragraphs.append(paragraph)
                paragraph = [part]
        paragraphs.append(paragraph)
        block = block.next()
    return [[x for x in p if x.strip()] for p in paragraphs]


def wrong_breaks(panel: NarrationText) -> tuple[list, int]:
    wrong, breaks = [], 0
    for lines in shown_lines(panel):
        for before, after in zip(lines, lines[1:]):
            breaks += 1
            if why := wrong_break(before, after):
                wrong.append((why, before[-6:] + " / " + after[:6]))
    return wrong, breaks


def test_no_panel_narration_breaks_inside_a_word(qtbot, narrations):
    panel = NarrationText()
    qtbot.addWidget(panel)
    panel.show()
    wrong, breaks = [], 0
    for width in PANEL_WIDTHS:
        panel.resize(width, 200)
        for text, key in narrations.items():
            panel.set_narration("7. ソフトマックス：スコアを割合に【話し合い】", text)
            w, b = wrong_breaks(panel)
            wrong += [(key, width, *x) for x in w]
            breaks += b
            assert panel.heightForWidth(width) >= panel.document().size().height()  # as tall as its lines
    assert breaks > 200 and not wrong, wrong[:8]


def test_copied_narration_has_no_word_joiner(qtbot):
    panel = NarrationText()
    qtbot.addWidget(panel)
    panel.resize(PANEL_WIDTHS[0], 200)
    said = "3段目：それぞれを合計で割ります。割合を全部足すと1です。「猫」がいちばんよく聞くのは「マット」（0.33）です。"
    panel.set_narration("7. ソフトマックス", said)
    assert WORD_JOINER in panel.toPlainText()  # kept on one line by joiners ...
    panel.selectAll()
    assert panel.createMimeDataFromSelection().text() == "7. ソフトマックス\n" + said  # ... copied without them
    QApplication.clipboard().clear()
    panel.copy()
    assert QApplication.clipboard().text() == "7. ソフトマックス\n" + said
    assert "マット" in QApplication.clipboard().mimeData().html()  # rich text too (bold title), ...
    assert WORD_JOINER not in QApplication.clipboard().mimeData().html()  # ... without joiners
    assert panel.plain_text() == "7. ソフトマックス\n" + said


@pytest.fixture
def window(qtbot, tmp_path, checkpoint):
    w = MainWindow(checkpoint, settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(w)
    w.model.select(lang="ja")
    w.resize(1024, 768)
    w.show()
    w.sentence.setText("猫がマットの上に座った")
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None and w.run.trace.n_tokens == 7 and not w.busy_bar.isVisible(),
                    timeout=30000)
    return w


def test_the_windows_panel_breaks_between_phrases(qtbot, window):
    window.show_charts(True)
    beats = window.player.timeline.beats
    window.model.jump(window.player.timeline.beat_stop(next(i for i, b in enumerate(beats)
                                                            if b.key == "softmax.weights")))
    qtbot.wait(10)
    frame, panel = window.model.frame(), window.narration
    assert panel.plain_text() == f"{frame.title}\n{frame.narration}"
    assert 250 < panel.width() < 500 and panel.height() >= panel.document().size().height()
    wrong, breaks = wrong_breaks(panel)
    assert breaks >= 2 and not wrong, wrong


def test_ctrl_c_in_the_panel_copies_its_text_not_the_picture(qtbot, window):
    """teacher18 M1: Ctrl+A, Ctrl+C in the side panel's narration put the classroom's picture on the clipboard (the
    window's Copy picture shortcut took the key from the read-only text); with nothing selected there it still does."""
    from PySide6.QtCore import Qt

    window.show_charts(True)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)  # Ctrl+C is a window shortcut
    panel = window.narration
    panel.setFocus()
    QApplication.clipboard().clear()
    qtbot.keyClick(panel, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    data = QApplication.clipboard().mimeData()
    assert data.text() == panel.plain_text() and not data.hasImage()
    assert WORD_JOINER not in data.text()
