"""teacher5 L1: a Japanese teacher's first run (LANG=ja_JP.UTF-8, nothing saved) opened in English, with an English
sentence. The first run now speaks the desktop's language and studies the seed's own sentence; a language once
saved wins over the desktop's, and a desktop language without strings falls back to English."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

CHILD = """
import json, sys
from classroom_gui.view import settings
store = settings.open_store(sys.argv[1])
if len(sys.argv) > 2:
    store.setValue("lang", sys.argv[2]); store.sync()
s = settings.load(store)
print(json.dumps([s.lang, s.sentence]))
"""


def first_run(tmp_path, locale: str, saved: str | None = None):
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG")}
    env["LANG"] = locale
    args = [sys.executable, "-c", CHILD, str(tmp_path / "s.conf")] + ([saved] if saved else [])
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("locale, want", [("ja_JP.UTF-8", ["ja", "猫がマットの上に座った"]),
                                          ("en_GB.UTF-8", ["en", "The cat sat on the mat"]),
                                          ("de_DE.UTF-8", ["en", "The cat sat on the mat"])])
def test_the_first_run_speaks_the_desktops_language(tmp_path, locale, want):
    assert first_run(tmp_path, locale) == want


def test_a_saved_language_wins_over_the_desktops(tmp_path):
    assert first_run(tmp_path, "ja_JP.UTF-8", saved="en")[0] == "en"
