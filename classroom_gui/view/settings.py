"""Settings remembered between runs (QSettings): sentence, language, speed, window geometry.

Every value is checked on the way in; a missing, corrupted or odd value falls back to its default, so
a damaged settings file can never stop the app from starting.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

from ..lesson.gallery import SEED_SENTENCE
from ..lesson.player import SPEEDS
from ..lesson.strings import LANGUAGES

DEFAULT_SENTENCE = SEED_SENTENCE  # the seed's sentence, whose gallery entry sets the lesson's layer and head


@dataclass
class Settings:
    sentence: str = DEFAULT_SENTENCE
    lang: str = "en"
    speed: float = 1.0
    geometry: QByteArray | None = None


def open_store(path: str | None = None) -> QSettings:
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("AttentionClassroom", "classroom-gui")


def load(store: QSettings) -> Settings:
    s = Settings()
    try:
        sentence = store.value("sentence")
        if isinstance(sentence, str) and 0 < len(sentence) <= 10_000:
            s.sentence = sentence
        lang = store.value("lang")
        if lang in LANGUAGES:
            s.lang = lang
        try:
            speed = float(store.value("speed", 1.0))
            s.speed = speed if speed in SPEEDS else 1.0
        except (TypeError, ValueError):
            pass
        geometry = store.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            s.geometry = geometry
    except Exception:  # a corrupted file: start from the defaults rather than not at all
        return Settings()
    return s


def save(store: QSettings, s: Settings) -> None:
    store.setValue("sentence", s.sentence)
    store.setValue("lang", s.lang)
    store.setValue("speed", s.speed)
    if s.geometry is not None:
        store.setValue("geometry", s.geometry)
    store.sync()
