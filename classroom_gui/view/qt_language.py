"""Qt's own words (the file dialog's "Look in", "Cancel", message box buttons) in the lesson's language:
the translation PySide6 ships (qtbase_ja.qm in Qt's translations folder) is installed while the lesson
speaks Japanese and removed again for English, whose words Qt has built in.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: dict[str, QTranslator] = {}  # language -> the translator installed for it (at most one)


def use_qt_language(lang: str) -> bool:
    """Install Qt's translation for `lang` (and remove any other); False if Qt ships none for it."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for code in list(_installed):
        if code != lang or _installed[code].parent() is not app:  # (a translator of an earlier application)
            app.removeTranslator(_installed.pop(code))
    if lang == "en" or lang in _installed:
        return True
    translator = QTranslator(app)  # parented: lives as long as the application
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(lang), "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    _installed[lang] = translator
    return True


def qt_word(context: str, source: str) -> str:
    """What Qt now calls one of its own words, e.g. qt_word("QPlatformTheme", "Cancel") -> キャンセル."""
    return QCoreApplication.translate(context, source)
