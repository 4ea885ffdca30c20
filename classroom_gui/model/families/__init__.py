"""Model families the classroom can compute, by config.json's model_type: one module each (gpt2.py is the
first), holding the config keys it reads and the names and shapes of its weights (its forward module imports it, not the
other way round).

Adding a family is one module with the same names as gpt2.py, listed in FAMILIES; config.py and
checkpoint.py read a family from here, and refuse an unlisted model_type by name."""
from __future__ import annotations

from . import gpt2

FAMILIES = {gpt2.MODEL_TYPE: gpt2}


def family(model_type):
    """The module for a config.json's model_type, or None when the classroom does not compute it."""
    return FAMILIES.get(model_type) if isinstance(model_type, str) else None
