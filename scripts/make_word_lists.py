"""Write assets/words/en.txt and ja.txt: the everyday words the teaching model's vocabulary starts from.

    python scripts/make_word_lists.py     (needs `pip install wordfreq`; build time only)

Each file is one word a line, most frequent first, from wordfreq's combined frequency lists. English keeps
plain lowercase words (with one apostrophe tail such as don't); Japanese keeps words written in kana and
kanji, without the verb stems cut before っ and without lone kana that are not particles. The app never
imports wordfreq: training reads these files.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "assets" / "words"
COUNTS = {"en": 2200, "ja": 1700}
EN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
JA_WORD = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3005]+")
PARTICLES = set("がのにでへをとはもやかねよわぞ")


def keep(word: str, lang: str) -> bool:
    if lang == "en":
        return bool(EN_WORD.fullmatch(word)) and (len(word) > 1 or word in ("a", "i"))
    if not JA_WORD.fullmatch(word) or word.endswith("っ"):
        return False
    return len(word) > 1 or word in PARTICLES or not ("\u3041" <= word <= "\u3096")


def main() -> int:
    from wordfreq import top_n_list

    OUT.mkdir(parents=True, exist_ok=True)
    for lang, count in COUNTS.items():
        words = [w for w in top_n_list(lang, 4 * count) if keep(w, lang)][:count]
        (OUT / f"{lang}.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
        print(f"{lang}: {len(words)} words -> {OUT / (lang + '.txt')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
