"""The classroom window driven like a user: keys, clicks, sentences, languages, selectors."""
import json
import random
import re
from dataclasses import asdict

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGraphicsSimpleTextItem, QGraphicsTextItem, QLabel

from classroom_gui.view import settings
from classroom_gui.view.window import MainWindow
from helpers import random_checkpoint

# words that stay as they are in the Japanese lesson: symbols of the maths, the language's own name
TECHNICAL = {"W_Q", "W_K", "W_V", "W_O", "W_1", "W_2", "Softmax", "LayerNorm", "ReLU", "GELU", "exp", "q", "k", "b",
             "b_1", "English", "FFN", "Enter", "PageDown", "PageUp", "Ctrl", "Shift", "Space", "Right", "Left",
             "Home", "End", "Up", "Down", "PgDown", "PgUp", "Esc", "F1", "F5", "F11", "G", "L", "R", "x",
             "GPT", "BERT", "M"}  # names of models and the rule key


def snapshot(w) -> str:
    return json.dumps(asdict(w.model.frame()), sort_keys=True, default=str)


def press(qtbot, w, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(w.canvas, key, modifier)


def test_keyboard_walks_every_beat_and_back_to_identical_states(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Home)  # step 1, finished (teacher5 L6)
    forward = [(window.player.time, snapshot(window))]
    for _ in range(len(window.player.timeline) - 1):
        press(qtbot, window, Qt.Key.Key_Right)
        forward.append((window.player.time, snapshot(window)))
    assert [window.player.timeline.locate(t)[0] for t, _ in forward] == list(range(len(window.player.timeline)))
    assert window.model.frame().chapter_key == "answer"
    for time, snap in reversed(forward[:-1]):
        press(qtbot, window, Qt.Key.Key_PageUp)  # a clicker's "back"
        assert window.player.time == pytest.approx(time)
        assert snapshot(window) == snap


def test_home_and_back_to_step_1_show_the_class_seated_as_at_launch(qtbot, window):
    """teacher5 L6: Home (or ← back to step 1) went to time 0, the moment before the first desk appears: an empty
    room under 「7人の生徒が席に着きます」, and the first → only finished step 1 (the counter stayed at 1)."""
    at_launch = window.model.frame()
    assert at_launch.beat == 0 and all(s.opacity > 0.99 for s in at_launch.students)
    for keys in ((Qt.Key.Key_End, Qt.Key.Key_Home), (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Left)):
        for key in keys:
            press(qtbot, window, key)
        frame = window.model.frame()
        assert frame.beat == 0 and all(s.opacity > 0.99 for s in frame.students), keys
        assert [s.opacity for s in frame.students] == [s.opacity for s in at_launch.students]
        press(qtbot, window, Qt.Key.Key_Right)
        assert window.model.frame().beat == 1  # the first press goes on to step 2
        press(qtbot, window, Qt.Key.Key_Home)
    window.model.reset()  # Ctrl+R: the lesson as it opened, seated too
    assert window.player.time == window.player.timeline.beat_stop(0)


def test_home_end_and_chapters(qtbot, window):
    press(qtbot, window, Qt.Key.Key_End)
    assert window.player.time == window.player.timeline.duration
    press(qtbot, window, Qt.Key.Key_Home)
    assert window.player.time == window.player.timeline.beat_stop(0)  # step 1 finished, as the lesson opens
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.model.frame().chapter_key == "embedding"


def test_space_plays_and_timer_advances(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.player.playing
    qtbot.waitUntil(lambda: window.player.time > 0.05, timeout=3000)
    press(qtbot, window, Qt.Key.Key_Space)
    assert not window.player.playing


def test_clicking_a_desk_makes_that_student_ask(qtbot, window):
    desk = window.model.frame().students[3]
    pos = window.canvas.mapFromScene(desk.x + desk.w / 2, desk.y + desk.h / 2)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y()))
    assert window.sel.focus == 3 and window.focus_box.currentIndex() == 3


def visible_texts(w) -> list[str]:
    texts = [w.windowTitle()]
    for cls in (QLabel, QAbstractButton):
        texts += [x.text() for x in w.findChildren(cls) if x.isVisible()]
    for box in w.findChildren(QComboBox):
        texts += [box.itemText(i) for i in range(box.count())]
    texts += [m.title() for m in w.menus.values()] + [a.text() for a in w.menu_actions.values()]
    texts += [w.charts.tabText(i) for i in range(w.charts.count())]
    for item in w.canvas.classroom.items():
        if isinstance(item, QGraphicsSimpleTextItem):
            texts.append(item.text())
        elif isinstance(item, QGraphicsTextItem):
            texts.append(item.toPlainText())
    return texts


def english_words(texts, tokens) -> set[str]:
    words = set()
    for t in texts:
        t = t.split("\t")[0]  # after a tab: the menu's shortcut column, key names
        for word in re.findall(r"[A-Za-z][A-Za-z_0-9]*", re.sub(r"<[^>]+>|[(（]&\w[)）]", " ", t)):
            if word not in TECHNICAL and word.lower() not in {x.lower() for x in tokens}:
                words.add(word)
    return words


def test_japanese_leaves_no_english_on_screen(qtbot, window):
    window.sentence.setText("猫がマットの上に座った")
    window.apply_sentence()
    window.set_language("ja")
    tokens = window.run.trace.tokens + window.run.trace.vocab
    for _ in range(len(window.player.timeline)):
        press(qtbot, window, Qt.Key.Key_Right)
        assert english_words(visible_texts(window), tokens) == set(), window.model.frame().beat_key


def test_empty_and_long_sentences_never_break_the_window(qtbot, window):
    window.sentence.setText("   ")
    window.apply_sentence()
    assert window.model.frame().message
    window.sentence.setText(" ".join(["the cat"] * 80))
    window.apply_sentence()
    assert window.run.trace.n_tokens == 64 and window.notices
    window.sentence.setText("bad\x00input\x07 cat")
    window.apply_sentence()
    assert window.run is not None


def test_settings_are_remembered_and_a_corrupt_file_falls_back(qtbot, tmp_path):
    ck = random_checkpoint(tmp_path / "ck")
    path = tmp_path / "s.ini"
    w = MainWindow(ck, settings.open_store(str(path)))
    qtbot.addWidget(w)
    w.sentence.setText("猫がマットの上に座った")
    w.set_language("ja")
    w.player.speed = 2.0
    w.close()
    again = MainWindow(ck, settings.open_store(str(path)))
    qtbot.addWidget(again)
    assert again.sentence.text() == "猫がマットの上に座った" and again.sel.lang == "ja" and again.player.speed == 2.0
    path.write_bytes(b"\x00\xff[General]\nspeed=fast\nlang=xx\nsentence=\ngeometry=@ByteArray(\x01)\n\xfe")
    broken = MainWindow(ck, settings.open_store(str(path)))
    qtbot.addWidget(broken)
    assert broken.sel.lang == "en" and broken.player.speed == 1.0 and broken.run is not None


def test_presenter_mode_hides_controls_and_clicker_keys_still_step(qtbot, window):
    press(qtbot, window, Qt.Key.Key_F5)
    assert not window.controls.isVisible() and not window.top_bar.isVisible() and not window.statusBar().isVisible()
    before = window.player.time
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.player.time > before
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.controls.isVisible()


def test_randomized_actions_never_crash(qtbot, window):
    rng = random.Random(1234)
    keys = [Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Home,
            Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_BracketRight,
            Qt.Key.Key_BracketLeft]
    sentences = ["The cat sat on the mat", "猫がマットの上に座った", "", "a", "🙂 zzz", "the " * 70, "mat\tcat\n"]
    for _ in range(2000):
        r = rng.random()
        if r < 0.55:
            press(qtbot, window, rng.choice(keys))
        elif r < 0.65:
            frame = window.model.frame()
            if frame.students:
                s = rng.choice(frame.students)
                pos = window.canvas.mapFromScene(s.x + 5, s.y + 5)
                qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y()))
        elif r < 0.72:
            window.sentence.setText(rng.choice(sentences))
            window.apply_sentence()
        elif r < 0.78:
            window.set_language(rng.choice(["en", "ja"]))
        elif r < 0.86:
            window.layer_box.setCurrentIndex(rng.randrange(window.layer_box.count()))
        elif r < 0.94:
            window.head_box.setCurrentIndex(rng.randrange(window.head_box.count()))
        else:
            window.controls.slider.setValue(rng.randrange(window.controls.slider.maximum() + 1))
    assert window.isVisible()


def test_the_answer_joins_the_class_as_a_new_student(qtbot, window):
    press(qtbot, window, Qt.Key.Key_End)
    frame = window.model.frame()
    word = window.run.trace.vocab[frame.answer_id]
    assert window.add_answer.isVisible() and word in window.add_answer.text()
    before = window.run.trace.n_tokens
    window.add_answer_to_class()
    assert window.run.trace.n_tokens == before + 1 and window.run.trace.tokens[-1].lower() == word
    assert window.model.frame().chapter_key == "answer"


def test_the_answer_joins_the_class_on_screen_not_the_field(qtbot, window):
    """teacher3 H2: a sentence typed in the field and not applied is not the class: the answer joins the class
    on screen (it built "The dog ran。" from the field and threw the class away)."""
    press(qtbot, window, Qt.Key.Key_End)
    shown = list(window.run.trace.tokens)
    word = window.run.trace.vocab[window.model.frame().answer_id]
    window.sentence.setText("The dog ran")  # typed, not applied
    window.add_answer_to_class()
    assert list(window.run.trace.tokens) == shown + [window.run.trace.tokens[-1]]
    assert window.run.trace.tokens[-1].lower() == word and window.sentence.text().startswith(window.run.text[:10])


def test_the_answer_joins_from_the_keyboard(qtbot, window):
    """teacher3 M6: the add-answer button takes no focus; A does what it does."""
    press(qtbot, window, Qt.Key.Key_End)
    before = window.run.trace.n_tokens
    press(qtbot, window, Qt.Key.Key_A)
    assert window.run.trace.n_tokens == before + 1 and window.model.frame().chapter_key == "answer"


@pytest.mark.parametrize("lang, said", [("en", "A works at answer time (End)"), ("ja", "Aキーは答えの時間（End）で使えます")])
def test_a_outside_answer_time_says_where_it_works(qtbot, window, lang, said):
    """teacher4 L8: A before answer time changed nothing and said nothing; now one status line says where it works,
    and the class is left as it is."""
    window.set_language(lang)
    before = list(window.run.trace.tokens)
    press(qtbot, window, Qt.Key.Key_A)
    assert window.statusBar().currentMessage().startswith(said)
    assert list(window.run.trace.tokens) == before and window.model.frame().answer_id < 0
