"""The window in a lecture hall: the first run fills the screen, presenter mode covers it (also when no window
manager obeys), the charts panel waits until asked for, the selectors show whole names, and Qt's own
dialogs speak Japanese with the lesson."""
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from classroom_gui.view import settings
from classroom_gui.view.qt_language import use_qt_language
from classroom_gui.view.window import MainWindow
from helpers import random_checkpoint


def make_window(qtbot, tmp_path):
    w = MainWindow(random_checkpoint(tmp_path / "ck"), settings.open_store(str(tmp_path / "settings.ini")))
    qtbot.addWidget(w)
    return w


def test_first_run_fills_the_available_screen(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    available = QApplication.primaryScreen().availableGeometry()
    assert w.isMaximized()
    assert w.geometry().size() == available.size()  # set directly too: no window manager may maximise


def test_presenter_mode_covers_the_screen_and_comes_back(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    w.showNormal()
    w.setGeometry(40, 40, 640, 400)
    before = w.geometry()
    w.set_presenter(True)
    assert w.is_presenting()
    assert w.geometry() == QApplication.primaryScreen().geometry()
    w.set_presenter(False)
    assert not w.isFullScreen() and w.geometry() == before


def test_the_charts_panel_is_closed_until_asked_for(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    w.show()
    assert not w.dock.isVisible()
    w.charts_action.trigger()  # View → Charts
    assert w.dock.isVisible()
    w.set_presenter(True)
    assert not w.dock.isVisible()
    w.set_presenter(False)
    assert w.dock.isVisible()


def test_who_asks_shows_the_whole_name(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    w.show()
    w.set_language("ja")
    w.sentence.setText("猫 が マット の 上 に 座った")
    w.apply_sentence()
    qtbot.wait(1)
    box = w.focus_box
    widest = max(QFontMetricsF(box.font()).horizontalAdvance(box.itemText(i)) for i in range(box.count()))
    # as wide as its widest name needs (Qt's size hint: text, frame and arrow), whatever it showed first
    assert box.width() >= box.sizeHint().width() > widest, (box.width(), box.sizeHint(), widest)


def test_qt_dialogs_speak_the_lessons_language(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    w.set_language("ja")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    assert QCoreApplication.translate("QFileDialog", "File &name:") != "File &name:"
    # the words Qt's own Japanese file lacks (the teacher saw "Look in:", "Files of type:", "Folder")
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "アドレス(&L):"
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "ファイルの種類(&T):"
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms") == "フォルダー"
    w.set_language("en")
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert use_qt_language("en")
