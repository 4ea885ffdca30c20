"""Putting finished exports in place (export.files writes and checks them): an output the command line may not
replace is hard-linked into place, so a file that appears there however late is never replaced; a folder deck
takes the place of an empty folder only.
"""
from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from .errors import ExportError

# outputs the command line may not replace (no --force; cli_table.refuse_replacing), as absolute paths: a file made
# there while the command worked (a minutes-long video), however late, is refused, not replaced (review22, tidy20)
unreplaceable: set[str] = set()


def place_folder(tmp: Path, path: Path) -> None:
    """Rename the finished folder to `path`. POSIX's rename takes the place of an empty folder only, in one step: a
    file or a file put into the folder however late is kept (ENOTEMPTY, ENOTDIR). Windows renames onto nothing, so
    the empty folder is removed first (rmdir, too, refuses a folder with a file in it)."""
    if os.name != "posix" and os.path.isdir(path):
        os.rmdir(path)
    os.replace(tmp, path)


def folder_taken(path: Path, exc: OSError) -> ExportError | None:
    """The refusal to say when a folder deck's place was taken while it was made: a file there, or files in the folder."""
    if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
        return ExportError("error.folder_not_empty", path=path)
    if exc.errno == errno.ENOTDIR:
        return ExportError("error.file_not_folder", path=path)
    return None


def commit(paths: list[Path], temps: list[Path]) -> None:
    """Put every temporary in place, all or none. An output the command may not replace (`unreplaceable`) is
    hard-linked into place, which fails if a file is there however late it came (no gap between a check and the
    rename); the others (--force, the window) are renamed over the old file. A refusal or failure takes back the
    links made so far and leaves every other file as it was. A link is taken back only if it is still ours
    (samefile, then remove: two steps, so a file another program renames onto that name between them is removed
    with it; no check can close that gap). Once every output is in place the export has succeeded: a temporary that
    cannot be removed then (Windows' virus scanner or indexer holding it) stays for the next sweep."""
    linked: list[tuple[Path, Path]] = []
    try:
        for path, tmp in zip(paths, temps):
            if os.path.abspath(path) in unreplaceable and link_new(tmp, path):
                linked.append((path, tmp))
        for path, tmp in zip(paths, temps):
            if (path, tmp) not in linked:
                os.replace(tmp, path)
    except BaseException:
        for path, tmp in linked:
            with contextlib.suppress(OSError):
                if os.path.samefile(path, tmp):
                    os.remove(path)
        raise
    for path, tmp in linked:
        with contextlib.suppress(OSError):
            os.remove(tmp)


def link_new(tmp: Path, path: Path) -> bool:
    """Make `tmp` appear at `path` only if nothing is there (True), or refuse with cli.exists; False where this file
    system gives no hard link and nothing is there yet (the caller renames: the old check-then-rename, which leaves
    a tiny window). Any refusal but "already there" counts as "no links here": POSIX says EPERM, ENOTSUP, EXDEV, EMLINK
    on FAT and some mounts; Windows turns FAT's, exFAT's and SMB shares' ERROR_INVALID_FUNCTION and
    ERROR_NOT_SUPPORTED into EINVAL, ACCESS_DENIED into EACCES (review23). A real fault (no room, no permission)
    comes back from the rename."""
    try:
        os.link(tmp, path)  # (tmp is our own regular file: the default follow_symlinks, the portable call)
        return True
    except FileExistsError:
        raise ExportError("cli.exists", path=path) from None
    except OSError:
        pass
    if os.path.lexists(path):
        raise ExportError("cli.exists", path=path)
    return False
