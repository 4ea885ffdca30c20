"""A chapter is one file (lesson/chapters/NN_name.py) plus its strings: every file is found and numbered by
its place, and a new chapter written into a copy of the package is numbered, titled, walkable and offered
by the CLI without any other edit."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import classroom_gui
from classroom_gui.lesson import chapters
from classroom_gui.lesson.strings import LANGUAGES, table
from classroom_gui.lesson.timeline import Timeline

PACKAGE = Path(classroom_gui.__file__).parent
TESTS = Path(__file__).parent


def test_every_chapter_file_is_a_chapter_numbered_by_its_place():
    files = sorted(p.stem for p in (PACKAGE / "lesson" / "chapters").glob("[0-9]*_*.py"))
    assert [f"{c.number:02d}_{c.key}" for c in chapters.LESSON] == files  # the file's number is its place
    assert chapters.CHAPTERS == tuple(f.split("_", 1)[1] for f in files)


NARRATED_OTHERWISE = {"ffn.activation": "ffn.act.zero"}  # a sentence per activation kind (ffn.act.<kind>)


def test_every_step_has_its_narration_and_every_chapter_its_title():
    for lang in LANGUAGES:
        for c in chapters.LESSON:
            assert f"chapter.{c.key}" in table(lang)
            for s in c.steps:
                key = c.step_key(s)
                assert NARRATED_OTHERWISE.get(key, key) in table(lang), (lang, key)


def test_every_declared_step_plays():
    played = {b.key for b in Timeline(12, 3).beats}  # 12 students: scoring's "rest" beat plays too
    assert played == {c.step_key(s) for c in chapters.LESSON for s in c.steps}


RECESS = '''"""Chapter: recess (a test's extra chapter)."""
from classroom_gui.lesson.beat import Step


def chat(ctx, fr):
    fr.narration = ctx.t(ctx.beat.key, focus=ctx.q(ctx.f))
    fr.board = [ctx.t("board.card_of", card=ctx.t("card.query"), name=ctx.q(ctx.f))]


STEPS = [Step("chat", 1.5, chat), Step("bell", 1.0, chat)]
'''

WALK = '''
import json, sys, tempfile
from helpers import random_checkpoint
from classroom_gui.lesson.chapters import CHAPTERS, chapter_title
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run
ck = random_checkpoint(tempfile.mkdtemp(), n_layer=2)
trace = compute_run(ck, "the cat sat", "causal").trace
tl = timeline_for(trace.n_tokens, ck.config.n_layer)
seen = []
for lang in ("en", "ja"):
    for i, b in enumerate(tl.beats):
        if b.chapter == "recess":
            fr = frame_at(trace, Selection(lang=lang), tl.beat_stop(i))
            seen.append([fr.chapter, fr.beat_key, fr.title, fr.narration, fr.board])
print(json.dumps({"chapters": CHAPTERS, "title": chapter_title("ja", "recess"), "seen": seen,
                  "last_stop": tl.next_chapter(tl.chapter_stop("answer")) == tl.chapter_stop("recess")}))
'''


def test_a_new_chapter_is_one_file_plus_strings(tmp_path):
    copy = tmp_path / "classroom_gui"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "lesson" / "chapters" / "14_recess.py").write_text(RECESS, encoding="utf-8")
    for lang, words in {"en": ("Recess", "{focus} chats.", "The bell rings."),
                        "ja": ("休み時間", "{focus}がおしゃべりします。", "チャイムが鳴ります。")}.items():
        path = copy / "messages" / "strings" / f"{lang}.json"
        strings = json.loads(path.read_text(encoding="utf-8"))
        strings.update({"chapter.recess": words[0], "recess.chat": words[1], "recess.bell": words[2]})
        path.write_text(json.dumps(strings, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(TESTS)]), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", WALK], capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["chapters"][-1] == "recess" and len(out["chapters"]) == len(chapters.CHAPTERS) + 1
    assert out["title"] == "14. 休み時間"
    assert out["last_stop"]  # "next chapter" from answer time walks on into the new chapter
    en, ja = out["seen"][:2], out["seen"][2:]
    assert [s[:2] for s in en] == [[14, "recess.chat"], [14, "recess.bell"]]
    assert en[0][2].startswith("14. Recess") and en[0][3] == '"cat" chats.' and en[1][3] == "The bell rings."
    assert ja[0][2].startswith("14. 休み時間") and ja[0][3] == "「cat」がおしゃべりします。"
    helped = subprocess.run([sys.executable, "-m", "classroom_gui", "export", "--help"], capture_output=True,
                            text=True, env=env, cwd=tmp_path, timeout=300)
    assert helped.returncode == 0, helped.stderr
    assert "0-14" in helped.stdout and "recess" in helped.stdout
