"""Qt's own words (the file dialog's "Look in", "Cancel", message box buttons) in the lesson's language:
the translation PySide6 ships (qtbase_ja.qm in Qt's translations folder) is installed while the lesson
speaks Japanese and removed again for English, whose words Qt has built in. Qt's own file lacks a few words
of its file dialog (QtGaps), which the lesson supplies in Qt's own wording.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: dict[str, list[QTranslator]] = {}  # language -> the translators installed for it (one language)


class QtGaps(QTranslator):
    """Words Qt's qtbase_ja.qm does not have (Qt 6.x): the file dialog's "Look in" and "Files of type" labels
    with their keyboard letters, and its type column's "Folder". Qt's file has them without the letter
    (「アドレス:」, 「ファイルの種類:」), so these say the same in the same style; "Folder" is 「フォルダー」, as the app
    writes it everywhere (teacher6 L5). Anything else
    returns None, and Qt asks the next translator."""
    WORDS = {"ja": {("QFileDialog", "&Look in:"): "アドレス(&L):",
                    ("QFileDialog", "Files of &type:"): "ファイルの種類(&T):",
                    ("QAbstractFileIconProvider", "Folder"): "フォルダー",
                    ("QFileSystemModel", "Folder"): "フォルダー"}}

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self.words = self.WORDS.get(lang, {})

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 (Qt's signature)
        return self.words.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return not self.words


def use_qt_language(lang: str) -> bool:
    """Install Qt's translation for `lang` (and remove any other); False if Qt ships none for it."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for code in list(_installed):
        if code != lang or _installed[code][0].parent() is not app:  # (a translator of an earlier application)
            for translator in _installed.pop(code):
                app.removeTranslator(translator)
    if lang == "en" or lang in _installed:
        return True
    translator = QTranslator(app)  # parented: lives as long as the application
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(lang), "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    gaps = QtGaps(lang, app)
    app.installTranslator(gaps)  # installed last: asked first, and passes on all it does not know
    _installed[lang] = [translator, gaps]
    return True


def qt_word(context: str, source: str) -> str:
    """What Qt now calls one of its own words, e.g. qt_word("QPlatformTheme", "Cancel") -> キャンセル."""
    return QCoreApplication.translate(context, source)
