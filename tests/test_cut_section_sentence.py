"""review28 #6: a model's section is read into its session one way, at start (settings.load) and on Ctrl+O
(settings.sessions) alike. A section cut before its sentence opened on the sentence box's at start but on the seed
sentence on Ctrl+O; both now give it the box's."""
from classroom_gui.app.model_identity import model_id, model_key
from classroom_gui.view import settings

BOX = "The dog ran home"


def test_a_section_cut_before_its_sentence_opens_on_the_boxs_both_ways(checkpoint, tmp_path):
    key = model_key(checkpoint)
    path = tmp_path / "s.ini"  # another model was on screen: the box's sentence is that one's, not this section's
    path.write_text(f"[General]\nlang=en\nsentence={BOX}\nmodel={'0' * 16}\n\n"
                    f"[model_{model_id(key)}]\nlayer=1\nhead=1\nrule=causal\n", encoding="utf-8")
    at_start = settings.load(settings.open_store(str(path)), key)
    on_ctrl_o = settings.sessions(settings.open_store(str(path)), settings.Settings(sentence=BOX))[model_id(key)]
    assert at_start.sentence == on_ctrl_o.sentence == BOX
    assert (at_start.layer, at_start.head, at_start.rule) == (on_ctrl_o.layer, on_ctrl_o.head, on_ctrl_o.rule) \
        == (1, 1, "causal")
