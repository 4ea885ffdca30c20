"""teacher13 M3: the answered quiz card covered what it revealed (F5, Q, step 20 at 4:3: 「猫」's cards and the 「上」
0.09 and 「に」 0.04 share badges; `deck --quiz` slides 10 and 12 the same). It now sits over the board's lines: on
every answer slide of the seed's quiz deck, at 16:9 and 4:3, it meets no desk (cards, name, badge), no share label
of a link, and not the board's chart; in the PPTX its box is where the picture draws it."""
from __future__ import annotations

import pytest

from classroom_gui.export.moments import deck_times
from classroom_gui.lesson.quiz_play import deck_with_quiz
from classroom_gui.lesson.state import Selection, timeline_for
from classroom_gui.model import load_checkpoint
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir

SEED = {"ja": "猫がマットの上に座った", "en": "The cat sat on the mat"}


def answered(lang: str, size, rule: str = "none"):
    trace = run_sentence(load_checkpoint(teaching_model_dir()), SEED[lang], rule).trace
    sel = Selection(lang=lang, rule=rule).sized(*size)
    frames = deck_with_quiz(trace, sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat"))
    return [f for f in frames if f.quiz and f.quiz["answer"] is not None]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_the_answer_card_covers_no_desk_no_share_and_not_the_chart(qapp, lang, size):
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    frames = answered(lang, size)
    assert len(frames) >= 3  # who can hear, the sum, the biggest share, the next word (each revealed once)
    for frame in frames:
        scene.set_frame(frame)
        card = scene.quiz_panel.sceneBoundingRect()
        assert scene.quiz_panel.isVisible() and card.width() > 0.2 * frame.canvas.width
        desks = [d.sceneBoundingRect() for d in scene.desks if d.isVisible()]
        shares = [p.sceneBoundingRect() for p in scene.links.labels if p.isVisible()]
        assert len(desks) == len(frame.students) >= 6
        assert not [r for r in desks + shares if r.intersects(card)], (frame.title, card)
        for chart in (scene.board.bars, scene.board.heatmap):
            assert not (chart.isVisible() and chart.sceneBoundingRect().intersects(card)), frame.title
        assert scene.sceneRect().contains(card)


def test_the_pptx_answer_box_is_where_the_picture_draws_the_card(qapp, tmp_path):
    from pptx import Presentation

    from classroom_gui.export.deck_pptx import EMU_PER_PX, QUIZ_NAME, save_pptx
    from classroom_gui.scene.classroom import ClassroomScene

    frames = answered("ja", (1024, 768))[:2]
    save_pptx(frames, tmp_path / "q.pptx", (1024, 768), None, lambda done, total: None)
    scene = ClassroomScene()
    for frame, slide in zip(frames, Presentation(str(tmp_path / "q.pptx")).slides):
        scene.set_frame(frame)
        card = scene.quiz_panel.area  # the card as painted (its bounds reach round its pen and shadow)
        box = next(s for s in slide.shapes if s.name == QUIZ_NAME)
        got = [v / EMU_PER_PX for v in (box.left, box.top, box.width, box.height)]
        assert got == pytest.approx([card.x(), card.y(), card.width(), card.height()], abs=2)
