"""Writing export files so that nothing is ever half-written: each file is written to a temporary name
in its own folder and renamed into place only when complete; any failure removes the temporary file
and raises ExportError with a message for the user.
"""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

PICTURES = (".png", ".svg", ".pdf")
DECKS = (".pptx", ".pdf", "")      # "" is a folder of numbered PNGs
VIDEOS = (".mp4", ".gif")


class ExportError(Exception):
    """An export that could not be written; str() says why, for the user."""


class Cancelled(ExportError):
    def __init__(self):
        super().__init__("export cancelled; no file was written")


def explain(path: Path, exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return f"{path}: the disk is full (or the file is larger than allowed)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{path}: no permission to write here"
    if exc.errno == errno.ENOENT:
        missing = Path(exc.filename) if exc.filename else path.parent
        return f"{path.parent}: folder not found" if missing in (path, path.parent) or missing.suffix == ".part" \
            else f"{missing}: not found (needed to write {path.name})"
    return f"{path}: {exc.strerror or exc}"


def check_target(path: Path, allowed: tuple[str, ...]) -> Path:
    path = Path(path)
    if path.suffix.lower() not in allowed:
        names = ", ".join(a or "a folder" for a in allowed)
        raise ExportError(f"{path}: unknown file type '{path.suffix or '(none)'}'; use {names}")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent}: folder not found")
    if path.is_dir():
        raise ExportError(f"{path}: is a folder")
    return path


@contextmanager
def atomic_path(path: Path):
    """Yields a temporary path beside `path`; renames it to `path` if the block succeeds."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".part", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise ExportError(explain(path, exc)) from None
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes the file private; give it the mode a plain open() would have
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise ExportError(explain(path, exc)) from None
    except BaseException:
        _remove(tmp)
        raise


@contextmanager
def atomic_folder(path: Path):
    """A folder of files, built beside `path` and renamed into place when complete."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent}: folder not found")
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise ExportError(f"{path}: already exists and is not an empty folder")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    except OSError as exc:
        raise ExportError(explain(path, exc)) from None
    try:
        yield tmp
        os.chmod(tmp, 0o755)
        if path.exists():
            path.rmdir()
        os.replace(tmp, path)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ExportError(explain(path, exc)) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _remove(p) -> None:
    try:
        os.remove(p)
    except OSError:
        pass
