"""teacher31 #8: a refused write onto a read-only (or immutable) file said "no permission to write here", naming the
folder's fault; the file's own refusal is told apart, and each says what to do instead."""
import errno

from classroom_gui.export.files import explain


def test_a_read_only_file_is_told_from_a_folder_without_permission(tmp_path):
    kept = tmp_path / "ro.png"
    kept.write_bytes(b"")  # the folder takes new files; the file refused to be replaced (chattr +i: EPERM)
    said = explain(kept, OSError(errno.EPERM, "Operation not permitted", str(kept)))
    assert said.phrase.key == "error.file_read_only"
    assert str(said) == (f"{kept}: this file is read-only, so it cannot be replaced; it was kept as it was. "
                         "Choose another name or folder.")
    new = tmp_path / "new.png"  # no such file: the folder is what refused
    said = explain(new, OSError(errno.EACCES, "Permission denied", str(new)))
    assert said.phrase.key == "error.unwritable_folder" and str(said).startswith(f"{tmp_path}: ")  # (as /proc's)
    assert "Choose another folder" in str(said)
    assert said.phrase.said("ja").endswith("別のフォルダーを選んでください。")
