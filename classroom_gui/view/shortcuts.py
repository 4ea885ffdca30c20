"""The keyboard shortcuts, read from the one actions table (app.actions): (keys, action, help text key)."""
from ..app.actions import SHORTCUTS

__all__ = ["SHORTCUTS"]
