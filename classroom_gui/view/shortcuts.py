"""Every keyboard shortcut in one table: (keys, action, help text key). The window binds them from here
and the help screen lists them from here, so the two never disagree.

Presentation clickers send PageDown / PageUp (and some F5 / Esc), so those step the lesson too.
"""
from __future__ import annotations

SHORTCUTS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("Space",), "play", "help.play"),
    (("Right", "PgDown"), "next_beat", "help.next_beat"),
    (("Left", "PgUp"), "prev_beat", "help.prev_beat"),
    (("Ctrl+Right", "]"), "next_chapter", "help.next_chapter"),
    (("Ctrl+Left", "["), "prev_chapter", "help.prev_chapter"),
    (("Home",), "home", "help.home"),
    (("End",), "end", "help.end"),
    (("Down",), "next_focus", "help.next_focus"),
    (("Up",), "prev_focus", "help.prev_focus"),
    (("+", "="), "faster", "help.faster"),
    (("-",), "slower", "help.slower"),
    (("Ctrl+R",), "reset", "help.reset"),
    (("F5", "F11"), "presenter", "help.presenter"),
    (("Esc",), "leave", "help.leave"),
    (("Ctrl+L",), "sentence", "help.sentence"),
    (("Ctrl+Shift+L",), "language", "help.language"),
    (("M",), "rule", "help.rule"),
    (("G",), "glossary", "help.glossary"),
    (("Ctrl+O",), "open_model", "help.open_model"),
    (("Ctrl+C",), "copy", "help.copy"),
    (("Ctrl+E",), "export_picture", "help.export_picture"),
    (("Ctrl+Shift+E",), "export_deck", "help.export_deck"),
    (("Ctrl+Shift+V",), "export_video", "help.export_video"),
    (("F1", "?"), "help", "help.help"),
)
