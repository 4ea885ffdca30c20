"""How a call into the `tokenizers` library fails, for both tokenizers (the classroom's and GPT-2's BPE): which
exceptions are the library's, a one-line summary of one, and the Rust panic text kept off the command line.

The library raises plain Exception for a malformed file or sentence, and its Rust panics (a regex's retry limit,
a truncation stride) arrive as pyo3's PanicException, a BaseException that `except Exception` lets through.
"""
from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
from contextlib import contextmanager

from ..messages.fit import shortened


def library_failed(exc: BaseException) -> bool:
    """True for an error of the tokenizers library, panics included; False for what must go on up (Ctrl+C,
    sys.exit, a generator closing)."""
    return not isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit))


def brief(exc: BaseException) -> str:
    """The error on one line of at most 200 columns (a panic's message may hold a whole backtrace)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return shortened(text, 200)


@contextmanager
def panic_text_to_log():
    """Rust prints a panic's message (with RUST_BACKTRACE, a backtrace too) on stderr before Python sees the
    exception. On the command line (one Python thread) stderr's file descriptor points at a temporary file
    meanwhile, and what it caught goes to the log (shown with --verbose): the error stays one line."""
    if threading.active_count() > 1 or threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        sys.stderr.flush()
        saved, caught = os.dup(2), tempfile.TemporaryFile()
    except (OSError, AttributeError, ValueError):  # no stderr at all (pythonw): nothing to keep quiet
        yield
        return
    os.dup2(caught.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        caught.seek(0)
        text = caught.read(8192).decode("utf-8", errors="replace").strip()
        caught.close()
        if text:
            logging.getLogger("classroom_gui").debug("tokenizers printed: %s", text)
