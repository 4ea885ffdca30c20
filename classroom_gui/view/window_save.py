"""The window's settings as they are now, written to the settings file (view.settings): on closing, and
SAVE_MS after the lesson last changed. A mixin of MainWindow (kept apart so the window class stays small)."""
from __future__ import annotations

from ..app.model_identity import model_id
from . import screen_size, settings


class SavesSettings:
    def save_settings(self, closing: bool = False) -> bool:
        """The settings as they are now: on closing, and SAVE_MS after the lesson last changed, so that an app
        killed while frozen (teacher6 M7: a file dialog reading /proc/kmsg) loses nothing. True when written."""
        if closing:
            geometry, maximized = screen_size.closing(self)
        elif self.isFullScreen():  # presenter mode: the saved windowed geometry stays
            geometry, maximized = None, bool(self.property("windowed_maximized"))
        else:
            geometry, maximized = self.saveGeometry(), self.isMaximized()
        try:
            left = self.model.kept_left()  # an emptied sentence: the class Undo brings back is kept (teacher31 #1)
            if left:  # its asker's word kept with it, whole or by its text (review32 #5)
                sel, asker, typed = left.where, left.read[2], left.typed
            else:
                sel, tokens, typed = self.sel, self.run.trace.tokens if self.run else [], self.model.typed
                asker = tokens[sel.focus] if sel.focus < len(tokens) else ""
            field = (left and typed) or self.sentence.text() or settings.DEFAULT_SENTENCE
            saved = settings.save(self.store, settings.Settings(field,
                                                         self.sel.lang, self.player.speed, geometry, maximized,
                                                         sel.focus if asker else None, asker, sel.layer, sel.head,
                                                         sel.rule, self.model.left_at(), self.model.edit_specs(),
                                                         board=self.model.board, compared=self.compared),
                                  place=self.run is not None or left is not None, model=model_id(self.model.model_key),
                                  typed=typed, retire=self.retire)  # its section of before (teacher22 M1)
            if saved and self.run is not None:
                self.retire = None  # moved under the model's own id
            return saved
        except Exception:
            return False  # settings are a convenience; never block closing or the lesson
