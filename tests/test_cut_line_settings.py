"""teacher29 H1, M1: a settings file cut inside its last line. Cut in the sentence line ("sentence=My students loved
the", no newline, no `shown=`), the cut sentence was taken as the teacher's, the what-if edits were lost and the file
was rewritten at once with no .bak; cut in the model section's edits line, the whole copy in [General] was ignored and
the note did not say what was lost. A cut last line is damaged: the .bak keeps the file as it was, the last whole copy
of the session is used where it is the same sentence and model, and otherwise the note says what was left out."""
from __future__ import annotations

import re

from test_whatif_restart import JA, prepared, start

from classroom_gui.messages.phrase import FileName, Phrase
from classroom_gui.view.settings_copy import backup_path
from test_cut_settings import _tip


def _cut_in(text: str, section: str, key: str, keep: int) -> str:
    """`text` cut `keep` characters into the value of `key` in the section starting with `section`: the file ends
    there, with no newline (as a write stopped mid-line leaves it)."""
    start_at = text.index(section)
    at = text.index(f"\n{key}=", start_at) + len(key) + 2
    return text[:at + keep]


def _step(w) -> int:
    return w.player.timeline.locate(w.player.time)[0]


def test_a_cut_sentence_line_is_damaged_and_not_taken_as_the_teachers(qtbot, checkpoint, tmp_path):
    path = tmp_path / "settings.ini"
    first, edits = prepared(qtbot, checkpoint, str(path))
    cut = _cut_in(path.read_text(encoding="utf-8"), "[General]", "sentence", 3)  # "猫がマ"
    path.write_text(cut, encoding="utf-8")
    again = start(qtbot, checkpoint, str(path))
    assert again.sentence.text() != JA[:3] and "".join(again.run.trace.tokens) != JA[:3]  # not the cut sentence
    assert backup_path(path).read_text(encoding="utf-8") == cut  # nothing the teacher had is lost
    message = again.statusBar().currentMessage()
    # the sentence is named with the edits (polish25 3: it was lost with no word); its step was cut with it
    assert message.startswith("設定ファイルが壊れていたため、前回の文と「もしも」の変更2件は引き継ぎません。")
    assert backup_path(path).name in message and str(backup_path(path)) in _tip(again)  # (whole in its tooltip)
    again.set_language("en")
    assert again.statusBar().currentMessage().startswith(
        "The settings file was damaged; left out of the last session: the sentence and the 2 what-if edits.")
    again.close()


def test_a_cut_sentence_line_in_the_model_section_opens_the_whole_general_copy(qtbot, checkpoint, tmp_path):
    path = tmp_path / "settings.ini"
    first, edits = prepared(qtbot, checkpoint, str(path))
    cut = _cut_in(path.read_text(encoding="utf-8"), "[model_", "sentence", 3)
    path.write_text(cut, encoding="utf-8")
    again = start(qtbot, checkpoint, str(path))
    assert again.run.trace.tokens == first.run.trace.tokens and again.model.whatif.edits == edits
    assert _step(again) == _step(first)
    assert backup_path(path).read_text(encoding="utf-8") == cut
    assert again.statusBar().currentMessage().startswith("設定ファイルの壊れた行1行は読みませんでした。")
    again.close()


def test_a_cut_edits_line_in_the_model_section_opens_the_whole_general_copy(qtbot, checkpoint, tmp_path):
    path = tmp_path / "settings.ini"
    first, edits = prepared(qtbot, checkpoint, str(path))
    saved = path.read_text(encoding="utf-8")
    cut = _cut_in(saved, "[model_", "edits", 12)
    path.write_text(cut, encoding="utf-8")
    again = start(qtbot, checkpoint, str(path))
    assert again.model.whatif.edits == edits and _step(again) == _step(first)
    assert (again.sel.layer, again.sel.head, again.sel.rule) == (first.sel.layer, first.sel.head, first.sel.rule)
    assert backup_path(path).read_text(encoding="utf-8") == cut
    again.close()
    assert "edits=" in path.read_text(encoding="utf-8").split("[model_")[1]  # written whole again


def _another_model_last(qtbot, checkpoint, tmp_path, change):
    """A window started on the prepared file with [General] naming another model as the one last on screen (so its copy
    is not this model's) and the model's section changed by `change`; with the window that saved it."""
    path = tmp_path / "settings.ini"
    first, _ = prepared(qtbot, checkpoint, str(path))
    general, section = path.read_text(encoding="utf-8").split("[model_")
    general = re.sub(r"^model=[0-9a-f]{16}$", "model=0123456789abcdef", general, count=1, flags=re.M)
    path.write_text(general + "[model_" + change(section), encoding="utf-8")
    return first, start(qtbot, checkpoint, str(path))


def _note(w, lang: str) -> str:
    w.set_language(lang)
    return w.statusBar().currentMessage()


def _says_left_out(w, path, what: Phrase) -> None:
    """The window's status line, in Japanese and English, is the damaged file's note that `what` was left out and the
    file as it was kept beside it (review31 #7: by keys and values, the words are strings.json's)."""
    note = Phrase("settings.left_out", what=what, kept=Phrase("settings.kept_copy", path=FileName(backup_path(path))))
    for lang in ("ja", "en"):
        assert _note(w, lang) == note.said(lang)


def test_a_cut_edits_line_without_a_copy_says_what_was_left_out(qtbot, checkpoint, tmp_path):
    first, again = _another_model_last(qtbot, checkpoint, tmp_path,
                                       lambda section: section[:section.index("\nedits=") + 19])  # 'edits="q[1,1,…'
    assert again.model.whatif.edits == ()  # how many: the cut line cannot say; its step was cut with it
    assert _note(again, "ja").startswith("設定ファイルが壊れていたため、前回の「もしも」の変更は引き継ぎません。")
    assert _note(again, "en").startswith("The settings file was damaged; left out of the last session: the what-if edits.")
    again.close()


def test_a_damaged_edits_line_with_its_step_whole_names_only_the_edits(qtbot, checkpoint, tmp_path):
    first, again = _another_model_last(qtbot, checkpoint, tmp_path,
                                       lambda section: re.sub(r"^edits=.*$", 'edits="q[1,', section, flags=re.M))
    assert again.model.whatif.edits == () and _step(again) == _step(first)  # the step whole, the edits not
    assert _note(again, "en").startswith("The settings file was damaged; left out of the last session: the what-if edits.")
    again.close()


def test_a_damaged_shown_line_names_the_edits_and_the_step_left_out(qtbot, checkpoint, tmp_path):
    first, again = _another_model_last(qtbot, checkpoint, tmp_path,
                                       lambda section: section.replace("\nshown=", "\nshown=@", 1))
    assert again.model.whatif.edits == ()
    step = Phrase("settings.at_step", step=_step(first) + 1)  # (the step shown from 1)
    _says_left_out(again, tmp_path / "settings.ini", Phrase("settings.both", edits=Phrase("settings.n_edits", n=2),
                                                            step=step))
    again.close()


def test_a_sentence_with_a_line_separator_comes_back_whole_with_its_asker(qtbot, tmp_path):
    """review31 #3: the file was split with str.splitlines(), which also breaks at U+2028, U+2029 and U+0085; Qt writes
    them raw and reads them back whole. The window opened on "x\\u200by\\u3000z", the rest dropped as damaged lines."""
    from pathlib import Path

    from classroom_gui.model.checkpoint import load_checkpoint

    gpt2 = load_checkpoint(Path(__file__).parent / "fixtures" / "tiny_gpt2")
    text, path = "x\u200by\u3000z\u2028w\u2029v\x85u ❤️ 🧶", tmp_path / "settings.ini"
    first = start(qtbot, gpt2, str(path))
    first.sentence.setText(text)
    first.apply_sentence()
    qtbot.waitUntil(lambda: first.run is not None and "".join(first.run.trace.tokens).startswith("x"), timeout=10000)
    asker = next(i for i, t in enumerate(first.run.trace.tokens) if "\u2028" in t)  # asked from a separator's piece
    first.select(focus=asker)
    first.close()
    assert "\u2028" in path.read_text(encoding="utf-8").split("asker=")[1].split("\n")[0]  # written raw, as reported
    again = start(qtbot, gpt2, str(path))
    qtbot.waitUntil(lambda: again.run is not None, timeout=10000)
    assert again.sentence.text() == text and again.run.trace.tokens == first.run.trace.tokens
    assert again.sel.focus == asker
    assert not backup_path(path).exists() and "damaged" not in _note(again, "en")
    again.close()


def test_a_rewrite_keeps_a_sentences_own_spaces_at_its_end(qtbot, checkpoint, tmp_path):
    """A damaged line makes the file be written again with the lines kept; str.strip() took a sentence's trailing
    U+3000 and U+2028 with it (Qt trims only ASCII spaces), so the box opened on another sentence."""
    path, text = tmp_path / "settings.ini", "猫が座った\u3000\u2028"
    first = start(qtbot, checkpoint, str(path))
    first.sentence.setText(text)
    first.apply_sentence()
    first.close()
    path.write_text(path.read_text(encoding="utf-8") + "junk=@@\n", encoding="utf-8")
    again = start(qtbot, checkpoint, str(path))
    assert backup_path(path).exists() and again.sentence.text() == text
    again.close()
