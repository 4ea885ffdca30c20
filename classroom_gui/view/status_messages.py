"""The status bar's messages, as a mixin of MainWindow: a message that can be said again in another language
(teacher6 L5: after Ctrl+Shift+L the what-if status stayed English under a Japanese window)."""
from __future__ import annotations


class StatusMessages:
    """Mixed into MainWindow, which provides sel and statusBar()."""

    def tell(self, said, ms: int = 8000) -> None:
        """A message in the status bar: `said(lang)` (a key's text, the what-if status), said again in the new
        language when the language changes while it shows; "" clears it."""
        text_now = said(self.sel.lang)
        self._told = (said, text_now)
        self.statusBar().showMessage(text_now, ms) if text_now else self.statusBar().clearMessage()

    def _retell(self) -> None:
        """After a language change: the message tell() showed, in the new language; any other message (an
        error's own words) would stay in the old language, so it goes."""
        shown = self.statusBar().currentMessage()
        said, text_then = getattr(self, "_told", (None, ""))
        if said is not None and shown and shown == text_then:
            self.tell(said)
        elif shown:
            self.statusBar().clearMessage()
