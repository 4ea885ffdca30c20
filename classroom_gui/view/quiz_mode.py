"""Quiz in presenter mode, the window's part: View → Quiz (or Q) turns the ClassroomModel's quiz on or off;
while presenting, the clicker's next press goes to ClassroomModel.quiz_next (lesson.quiz_play decides whether
it asks or moves on). Off, or outside presenter mode, the lesson steps as usual."""
from __future__ import annotations


def add_menu_item(window) -> None:
    window.quiz_action = window.menus["view"].addAction("")
    window.quiz_action.setCheckable(True)  # its key, Q, is a window shortcut of app.actions (presenter mode too)
    window.quiz_action.toggled.connect(window.model.set_quiz)
    window.quiz_anywhere = False  # tests: the quiz's presses outside presenter mode (offscreen has no full screen)


def next_beat(window) -> None:
    """The next press: the quiz's (while presenting with the quiz on), else the next step."""
    if not ((window.is_presenting() or window.quiz_anywhere) and window.model.quiz_next()):
        window.model.play("next_beat")
