"""The keys of Undo and Redo of the what-if edits: the actions table binds them (actions.ACTIONS), and the status
lines that name them read them here, since history (which says the restored edits' line) sits below actions in
the import order (actions -> model_identity -> history)."""
UNDO_KEYS = ("Ctrl+Z",)
REDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")
