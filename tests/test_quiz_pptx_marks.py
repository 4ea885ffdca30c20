"""teacher16 M1: on the PPTX's answered quiz card, a row holding two choices (paired) was one bold run in the
answer's colour, so the wrong choice beside the answer looked marked too (slide 21 "C. 1.00 ✓  D. 6.00"). Only the
choice with ✓ is bold in the answer's colour; every other run is plain text colour."""
from __future__ import annotations

import pytest
from test_quiz_card_fit import answer_cards

SEED = "The cat sat on the mat"
TWELVE = "The teacher read a long story to the happy children after lunch"


@pytest.mark.parametrize("size, focus, rule, sentence", [((1920, 1080), 1, "none", SEED), ((1024, 768), 4, "none", SEED),
                                                         ((1024, 768), 4, "causal", TWELVE),
                                                         ((1920, 1080), 2, "none", TWELVE)])
def test_only_the_marked_choice_is_bold_in_the_answer_colour(qapp, checkpoint, tmp_path, size, focus, rule, sentence):
    from pptx import Presentation

    from classroom_gui.export.deck_pptx import QUIZ_NAME, save_pptx
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.palette import theme as theme_named

    scene = ClassroomScene()
    cards = list(answer_cards(scene, checkpoint, sentence, "en", rule, size, focus))
    rows = any(card.paired and any("✓" in line and line.count(".\u00a0") == 2 for line in card.lines) for _, card in cards)
    inline = any(card.kind == "question" and card.paired for _, card in cards)  # the answer after the question
    # in the 12-word class at 4:3 the mask chapter's cards have a row with the answer beside a wrong choice; elsewhere
    # each card is the question with its answer, in the title row (tidyr; at 16:9 the 12-word class's paired row was
    # the sum's card, which softmax's last step now shows as its question and answer; at 4:3 the second asker's, since
    # the top-share question names its rule and no longer pairs the first's choices: quiz22; the fifth's since fix42,
    # whose mask cards keep their question over desks the answer is not read from: the third's are now whole, unpaired)
    assert rows if (sentence, size) == (TWELVE, (1024, 768)) else inline, cards
    save_pptx([frame for frame, _ in cards], tmp_path / "q.pptx", size, None, lambda done, total: None)
    th = theme_named()
    value, text = th.color("value").lstrip("#")[:6].upper(), th.color("text").lstrip("#")[:6].upper()
    for (frame, card), slide in zip(cards, Presentation(str(tmp_path / "q.pptx")).slides):
        box = next(s for s in slide.shapes if s.name == QUIZ_NAME)
        runs = [run for para in box.text_frame.paragraphs for run in para.runs]
        said = "\n".join(p.text.replace("\v", "\n") for p in box.text_frame.paragraphs)
        assert said == "\n".join(line for line in card.lines if line)  # the runs still say the picture's lines
        marked = [run for run in runs if run.font.bold]
        assert len(marked) == 1 and "✓" in marked[0].text, [(r.text, r.font.bold) for r in runs]
        assert marked[0].text.count(".\u00a0") == 1  # the answer's choice alone, not its row
        for run in runs:
            assert str(run.font.color.rgb) == (value if run.font.bold else text), run.text

