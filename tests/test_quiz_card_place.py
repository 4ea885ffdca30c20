"""The answered quiz card covers none of what the answer is read from. teacher13 M3: over the class it hid 「猫」's
cards and two share badges; review17: over the board's lines it hid the mask answer's 「が」：0.221⇒0… and the
softmax divisions, a card too short above a chart took the whole board, chart and all, and its text shrank to 21 px.
On every answer slide of the quiz deck, for classes of 1 to 33 (en/ja, both rules, 16:9 and 4:3), the card meets
no seat or drawn desk (cards, name, badge) its answer is read from (the asker and the students its question names,
quiz["seats"]; for the sum and the next word every desk's name and share badge, not its cards: polish23, where 8 of
93 Japanese in-turn sum cards of 12 students at 4:3 had lost their question; fix42 lets a card that keeps its question cover the
others, where 39 of 93 answered cards of 12 English students at 4:3 had lost it), no share label of a link, not the board's lines as far as they reach
(rect taken from the lines' own font and count), no strip on the board, not the chart nor its heading, not the words
of the title nor of the narration; its text is at least 24 canvas px and whole (not cut with "…"), the answer marked. In the PPTX its box is where the
picture draws it, its text as big."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from classroom_gui.export.moments import deck_times
from classroom_gui.lesson.quiz_play import deck_with_quiz
from classroom_gui.lesson.state import Selection, timeline_for
from classroom_gui.model.sentence import run_sentence

EN = "the cat sat on the mat and the dog ran to the park with a ball".split() * 3
JA = list("猫犬鳥魚山川空海花木石森") * 3
SEED = {"ja": "猫がマットの上に座った", "en": "The cat sat on the mat"}
CASES = [(1, "en", "none", (1920, 1080)), (3, "ja", "causal", (1024, 768)), (7, "ja", "none", (1024, 768)),
         (7, "en", "causal", (1024, 768)), (9, "ja", "causal", (1024, 768)), (10, "en", "none", (1024, 768)),
         (12, "ja", "none", (1920, 1080)), (12, "en", "causal", (1024, 768)), (20, "en", "causal", (1024, 768)),
         (33, "ja", "none", (1920, 1080))]


def sentence(lang: str, n: int) -> str:
    return " ".join(EN[:n]) if lang == "en" else "".join(JA[:n])


def answered(checkpoint, text: str, lang: str, size, rule: str):
    trace = run_sentence(checkpoint, text, rule).trace
    sel = Selection(lang=lang, rule=rule).sized(*size)
    frames = deck_with_quiz(trace, sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat"))
    return [f for f in frames if f.quiz and f.quiz["answer"] is not None]


def lines_rect(board) -> QRectF:
    """The board's lines as drawn: from the top of their area, as many rows as the longest column, 1.3 x the font."""
    lines = board.lines
    rows = max(len(c) for c in lines.columns)
    return QRectF(lines.area.x(), lines.area.y(), lines.area.width(), rows * lines.font.pixelSize() * 1.3)


def words(item) -> QRectF:
    return QFontMetricsF(item.font).boundingRect(item.area, item.flags, item.text)


def name_bands(scene) -> dict[int, QRectF]:
    """Each drawn desk's band from its top down to the foot of its name tag and badge, as the desk draws them."""
    bands = {}
    for d in scene.desks:
        if d.isVisible() and d.student is not None:
            name, badge = d.tag_rects()
            foot = max(name.bottom(), badge.bottom() if badge is not None else 0.0)
            bands[d.student.index] = d.mapRectToScene(QRectF(0, 0, d.box.w, foot))
    return bands


def check_frames(scene, frames, where: str) -> None:
    assert frames, where
    for frame in frames:
        scene.set_frame(frame)
        said = f"{where} {frame.title}"
        card = scene.quiz_panel.area
        assert scene.quiz_panel.isVisible() and scene.quiz_text.isVisible(), said
        read = set(frame.quiz.get("seats") or [s.index for s in frame.students])  # the desks the answer is read from
        heads = {} if frame.quiz.get("seats") else name_bands(scene)  # every desk: by its name and badge only
        if frame.quiz.get("seats"):  # a named desk the rule hatches (the mask chapter): its name only (teacher40 #10)
            hatched = {s.index for s in frame.students if s.state == "masked"} & read
            heads = {i: band for i, band in name_bands(scene).items() if i in hatched}
        shown = [QRectF(s.x, s.y, s.w, s.h) for s in frame.students if s.index in read - set(heads)]
        shown += [d.sceneBoundingRect() for d in scene.desks if d.isVisible() and d.student.index in read - set(heads)]
        shown += list(heads.values())
        shown += [p.sceneBoundingRect() for p in scene.links.labels if p.isVisible()]
        board = scene.board
        if board.lines.isVisible() and board.lines.columns:
            shown.append(lines_rect(board))
        shown += [s.sceneBoundingRect() for s in board.strips if s.isVisible()]
        shown += [c.sceneBoundingRect() for c in (board.bars, board.beside, board.heatmap) if c.isVisible()]
        if board.chart is not None:
            shown.append(board.chart)  # (its heading is drawn inside it)
        shown += [words(scene.title), words(scene.narration)]
        assert len(shown) > len(read) >= 1
        over = [r for r in shown if r.intersects(card)]
        assert not over, (said, card, over)
        text = scene.quiz_text
        assert text.font.pixelSize() >= 24, (said, text.font.pixelSize())
        assert "…" not in text.text and "✓" in text.text, said
        used = QFontMetricsF(text.font).boundingRect(QRectF(0, 0, text.area.width(), 1e6), text.flags, text.text)
        assert used.height() <= text.area.height() + 0.5 and card.contains(text.area), said
        assert QRectF(0, 0, frame.canvas.width, frame.canvas.height).contains(card), said


@pytest.mark.parametrize("n, lang, rule, size", CASES)
def test_the_answer_card_covers_nothing_the_answer_is_read_from(qapp, checkpoint, n, lang, rule, size):
    from classroom_gui.scene.classroom import ClassroomScene

    frames = answered(checkpoint, sentence(lang, n), lang, size, rule)
    check_frames(ClassroomScene(), frames, f"{n} {lang} {rule} {size}")


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_the_seeds_answer_cards_leave_the_board_lines_in_view(qapp, checkpoint, lang, size):
    """The seed at both rules: the mask answer (who cannot hear) and the softmax one (the divisions) among them."""
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    for rule in ("none", "causal"):
        frames = answered(checkpoint, SEED[lang], lang, size, rule)
        assert len(frames) >= 3  # who can hear, the sum, the biggest share, the next word (each revealed once)
        check_frames(scene, frames, f"seed {lang} {rule} {size}")


def asked(checkpoint, text: str, lang: str, size, rule: str):
    trace = run_sentence(checkpoint, text, rule).trace
    sel = Selection(lang=lang, rule=rule).sized(*size)
    frames = deck_with_quiz(trace, sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat"))
    return [f for f in frames if f.quiz and f.quiz["answer"] is None]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_an_asked_card_leaves_the_board_lines_it_asks_about_in_view(qapp, checkpoint, lang, size):
    """teacher22 L5 (13 M3, 14 M1): at softmax's sum step the asked card covered the whole board, the sum the class
    was asked about with it. An asked card over a board with lines keeps off them, the title's and the narration's
    words, at 24 px or more, all of it said (no ✓ yet); over an empty board (a chapter's opening) it may cover it."""
    from classroom_gui.scene.classroom import ClassroomScene

    scene, sums = ClassroomScene(), 0
    for rule in ("none", "causal"):
        for frame in asked(checkpoint, SEED[lang], lang, size, rule):
            scene.set_frame(frame)
            said, card = f"{lang} {rule} {size} {frame.title}", scene.quiz_panel.area
            if not frame.board:
                continue
            over = [r for r in (lines_rect(scene.board), words(scene.title), words(scene.narration)) if r.intersects(card)]
            assert not over, (said, card, over)
            text = scene.quiz_text
            assert text.font.pixelSize() >= 24 and "✓" not in text.text, said
            assert frame.quiz["question"].replace(" ", "") in text.text.replace("\n", "").replace(" ", ""), said
            assert QRectF(0, 0, frame.canvas.width, frame.canvas.height).contains(card), said
            sums += frame.quiz["kind"] == "sum"
    assert sums == 2  # the sum's question, asked over softmax's sum step, in both rules


@pytest.mark.parametrize("lang, shown", [("ja", answered), ("ja", asked), ("en", asked)])
def test_the_pptx_quiz_box_is_where_the_picture_draws_the_card(qapp, checkpoint, tmp_path, lang, shown):
    """Answered and asked slides alike. review27 B1: an asked slide's box fell back to asked_box, over the board (en
    seed at 4:3, the sum's question: picture card at [67, 326, 861, 307], PPTX box at [576, 108, 835, 670])."""
    from pptx import Presentation

    from classroom_gui.export.deck_pptx import EMU_PER_PX, PT_PER_PX, QUIZ_NAME, save_pptx
    from classroom_gui.scene.classroom import ClassroomScene

    frames = shown(checkpoint, SEED[lang], lang, (1024, 768), "none")
    frames = frames[:2] if shown is answered else frames
    save_pptx(frames, tmp_path / "q.pptx", (1024, 768), None, lambda done, total: None)
    scene, placed = ClassroomScene(), 0
    for frame, slide in zip(frames, Presentation(str(tmp_path / "q.pptx")).slides):
        scene.set_frame(frame)
        card = scene.quiz_panel.area  # the card as painted (its bounds reach round its pen and shadow)
        box = next(s for s in slide.shapes if s.name == QUIZ_NAME)
        got = [v / EMU_PER_PX for v in (box.left, box.top, box.width, box.height)]
        assert got == pytest.approx([card.x(), card.y(), card.width(), card.height()], abs=2), frame.title
        if shown is asked and scene.quiz_asked is None:  # no place off the board's lines: asked_box, text fitted there
            continue
        placed += 1
        sizes = [r.font.size.pt for p in box.text_frame.paragraphs for r in p.runs]
        assert sizes == pytest.approx([scene.quiz_text.font.pixelSize() * PT_PER_PX] * len(sizes), abs=0.1)
        assert min(sizes) >= 24 * PT_PER_PX - 0.1 and ("✓" in box.text_frame.text) == (shown is answered)
    assert placed >= 1  # (the sum's question at least: it is asked over a board with lines)


def test_a_frame_without_a_quiz_leaves_no_asked_card_behind(qapp, checkpoint):
    """review27 B2: the last asked frame's card stayed in scene.quiz_asked on a frame with no quiz, where a reused
    scene (the PPTX export's) could read a box from the wrong frame."""
    from dataclasses import replace

    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    frame = next(f for f in asked(checkpoint, SEED["en"], "en", (1024, 768), "none") if f.quiz["kind"] == "sum")
    scene.set_frame(frame)
    assert scene.quiz_asked is not None and scene.quiz_asked.box == scene.quiz_panel.area
    scene.set_frame(replace(frame, quiz=None))
    assert scene.quiz_asked is None and not scene.quiz_panel.isVisible()


def test_a_japanese_question_breaks_between_phrases_on_both_cards(qapp, checkpoint):
    """The lead: at 1024 x 768 the sum's question broke inside a phrase (「…足す」「と、いくつ…」). On the asked card
    and the answered one (a free desk's place at 4:3) it breaks only after 「が」が, 聞く, 割合を, すべて, 足すと、 or いくつに."""
    from classroom_gui.scene.classroom import ClassroomScene

    question = "「が」が聞く割合をすべて足すと、いくつになるでしょう？"
    allowed = {question.index(p) + len(p) for p in ("「が」が", "聞く", "割合を", "すべて", "足すと、", "いくつに")}
    trace = run_sentence(checkpoint, SEED["ja"], "none").trace
    sel = Selection(lang="ja", rule="none").sized(1024, 768)
    frames = deck_with_quiz(trace, sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat"))
    cards = [f for f in frames if f.quiz and f.quiz["question"] == question]
    assert len(cards) == 2  # asked, then answered
    scene = ClassroomScene()
    for frame in cards:
        scene.set_frame(frame)
        text = scene.quiz_text
        assert text.font.pixelSize() >= 24
        lines = text.text.split("\n")
        asked = lines[: lines.index("")]
        assert "".join(asked) == question
        ends = {sum(map(len, asked[:k])) for k in range(1, len(asked))}
        assert ends <= allowed, asked
        fm = QFontMetricsF(text.font)  # and Qt breaks none of them again
        assert all(fm.horizontalAdvance(line) <= text.area.width() + 0.5 for line in asked), asked


@pytest.mark.parametrize("taken", [False, True])
def test_a_choice_too_long_for_any_layout_is_the_answer_alone_wrapped(qapp, taken):
    """review18 bug 4: a 150-character choice with no space had no layout (every wrap held it too wide), and
    answered_place raised TypeError. It is now the answer alone at LEAST_PX, cut into lines as wide as the canvas
    allows, nothing lost: in a free place, or with none (`taken` fills the canvas) in the caption's corner."""
    from classroom_gui.scene import fonts
    from classroom_gui.scene.board_wrap import CONTINUED
    from classroom_gui.lesson.quiz import marks
    from classroom_gui.scene.quiz_place import LEAST_PX, PAD_X, answered_place

    long = "Supercalifragilistic" * 8  # 160 characters, no space: Qt wraps it nowhere
    quiz = {"question": "Which?", "choices": ["cat", long, "dog"], "answer": 1, "step": 3}
    area, corner = QRectF(0, 0, 1024, 768), QRectF(0, 600, 1024, 168)
    placed = answered_place(quiz, marks("en"), area, [area] if taken else [], area.center(), 1.0, corner)
    assert (placed.kind, placed.px, placed.paired) == ("answer", LEAST_PX, False)
    fm = QFontMetricsF(fonts.font(placed.px))
    assert len(placed.lines) > 1
    assert max(fm.horizontalAdvance(line) for line in placed.lines) <= area.width() - 2 * PAD_X
    said = "".join(line.removeprefix(CONTINUED) for line in placed.lines)
    assert long in said and said.startswith("B.") and said.endswith("✓")
    assert area.contains(placed.box) and placed.box.height() >= len(placed.lines) * fm.height()
    if taken:
        assert placed.box.bottomRight() == corner.bottomRight()


@pytest.mark.parametrize("px", [44, 28])
def test_a_question_too_narrow_for_its_phrases_keeps_its_marks_on_their_lines(qapp, px):
    """review18 item 6: question_lines had its own greedy fit beside board_wrap.wrapped (which now takes the
    question's phrase breaks). Where a phrase is wider than the card, every character is kept, each line fits and
    none starts with a mark that may not start one (the old fit began lines with 「）」「、」 where not even a name fit;
    where a name fits, both pass this)."""
    from classroom_gui.scene import fonts
    from classroom_gui.scene.board_wrap import NO_LINE_START
    from classroom_gui.scene.quiz_place import question_lines

    question = "順番に発言（GPT）では、この中で「が」に聞こえないのは誰でしょう？"
    fm = QFontMetricsF(fonts.font(px))
    for width in (w for w in (220, 160, 100, 60) if w >= fm.horizontalAdvance("「が」")):  # a name fits whole
        lines = question_lines([question, "", "A. 猫"], fm, width)
        asked = lines[: lines.index("")]
        assert "".join(asked) == question and lines[-2:] == ["", "A. 猫"]
        assert not [line for line in asked if line[0] in NO_LINE_START], (width, asked)
        assert all(fm.horizontalAdvance(line) <= width for line in asked if len(line) > 1), (width, asked)


@pytest.mark.parametrize("lang, size", [("en", (1024, 768)), ("ja", (1920, 1080))])
def test_twelve_students_answered_cards_keep_their_question(qapp, checkpoint, lang, size):
    """boards21: 12 English students at 4:3, every desk drawn, the answered who-hears and top-share cards had only
    the title row free and said the answer without its question (39 of 93 over every asker and both rules; 9 at
    16:9 in Japanese). Such a card now covers desks its answer is not read from and keeps its question, clear of
    the asker's desk and the desks it names (check_frames)."""
    from classroom_gui.scene.classroom import ClassroomScene

    scene, cards, covering = ClassroomScene(), 0, 0
    for rule, focus in (("none", 4), ("none", 9), ("causal", 3), ("causal", 10)):
        trace = run_sentence(checkpoint, sentence(lang, 12), rule).trace
        sel = Selection(lang=lang, rule=rule, focus=focus).sized(*size)
        frames = deck_with_quiz(trace, sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat"))
        named = [f for f in frames if f.quiz and f.quiz["answer"] is not None
                 and f.quiz["kind"] in ("cannot_hear", "can_hear", "top_share")]
        check_frames(scene, named, f"12 {lang} {rule} asker {focus} {size}")
        for frame in named:
            scene.set_frame(frame)
            assert scene.quiz_card.kind in ("whole", "question"), (rule, focus, frame.quiz["kind"], scene.quiz_card)
            assert frame.quiz["question"].replace(" ", "") in scene.quiz_text.text.replace("\n", "").replace(" ", "")
            card = scene.quiz_panel.area
            covering += any(d.isVisible() and d.sceneBoundingRect().intersects(card) for d in scene.desks)
            cards += 1
    assert cards >= 8 and covering  # (some do cover a desk: the rule is used)


def test_twelve_students_sum_cards_keep_their_question_over_the_desks_cards(qapp, checkpoint):
    """note20: the sum reads every desk, so at 4:3 in Japanese, 12 students, its answered card had only the title row
    and said the choices without the question (8 of 93 over every asker and both rules). It may now cover the desks'
    cards, never a name or share badge (check_frames), and keeps its question."""
    from classroom_gui.scene.classroom import ClassroomScene

    scene, cards, over_cards = ClassroomScene(), 0, 0
    for rule, focus in (("none", 10), ("causal", 4), ("causal", 11)):
        trace = run_sentence(checkpoint, sentence("ja", 12), rule).trace
        sel = Selection(lang="ja", rule=rule, focus=focus).sized(1024, 768)
        frames = deck_with_quiz(trace, sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat"))
        sums = [f for f in frames if f.quiz and f.quiz["answer"] is not None and f.quiz["kind"] == "sum"]
        check_frames(scene, sums, f"12 ja {rule} asker {focus} sum")
        for frame in sums:
            scene.set_frame(frame)
            assert scene.quiz_card.kind in ("whole", "question"), (rule, focus, scene.quiz_card)
            assert frame.quiz["question"] in scene.quiz_text.text.replace("\n", ""), scene.quiz_text.text
            card = scene.quiz_panel.area
            over_cards += any(d.isVisible() and d.sceneBoundingRect().intersects(card) for d in scene.desks)
            cards += 1
    assert cards >= 3 and over_cards  # (they do sit over desks' cards: the rule is used)
