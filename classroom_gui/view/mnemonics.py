"""Menu items' access keys (teacher34 #9: no item had one; Alt+V then the arrows was the only way in): each item's
letter is chosen once, from its English label (a word's first letter first, then any), unique in its menu, and used in
both languages as Japanese apps do: 「別の文と比べる（&C）…」, "&Compare with another sentence…"."""
from __future__ import annotations

from functools import lru_cache

from ..lesson.strings import text


def letters_for(labels: list[tuple[str, str]]) -> dict[str, str]:
    """{item id: its letter} for one menu's (id, English label) in order: the first word-initial letter not taken,
    else the first letter not taken; none when every letter of the label is taken."""
    used: set[str] = set()
    out = {}
    for item, label in labels:
        words = [w for w in label.replace("&", "").split() if w[:1].isascii() and w[:1].isalpha()]
        firsts = [w[0].upper() for w in words]
        rest = [c.upper() for c in label if c.isascii() and c.isalpha()]
        letter = next((c for c in firsts + rest if c not in used), None)
        if letter is not None:
            used.add(letter)
            out[item] = letter
    return out


def marked(label: str, letter: str | None, lang: str) -> str:
    """`label` with access key `letter`: in English its first such letter underlined (a word's first if one is), else
    「 (&X)」 after it; in Japanese 「（&X）」 after it, before a closing 「…」. A label that has one keeps it."""
    if not letter or "&" in label:
        return label
    if lang != "ja":
        words = [i for i, c in enumerate(label) if c.upper() == letter and (i == 0 or label[i - 1] == " ")]
        anywhere = [i for i, c in enumerate(label) if c.upper() == letter]
        at = (words or anywhere or [None])[0]
        if at is not None:
            return label[:at] + "&" + label[at:]
        return label[:-1] + f" (&{letter})…" if label.endswith("…") else label + f" (&{letter})"
    return label[:-1] + f"（&{letter}）…" if label.endswith("…") else label + f"（&{letter}）"


@lru_cache(maxsize=None)
def menu_letters(items: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """letters_for over (id, string key) pairs, the labels read in English."""
    return letters_for([(item, text("en", key)) for item, key in items])


def plain(label: str) -> str:
    """A menu item's text without its access key: 「（&C）」 and " (&C)" gone, "&" before a letter dropped ("&&" is "&")."""
    import re
    return re.sub(r"&(.)", r"\1", re.sub(r"（&[A-Z0-9]）| \(&[A-Z0-9]\)", "", label))
