"""The keys of Undo and Redo of the what-if edits: the actions table binds them (actions.ACTIONS), and the status
lines that name them read them here, since history (which says the restored edits' line) sits below actions in
the import order (actions -> model_identity -> history). A key is named in the reader's language by key_label,
here for the same reason (actions re-exports it)."""
from __future__ import annotations

from ..messages.strings import text

UNDO_KEYS = ("Ctrl+Z",)
REDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")
RESET_EDITS_KEYS = ("Ctrl+Shift+R",)  # Edit → Reset what-if edits: a key the status lines can name, since presenter
# mode (F5) hides the menu bar they named (teacher30 #13)
KEY_NAMES = ("Space", "Right", "Left", "Up", "Down", "PgDown", "PgUp")  # named in each language's strings (key.*)


def key_label(key: str, t) -> str:
    """A key as the reader's language names it, part by part ("Ctrl+Right" is "Ctrl+→" in Japanese, "Space" is
    「スペース」): `t` is the strings' lookup. The bindings themselves stay Qt's names."""
    return "+".join(t(f"key.{part}") if part in KEY_NAMES else part for part in key.split("+"))


class KeyName:
    """A key in a Phrase, said later in the reader's language by key_label (review30 8: history's restored-edits
    line named the Undo key raw, beside the status lines' key_label)."""

    def __init__(self, key: str):
        self.key = key

    def said(self, lang: str) -> str:
        return key_label(self.key, lambda key, **values: text(lang, key, **values))

    def __str__(self) -> str:
        return self.said("en")
