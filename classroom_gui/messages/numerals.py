"""Whether typed text is a whole number int() reads: ASCII digits only. str.isdigit() also says yes to "²" and
"①", which int() refuses, so a check on isdigit() alone let them through to a traceback (review17, fix23)."""
from __future__ import annotations


def whole(text: str) -> bool:
    """"12" yes; "", "-3", "1.5", "²", "１２" (full-width) no."""
    return text.isascii() and text.isdigit()
