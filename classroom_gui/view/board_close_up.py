"""The board close-up, the window's part (teacher30 #1): B or View → Board close-up turns the ClassroomModel's
close-up on or off (lesson.close_up lays a step's board across the classroom's room). Turned on or off while
presenting, a toast over the class says which, in the window the status bar; a step with no board (its desks are
the content) shows as usual, and the first such step after turning it on says so once, the same way."""
from __future__ import annotations

from ..lesson.strings import text

STATUS_MS = 4000  # the window's status bar says it this long (presenter mode: the toast's own SHOW_MS)


def toggle(window) -> None:
    window.board_told = False
    window.model.set_board(not window.model.board)
    say(window, "ui.board_on" if window.model.board else "ui.board_off")


def say(window, key: str) -> None:
    if window.is_presenting():
        window.canvas.toast.say(text(window.sel.lang, key))
    else:
        window.statusBar().showMessage(text(window.sel.lang, key), STATUS_MS)


def shown(window, frame) -> None:
    """After the window drew `frame`: the menu item's checkmark, and once a close-up, a step without a board says so."""
    item = window.menu_actions["board"]
    item.setCheckable(True)
    item.setChecked(window.model.board)
    if not window.model.board or frame.canvas.close_up or not frame.students:
        return
    if not getattr(window, "board_told", False):
        window.board_told = True
        say(window, "ui.board_none")
