"""What the export dialogs start at, and what they keep (teacher17 L2). The slides and the animation dialogs start
alike: at the chapter on screen (from and to), at a size of the window's canvas shape, or of the screen's when that
is a 4:3 projector (the 1024 x 768 preset on a 1024 x 768 screen, not 1920 x 1080). Once a dialog is accepted, the
next one of that kind opens with its choices again, also when the export then failed (a folder not found): the slide
dialog was back at 1920 x 1080 and chapters 0-13. Kept for the window's ClassroomModel, for the session only."""
from __future__ import annotations

from weakref import WeakKeyDictionary

from ..lesson.canvas import canvas_for

KEPT: WeakKeyDictionary = WeakKeyDictionary()  # ClassroomModel -> {kind: {choice: value}}
BOXES = ("size", "theme", "svg_text", "per", "first", "last", "pace")  # combo boxes kept by index
CHECKS = ("transparent", "quiz")


def first_size(choices, canvas=None, screen: tuple[int, int] | None = None):
    """The preset a dialog starts at: of the window canvas's shape, or 4:3 on a 4:3 screen (800 x 800 is none); the
    screen's own size where it is such a preset; else the first of that shape (else the first preset)."""
    presets = [s for s in choices if s]
    shape = canvas
    if screen and screen[1] and abs(screen[0] / screen[1] - 4 / 3) < 0.02:  # a 4:3 projector (1024 x 768)
        shape = canvas_for(*screen)
    shaped = [s for s in presets if shape is not None and canvas_for(*s) == shape] or presets
    return tuple(screen) if screen and tuple(screen) in map(tuple, shaped) else shaped[0]


def remember(model, kind: str, options) -> None:
    """Keep an accepted dialog's choices for the next dialog of `kind`."""
    kept = {name: getattr(options, name).currentIndex() for name in BOXES}
    kept.update({name: getattr(options, name).isChecked() for name in CHECKS})
    kept["custom"] = (options.width.value(), options.height.value())
    KEPT.setdefault(model, {})[kind] = kept


def restore(model, kind: str, options) -> None:
    """Give a new dialog the choices the last accepted one of `kind` had (nothing the first time)."""
    kept = KEPT.get(model, {}).get(kind)
    if not kept:
        return
    for name in BOXES:
        getattr(options, name).setCurrentIndex(kept[name])
    for name in CHECKS:
        getattr(options, name).setChecked(kept[name])
    if options.size.currentData() is None:  # a custom size: its width and height again
        options.width.setValue(kept["custom"][0])
        options.height.setValue(kept["custom"][1])
