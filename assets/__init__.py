"""Files shipped with Attention Classroom (installed as the package data classroom_gui.assets)."""
