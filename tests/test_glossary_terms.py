"""teacher5 L8: the glossary lacked words the chapter titles use (埋め込み, ノート, 残差接続, レイヤー正規化, ロジット,
温度, √d). Every term of JAPANESE.md that a chapter title or the answer board names has its entry now, in both
languages, and the dialog (scrolled, so that it fits 1024x768) lists them all."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from classroom_gui.lesson.strings import WORD_JOINER, text
from helpers import random_window

# a term the lesson puts in a title (or the answer's board: logit, temperature) -> how each language's entry opens
TERMS = {"embedding": ("Embedding", "埋め込み"), "notebook": ("Notebook", "ノート"), "scaling": ("Dividing by √d", "√dで割る"),
         "residual": ("Residual connection", "残差接続"), "layernorm": ("LayerNorm", "レイヤー正規化"),
         "logit": ("Logit", "ロジット"), "temperature": ("Temperature", "温度"), "wo": ("W_O", "W_O")}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_title_term_has_a_glossary_entry(qtbot, tmp_path, lang):
    from classroom_gui.view import dialogs

    k = 0 if lang == "en" else 1
    window = random_window(qtbot, tmp_path)
    window.set_language(lang)
    dialog = dialogs.glossary_dialog(window, window.glossary_t)
    qtbot.addWidget(dialog)
    entries = [label.text().replace(WORD_JOINER, "") for label in dialog.findChildren(QLabel)]
    for key, opens in TERMS.items():
        assert any(e.startswith(opens[k]) for e in entries), key
    # the Japanese titles name these very words (「埋め込み：…」「√dで割る」「…ヘッド、W_O、残差接続」)
    titles = " ".join(text("ja", f"chapter.{c}") for c in ("embedding", "scaling", "heads"))
    assert all(w in titles for w in ("埋め込み", "√dで割る", "W_O", "残差接続"))
