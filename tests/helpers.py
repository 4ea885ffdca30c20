"""Shared test helpers: a small random checkpoint that needs no trained model, and a window showing one (warned_window:
its warning boxes kept); a ClassroomModel with the quiz on (quiz_model, to_step); a frame at a beat (beat_frame); the
command line run and its stderr read (cli_run, cli_err, one_line); export temporaries (part_files); a worksheet's
refusal."""
from __future__ import annotations

import numpy as np

from classroom_gui.model import ClassroomTokenizer, GPTConfig, load_checkpoint, save_checkpoint
from classroom_gui.model.checkpoint import expected_shapes

# keys whose English names fewer values than the other languages (review12: a student made deaf by mask edits is
# 'student 3 ("cat")' in English, as 「3番の席の「猫」」 in Japanese): quiz.keys, whose keys A-D are English's marks,
# named once (ja: 「1〜2またはA〜B（どちらもア〜イの順）」, review34 #3)
ENGLISH_NAMES_FEWER = frozenset({"quiz.keys"})
# keys where each language words a file's fault from the fields the code gives (model.limits): English keeps Python's
# reason and counts bytes from 0; Japanese counts from 1 and gives JSON's line and column, without Python's English
OWN_WORDING = {"limit.not_utf8": frozenset({"path", "reason", "byte", "nth"}),
               "limit.json": frozenset({"path", "detail", "line", "col"}),
               # a library's English reason (safetensors, tokenizers) or Python's type name: kept by English only
               **{key: frozenset({"path", "detail"}) for key in (
                   "model.not_safetensors", "model.tokenizer.cannot_read", "model.tokenizer.cannot_write",
                   "model.tokenizer.malformed", "model.tokenizer.unreadable")},
               "model.config.not_object": frozenset({"path", "got"})}

VOCAB = ("<unk>", "the", "cat", "sat", "on", "mat", ".", "猫", "が", "マット", "の", "上", "に", "座った", "。")


def random_checkpoint(folder, seed: int = 0, n_layer: int = 2, n_head: int = 2, n_embd: int = 16, n_positions: int = 64,
                      tokenizer: ClassroomTokenizer | None = None, offsets: dict[str, float] | None = None):
    """`offsets`: a number added to every value of the named weights (a feed-forward bias raised: most units kept)."""
    tokenizer = tokenizer or ClassroomTokenizer(list(VOCAB))
    cfg = GPTConfig(n_layer=n_layer, n_head=n_head, n_embd=n_embd, n_positions=n_positions,
                    vocab_size=len(tokenizer.vocab), n_inner=4 * n_embd)
    rng = np.random.default_rng(seed)
    params = {k: (rng.standard_normal(s) * 0.5 + (offsets or {}).get(k, 0.0)).astype(np.float32)
              for k, s in expected_shapes(cfg).items()}
    save_checkpoint(folder, cfg, params, tokenizer)
    return load_checkpoint(folder)


def pieces_tokenizer(extra_words=()) -> ClassroomTokenizer:
    """VOCAB's words (and extra_words) plus single-character pieces, as the shipped tokenizer has them: an
    unknown word is read as its letters or kana, each marked unknown."""
    words = [w for w in VOCAB if w != "<unk>"] + list(extra_words)
    pieces = sorted(set("abcdefghijklmnopqrstuvwxyz") | {c for w in words for c in w} | set("マッ寝た"))
    return ClassroomTokenizer.from_words(words, pieces)


def window_on(qtbot, checkpoint, store: str, show: bool = True):
    """The classroom window on `checkpoint` with its settings in the file `store` (as a restart reads them)."""
    from classroom_gui.view import settings
    from classroom_gui.view.window import MainWindow

    w = MainWindow(checkpoint, settings.open_store(store))
    qtbot.addWidget(w)
    if show:
        w.show()
    return w


def canvas():
    """A shown CanvasView of the window's size (the canvas_warm tests'), offscreen."""
    from classroom_gui.view.canvas_view import CanvasView
    view = CanvasView()
    view.resize(1013, 577)
    view.show()
    return view


def grab(view):
    """What `view`'s viewport paints now."""
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def random_window(qtbot, folder):
    """The classroom window on a random checkpoint in `folder`, with its settings there too, shown."""
    return window_on(qtbot, random_checkpoint(folder / "ck"), str(folder / "settings.ini"))


def warned_window(qtbot, folder, monkeypatch):
    """random_window (its settings in s.ini), its warning boxes (window_jobs.warn) kept instead of shown: each box's
    text in `w.messages`, its (title, text, details) in `w.boxes`."""
    from classroom_gui.view import window_jobs

    messages, boxes = [], []
    monkeypatch.setattr(window_jobs, "warn", lambda parent, title, said, detail="": (
        messages.append(said), boxes.append((title, said, detail))))
    w = window_on(qtbot, random_checkpoint(folder / "ck"), str(folder / "s.ini"))
    w.messages, w.boxes = messages, boxes
    return w


def add_segments(path, c, n: int) -> None:
    """The reference for scene.link_pieces (review24: no longer called by the app): the cubic `c` as n straight
    pieces added to `path`, each its own moveTo / lineTo pair, its points by link_labels.point_at one at a time."""
    from classroom_gui.scene.link_labels import point_at

    prev = c[0]
    for k in range(1, n + 1):
        nxt = point_at(c, k / n)
        path.moveTo(*prev)
        path.lineTo(*nxt)
        prev = nxt


# The hiragana words a Japanese narration starts a phrase with after a particle, read off the seed's captions and the
# CLI's help (fixed, not the implementation's rule: review25 #15): a line may end with the particle and start with one of them
# (「最後に / もう一度」, 「「猫」が / いちばんよく」); any other break between two hiragana is inside a word or phrase
# (「授業のは / じまり」, 「計算で / きる」, 「正の / もの」, 「0に / し（」: jareview5 #3).
PHRASE_STARTS = ("いちばん", "もう一度", "なり", "でき", "いません", "おしまい", "そろう", "かまいません", "します",
                 "して", "どれも", "わかる")
ENDING_PARTICLES = ("が", "の", "に", "で", "は", "を", "でも")


def phrase_break(before: str, after: str) -> bool:
    """Whether a line ending with `before` and a next starting with `after` break between two phrases (PHRASE_STARTS)."""
    return before.endswith(ENDING_PARTICLES) and after.startswith(PHRASE_STARTS)


def quiz_model(checkpoint, sentence: str, lang: str = "ja", rule: str = "none", focus: int | None = None, canvas=None):
    """A ClassroomModel of `sentence` told under `rule` in `lang` (the asker `focus`, else the lesson's own; on
    `canvas`, else the default), the quiz on, at the lesson's start."""
    from classroom_gui.app.model import ClassroomModel
    from classroom_gui.lesson.state import prepared_run

    model = ClassroomModel(checkpoint, lang=lang)
    model.set_run(prepared_run(checkpoint, sentence, rule))
    model.select(rule=rule, lang=lang, **({} if focus is None else {"focus": focus}))
    if canvas is not None:
        model.set_canvas(canvas)
    model.set_quiz(True)
    model.play("home")
    return model


def at_two_answers(model) -> None:
    """`model` (quiz_model) moved to the quiz's first step with two questions and its first question asked."""
    from classroom_gui.lesson.quiz_play import class_questions

    by_step = {}
    for q in class_questions(model.shown_trace(), model.sel):
        by_step.setdefault(q.step, []).append(q)
    step = next(s for s, qs in by_step.items() if len(qs) == 2)
    model.player.jump(model.player.timeline.beat_stop(step - 2))
    model.quiz_next()


def to_step(model, step: int) -> None:
    """`model` at the stop of its lesson's step `step` (counted from 1)."""
    model.player.jump(model.player.timeline.beat_stop(step - 1))


def beat_frame(trace, key: str, **sel):
    """The Frame at the stop of the beat `key` of `trace`'s lesson, under Selection(**sel)."""
    from classroom_gui.lesson.state import Selection, frame_at, timeline_for

    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(tl.beats) if b.key == key)
    return frame_at(trace, Selection(**sel), tl.beat_stop(i))


def one_line(err: str) -> str:
    """A command's stderr, checked to be one line (blank lines aside) and no traceback: that line."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def cli_err(capsys, argv) -> tuple[int, list[str]]:
    """classroom_gui.cli.main(argv)'s exit status and the lines (blank ones aside) it wrote to stderr."""
    from classroom_gui.cli import main

    code = main(argv)
    return code, [line for line in capsys.readouterr().err.splitlines() if line.strip()]


def part_files(folder) -> list[str]:
    """The names of the export temporaries (*.part) left in `folder`, sorted."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def worksheet_refusal(call):
    """The WorksheetError `call()` raises (the test fails if it raises none)."""
    import pytest

    from classroom_gui.lesson.worksheet import WorksheetError

    with pytest.raises(WorksheetError) as caught:
        call()
    return caught.value


def cli_run(capsys, *argv):
    """classroom_gui.cli.main on `argv` (each made a str): (exit status, stdout, stderr)."""
    from classroom_gui.cli import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
