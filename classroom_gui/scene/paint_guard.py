"""One guard around every item's paint(): a bug there costs one item one frame, never the window.

Qt calls an item's paint() from its C++ painting. An exception leaving it does not reach Python's exception
hook: PySide6 either drops it (an item painted by the window's event loop: nothing logged, the item blank on
every frame) or unwinds Qt's C++ with it (a repaint(), a grab() or scene.render() called from Python: the
process died of signal 11, measured with PySide6 6.11). So scene.items.CachedItem, which every item of the
classroom is, wraps each paint() its subclasses define (guarded): an exception is caught there; the item draws
nothing that frame (a blitting item keeps its last picture); the first time an error happens at a place
(its type and innermost line) it is logged with its traceback; and the listeners (the window's status line)
are told once, from the event loop, never inside the paint, unless the error happened while an export painted
(said_by_caller: the export refuses its picture and says so itself, one message). The next frame paints again.
"""
from __future__ import annotations

import functools
import logging
import traceback
import weakref
from contextlib import contextmanager
from typing import Callable

log = logging.getLogger("classroom_gui.scene")

failures = 0                                  # paints that raised, since the program started
_logged: set[tuple] = set()                   # places already logged with their traceback
_told: set[tuple] = set()                     # places the listeners were told of
_quiet = 0                                    # said_by_caller blocks under way
_listeners: list[weakref.WeakMethod] = []    # told (on the event loop) of each place's first failure


def listen(method: Callable[[], None]) -> None:
    """Call the bound `method` (a window's) after each place's first failure; held weakly: a closed window goes."""
    _listeners.append(weakref.WeakMethod(method))


@contextmanager
def said_by_caller(quiet: bool = True):
    """While inside (when `quiet`), a failure is counted and logged but the listeners are not told: the caller (an
    export, render.paint_scene(whole=True)) says it instead; the same fault on the window's canvas later is told."""
    global _quiet
    _quiet += bool(quiet)
    try:
        yield
    finally:
        _quiet -= bool(quiet)


def guarded(paint: Callable) -> Callable:
    """`paint(self, painter, option, widget=None)` that never raises: see the module's first lines."""

    @functools.wraps(paint)
    def guarded_paint(self, p, option=None, widget=None):
        try:
            paint(self, p, option, widget)
        except Exception as exc:
            _failed(self, exc)

    guarded_paint.guarded = True
    return guarded_paint


def _failed(item, exc: Exception) -> None:
    global failures
    failures += 1
    place = _place(exc)
    if place not in _logged:  # the same bug on every frame: logged once
        _logged.add(place)
        log.error("drawing %s failed: %s: %s (it is left out of the picture until it draws again)",
                  type(item).__name__, type(exc).__name__, exc, exc_info=exc)
    if _quiet or place in _told:
        return
    _told.add(place)
    if _listeners:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, _tell)  # outside the paint: a status line repainted inside one is not drawn


def _tell() -> None:
    from shiboken6 import isValid

    alive = [(ref, ref()) for ref in _listeners]
    alive = [(ref, m) for ref, m in alive if m is not None and isValid(m.__self__)]  # a closed window's goes
    _listeners[:] = [ref for ref, _ in alive]
    for _, method in alive:
        method()


def _place(exc: Exception) -> tuple:
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    return (type(exc).__qualname__, last.filename if last else "", last.lineno if last else 0)
