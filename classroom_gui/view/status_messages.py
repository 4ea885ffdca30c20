"""The status bar's messages, as a mixin of MainWindow: a message that can be said again in another language
(teacher6 L5: after Ctrl+Shift+L the what-if status stayed English under a Japanese window)."""
from __future__ import annotations

from pathlib import Path

import html

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontMetrics

from ..lesson.strings import text, wrapping
from ..messages.fit import sentence_start
from ..messages.phrase import FileName, Phrase


MESSAGE_MARGIN = 40  # px of the status bar a message does not get (its margins, the size grip)


def wrote(window, path: Path | None, more=None) -> Path | None:
    """An export finished (File → Export…, the worksheet, View → Compare's Export): the status bar says where it went,
    as the CLI's last line does (teacher13 L1: the progress dialog closed and nothing said what was written), then
    `more(lang)` if given (a worksheet worked in turn says why: review17, it said only that). In presenter mode the
    canvas says it (MainWindow.tell). `path` returned as given; nothing is said of None or without a window."""
    def said(lang: str) -> str:
        told = sentence_start(text(lang, "cli.wrote", path=path))
        return told if more is None else told + ("\u3000" if lang == "ja" else " ") + more(lang)

    if path is not None and hasattr(window, "tell"):
        window.tell(said, 15000, until_key=True)  # in F5, over the class until a key or click (teacher15 L6)
    return path


class StatusMessages:
    """Mixed into MainWindow, which provides sel, statusBar(), canvas and is_presenting() (and, for save_now,
    saver, store and save_settings())."""

    def tell(self, said, ms: int = 8000, aloud: bool = False, until_key: bool = False, tip=None) -> None:
        """A message in the status bar: `said(lang)` (a key's text, the what-if status), said again in the new
        language when the language changes while it shows; "" clears it. `aloud`: over the class too (a refusal: a
        teacher looks at the class; teacher9 L5); in presenter mode, which hides the status bar, every message is,
        there `until_key` (the next key or click) rather than `ms` (an export's "wrote …": canvas_note). `tip(lang)`:
        the message whole (the files it names with their folders), the status bar's tooltip while it shows, as is a
        message too long for the bar (polish25 2: a damaged settings file's line was cut before its copy's path)."""
        text_now = said(self.sel.lang)
        self._told = (said, text_now, ms, tip)
        bar = self.statusBar()
        bar.showMessage(text_now, ms) if text_now else bar.clearMessage()
        self.fit_status_tip()
        if text_now and (aloud or self.is_presenting()):  # presenter mode hides the status bar (review17)
            self.canvas.note.say(said, self.sel.lang, ms, until_key)

    def fit_status_tip(self) -> None:
        """The status bar's tooltip for the message tell() shows: the message whole (`tip`'s) where it says more, or
        where the bar is too narrow for the message; checked again as the bar is resized (window_build._FitOnResize:
        review31 #6, a line that fitted at 1920 px was cut at 1024 with no tooltip, and kept a stale one the other way)."""
        bar = self.statusBar()
        said, text_now, ms, tip = getattr(self, "_told", (None, "", 0, None))
        if bar.currentMessage() != text_now:  # (another's message: message_changed took the tooltip away)
            return
        whole = tip(self.sel.lang) if tip is not None and text_now else text_now
        room = bar.room() if hasattr(bar, "room") else bar.width() - MESSAGE_MARGIN  # (view.status_bar: cut short)
        cut = QFontMetrics(bar.font()).horizontalAdvance(text_now) > room
        bar.setToolTip(f"<p>{html.escape(wrapping(whole))}</p>" if whole and (whole != text_now or cut) else "")

    def paint_failed(self) -> None:
        """Part of the picture could not be drawn (scene.paint_guard logged why): said once per fault, and the
        lesson goes on; nothing typed or chosen is touched."""
        self.tell(lambda lang: text(lang, "ui.paint_failed"), 15000)

    def showEvent(self, event) -> None:
        """A message told before the window was first shown (the last session's what-if edits, said as the first
        sentence opens) is shown again once it is, for as long as it was told for: the status bar hides its model
        label only for a message shown while visible, and the two were drawn over each other. Only the first show:
        a later one (after a minimise) left the message as it was (review15)."""
        super().showEvent(event)
        if getattr(self, "_shown_before", False):
            return
        self._shown_before = True
        said, text_then, ms, tip = getattr(self, "_told", (None, "", 0, None))
        if said is not None and text_then and self.statusBar().currentMessage() == text_then:
            QTimer.singleShot(0, lambda: self._tell_again(said, text_then, ms, tip))

    def _tell_again(self, said, text_then: str, ms: int, tip=None) -> None:
        if self.statusBar().currentMessage() == text_then:  # (Qt ignores the same message shown again)
            self.statusBar().clearMessage()
            self.tell(said, ms, tip=tip)

    def message_changed(self, message: str) -> None:
        """The status bar's tooltip goes with the message tell() gave it (a timeout, or another's message)."""
        if message != getattr(self, "_told", (None, ""))[1]:
            self.statusBar().setToolTip("")

    def _retell(self) -> None:
        """After a language change: the message tell() showed, in the new language; any other message (an
        error's own words) would stay in the old language, so it goes. A note over the class is said again too."""
        self.canvas.note.relabel(self.sel.lang)
        shown = self.statusBar().currentMessage()
        said, text_then, ms, tip = getattr(self, "_told", (None, "", 0, None))
        if said is not None and shown and shown == text_then:
            self.tell(said, ms, tip=tip)
        elif shown:
            self.statusBar().clearMessage()

    def save_now(self) -> None:
        """Ctrl+S: the lesson saves itself (SAVE_MS after each change, and on closing), so the key saves now and says
        so, and where (teacher31 #7c: it did nothing and said nothing)."""
        self.saver.stop()
        said = Phrase("ui.saved_itself" if self.save_settings() else "ui.save_failed",
                      file=FileName(self.store.fileName()))
        self.tell(said.said, tip=lambda lang: said.said(lang, whole=True))
