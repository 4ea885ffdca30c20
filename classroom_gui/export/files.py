"""Writing export files so that nothing is ever half-written: a file is either complete or the old one is
still there, and no temporary is left behind.

Each output is written to a hidden temporary beside it (`.NAME.PID-RANDOM.part`), then flushed to the disk,
checked (a PNG ends with IEND, a PDF with %%EOF, an MP4 has its index...: Qt's SVG and PDF writers and
ffmpeg do not report a full disk), given the old file's mode (or the umask's, for a new file) and renamed
into place. A command with several outputs (a picture and its --json) renames them only when all are
written. Any failure removes the temporaries and raises ExportError with a message for the user; Ctrl+C,
SIGTERM and SIGHUP (handle_signals) stop the work the same way, between pictures, never inside Qt; what a
SIGKILL leaves is swept by the next export into that folder.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable


# our temporaries: ".softmax.png.4242-k2j4x9_a.part" (name, the writing process's id, mkstemp's 8 letters)
PART = re.compile(r"^\..+\.(\d+)-[a-z0-9_]{8}\.part$")
STALE_SECONDS = 24 * 3600  # a temporary this old is swept even if its process id is in use again


from ..messages.phrase import Phrase
from .errors import Cancelled, ExportError, SystemReason  # noqa: F401 (re-exported: the exports' errors)

Progress = Callable[[int, int], bool]  # (done, total) -> keep going? (a dialog's progress bar, the CLI's counter)


from .placing import commit, folder_taken, place_folder
from .stopping import committed, live, stop_if_signalled


def tick(progress: Progress | None, done: int, total: int) -> None:
    """Report `done` of `total` pictures; Cancelled when the listener answers False, Terminated when a
    signal came while the last picture was painted."""
    stop_if_signalled()
    if progress is not None and progress(done, total) is False:
        raise Cancelled()


FULL_BELOW = 1 << 20  # bytes: a disk with less room than this after a write came out incomplete is full


def no_room(folder: Path) -> bool:
    """The disk holding `folder` is (all but) full: why a writer that reports no error left a file incomplete
    (Qt's PDF and SVG writers, ffmpeg)."""
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False


def explain(path: Path, exc: OSError) -> ExportError:
    """The error to raise for an OSError met while writing `path`."""
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return ExportError("error.disk_full", path=path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):  # the file itself, or its folder (teacher31 #8)
        # a folder refusing a new file is said as /proc's is (student35 #12: /proc and /sys had two wordings)
        return ExportError("error.file_read_only", path=path) if read_only_file(path) else \
            ExportError("error.unwritable_folder", path=path.parent)
    if exc.errno == errno.ENOENT:
        missing = Path(exc.filename) if exc.filename else path.parent
        if missing in (path, path.parent) or missing.suffix == ".part":
            # a folder that is there but takes no new file (/proc, some mounts) answers ENOENT too
            return ExportError("error.unwritable_folder" if path.parent.is_dir() else "error.folder_not_found",
                               path=path.parent)
        return ExportError("error.needed_missing", missing=missing, name=path.name)
    return ExportError("error.os", path=path, reason=SystemReason(exc))  # the UI's words for the common cases


def read_only_file(path: Path) -> bool:
    """Whether a refused write is the file's own (read-only, or immutable: chattr +i), not its folder's: the file
    is there and its folder takes new files (the export's .part was written beside it)."""
    try:
        return path.is_file() and os.access(path.parent, os.W_OK | os.X_OK)
    except OSError:
        return False


def check_target(path: Path, allowed, wrong_type: ExportError | None = None) -> Path:
    """`path` if a file of one of the `allowed` suffixes (a registry of export.formats; "" = a folder) can be written there, else ExportError
    (`wrong_type` is the error for another suffix, when the default does not fit)."""
    path = Path(path)
    if path.is_dir() and "" not in allowed:  # before the suffix: "adir" is a folder, not a file of type "(none)"
        raise ExportError("error.is_folder_example", path=path, example=path / ("lesson" + next(iter(allowed))))
    if not path.suffix and path.name.lower() in allowed:  # ".png": a type with no name (said "type '(none)'")
        raise ExportError("error.type_no_name", path=path, example=path.with_name("lesson" + path.name))
    if path.suffix.lower() not in allowed:
        raise wrong_type or ExportError("error.unknown_type", path=path,
                                        suffix=path.suffix or Phrase("error.no_suffix"),
                                        names=tuple(a or Phrase("error.a_folder") for a in allowed))
    return placeable(path)


def placeable(path: Path) -> Path:
    """`path` when its folder is there and it is no folder itself, else the ExportError saying which (a folder
    that is a file is named as a file: "afile/x.png" said "afile: folder not found")."""
    if not path.parent.is_dir():
        raise ExportError("error.parent_is_file" if path.parent.exists() else "error.folder_not_found",
                          path=path.parent)
    if path.is_dir():
        raise ExportError("error.is_folder", path=path)
    return path


# --- writing ------------------------------------------------------------------------------------------------

@contextmanager
def atomic_path(path: Path):
    """Yields a temporary path beside `path`; when the block succeeds the file is checked, flushed and renamed
    to `path`."""
    with atomic_paths(path) as (tmp,):
        yield tmp


@contextmanager
def atomic_paths(*paths: Path):
    """Yields one temporary path per target: all are renamed into place when the block succeeds, none when
    it fails (every temporary is created first, so an unwritable folder fails before any work)."""
    paths = [Path(p) for p in paths]
    temps: list[Path] = []
    current = paths[0]  # the output an OSError is about, for the message
    try:
        for current in paths:
            placeable(current)  # before any work: a JSON's target that is a folder said "Is a directory" at the end
            sweep(current.parent)
            temps.append(_temporary(current))
            live.add(temps[-1])
        current = paths[0]  # a failed write names no file: most likely the first, largest output
        yield list(temps)
        stop_if_signalled()  # a signal deferred during the last picture: the old files stay
        for current, tmp in zip(paths, temps):
            _finish(current, tmp)
        commit(paths, temps)
        committed[0] += 1
        for folder in {p.parent for p in paths}:
            _sync_folder(folder)
    except OSError as exc:
        _remove_all(temps)
        culprit = _culprit(paths, temps, exc, current)
        error = explain(culprit, exc)
        error.output = culprit  # which output it is about (export names its --json: cli_export.json_named)
        raise error from None
    except BaseException:
        _remove_all(temps)
        raise
    finally:
        live.difference_update(temps)


@contextmanager
def atomic_folder(path: Path):
    """A folder of files, built beside `path` and renamed into place when complete."""
    path = Path(path)
    if not path.parent.is_dir():
        placeable(path)  # (says which: a folder not found, or a file)
    if path.exists() and not path.is_dir():  # (not "not an empty folder": deck -o NAME --force on a file, review22)
        raise ExportError("error.file_not_folder", path=path)
    if path.is_dir() and any(path.iterdir()):
        raise ExportError("error.folder_not_empty", path=path)
    sweep(path.parent)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=_prefix(path), suffix=".part", dir=path.parent))
    except OSError as exc:
        raise explain(path, exc) from None
    live.add(tmp)
    try:
        yield tmp
        stop_if_signalled()
        for file in sorted(tmp.iterdir()):
            _finish(file, file, keep_mode=False)
        os.chmod(tmp, 0o777 & ~umask())
        _sync_folder(tmp)
        place_folder(tmp, path)
        committed[0] += 1
        _sync_folder(path.parent)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise folder_taken(path, exc) or explain(path, exc) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        live.discard(tmp)


def _prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}-"


def _temporary(path: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=_prefix(path), suffix=".part", dir=path.parent)
    os.close(fd)
    return Path(tmp)


def _finish(path: Path, tmp: Path, keep_mode: bool = True) -> None:
    """Check what was written, give it its mode and flush it to the disk."""
    problem = check_file(tmp, path.suffix.lower())
    if problem and no_room(path.parent):  # said as a failed write says it (teacher7 M5: one sentence, one cause)
        raise ExportError("error.disk_full", path=path)
    if problem:
        raise ExportError("error.came_out_wrong", path=path, problem=problem)
    os.chmod(tmp, _mode(path) if keep_mode else 0o666 & ~umask())
    fd = os.open(tmp, os.O_RDWR)  # Windows wants a writable descriptor for fsync
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode(path: Path) -> int:
    """The mode the finished file gets: the replaced file's own, or what open() would give a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~umask()


def umask() -> int:
    """The process's umask, read without changing it where Linux shows it (/proc/self/status)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and restore at once
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename) to the disk; not possible on every system."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _culprit(paths: list[Path], temps: list[Path], exc: OSError, current: Path) -> Path:
    """The output an OSError concerns: the one whose file it names, else the one being worked on."""
    name = Path(exc.filename).name if exc.filename else ""
    for path, tmp in zip(paths, temps):
        if name and name in (path.name, tmp.name):
            return path
    return current


def _remove_all(temps: list[Path]) -> None:
    for tmp in temps:
        try:
            os.remove(tmp)
        except OSError:
            pass


# --- checking a finished file ---------------------------------------------------------------------------------

def check_file(path: Path, kind: str) -> Phrase | None:
    """What is wrong with a written file of type `kind` (".png", ...), or None when it is complete."""
    try:
        size = path.stat().st_size
        if size == 0:
            return Phrase("error.file_empty")
        with open(path, "rb") as f:
            head = f.read(16)
            f.seek(max(0, size - 1024))
            tail = f.read()
    except OSError as exc:
        return Phrase("error.file_unreadable", reason=SystemReason(exc))
    if kind == ".png":
        ok = head.startswith(b"\x89PNG\r\n\x1a\n") and tail.endswith(b"IEND\xaeB`\x82")
    elif kind == ".svg":
        ok = head.lstrip().startswith(b"<") and tail.rstrip().endswith(b"</svg>")
    elif kind == ".pdf":
        ok = head.startswith(b"%PDF-") and b"%%EOF" in tail
    elif kind == ".gif":
        ok = head[:4] == b"GIF8" and tail.endswith(b";")
    elif kind == ".mp4":
        ok = _mp4_complete(path, size)
    elif kind == ".pptx":
        ok = _zip_complete(path)
    elif kind == ".json":
        ok = head.lstrip()[:1] in (b"{", b"[") and tail.rstrip()[-1:] in (b"}", b"]")
    else:
        ok = True
    return None if ok else Phrase("error.file_incomplete")


def _mp4_complete(path: Path, size: int) -> bool:
    """The top-level boxes fill the file exactly and include the index (moov) and the pictures (mdat);
    ffmpeg writes the index last, so a full disk loses it."""
    seen, at = set(), 0
    with open(path, "rb") as f:
        while at < size:
            f.seek(at)
            header = f.read(16)
            if len(header) < 8:
                return False
            length, kind = int.from_bytes(header[:4], "big"), header[4:8]
            if length == 1 and len(header) == 16:
                length = int.from_bytes(header[8:16], "big")
            elif length == 0:
                length = size - at
            if length < 8:
                return False
            seen.add(kind)
            at += length
    return at == size and {b"moov", b"mdat"} <= seen


def _zip_complete(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return "[Content_Types].xml" in z.namelist() and z.testzip() is None
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


# --- what a killed export left behind --------------------------------------------------------------------------

def sweep(folder: Path) -> list[Path]:
    """Remove our temporaries in `folder` whose process has ended (a SIGKILL, a power cut), or that are a day
    old. Only names of our own pattern are touched; returns what was removed."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = PART.match(entry.name)
        if not match:
            continue
        try:
            old = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            if old or not _alive(int(match.group(1))):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.remove(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass  # another process swept it first, or it is not ours to remove
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # no safe way to ask; such files go after STALE_SECONDS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
