"""Quiz in presenter mode, the window's part: View → Quiz (or Q) turns the ClassroomModel's quiz on or off;
while presenting, the clicker's next press goes to ClassroomModel.quiz_next (lesson.quiz_play decides whether
it asks or moves on). Off, or outside presenter mode, the lesson steps as usual. Turned on or off while
presenting, a toast over the class says which (view.toast; teacher20 L2: F5 hides the menu's checkmark); in the
window the status bar says it."""
from __future__ import annotations

from ..lesson.strings import text

STATUS_MS = 4000  # the window's status bar says it this long (presenter mode: the toast's own SHOW_MS)


def add_menu_item(window) -> None:
    window.quiz_action = window.menus["view"].addAction("")
    window.quiz_action.setCheckable(True)  # its key, Q, is a window shortcut of app.actions (presenter mode too)
    window.quiz_action.toggled.connect(window.model.set_quiz)
    window.quiz_action.toggled.connect(lambda on: said(window, on))
    window.quiz_anywhere = False  # tests: the quiz's presses outside presenter mode (offscreen has no full screen)


def next_beat(window) -> None:
    """The next press: the quiz's (while presenting with the quiz on), else the next step."""
    if not ((window.is_presenting() or window.quiz_anywhere) and window.model.quiz_next()):
        window.model.play("next_beat")


def choose(window, i: int) -> bool:
    """The class's choice `i` (from 0) for the question asked on screen (a key 1-4 or A-D, or a click on it, while
    presenting with the quiz on): its answer is revealed, marked right or wrong (teacher34 #13). True too for a key
    that names no choice of the question asked (C or 3 on a 2-choice question): it does nothing, not the key's other
    job (review34 #3: C opened Compare over presenter mode). False with no question asked (the key does what it
    does without a quiz)."""
    if not (window.is_presenting() or window.quiz_anywhere):
        return False
    return window.model.quiz_choose(i) or window.model.asking()


def jump_chapter(window, name: str) -> None:
    """] or [ (next_chapter, prev_chapter): the chapter's first step, or, while presenting with the quiz on, the
    question that step answers when it answers one (teacher21 L2: ] skipped the question and landed on its answer)."""
    window.model.jump_chapter(name, window.is_presenting() or window.quiz_anywhere)


def said(window, on: bool) -> None:
    """The quiz was turned on or off: a toast over the class in presenter mode, else the status bar, which says where
    it asks (teacher28 L4: "Quiz on" in the window, and → asked nothing: the quiz runs in presenter mode only).
    teacher37 #5: with the status bar hidden (F5 hides it, and under a bare X server the window may not report full
    screen) Q showed nothing; the toast now goes wherever the status bar is hidden, for as long as the bar's message."""
    if window.is_presenting() or window.statusBar().isHidden():
        window.canvas.toast.say(text(window.sel.lang, "ui.quiz_on" if on else "ui.quiz_off"), STATUS_MS)
    else:
        window.statusBar().showMessage(text(window.sel.lang, "ui.quiz_on_window" if on else "ui.quiz_off"), STATUS_MS)
