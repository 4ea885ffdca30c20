"""The gallery's Japanese descriptions name the in-turn rule with the word the toolbar, titles, narration and
glossary use (teacher3 L1: 「順番に話すルール」 beside 「順番に発言」 elsewhere), in the shipped examples.json
and in the script that writes it."""
from __future__ import annotations

from pathlib import Path

from classroom_gui.lesson.gallery import gallery_of
from classroom_gui.lesson.strings import text
from classroom_gui.resources import teaching_model_dir

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "choose_gallery_heads.py"


def test_the_gallery_names_the_in_turn_rule_as_the_toolbar_does():
    term = text("ja", "ui.rule_causal")
    assert term == "順番に発言"
    examples = gallery_of(teaching_model_dir())[0]
    rules = [e.describe("ja") for e in examples if "ルール" in e.describe("ja")]
    assert rules and all(term in d for d in rules)
    assert not any("順番に話す" in e.describe("ja") for e in examples)
    assert "順番に話す" not in SCRIPT.read_text(encoding="utf-8")  # a regenerated examples.json keeps the term
