"""teacher26 H1, L2: a settings file cut at its last lines (no `time=`, no `used=` in the model's section) lost the
what-if edits and the step without a word, and the next save wrote over the good copy in [General] too. What is
whole comes back (the edits, the step, at its start); what cannot be used is said once in the status line, and the
file as it was is kept beside it (classroom-gui.conf.bak) before anything writes over it; a step the lesson lacks is
said too."""
from __future__ import annotations

import re

from test_whatif_restart import prepared, start

from classroom_gui.app.actions import BY_ID
from classroom_gui.view.settings_copy import backup_path

UNDO = BY_ID["undo_edit"].keys[0]  # the key the restored edits' line names, from the actions table
RESET = BY_ID["reset_edits"].keys[0]  # and the key that resets them all (teacher30 #13: not the Edit menu, hidden in F5)


def _without(text: str, *keys: str, section: str = "[model_") -> str:
    """`text` with the `keys` lines of the section starting with `section` removed (the others kept)."""
    out, inside = [], False
    for line in text.splitlines():
        if line.startswith("["):
            inside = line.startswith(section)
        if inside and line.split("=")[0] in keys:
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def test_a_section_cut_before_time_and_used_keeps_its_edits_and_step(qtbot, checkpoint, tmp_path):
    path = tmp_path / "settings.ini"
    first, edits = prepared(qtbot, checkpoint, str(path))
    saved = path.read_text(encoding="utf-8")
    cut = _without(saved, "time", "used")
    assert cut != saved and "edits=" in cut.split("[model_")[1]
    path.write_text(cut, encoding="utf-8")
    again = start(qtbot, checkpoint, str(path))
    assert again.model.whatif.edits == edits  # not silently dropped
    beat = first.player.timeline.locate(first.player.time)[0]
    assert again.player.timeline.locate(again.player.time)[0] == beat  # the step ...
    assert again.player.time == again.player.timeline.beat_stop(beat)  # fully shown, as a stop leaves it
    assert again.statusBar().currentMessage() == again.t("whatif.restored", n=2, undo=UNDO, reset=RESET)  # nothing was lost to say
    again.close()
    assert "edits=" in path.read_text(encoding="utf-8").split("[model_")[1]  # the next save keeps them


def _tip(w) -> str:
    """The status bar's tooltip as read: its text, without the word joiners that keep its phrases whole."""
    from PySide6.QtGui import QTextDocument

    from classroom_gui.lesson.strings import WORD_JOINER

    doc = QTextDocument()
    doc.setHtml(w.statusBar().toolTip())
    return doc.toPlainText().replace(WORD_JOINER, "")


def test_edits_without_their_sentence_are_said_once_and_the_file_is_kept(qtbot, checkpoint, tmp_path):
    path = tmp_path / "settings.ini"
    prepared(qtbot, checkpoint, str(path))
    cut = _without(_without(path.read_text(encoding="utf-8"), "shown"), "shown", section="[General]")
    path.write_text(cut, encoding="utf-8")
    again = start(qtbot, checkpoint, str(path))
    assert again.model.whatif.edits == ()
    bak = backup_path(path)
    assert bak.read_text(encoding="utf-8") == cut  # the edits that could not be read, kept before any save
    message = again.statusBar().currentMessage()
    assert message.startswith("設定ファイルの「もしも」の変更は、どの文のものか分からないため引き継ぎません。")
    assert bak.name in message and str(bak) in _tip(again)  # named in the line, whole in its tooltip (polish25 2)
    again.set_language("en")
    assert "what-if edits without the sentence they were made for" in again.statusBar().currentMessage()
    again.close()


def test_damaged_lines_and_a_step_the_lesson_lacks_are_said_in_the_window(qtbot, checkpoint, tmp_path):
    path = tmp_path / "settings.ini"
    prepared(qtbot, checkpoint, str(path))
    saved = path.read_text(encoding="utf-8")
    damaged = re.sub(r"^step=\d+:", "step=999:", saved, flags=re.M) + "speed=@Variant(\\0)\ngarbage\n"
    path.write_text(damaged, encoding="utf-8")
    again = start(qtbot, checkpoint, str(path))
    assert again.player.time == again.player.timeline.beat_stop(0)  # opens at step 1, as before ...
    message = again.statusBar().currentMessage()  # ... but no longer without a word, nor only on stderr
    assert "設定ファイルの壊れた行2行は読みませんでした。" in message
    assert "前回のステップがこの授業にないため、ステップ1から始めます。" in message
    assert backup_path(path).read_text(encoding="utf-8") == damaged
    again.set_language("en")
    assert "2 damaged lines of the settings file were not read." in again.statusBar().currentMessage()
    again.close()


def test_one_damaged_line_is_said_without_any_edits(qtbot, checkpoint, tmp_path):
    path = tmp_path / "settings.ini"
    path.write_text("[General]\nlang=en\nlayer=@Variant(\\0)\n", encoding="utf-8")
    w = start(qtbot, checkpoint, str(path))
    assert w.model.whatif.edits == () and w.sel.lang == "en"
    assert w.statusBar().currentMessage() == (f"1 damaged line of the settings file was not read. "
                                              f"The file as it was is kept as {backup_path(path).name}.")
    assert _tip(w) == f"1 damaged line of the settings file was not read. The file as it was is kept as {backup_path(path)}."
    w.close()
    assert backup_path(path).read_text(encoding="utf-8") == "[General]\nlang=en\nlayer=@Variant(\\0)\n"
