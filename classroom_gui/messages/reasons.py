"""Why the system refused a file (an OSError's errno), said in the reader's language (no Qt; below the model, so a
model file's refusal, model.limits, says it as the exports do: export.errors re-exports it)."""
from __future__ import annotations

import errno

from .strings import text

# the system's reasons said in the reader's language (messages/strings "error.reason.<name>"); their English is the
# C library's own text (glibc's strerror: test_system_reasons), so the CLI's English reads as it always did
REASONS = ("ENOSPC", "EDQUOT", "EFBIG", "EACCES", "EPERM", "EROFS", "ENOENT", "EISDIR", "ENOTDIR", "ENAMETOOLONG",
           "EEXIST", "ENOTEMPTY", "EINVAL", "EIO", "ELOOP", "EBUSY", "ETXTBSY", "EMFILE", "ENFILE", "EXDEV")


class SystemReason:
    """Why the system refused (an OSError), said in the reader's language: a common case (REASONS) in a sentence of
    messages/strings, any other in the system's own words (strerror)."""

    def __init__(self, exc: OSError):
        self.name, self.text = errno.errorcode.get(exc.errno), exc.strerror or str(exc)

    def said(self, lang: str) -> str:
        return text(lang, f"error.reason.{self.name}") if self.name in REASONS else self.text

    def __str__(self) -> str:
        return self.said("en")
