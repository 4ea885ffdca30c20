"""review26 #3, #4: a section saved under a former key (path and time: model_identity.former_key) is removed only
once it was read, and before the sections are counted. teacher22's setup had two: the installed folder's and the
clone's `assets/model`'s. The copy opened first took its own over; the other's was deleted unread at the first save
after that copy was opened (its edits and step lost, no word said), and with MAX_MODELS sections another model's
session went too."""
import re
from pathlib import Path

from classroom_gui.app.model_identity import former_key, model_id, model_key
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.view import settings
from classroom_gui.view.settings_file import MAX_MODELS
from helpers import window_on
from test_model_identity import copied, older_file
from test_model_sessions import open_in


def with_copies(path: Path, section: str, ids, used: int = 0) -> None:
    """The settings file with `section`'s group written again under each of `ids` (used `used`, before it)."""
    text = path.read_text(encoding="utf-8")
    body = re.search(rf"^\[model_{section}\]\n(.*?)(?=^\[|\Z)", text, re.S | re.M).group(1)
    body = re.sub(r"^used=.*$", f"used={used}", body, flags=re.M)
    path.write_text(text + "".join(f"\n[model_{m}]\n{body}" for m in ids), encoding="utf-8")


def saved_ids(path: Path) -> set[str]:
    return set(settings.sessions(settings.open_store(str(path))))


def test_the_other_copys_former_section_is_kept_until_it_is_read(qtbot, checkpoint, tmp_path):
    path = tmp_path / "s.ini"
    older_file(qtbot, checkpoint, path)  # the installed folder's section, under its former key
    clone = load_checkpoint(copied(checkpoint.path, tmp_path / "clone" / "assets" / "model"))
    installed, other = model_id(former_key(checkpoint)), model_id(former_key(clone))
    with_copies(path, installed, [other])
    w = window_on(qtbot, checkpoint, str(path))
    assert w.retire == installed and w.save_settings()
    assert saved_ids(path) == {model_id(model_key(checkpoint)), other} and w.retire is None
    open_in(qtbot, w, clone.path)  # its own section now: the clone's former one is not read
    assert w.retire is None and w.save_settings()
    assert other in saved_ids(path)
    w.close()


def eight_sections(qtbot, checkpoint, path: Path, others) -> str:
    """The former key's section and the other models' (used before it): MAX_MODELS in all; its id."""
    older_file(qtbot, checkpoint, path)
    installed = model_id(former_key(checkpoint))
    with_copies(path, installed, others, used=0)
    assert len(saved_ids(path)) == MAX_MODELS
    return installed


def test_a_former_section_taken_over_takes_no_other_model_with_it(qtbot, checkpoint, tmp_path):
    """Eight sections: the former one and seven other models'. Taken over, it leaves eight: the seven kept."""
    others = [f"{i:016x}" for i in range(1, MAX_MODELS)]
    eight_sections(qtbot, checkpoint, tmp_path / "s.ini", others)
    w = window_on(qtbot, checkpoint, str(tmp_path / "s.ini"))
    assert w.save_settings()
    assert saved_ids(tmp_path / "s.ini") == {model_id(model_key(checkpoint)), *others}
    w.close()


def test_a_former_section_read_through_ctrl_o_goes_alone(qtbot, checkpoint, tmp_path):
    from test_model_sessions import GPT2

    path, others = tmp_path / "s.ini", [f"{i:016x}" for i in range(2, MAX_MODELS + 1)]
    installed = eight_sections(qtbot, checkpoint, path, others)
    gpt2 = load_checkpoint(GPT2)
    w = window_on(qtbot, gpt2, str(path))
    assert w.retire is None
    open_in(qtbot, w, checkpoint.path)  # GPT-2's own section is saved first: nine models, the oldest other goes
    assert w.retire == installed and w.save_settings() and w.retire is None
    assert saved_ids(path) == {model_id(model_key(checkpoint)), model_id(model_key(gpt2)), *others[1:]}
    w.close()
