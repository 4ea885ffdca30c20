"""Quiz in presenter mode: with View → Quiz on (or Q), a clicker's next press before a step that reveals an
answer first puts the question up (lesson.quiz_play.QuizPlay decides; no logic here beyond wiring), the next
press moves on and marks the answer. Off, or outside presenter mode, the lesson steps as usual."""
from __future__ import annotations

from ..lesson.quiz_play import QuizPlay, class_questions


def add_menu_item(window) -> None:
    window.quiz_action = window.menus["view"].addAction("")
    window.quiz_action.setCheckable(True)
    window.quiz_action.setShortcut("Q")
    window.addAction(window.quiz_action)  # the key works in presenter mode too, where the menu bar is hidden
    window.quiz_action.toggled.connect(lambda on: set_quiz(window, on))
    window.quiz_play = None


def set_quiz(window, on: bool) -> None:
    window.quiz_on = bool(on)
    window.quiz_play = None
    if window.quiz_action.isChecked() != window.quiz_on:
        window.quiz_action.setChecked(window.quiz_on)
    window.refresh()


def _play(window) -> QuizPlay | None:
    """The questions of the class on screen, made again when the sentence, asker, layer, head or rule change."""
    trace = window.shown_trace()
    if not getattr(window, "quiz_on", False) or trace is None:
        return None
    key = (id(trace), window.sel.focus, window.sel.layer, window.sel.head, window.sel.rule, window.sel.lang)
    if window.quiz_play is None or window.quiz_play.key != key:
        window.quiz_play = QuizPlay(class_questions(trace, window.sel))
        window.quiz_play.key = key
    return window.quiz_play


def intercept(window) -> bool:
    """Handle the next press while presenting with the quiz on; False: step as usual."""
    play = _play(window) if window.is_presenting() or getattr(window, "quiz_anywhere", False) else None
    if play is None:
        return False
    step_now = window.player.timeline.locate(window.player.time)[0] + 1
    what = play.next(step_now)
    if what == "ask":
        return True
    window.player.next_beat()
    return True


def dress(window, frame):
    play = getattr(window, "quiz_play", None)
    return play.dress(frame) if play is not None and getattr(window, "quiz_on", False) else frame
