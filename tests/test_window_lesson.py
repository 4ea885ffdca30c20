"""The window's part of the two rules, the gallery and the sentence editor, driven like a user."""
import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from classroom_gui.lesson.gallery import load_gallery
from classroom_gui.view import settings
from classroom_gui.view.shortcuts import SHORTCUTS
from classroom_gui.view.window import MainWindow

from helpers import pieces_tokenizer
from helpers import random_checkpoint
from whatif_window import to_beat

GALLERY = Path(__file__).parent / "fixtures" / "examples.json"


def make_window(qtbot, tmp_path, gallery: bool):
    # the shipped tokenizer's kind: words, and single-character pieces for the rest
    ck = random_checkpoint(tmp_path / "ck", tokenizer=pieces_tokenizer(["dog", "ran", "to", "park"]))
    if gallery:
        shutil.copy(GALLERY, tmp_path / "ck" / "examples.json")
    w = MainWindow(ck, settings.open_store(str(tmp_path / "settings.ini")))
    qtbot.addWidget(w)
    w.show()
    return w


def test_the_rule_toggle_changes_the_attention_chapters(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, gallery=False)
    assert w.sel.rule == "none" and w.rule_buttons["none"].isChecked()  # the seed's story: discussion
    to_beat(w, "softmax.weights")
    assert not any(w.model.frame().bars.masked)
    qtbot.mouseClick(w.rule_buttons["causal"], Qt.MouseButton.LeftButton)
    assert w.sel.rule == "causal" and w.rule_buttons["causal"].isChecked()
    frame = w.model.frame()
    assert frame.rule == "causal" and frame.bars.masked == [False, False, True, True, True, True]
    assert (("M",), "rule", "help.rule") in SHORTCUTS
    w.do("rule")  # and back, as the M key does
    assert w.sel.rule == "none" and w.rule_buttons["none"].isChecked()
    to_beat(w, "mask.future")
    frame = w.model.frame()
    assert frame.bars_beside is not None
    # the blackboard draws both rules' bars side by side; the side panel no longer repeats the board (#12)
    to_beat(w, "answer.softmax")
    assert w.model.frame().rule == "causal" and all(s.badge.startswith("→") for s in w.model.frame().students)


def test_without_a_gallery_the_examples_item_is_off_and_says_why(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, gallery=False)
    item = w.menu_actions["examples"]
    assert not item.isEnabled() and "examples.json" in item.toolTip()
    assert (w.sel.layer, w.sel.head) == (0, 0)


def test_the_gallery_sets_the_default_and_loads_an_example(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, gallery=True)
    assert w.menu_actions["examples"].isEnabled()
    assert (w.sel.layer, w.sel.head, w.sel.focus) == (1, 1, 1)  # the seed example's layer 2, head 2; cat asks
    ja = load_gallery(GALLERY)[1]
    w.load_example(ja)
    assert w.sentence.text() == "猫がマットの上に座った" and w.sel.lang == "en" and w.lang_box.currentData() == "en"
    assert w.menus["lesson"].title() == w.t("ui.menu_lesson")  # an English class keeps its English menus
    tokens = w.run.trace.tokens
    assert (w.sel.rule, tokens[w.sel.focus], w.sel.layer, w.sel.head) == ("causal", "座った", 0, 1)
    assert w.rule_buttons["causal"].isChecked() and w.focus_box.currentIndex() == w.sel.focus
    assert w.head_box.currentIndex() == 1 and w.model.frame().beat_key == "softmax.weights"


def test_the_gallery_dialog_lists_every_example_and_returns_the_chosen(qtbot, tmp_path):
    from classroom_gui.view.gallery_dialog import GalleryDialog

    w = make_window(qtbot, tmp_path, gallery=True)
    w.set_language("ja")
    d = GalleryDialog(w, w.gallery, w.t, "ja", w.checkpoint.tokenizer)
    qtbot.addWidget(d)
    assert d.list.count() == 3 and "「座った」が" in d.list.item(1).text()
    assert "質問する生徒は「ran」" in d.list.item(2).text()  # a seat number is named by its word
    d.list.setCurrentRow(2)
    assert d.chosen().text == "The dog ran to the park"


def test_the_sentence_field_completes_known_words_and_marks_unknown_ones(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, gallery=False)
    edit = w.sentence
    edit.clear()
    qtbot.keyClicks(edit, "the ma")
    assert edit.model.stringList() == ["mat"] and edit.completer.popup().isVisible()
    assert edit.unknown == []  # "ma" is still being typed, and a known word can finish it
    popup = edit.completer.popup()
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # the user picks "mat"
    assert edit.text() == "the mat"
    qtbot.keyClicks(edit, " zebra ")
    assert edit.unknown == ["zebra"] and "zebra" in edit.marker.text() and edit.styleSheet()
    w.set_language("ja")
    assert "「zebra」" in edit.marker.text() and "「zebra」" in edit.marker.toolTip()  # quoted as names are
    w.set_language("en")
    assert edit.spans == [(8, 13)]  # underlined where it stands
    edit.grab()  # the wave is painted without error
    edit.clear()
    ime = QInputMethodEvent()
    ime.setCommitString("猫がマ")  # as a Japanese input method commits what was typed
    QApplication.sendEvent(edit, ime)
    assert edit.model.stringList() == ["マット"]
    edit.setText("猫がマット")
    assert edit.unknown == [] and "✓" in edit.marker.text() and not edit.styleSheet()


def test_the_keyboard_picks_a_completion_and_down_changes_who_asks_only_without_a_list(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, gallery=False)
    edit, popup = w.sentence, w.sentence.completer.popup()
    edit.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, "the dog ran to the ma")
    assert popup.isVisible()
    asker = w.sel.focus
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # as a user presses it: the open list has the keyboard
    assert popup.currentIndex().data() == "mat" and w.sel.focus == asker
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.text() == "the dog ran to the mat" and not popup.isVisible()
    qtbot.wait(300)
    assert "a" not in w.run.trace.tokens  # the half-typed "ma" was never applied as pieces
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # the list is closed: Return applies the sentence
    qtbot.waitUntil(lambda: w.run.trace.tokens[-1] == "mat", timeout=10_000)
    before = w.sel.focus
    qtbot.keyClick(edit, Qt.Key.Key_Down)  # no list open: the window's Down still changes who asks
    assert w.sel.focus == (before + 1) % len(w.run.trace.tokens)


def test_a_gpt2_folder_starts_in_turn_and_can_discuss(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, gallery=False)
    w.open_model(str(Path(__file__).parent / "fixtures" / "tiny_gpt2"))
    qtbot.waitUntil(lambda: w.checkpoint.config.n_head == 4, timeout=10_000)
    assert w.sel.rule == "causal" and w.run.trace.mask_rule == "causal"  # GPT-2 learned only in turn
    assert w.rule_buttons["causal"].isChecked() and not w.menu_actions["examples"].isEnabled()
    w.set_rule("none")
    qtbot.waitUntil(lambda: w.sel.rule == "none", timeout=10_000)
    to_beat(w, "softmax.weights")
    assert w.rule_buttons["none"].isChecked() and w.model.frame().rule == "none"
    assert not any(w.model.frame().bars.masked)


def test_a_tokenizer_that_refuses_a_text_never_stops_the_typing(qtbot):
    from classroom_gui.view.sentence_edit import SentenceEdit

    class Refuses:
        vocab = ["<unk>", "cat"]

        def encode(self, text):
            raise ValueError("cannot read this sentence")

    edit = SentenceEdit()
    qtbot.addWidget(edit)
    edit.set_tokenizer(Refuses())
    qtbot.keyClicks(edit, "the ca")
    assert edit.text() == "the ca" and edit.spans == [] and edit.model.stringList() == []


def test_return_applies_a_finished_sentence_while_the_list_offers_longer_words(qtbot, tmp_path):
    """The list opens whenever the last word has longer completions ("park" -> parking): with no row chosen, one
    Return applies the sentence as typed (it took two), and Home still moves the cursor."""
    ck = random_checkpoint(tmp_path / "ck", tokenizer=pieces_tokenizer(["dog", "ran", "to", "park", "parking"]))
    w = MainWindow(ck, settings.open_store(str(tmp_path / "settings.ini")))
    qtbot.addWidget(w)
    w.show()
    edit, popup = w.sentence, w.sentence.completer.popup()
    edit.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, "the dog ran to the park")
    assert popup.isVisible() and "parking" in edit.model.stringList(), edit.model.stringList()
    qtbot.keyClick(edit, Qt.Key.Key_Home)
    assert edit.cursorPosition() == 0
    qtbot.keyClick(edit, Qt.Key.Key_End)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.run.trace.tokens[-1] == "park" and w.run.trace.tokens[1] == "dog", timeout=10_000)
    assert not popup.isVisible()


def test_a_new_sentence_prepares_the_ffn_steps_of_the_layer_on_screen(qtbot, tmp_path, monkeypatch):
    """panels.warm makes one layer's FFN steps ahead (chapter 11's first frame): the layer the window shows, not
    always the first (a new sentence keeps the shown layer; its steps were made for layer 1 and never used)."""
    from classroom_gui.lesson import state

    asked = []
    real = state.warm
    monkeypatch.setattr(state, "warm", lambda trace, ffn_layer=0, **more: (asked.append(ffn_layer),
                                                                           real(trace, ffn_layer, **more))[1])
    w = make_window(qtbot, tmp_path, gallery=False)
    w.model.select(layer=1)
    asked.clear()
    w.sentence.setText("the dog ran to the park")
    w.apply_sentence()
    assert asked == [1] and w.sel.layer == 1


def test_the_english_gallery_writes_quotes_straight(qtbot, tmp_path):
    """teacher3 L7: the window's one font draws “ ” full width (“Are”　is plural); English descriptions are
    shown with straight quotes, as the narration writes them; Japanese keeps its own."""
    from classroom_gui.view.gallery_dialog import GalleryDialog
    from classroom_gui.resources import teaching_model_dir
    from classroom_gui.lesson.gallery import load_gallery

    w = make_window(qtbot, tmp_path, gallery=True)
    examples = load_gallery(teaching_model_dir() / "examples.json")
    assert any("“" in e.describe("en") for e in examples)  # the shipped texts have curly quotes
    for lang in ("en", "ja"):
        d = GalleryDialog(w, examples, w.t, lang, w.checkpoint.tokenizer)
        qtbot.addWidget(d)
        texts = [d.list.item(i).text() + d.list.item(i).toolTip() for i in range(d.list.count())]
        assert not any(c in t for t in texts for c in "“”‘’") if lang == "en" else any("「" in t for t in texts)


def test_an_example_opened_at_its_highlight_says_so_and_how_to_go_to_the_start(qtbot, tmp_path):
    """teacher27 L7: a gallery example opened at step 20 of 36 (its shares) without a word. The status line says it
    starts at the example's highlight, the step the controls show, and that Home goes to the start, which it does."""
    w = make_window(qtbot, tmp_path, gallery=True)
    for lang, said in (("ja", "例文の見どころ（ステップ{step}）から始めます。Homeキーで最初に戻ります。"),
                       ("en", "The example opens at its highlight (step {step}); Home goes back to the start.")):
        w.set_language(lang)
        w.load_example(load_gallery(GALLERY)[1 if lang == "ja" else 2])
        frame = w.model.frame()
        assert frame.beat_key == "softmax.weights" and frame.beat > 0
        step = frame.beat + 1
        assert w.statusBar().currentMessage() == said.format(step=step)
        w.set_language("en" if lang == "ja" else "ja")  # said again in the other language
        assert f"{step}" in w.statusBar().currentMessage() and "Home" in w.statusBar().currentMessage()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)  # Home is a window shortcut
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Home)
    assert w.model.frame().beat == 0  # step 1


def test_an_open_example_says_its_point_at_its_key_step_and_the_opening_line_goes_with_the_step(qtbot, tmp_path):
    """teacher34 #6: once an example was open, its point (the gallery's sentence) was nowhere on screen, and the status
    line 「例文の見どころ（ステップ20）から始めます。」 stayed up at step 35. The point is the key step's narration's first
    line, in the window's language, while the class is looked at as the example says (its asker, layer, head and
    rule); the opening line goes once the step changes."""
    from classroom_gui.view.gallery_dialog import said

    def point(example, lang):  # as the gallery's list says it, after 「例文の見どころ：」
        return ("例文の見どころ：" if lang == "ja" else "The example: ") + said(example, lang)
    w = make_window(qtbot, tmp_path, gallery=True)
    examples = load_gallery(GALLERY)
    for lang, i in (("ja", 1), ("en", 2)):
        w.set_language(lang)
        w.load_example(examples[i])
        frame = w.model.frame()
        assert frame.beat_key == "softmax.weights" and frame.narration.startswith(point(examples[i], lang))
        assert "ステップ" in w.statusBar().currentMessage() or "step" in w.statusBar().currentMessage()
        w.set_language("en" if lang == "ja" else "ja")  # the point in the reader's language, as the list says it
        assert w.model.frame().narration.startswith(point(examples[i], w.sel.lang))
        w.set_language(lang)
        to_beat(w, "answer.softmax")
        assert said(examples[i], lang) not in w.model.frame().narration
        assert w.statusBar().currentMessage() == ""  # the opening line went with its step
        to_beat(w, "softmax.weights")
        assert w.model.frame().narration.startswith(point(examples[i], lang))  # back at the key step: said again
        w.model.step_focus(1)  # another asker: the example's point is not what the class shows now
        assert said(examples[i], lang) not in w.model.frame().narration
        w.model.step_focus(-1)
        assert w.model.frame().narration.startswith(point(examples[i], lang))
    w.sentence.setText("The dog ran")  # another sentence: the example is closed
    w.apply_sentence()
    to_beat(w, "softmax.weights")
    assert not any(said(e, lang) in w.model.frame().narration for e in examples for lang in ("en", "ja"))


def test_slides_exported_from_an_open_example_say_its_point_on_its_key_step(qtbot, tmp_path):
    """teacher34 #6: the slides made from the window (its Selection, as File → Slides draws them) say the example's
    point on the key step's slide, per step and per chapter, and on no other."""
    from classroom_gui.export.moments import deck_times
    from classroom_gui.lesson.deck import deck_frames

    w = make_window(qtbot, tmp_path, gallery=True)
    w.set_language("ja")
    w.load_example(load_gallery(GALLERY)[1])
    m = w.model
    for per in ("beat", "chapter"):
        frames = deck_frames(m.shown_trace(), m.sel, deck_times(m.player.timeline, per), per, m.notices)
        said = [f.beat_key for f in frames if f.narration.startswith("例文の見どころ：「座った」が")]
        assert said == ["softmax.weights"], per
