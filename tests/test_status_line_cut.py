"""teacher34 #7: at 1024 px the status line was cut off mid-name (「…6番の席の「parl」) and the 1e6 refusal mid-number.
A message too long for the bar is drawn cut between phrases with "…", never inside a 「」 name or a word; the bar
keeps the whole message (its tooltip says it) and a refusal's note over the class stays up longer."""
from __future__ import annotations

import html

import pytest
from PySide6.QtGui import QFontMetrics

from classroom_gui.messages.fit import cut_between_phrases, phrase_cuts
from helpers import random_window

JA = ("「The dog ran in the parliament」は新しい文です。聞く生徒は、前と同じ6番の席の「parliament」のままにしました。"
      "別の生徒にするには、↑か↓を押すか、机をクリックしてください。")
EN = ("The new sentence \"The dog ran in the parliament\" keeps the asker at seat 6, \"parliament\", as before; press ↑ or "
      "↓ to choose another student, or click a desk. The old sentence is one Undo away (Ctrl+Z).")


@pytest.mark.parametrize("message", [JA, EN])
def test_a_message_is_cut_between_phrases(message):
    for width in range(20, len(message) + 2, 3):
        shown = cut_between_phrases(message, width, len)
        assert len(shown) <= width or shown == message[:1] + "…"
        if shown != message:
            assert shown.endswith("…") and message.startswith(shown[:-1].rstrip())
            assert "parl…" not in shown and "「parl" not in shown.replace("「parliament」", "")
    assert 0 not in phrase_cuts(JA) and all(JA[i - 1] != "「" for i in phrase_cuts(JA))


@pytest.mark.parametrize("lang, message", [("ja", JA), ("en", EN)])
def test_the_bar_draws_a_long_message_cut_and_keeps_it_whole(qtbot, tmp_path, lang, message):
    w = random_window(qtbot, tmp_path)
    w.set_language(lang)
    w.resize(1024, 768)
    qtbot.waitUntil(lambda: w.width() <= 1024, timeout=3000)
    w.tell(lambda _lang: message, 10000)
    bar = w.statusBar()
    assert bar.currentMessage() == message  # whole: the tooltip and a screen reader say it
    shown = bar.shown()
    fm = QFontMetrics(bar.font())
    assert fm.horizontalAdvance(shown) <= bar.room()
    assert shown != message, (w.width(), bar.width(), bar.room(), fm.horizontalAdvance(message))  # (too long)
    if shown != message:
        assert shown.endswith("…") and message.startswith(shown[:-1].rstrip())
        assert shown[:-1].count("「") == shown[:-1].count("」")  # no name cut in two
        assert not shown[:-1].rstrip()[-1:].isalpha() or message[len(shown[:-1].rstrip())] in " 、。"
        assert html.escape(message) in bar.toolTip().replace("\u2060", "")
    w.close()
