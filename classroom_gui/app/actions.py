"""Every action of the window in one table: id, keys, menu, label, help text and handler. Menus, keyboard
shortcuts and the help screen are all read from it, so they never disagree. No Qt: a handler is called with
the window (anything with `.model`, a ClassroomModel, and the window's own commands).

Presentation clickers send PageDown / PageUp (and some F5 / Esc), so those step the lesson too.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .edit_keys import REDO_KEYS, RESET_EDITS_KEYS, UNDO_KEYS, key_label  # key_label: also read from here by the window
from .model_identity import is_teaching


@dataclass(frozen=True)
class Action:
    id: str
    keys: tuple[str, ...]  # shortcuts, the first shown in the menu; () for a menu item without one
    menu: str              # "file", "edit", "lesson", "view", "help", or "" for a key without a menu item
    label: str             # string key of the menu item
    help: str              # string key of the help screen's line ("" when the action has no key)
    handler: Callable      # called with the window
    # a menu item whose words or state follow the model: (model, lang) -> its text, "" for the label's own, or
    # None when it is disabled (Undo with nothing to take back)
    named: Callable | None = None
    listed: tuple[str, ...] = ()  # the keys as the help screen and the README list them, when not `keys` ("1–4")


def _play(name: str) -> Callable:
    return lambda w: w.model.play(name)


def _chapter(way: str) -> Callable:
    return lambda w: w.jump_chapter(f"{way}_chapter")


def _command(name: str) -> Callable:
    return lambda w: getattr(w, name)()


def _choice(i: int, otherwise: Callable | None = None) -> Callable:
    """Key for the quiz's choice i (from 0: 1 or A, ア) while a question is asked (view.quiz_mode.choose: a key
    naming no choice of it does nothing), else `otherwise` (A adds the answer to the class, B the board close-up,
    C opens Compare)."""
    def handle(w):
        if not w.choose_quiz(i) and otherwise is not None:
            otherwise(w)
    return handle


MENUS = ("file", "edit", "lesson", "view", "help")

ACTIONS: tuple[Action, ...] = (
    Action("play", ("Space",), "lesson", "help.play", "help.play", _command("toggle_play")),
    # with the quiz on while presenting, the next press may first ask the coming step's question
    Action("next_beat", ("Right", "PgDown"), "lesson", "ui.next_beat", "help.next_beat", _command("next_beat")),
    Action("prev_beat", ("Left", "PgUp"), "lesson", "ui.prev_beat", "help.prev_beat", _play("prev_beat")),
    # with the quiz on while presenting, a chapter that asks a question as it opens lands on the question (teacher21 L2)
    Action("next_chapter", ("Ctrl+Right", "]"), "lesson", "ui.next_chapter", "help.next_chapter", _chapter("next")),
    Action("prev_chapter", ("Ctrl+Left", "["), "lesson", "ui.prev_chapter", "help.prev_chapter", _chapter("prev")),
    Action("home", ("Home",), "", "", "help.home", _play("home")),
    Action("end", ("End",), "", "", "help.end", _play("end")),
    Action("next_focus", ("Down",), "", "", "help.next_focus", lambda w: w.model.step_focus(1)),
    Action("prev_focus", ("Up",), "", "", "help.prev_focus", lambda w: w.model.step_focus(-1)),
    Action("faster", ("+", "="), "", "", "help.faster", _play("faster")),
    Action("slower", ("-",), "", "", "help.slower", _play("slower")),
    Action("reset", ("Ctrl+R",), "lesson", "ui.reset", "help.reset", _command("reset")),
    Action("presenter", ("F5", "F11"), "view", "ui.presenter", "help.presenter", lambda w: w.set_presenter(True)),
    Action("leave", ("Esc",), "", "", "help.leave", lambda w: w.set_presenter(False)),
    Action("sentence", ("Ctrl+L",), "", "", "help.sentence", _command("edit_sentence")),
    Action("language", ("Ctrl+Shift+L",), "view", "help.language", "help.language", _command("toggle_language")),
    # the board close-up (lesson.close_up): the blackboard across the classroom's room, for the back row (teacher30 #1)
    Action("board", ("B",), "view", "ui.board", "help.board", _choice(1, _command("toggle_board"))),
    Action("rule", ("M",), "lesson", "help.rule", "help.rule", _command("toggle_rule")),
    # the View menu's checkable Quiz item is view.quiz_mode's; its key is here, so the help list and README name it
    Action("quiz", ("Q",), "", "", "help.quiz", lambda w: w.quiz_action.toggle()),
    # the class's answer to the question asked (teacher34 #13): 1-4, or A-D as the card's marks, all eight the
    # quiz's while it asks, even past its last choice (A, B and C otherwise add the answer, show the board and open
    # Compare); one row of the help screen
    Action("quiz_1", ("1",), "", "", "help.quiz_answer", _choice(0), listed=("1–4", "A–D")),
    Action("quiz_2", ("2",), "", "", "help.quiz_answer", _choice(1)),
    Action("quiz_3", ("3",), "", "", "help.quiz_answer", _choice(2)),  # (C: Compare's, which answers C while a question is asked)
    Action("quiz_4", ("4", "D"), "", "", "help.quiz_answer", _choice(3)),
    # answer time's "Add 「。」 to the class" button, from the keyboard too (the button takes no focus)
    Action("add_answer", ("A",), "lesson", "help.add_answer", "help.add_answer",
           _choice(0, _command("add_answer_to_class"))),
    # keys of their own (teacher34 #9: reachable only through the menus): E for the examples, C for Compare
    Action("examples", ("E",), "lesson", "ui.examples", "help.examples", _command("open_gallery")),
    Action("compare", ("C",), "view", "ui.compare", "help.compare", _choice(2, _command("open_compare"))),
    Action("glossary", ("G",), "help", "ui.glossary", "help.glossary", _command("show_glossary")),
    Action("open_model", ("Ctrl+O",), "file", "ui.open_model", "help.open_model", _command("open_model")),
    # back to the shipped model from any other, with its own session (teacher22 M1: only its installed folder did)
    Action("teaching_model", (), "file", "ui.open_teaching_model", "", _command("open_teaching_model"),
           named=lambda model, lang: None if is_teaching(model.model_key) else ""),
    Action("copy", ("Ctrl+C",), "file", "ui.copy_picture", "help.copy", lambda w: w.export("copy_picture")),
    Action("export_picture", ("Ctrl+E",), "file", "ui.export_picture", "help.export_picture",
           lambda w: w.export("export_picture")),
    Action("export_deck", ("Ctrl+Shift+E",), "file", "ui.export_deck", "help.export_deck",
           lambda w: w.export("export_deck")),
    Action("export_video", ("Ctrl+Shift+V",), "file", "ui.export_video", "help.export_video",
           lambda w: w.export("export_video")),
    Action("export_worksheet", (), "file", "worksheet.menu", "", lambda w: w.export("export_worksheet")),
    # the lesson saves itself (view.window.SAVE_MS): Ctrl+S, which did nothing, says so and where (teacher31 #7c)
    Action("save", ("Ctrl+S",), "", "", "help.save", _command("save_now")),
    Action("quit", ("Ctrl+Q",), "file", "ui.quit", "help.quit", _command("close")),  # QKeySequence.Quit (Cmd+Q)
    Action("whatif", ("W",), "edit", "whatif.menu", "help.whatif", _command("open_whatif")),
    # the what-if edits' history (app.model): the Undo and Redo items say what they take back or make again and
    # are disabled when there is nothing to (`named`); Ctrl+R's reset of everything is one step Undo brings back
    Action("undo_edit", UNDO_KEYS, "edit", "edit.undo_none", "help.undo_edit", lambda w: w.step_edits(undo=True),
           named=lambda model, lang: model.undo_label(lang)),
    Action("redo_edit", REDO_KEYS, "edit", "edit.redo_none", "help.redo_edit",
           lambda w: w.step_edits(undo=False), named=lambda model, lang: model.redo_label(lang)),
    Action("reset_edits", RESET_EDITS_KEYS, "edit", "help.reset_edits", "help.reset_edits",
           lambda w: w.model.reset_edits(),
           named=lambda model, lang: "" if model.whatif is not None and model.whatif.active else None),
    Action("help", ("F1", "?"), "help", "ui.help_title", "help.help", _command("show_help")),
    Action("about", (), "help", "ui.about", "", _command("show_about")),
)
BY_ID = {a.id: a for a in ACTIONS}
# the help screen's rows and the README's key list: (keys, action id, help text key)
# (one row for the actions that share a help line: the quiz's four choices, listed as "1–4 / A–D")
SHORTCUTS = tuple((a.listed or a.keys, a.id, a.help) for i, a in enumerate(ACTIONS)
                  if a.keys and a.help not in {b.help for b in ACTIONS[:i] if b.keys})


def keys_label(keys, t) -> str:  # the help screen's "→ / PageDown"
    return " / ".join(key_label(k, t) for k in keys)


def menu_items(menu: str) -> list[Action]:
    return [a for a in ACTIONS if a.menu == menu]
