"""teacher28 M2: a class with "he" in seat 19 and in seat 49 (the narration's top share). The PPTX notes of the ÷√d
slide said "Redo one on the board: "he": 7.4826 ÷ 2.8284 = 2.65", seat 19's line, matched by name, and the exp
slide's "he" (seat 19) line was not on its board, which stopped at seat 16. The notes now name the student by seat,
as the board does, and redo only a line the slide's picture draws."""
from __future__ import annotations

from dataclasses import replace

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import seat_quoted, text
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

from test_long_lists import GPT2, PARAGRAPH

STEPS = ("scoring.rest", "scaling.divide", "softmax.exp", "softmax.sum", "softmax.weights")
NAMED = ("scaling.divide", "softmax.exp", "softmax.weights")  # boards of a line per student: the top share's redone


def squashed(s: str) -> str:
    return "".join(s.split())


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_redo_line_in_the_notes_is_a_line_the_slides_board_draws(qapp, tmp_path, lang, size):
    from pptx import Presentation

    from classroom_gui.export.deck_pptx import save_pptx
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(load_checkpoint(GPT2), PARAGRAPH, "causal").trace
    sel = Selection(focus=trace.n_tokens - 1, lang=lang, rule="causal").sized(*size)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    frames = [frame_at(trace, sel, timeline.beat_stop(next(i for i, b in enumerate(timeline.beats) if b.key == key)))
              for key in STEPS]
    names = [s.text for s in frames[0].students]
    assert names.count(names[48]) > 1 and names[18] == names[48]  # "he" sits in seats 19 and 49
    save_pptx(frames, tmp_path / "d.pptx", size, None, lambda done, total: None)
    slides = Presentation(str(tmp_path / "d.pptx")).slides
    lead = text(lang, "speaker.redo", line="")
    scene = ClassroomScene()
    for frame, slide in zip(frames, slides):
        scene.set_frame(replace(frame, title="", narration="", notices=[]))
        drawn = squashed("".join(scene.board.lines.lines))
        notes = slide.notes_slide.notes_text_frame.text.split("\n\n")
        redo = [n[len(lead):] for n in notes if n.startswith(lead)]
        if frame.beat_key == "scoring.rest":  # its board lists scores: the notes work the named one's from the cards
            said = seat_quoted(lang, names, 48)
            assert not redo and text(lang, "speaker.board_line", name=said) in notes[0], notes[0]
            continue
        assert redo, (frame.beat_key, notes)
        for part in redo[0].split(" … "):  # a long equation: its first line and its result
            assert squashed(part) in drawn, (frame.beat_key, part, scene.board.lines.lines)
        if frame.beat_key in NAMED:  # the top share, "he" in seat 49, by its seat (the narration's)
            top = max(range(trace.n_tokens), key=lambda j: frames[-1].bars.values[j])
            assert top == 48
            said = seat_quoted(lang, names, top)
            assert redo[0].startswith(said), (frame.beat_key, redo[0])
            assert text(lang, "speaker.board_line", name=said) in notes[0], notes[0]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_marked_top_share_of_a_word_that_sits_twice_is_pointed_at_by_its_seat(lang):
    from classroom_gui.lesson.deck import deck_frames
    from classroom_gui.lesson.speaker_notes import speaker_notes

    trace = run_sentence(load_checkpoint(GPT2), PARAGRAPH, "causal").trace
    sel = Selection(focus=trace.n_tokens - 1, lang=lang, rule="causal")
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    times = [timeline.beat_stop(i) for i, b in enumerate(timeline.beats) if b.chapter in ("mask", "softmax")]
    marked = [f for f in deck_frames(trace, sel, times, "beat", quiz=True)
              if f.quiz and f.quiz.get("kind") == "top_share" and f.quiz.get("answer") is not None]
    assert marked
    said = seat_quoted(lang, [s.text for s in marked[0].students], 48)  # "he" (seat 49), as the choice says it
    assert marked[0].quiz["choices"][marked[0].quiz["answer"]] == said
    notes = speaker_notes(marked[0], lang)
    assert said in notes[0] and f"{said}" in notes[0].split(text(lang, "speaker.join"))[-1], notes[0]


def _redo(notes: list[str], lang: str) -> list[str]:
    lead = text(lang, "speaker.redo", line="")
    return [n[len(lead):] for n in notes if n.startswith(lead)]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_notes_of_answered_quiz_slides_redo_a_line_the_exported_picture_draws(qapp, tmp_path, lang):
    """review29 4b: the PPTX (its picture laid out round the quiz card, not drawn; `drawn` taken before the card) and
    the PNG folder (the card drawn on the picture) were never checked against their own pictures, only a fresh
    scene's. Each exported slide's redo line is on the board of that export's picture, drawn as the export draws it."""
    from pptx import Presentation

    from classroom_gui.export.deck import write_folder
    from classroom_gui.export.deck_pptx import save_pptx
    from classroom_gui.lesson.deck import deck_frames
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.palette import theme
    from classroom_gui.scene.render import render_frame

    trace = run_sentence(load_checkpoint(GPT2), PARAGRAPH, "causal").trace
    size = (1024, 768)
    sel = Selection(focus=trace.n_tokens - 1, lang=lang, rule="causal").sized(*size)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    times = [timeline.beat_stop(i) for i, b in enumerate(timeline.beats) if b.chapter in ("scaling", "softmax")]
    frames = [f for f in deck_frames(trace, sel, times, "beat", quiz=True)
              if f.quiz and f.quiz.get("answer") is not None]
    assert frames
    save_pptx(frames, tmp_path / "d.pptx", size, None, lambda done, total: None)
    write_folder(frames, tmp_path / "png", size, theme("classroom"), lambda done, total: True)
    slides = Presentation(str(tmp_path / "d.pptx")).slides
    rows = (tmp_path / "png" / "notes.txt").read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(frames) == len(slides)
    checked = 0
    for frame, slide, row in zip(frames, slides, rows):
        bare = replace(frame, title="", narration="", notices=[])
        pictures = {  # each export's picture of the slide, drawn as that export draws it (deck_pptx._picture, write_folder)
            "pptx": (bare, dict(card=False)), "png": (frame, {})}
        notes = {"pptx": slide.notes_slide.notes_text_frame.text.split("\n\n"),
                 "png": [row.split("\t")[3]]}
        for kind, (shown, how) in pictures.items():
            scene = ClassroomScene(theme=theme("classroom"))
            render_frame(shown, size, theme("classroom"), scene=scene, whole=True, **how)
            drawn = squashed("".join(scene.board.lines.lines)) if scene.board.lines.isVisible() else ""
            lead = text(lang, "speaker.redo", line="")
            # notes.txt: the paragraphs on one line, the redo line among them (the notices after it): its start
            redo = _redo(notes[kind], lang) if kind == "pptx" else notes[kind][0].split(lead, 1)[1:]
            if frame.notices:  # (notes.txt: the notices after it, e.g. the caption's note on ␣: marks.explain_marks)
                redo = [line.split(frame.notices[0])[0].rstrip() for line in redo]
            for line in redo:  # a long equation: its first line, and its result, "… = 0.19"
                part = line.split(" … ")[0]
                assert squashed(part)[:60] in drawn, (kind, frame.beat_key, part, scene.board.lines.lines)
                checked += 1
    assert checked, "no answered quiz slide redoes a board line"
