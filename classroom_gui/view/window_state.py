"""The window's read-only views of its application model (app.model.ClassroomModel), read by dialogs, the crash
reporter and tests: the window keeps no lesson state of its own."""
from __future__ import annotations

from . import window_build


class ModelViews:
    """Mixed into MainWindow, whose `model` is the ClassroomModel."""
    checkpoint = property(lambda self: self.model.checkpoint)
    run = property(lambda self: self.model.run)
    sel = property(lambda self: self.model.sel)
    player = property(lambda self: self.model.player)
    gallery = property(lambda self: self.model.gallery)
    notices = property(lambda self: self.model.notices)
    charts = property(window_build.charts_panel)  # the side panel's charts, built when first asked for
