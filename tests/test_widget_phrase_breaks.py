"""teacher27 L1, L2: a widget that wraps Japanese text broke it inside words: the gallery's descriptions 「向けま / す。」,
「見 / つけます」, and the what-if question 「…1番目の数（第1 / 層、ヘッド1）」. They now break where the app's own
Japanese text breaks (lesson.strings.wrapping: between phrases, as unbroken_words; a long aside in （…） whole on
the next line). Checked on the lines the widgets lay out: the gallery delegate's document at several list widths,
and the what-if question label's text at the width that cut 「（第1」."""
from __future__ import annotations

from PySide6.QtGui import QFontMetricsF, QTextOption
from PySide6.QtWidgets import QLabel

from classroom_gui.app.edit_history import edit_keys
from classroom_gui.lesson.gallery import gallery_of
from classroom_gui.lesson.strings import WORD_JOINER, text, wrapping
from classroom_gui.model import load_checkpoint
from classroom_gui.resources import teaching_model_dir
from classroom_gui.scene.wrapped_text import line_starts
from classroom_gui.view.gallery_dialog import GalleryDialog
from classroom_gui.view.window import use_bundled_font

from whatif_window import card_cell, double_click, to_beat


def laid_out(doc) -> list[list[str]]:
    """Each block's lines as the document lays them out (word joiners kept)."""
    doc.size()  # laid out
    blocks, block = [], doc.begin()
    while block.isValid():
        layout, whole = block.layout(), block.text()
        blocks.append([whole[line.textStart():line.textStart() + line.textLength()]
                       for line in (layout.lineAt(i) for i in range(layout.lineCount()))])
        block = block.next()
    return blocks


def phrase_ends(plain: str) -> set[int]:
    """Where the app's rules let `plain` break (lesson.strings.wrapping): i, between plain[i - 1] and plain[i]."""
    joined, out, at = wrapping(plain), set(), 0
    for i, c in enumerate(joined):
        if c == WORD_JOINER:
            continue
        at += 1
        if at < len(plain) and (i + 1 >= len(joined) or joined[i + 1] != WORD_JOINER):
            out.add(at)
    return out


def label_breaks(label: QLabel, width: float) -> int:
    """How many times the label's text wraps at `width` (as a word-wrapped QLabel lays it out), each break checked
    to fall between phrases (or at a space)."""
    shown = label.text()
    starts = line_starts(shown, label.font(), width, QTextOption.WrapMode.WordWrap)
    plain = [shown[a:b].replace(WORD_JOINER, "") for a, b in zip(starts, starts[1:] + [len(shown)])]
    whole, at = "".join(plain), 0
    for before in plain[:-1]:
        at += len(before)
        assert at in phrase_ends(whole) or " " in whole[at - 1:at + 1], (before, whole[at:at + 8])
    return len(plain) - 1


def test_the_gallerys_japanese_lines_break_between_phrases(qtbot):
    use_bundled_font()
    folder = teaching_model_dir()
    d = GalleryDialog(None, gallery_of(folder)[0], lambda key, **v: text("ja", key, **v), "ja",
                      load_checkpoint(folder).tokenizer)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    view, delegate = d.list, d.list.itemDelegate()
    breaks, widths = 0, set()
    for width in (1000, 760, 600, 420):  # 760: the dialog on a 1024×768 or 1920×1080 screen (down to its least)
        d.resize(width, 560)
        qtbot.wait(20)
        widths.add(view.viewport().width())
        for row in range(view.count()):
            for lines in laid_out(delegate._document(view.item(row).text(), view.font())):
                plain = [line.replace(WORD_JOINER, "") for line in lines]
                whole, at = "".join(plain), 0
                for before, after in zip(plain, plain[1:]):
                    at += len(before)
                    breaks += 1
                    assert at in phrase_ends(whole) or whole[at - 1:at + 1].strip() != whole[at - 1:at + 1], \
                        (width, row, before, after)
                    assert not after.startswith(("す", "つけ")) and not before.endswith("見"), (before, after)
    assert breaks > 30 and len(widths) >= 3, (breaks, widths)  # the descriptions do wrap at these widths


def test_the_what_if_question_breaks_before_its_layer_and_head(qtbot, window, monkeypatch):
    from classroom_gui.view import number_box

    use_bundled_font()
    window.set_language("ja")
    to_beat(window, "softmax.weights")
    asked = []

    def shown(dialog):  # the dialog as it opens, then cancelled
        asked.append(next(label for label in dialog.findChildren(QLabel) if "\n" in label.text()))
        return 0

    monkeypatch.setattr(number_box.NumberDialog, "exec", shown)
    double_click(qtbot, window, card_cell(window, 2, "key", 1))
    assert asked and window.model.whatif.edits == ()
    label = asked[0]
    first = label.text().split("\n")[0]
    plain = first.replace(WORD_JOINER, "")
    assert plain.endswith("の自己紹介カードの2番目の数（第1層、ヘッド1）"), plain
    # the width at which the report's line broke after 「（第1」: the question's line lays out as the label does
    width = QFontMetricsF(label.font()).horizontalAdvance(plain[:plain.index("（第") + 3]) + 1
    lines = line_starts(first, label.font(), width, QTextOption.WrapMode.WordWrap)
    starts = [first[i:].replace(WORD_JOINER, "") for i in lines]
    assert len(starts) == 2 and starts[1] == "（第1層、ヘッド1）", starts
    assert label.accessibleName() == label.text().replace(WORD_JOINER, "")  # a screen reader: no joiners (review29 1f)


def test_the_glossarys_japanese_entries_break_between_phrases(qtbot, window):
    from classroom_gui.view import dialogs

    use_bundled_font()
    window.set_language("ja")
    dialog = dialogs.glossary_dialog(window, window.glossary_t)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = [label for label in dialog.findChildren(QLabel) if WORD_JOINER in label.text()]
    breaks = sum(label_breaks(label, label.contentsRect().width()) for label in labels)
    assert breaks >= 10  # the entries do wrap at the dialog's width
    assert all(label.accessibleName() == label.text().replace(WORD_JOINER, "") for label in labels)  # review29 1f


def test_the_what_ifs_refusal_breaks_between_phrases(qtbot, window):
    """review29 1e: the refusal under the number box (value_too_small, about 55 characters) wrapped with Qt's own
    breaks, inside words, at the dialog's 40-average-character width."""
    from classroom_gui.view.number_box import NumberDialog

    use_bundled_font()
    dialog = NumberDialog(window, "?", "?", 1.0, 3, "ja")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    note, breaks = dialog.box.note, 0
    for typed in ("1e-60", "abc"):
        dialog.box.setText(typed)
        dialog.accept()
        said = dialog.box.refusal()
        assert dialog.isVisible() and note.isVisible() and said and note.accessibleName() == said
        assert WORD_JOINER not in said and WORD_JOINER in note.text()
        breaks += label_breaks(note, note.contentsRect().width())
    assert breaks >= 1, breaks


def test_a_note_over_the_class_breaks_between_phrases(qtbot, window):
    use_bundled_font()
    window.set_language("ja")
    window.resize(1024, 768)
    note, breaks = window.canvas.note, 0
    for key in ("whatif.cannot", "ui.paint_failed", "whatif.reset_status"):
        window.tell(lambda lang, key=key: text(lang, key, **edit_keys(lang)), 8000, aloud=True)
        assert note.isVisible() and note.accessibleName() == text("ja", key, **edit_keys("ja"))
        breaks += label_breaks(note, note.contentsRect().width() - 2 * note.margin())
    assert breaks >= 1, breaks
