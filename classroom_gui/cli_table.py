"""The command line as a table: each subcommand registers (name, help, arguments, function) here with
@subcommand, and cli.build_parser builds argparse from the table. The subcommand modules import this, never
cli.py, so the command line has no import loop.
"""
from __future__ import annotations

from pathlib import Path

COMMANDS: list[tuple[str, str, tuple, object]] = []  # (name, help, arguments, function), in order


class CliError(Exception):
    """A problem the user can fix; str() is the whole message."""


def arg(*names, **options) -> tuple:
    """One argument for @subcommand, spelled like ArgumentParser.add_argument."""
    return names, options


def subcommand(name: str, help: str, *arguments: tuple):
    """Register `function(args) -> int` as `classroom-gui NAME`."""
    def register(function):
        COMMANDS.append((name, help, arguments, function))
        return function
    return register


def write_atomic(path: Path, text: str) -> None:
    """Write text (UTF-8) so that `path` is whole or untouched (export.files.atomic_path)."""
    from .export.files import ExportError, atomic_path

    try:
        with atomic_path(Path(path)) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except ExportError as exc:
        raise CliError(f"cannot write the JSON: {exc}") from None  # exc names the file and why
