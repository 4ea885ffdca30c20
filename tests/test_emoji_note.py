"""teacher31 #5: the unknown-word note beside the field said each emoji's code 2-3 times ('Unknown: "⟨U+1F431⟩"
🐱 is shown as ⟨U+1F431⟩ (the font lacks it)') and wrapped the toolbar at 1920 px: now each code once, and what
the desks write for the symbol in the note's tooltip."""
import pytest


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_unknown_emoji_is_named_once_and_explained_in_the_tooltip(sentence_field, lang):
    field = sentence_field(lang)
    field.setText("the cat 🐱 sat on the mat 😀")
    note, tip = field.marker.text(), field.marker.toolTip()
    for code, symbol in (("U+1F431", "🐱"), ("U+1F600", "😀")):
        assert note.count(code) == 1 and symbol not in note
        assert field.t("ui.shown_as_code", symbol=symbol, code=f"⟨{code}⟩") in tip
