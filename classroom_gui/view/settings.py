"""Settings remembered between runs (QSettings, an INI file): sentence, who asks, layer, head and rule, the step,
the open gallery example and the what-if edits (for that sentence only), language, speed, window geometry,
whether the window filled its screen and the sentence View → Compare compared last. The first run follows the desktop's language (system_lang).

A settings file can never stop the app: it is read as text first (settings_file.clean_file), each line kept only if it
is one of our keys with a value of its kind and whole, and each value is checked again on the way in (load).

Each model keeps its own place in a section of its own, [model_<id>] (app.sessions: its sentence, asker, layer, head,
rule, step and what-if edits), the [MAX_MODELS] models used last; [General] holds the app's (language, speed, window)
and the place of the model on screen when last saved, which a file without sections (an older version's) starts from.
"""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass, fields, replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QLocale, QSettings, QStandardPaths

from ..lesson.gallery import SEED_SENTENCE
from ..lesson.player import SPEEDS
from ..lesson.rules import RULES
from ..lesson.strings import LANGUAGES
from ..messages.numerals import whole
from .settings_copy import unread_note
from .settings_file import KEYS, MAX_EDITS, MAX_SENTENCE, clean_file
from .settings_file import (keep_general_copy, model_group, model_sections, own_sentence, read_value, save_section,
                            used_count, whole_sentence, write_values)

DEFAULT_SENTENCE = SEED_SENTENCE  # the seed's sentence, whose gallery entry sets the lesson's layer and head
# the first run's sentence in a language whose class studies its own (the seed explainer's own example)
FIRST_SENTENCES = {"ja": "猫がマットの上に座った"}
MAX_INDEX = 99_999  # a seat, layer or head number the KEYS patterns allow
log = logging.getLogger("classroom_gui")


@dataclass
class Settings:
    sentence: str = DEFAULT_SENTENCE
    lang: str = "en"
    speed: float = 1.0
    geometry: QByteArray | None = None
    maximized: bool = False  # the window filled its screen (saveGeometry's bytes alone do not bring that back)
    # the lesson's place, from 0; None: as a new lesson starts. The seat counts only while it holds `asker`
    seat: int | None = None
    asker: str = ""
    layer: int | None = None
    head: int | None = None
    rule: str | None = None
    # (sentence id, step, time, gallery example or None): where the lesson was in that sentence; None: its start
    left: tuple[str, str, float | None, int | None] | None = None
    edits: tuple[str, ...] = ()  # the what-if edits of that sentence, as --set writes them (ClassroomModel.edit_specs)
    retire: str | None = None  # the section of the model's former key it was read from (load), which save removes
    # what the file held but could not give (a Phrase the status line says once: unread_note), or None (teacher26 H1)
    unread: object = None
    board: bool = False  # the board close-up (lesson.close_up) was on: [General]'s, as the window's own look
    compared: str = ""  # the sentence View → Compare last compared ("": none yet), offered again (teacher34 #10)


def default_path() -> Path:
    """Where the settings live: the user's config folder (~/.config on Linux), as an INI file on every
    system, so that clean_file can read it before Qt does (the Windows registry could not be checked)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base or Path.home() / ".config") / "AttentionClassroom" / "classroom-gui.conf"


def open_store(path: str | None = None) -> QSettings:
    path = Path(path) if path else default_path()
    damaged: dict[str, list[str]] = {}
    dropped = clean_file(path, damaged)
    store = QSettings(str(path), QSettings.Format.IniFormat)
    store.dropped = len(dropped)  # said once in the window's status line (load's unread; teacher26 L2)
    store.damaged = damaged  # by section: what load's _own_place and unread_note make up for (teacher29 M1)
    store.general = _general_place(store)  # as read now, before a save writes over it (sessions: Ctrl+O too)
    if store.general is not None:
        sid, place = store.general
        keep_general_copy(store, sid, _place_values(place), place.sentence)
    return store


def _general_place(store: QSettings):
    """(model id, Settings) of [General]'s whole place where the file was damaged, [General] itself whole and naming
    the model on screen with a moment (teacher29 M1: the same save writes it before that model's section, so it
    stands in for a section cut or damaged); else None."""
    damaged = getattr(store, "damaged", {})
    sid = read_value(store, "model")
    if not damaged or "[General]" in damaged or not (isinstance(sid, str) and KEYS["model"][0].match(sid)):
        return None
    s = Settings(sentence=read_value(store, "sentence"))
    if not whole_sentence(s.sentence):
        return None
    _read_place(store, s)
    return (sid, s) if s.left is not None else None


def load(store: QSettings, key: str | None = None, former: str = "") -> Settings:
    """Each value read with a type and size check; one that fails keeps its default, the others load. With the model's
    `key` (app.model_identity.model_key), the place is its own session, found as Ctrl+O finds it (_own_place); `former`:
    the key an older version gave it (model_identity.former_key, teacher22 M1)."""
    s = Settings()
    lang = read_value(store, "lang")
    # the first run (no language saved) speaks the desktop's language, and studies its seed sentence
    s.lang = lang if isinstance(lang, str) and lang in LANGUAGES else system_lang()
    sentence = read_value(store, "sentence")
    if whole_sentence(sentence):
        s.sentence = sentence
    elif lang is None:
        s.sentence = FIRST_SENTENCES.get(s.lang, DEFAULT_SENTENCE)
    try:
        speed = float(read_value(store, "speed") or 1.0)
        s.speed = speed if speed in SPEEDS else 1.0
    except (TypeError, ValueError):
        pass
    geometry = read_value(store, "geometry")
    if isinstance(geometry, QByteArray) and 0 < geometry.size() <= 4096:
        s.geometry = geometry
    s.maximized = read_value(store, "maximized") in ("true", True)
    s.board = read_value(store, "board") in ("true", True)
    compared = read_value(store, "compared")
    s.compared = compared if whole_sentence(compared) else ""
    _read_place(store, s)
    if key is None:
        return s
    lost = _own_place(store, s, key, former)
    s.unread = unread_note(store, s.unread == "edits", _left_out(store, s, key, lost))
    return s


def _own_place(store: QSettings, s: Settings, key: str, former: str) -> bool:
    """s's place made the model's own session (model_identity.own_session: its section, or the one of its former key,
    which the next save retires; teacher21 M1), or, for a model never opened, as its lesson starts, not in another
    model's rule (teacher21 L1); a file without model sections (before them) gives its [General] place only to the model
    its shown class was read under (review24 L3). The sentence box stays as left when this model was the one on screen
    and [General] kept it whole. True when the model's sentence was lost (its line damaged, no whole copy of it left:
    polish25 3): s then has no place in it, its edits and moment named as left out (_left_out), never put on another
    sentence."""
    from ..app.history import sentence_id
    from ..app.model_identity import model_id, own_session

    sections = model_sections(store)
    places = sessions(store, base=s)  # (a section without its sentence: the box's)
    if not sections:  # an older file's [General] place, as the session of the key its shown class was read under
        under = next((k for k in (key, former) if k and _shown_under(s, k)), None)
        places = {model_id(under): _session(s)} if under is not None else {}  # (read under `former`, its retire
        # names a section the file lacks: save's remove of it does nothing)
    own = own_session(places, key, former)  # (where its section is damaged, [General]'s copy: sessions)
    if own is None:
        _read_place(None, s, fresh=True)
        lost = read_value(store, "model") in (model_id(key), None) and _damaged_line(store, "[General]", "sentence")
        if lost:  # the box's sentence is the lesson's first, in the teacher's language, not the English seed
            s.sentence = FIRST_SENTENCES.get(s.lang, DEFAULT_SENTENCE)
        return lost
    typed = s.sentence  # the sentence box as left (not yet applied, maybe)
    for name in Settings.__dataclass_fields__:
        if hasattr(own, name):
            setattr(s, name, getattr(own, name))
    if (sections and _last(store, sections) == (own.retire or model_id(key))
            and whole_sentence(read_value(store, "sentence"))):
        s.sentence = typed
    if own.copy or not _damaged_line(store, f"[model_{own.retire or model_id(key)}]", "sentence"):
        return False
    if own.left is not None and own.left[0] == sentence_id(own.sentence, key):
        return False  # the box's sentence, which it took, is the one it lost: its moment is of it
    s.left, s.edits = None, ()  # the section's moment and edits are of the sentence it lost
    return True


def _damaged_line(store: QSettings, section: str, key: str) -> bool:
    """Whether the file held `key` in `section` on a line dropped as damaged (open_store: store.damaged)."""
    return any(line.strip().startswith(f"{key}=") for line in getattr(store, "damaged", {}).get(section, ()))


def _left_out(store: QSettings, s: Settings, key: str, sentence: bool = False):
    """What the model's session had in a damaged file and s opens without: (the number of its what-if edits, 0 for
    none, None where a cut line cannot say; its step's index, or None; whether its `sentence` was lost too), from its
    section and [General]'s copy when this model was on screen; None when nothing was lost (teacher29 M1)."""
    from ..app.model_identity import model_id

    damaged, sid = getattr(store, "damaged", {}), model_id(key)
    if not damaged:
        return None
    held = {}  # key -> value, the first copy whole
    for name in (f"[model_{sid}]", "[General]"):
        if name == "[General]" and read_value(store, "model") not in (sid, None):
            continue
        if name != "[General]":
            model_group(store, sid)
        for k in ("edits", "step"):
            value = read_value(store, k)
            if held.get(k) is None and isinstance(value, str) and KEYS[k][0].match(value):
                held[k] = value
            elif any(line.strip().startswith(f"{k}=") for line in damaged.get(name, ())):
                held.setdefault(k, None)  # cut: there, but not how many
        if name != "[General]":
            store.endGroup()
    edits = len(held["edits"].split(" ")) if held.get("edits") else None if "edits" in held else 0
    step = int(held["step"].split(":")[0]) if held.get("step") else None
    edits = 0 if s.edits else edits
    step = None if step == 0 or (s.left is not None and s.left[1]) else step
    return None if edits == 0 and step is None and not sentence else (edits, step, sentence)


def _last(store: QSettings, sections: list[str]) -> str:
    """The model on screen when the file was last saved, as [General] names it (review24 #2: two windows on one file
    could tie on `used`, and the other window's sentence box went to the wrong model); a file written before it
    named one: the section used last."""
    last = read_value(store, "model")
    if isinstance(last, str) and KEYS["model"][0].match(last):
        return last
    return max(sections, key=lambda m: used_count(store, m))


def _shown_under(s: Settings, key: str) -> bool:
    """Whether s's place is in its sentence as read under the model `key` (its shown id: ClassroomModel.left_at)."""
    from ..app.history import sentence_id

    return s.left is not None and s.left[0] == sentence_id(s.sentence, key)


def _read_place(store: QSettings | None, s: Settings, fresh: bool = False) -> None:
    """s's place from the store's current group (its sentence too when `fresh`: a model section's); with store None,
    the place of a lesson that starts."""
    if fresh:
        s.seat = s.layer = s.head = s.rule = s.left = None
        s.asker, s.edits, s.unread = "", (), None
    if store is None:
        return
    sentence = read_value(store, "sentence")
    if fresh and isinstance(sentence, str) and 0 < len(sentence) <= MAX_SENTENCE:
        s.sentence = sentence
    s.seat, s.layer, s.head = (_index(store, key) for key in ("seat", "layer", "head"))
    asker = read_value(store, "asker")
    if isinstance(asker, str) and 0 < len(asker) <= 256:
        s.asker = asker
    rule = read_value(store, "rule")
    if isinstance(rule, str) and rule in RULES:
        s.rule = rule
    s.left = _left(store)
    edits = read_value(store, "edits")
    if s.left is not None and isinstance(edits, str) and KEYS["edits"][0].match(edits):
        s.edits = tuple(edits.split(" "))[:MAX_EDITS]
    elif edits is not None:  # edits without the sentence they were made for: said, and the file kept (teacher26 H1)
        s.unread = "edits"


def _section(store: QSettings, model: str, s: Settings | None = None) -> Settings:
    """s (a new Settings where None) with the place (and sentence) of the model's own section (model_<id>)."""
    s = s if s is not None else Settings()
    try:
        _read_place(model_group(store, model), s, fresh=True)
    finally:
        store.endGroup()
    return s


def sessions(store: QSettings, base: Settings | None = None) -> dict:
    """Every model's own session (app.sessions.Session), by model id: what opening that model brings back. A section
    cut before its sentence has `base`'s (the sentence box's; a new Settings' where None): the one reading of the
    sections, at start (load: _own_place) and on Ctrl+O alike (review28 #6). A section damaged or lost comes with
    [General]'s whole copy as the file was read (open_store: store.general; teacher29 M1), which own_session takes where
    its moment is of its sentence under the model's key: on Ctrl+O too, after saves wrote over [General] (polish25 4)."""
    found = {m: _session(_section(store, m, None if base is None else replace(base))) for m in model_sections(store)}
    general = getattr(store, "general", None)  # [General]'s place as open_store read it (saves write over it)
    if general is not None and (general[0] not in found or f"[model_{general[0]}]" in store.damaged):
        sid, place = general  # the damaged (or lost) section's whole copy, in its own sentence where it kept it
        own = own_sentence(store, sid) if sid in found else None
        found[sid] = replace(_session(replace(place, sentence=own or place.sentence)), copy=True,
                             section=found.get(sid))
    return found


def _session(s: Settings):
    """s's place as an app.sessions.Session (Settings' place fields, by the same names)."""
    from ..app.sessions import Session

    return Session(**{f.name: getattr(s, f.name) for f in fields(Session) if hasattr(s, f.name)})


def _left(store: QSettings) -> tuple[str, str, float | None, int | None] | None:
    """The saved moment: its sentence's id (None without one of its kind), and as much of its step and time as is
    whole; a file cut after the step (teacher26 H1: no `time=`) has time None and opens with that step fully shown
    (Timeline.time_in), one without a step at the lesson's start (time_in finds no step "")."""
    shown, step, time = (read_value(store, key) for key in ("shown", "step", "time"))
    if not (isinstance(shown, str) and KEYS["shown"][0].match(shown)):
        return None
    step = step if isinstance(step, str) and KEYS["step"][0].match(step) else ""
    try:
        time = float(time)
    except (TypeError, ValueError):
        time = -1.0
    return shown, step, time if math.isfinite(time) and time >= 0 else None, _index(store, "example")


def _index(store: QSettings, key: str) -> int | None:
    value = read_value(store, key)
    if isinstance(value, str) and whole(value) and int(value) <= MAX_INDEX:
        return int(value)
    return None


def system_lang() -> str:
    """The desktop's language when the lesson has its strings ("ja" for ja_JP: teacher5 L1, a Japanese teacher's
    first run was English), else English."""
    code = QLocale.system().name().split("_")[0]
    return code if code in LANGUAGES else "en"


def save(store: QSettings, s: Settings, place: bool = True, model: str | None = None, typed: str = "",
         retire: str | None = None) -> bool:
    """Write `s`; with place=False (no sentence shown yet: a big model's first one still computing) the keys of
    PLACE stay as the file has them, the last place known (review9: such a save wrote no step, and a kill then
    lost where the lesson was). With `model` (app.model_identity.model_id) the place is that model's own too, in the sentence
    `typed` (the class on screen, whatever the sentence box holds meanwhile); `retire`: the section of the model's
    former key its place was read from (load's, own_session's), which goes as the model's own is written (teacher22
    M1), before the sections are counted (review26 #4). True when the file was written."""
    store.setValue("sentence", s.sentence)
    store.setValue("lang", s.lang)
    store.setValue("speed", s.speed)
    if s.geometry is not None:
        store.setValue("geometry", s.geometry)
    store.setValue("maximized", "true" if s.maximized else "false")
    store.setValue("board", "true" if s.board else "false")
    if s.compared:
        store.setValue("compared", s.compared)
    write_values(store, values := _place_values(s), place)
    if model is not None:
        store.setValue("model", model)
    if model is not None and place:
        if retire is not None and retire != model:  # gone before the sections are counted (review26 #4)
            store.remove(f"model_{retire}")
        save_section(store, model, dict(values, sentence=typed or s.sentence))
    store.sync()
    return store.status() == QSettings.Status.NoError


def _place_values(s: Settings) -> dict:
    """s's place as the file holds it (PLACE, layer, head, rule): strings, None for a key to remove."""
    shown, step, time, example = s.left or (None, None, None, None)
    values = {key: None if getattr(s, key) is None else str(getattr(s, key)) for key in ("seat", "layer", "head")}
    values.update(asker=s.asker or None, rule=s.rule or None, shown=shown, step=step,
                  time=None if time is None else repr(float(time)), example=None if example is None else str(example),
                  edits=" ".join(s.edits[:MAX_EDITS]) if s.edits and s.left else None)
    return values
