"""The teacher's what-if edits of the class on screen and Undo/Redo across them and across new sentences (a
sentence left with edits comes back by Ctrl+Z): the part of ClassroomModel (app.model) that keeps them."""
from __future__ import annotations

from dataclasses import replace

from ..lesson.chapters import BY_KEY
from ..lesson.strings import text as say
from ..lesson.whatif_state import redo_text, sentence_text, status_line, undo_text
from .actions import key_label
from .edit_keys import REDO_KEYS, RESET_EDITS_KEYS, UNDO_KEYS
from .history import View, left_behind, within_budget


class EditHistory:
    """ClassroomModel's what-if edits and Undo/Redo. It reads the model's whatif (the shown sentence's
    WhatIf, or None), run, typed, sel, player, earlier and later (the sentences left, lists of history.Left),
    note, and its _show and changed."""

    def edit(self, edit) -> None:
        """One what-if edit (model.whatif.Edit) on the shown class; EditError (nothing changed) when it does
        not fit, e.g. a student left hearing no one."""
        if self.whatif is not None:
            self.whatif.set(edit, self.here(), self.rule_shown())
            self.later.clear()
            self.changed("edits")

    def undo_edit(self) -> bool:
        """Take back the last what-if change (an edit, or a reset as one step), or else the last new sentence (the
        sentence it replaced comes back with its edits and asker); False when there is none."""
        if self.whatif is not None and self.whatif.history:
            self._went(self.whatif.undo())
            return True
        return self._step(self.earlier, self.later)

    def redo_edit(self) -> bool:
        """Make again the change Undo took back last (an edit, a reset or a new sentence); False when there is none
        (a new edit, reset or sentence clears them)."""
        if self.whatif is not None and self.whatif.redone:
            self._went(self.whatif.redo())
            return True
        return self._step(self.later, self.earlier)

    def rule_shown(self) -> str:
        """The rule the step on screen draws the class in: its chapter's own (answer time: GPT's), else the lesson's."""
        timeline = self.player.timeline
        return BY_KEY[timeline.beats[timeline.locate(self.player.time)[0]].chapter].rule or self.sel.rule

    def here(self) -> View:
        """Where the lesson is now, for Undo and Redo to come back to (history.View)."""
        s = self.sel
        return View(s.focus, s.layer, s.head, s.rule, self.player.time)

    def _go(self, where: View) -> None:
        """Show the lesson where `where` says (the asker, layer, head and rule kept inside the class, the moment
        inside its timeline), paused, as a key press leaves it."""
        self.sel = replace(self.sel, focus=where.focus, layer=where.layer, head=where.head, rule=where.rule)
        if self.run is not None:
            self.sel = self.sel.clamped(self.run.trace)
        self.player.jump(where.time)

    def _went(self, change) -> None:
        """After Undo or Redo of an edit or reset (`change`, whatif_state.Change): the lesson where it was made."""
        if change.where is not None and change.where != self.here():
            self._go(change.where)
            self.changed("selection")
        self.changed("edits")

    def coming(self, undo: bool = True):
        """The sentence (a Left) Undo, or Redo, would bring back; None when it steps an edit, or nothing."""
        if self.whatif is not None and (self.whatif.history if undo else self.whatif.redone):
            return None
        source = self.earlier if undo else self.later
        return source[-1] if source else None

    def _step(self, source: list, dest: list) -> bool:
        """Undo or Redo across a new sentence: show the sentence last left on `source`, leaving this one on `dest`
        (an emptied sentence's room too: teacher31 #1, Undo after emptying a class with edits did nothing)."""
        if not source:
            return False
        back = source.pop().filled(self.checkpoint)
        self.stepped = source is self.earlier  # the status line says what came back (teacher37 #11), until an edit
        dest[:] = within_budget(dest + [left_behind(self.run, self.whatif, self.typed, self.here())])
        self.note = None  # what was said once of the class left (who asks now) is not said of this one
        self._show(back.run, back.whatif, back.typed, back.where)
        return True

    def undo_label(self, lang: str) -> str | None:
        """The Edit menu's Undo item in `lang`, saying what it takes back; None when there is nothing to undo."""
        if self.whatif is not None and self.whatif.history or not self.earlier:
            return undo_text(lang, self.whatif)
        n = left_edits(self.earlier[-1])  # (teacher40 #8: the label did not say the edits come back too)
        key = "edit.what_sentence_back" + ("_edits_one" if n == 1 else "_edits" if n else "")
        return say(lang, "edit.undo", what=say(lang, key, sentence=sentence_text(lang, self.earlier[-1].typed), n=n))

    def edits_left(self) -> int:
        """How many what-if edits the sentence just left kept for Undo to bring back, while this class has none of its
        own yet (0 otherwise): a new sentence or a gallery example set them aside."""
        if self.whatif is None or self.whatif.history or not self.earlier:
            return 0
        return left_edits(self.earlier[-1])

    def redo_label(self, lang: str) -> str | None:
        if self.whatif is not None and self.whatif.redone or not self.later:
            return redo_text(lang, self.whatif)
        if not self.later[-1].typed:  # Undo brought a sentence back into an emptied room
            return say(lang, "edit.redo", what=say(lang, "edit.what_emptied"))
        return say(lang, "edit.redo", what=say(lang, "edit.what_sentence", sentence=sentence_text(
            lang, self.later[-1].typed)))

    def status(self, lang: str, whole: bool = False) -> str:
        """The window's status line for the class shown: its edits (whatif_state.status_line), or, just after a new
        sentence replaced one with edits, that Ctrl+Z brings that one back; "" when there is nothing to say.
        `whole`: as its tooltip says it, the files it names with their folders (messages.phrase.FileName)."""
        keys = edit_keys(lang)
        if self.whatif is None:  # an emptied sentence: Undo brings it back (teacher31 #1)
            return say(lang, "whatif.emptied_status", sentence=sentence_text(lang, self.earlier[-1].typed),
                       undo=keys["undo"]) if self.run is None and self.earlier else ""
        if self.brought_back and self.stepped is not None:  # Undo or Redo brought this sentence back (teacher37 #11:
            # the line said nothing, or the reset this class had before it was left)
            n = len(self.whatif.edits)
            how = say(lang, "edit.how_undo" if self.stepped else "edit.how_redo",
                      keys=keys["undo" if self.stepped else "redo"])
            return say(lang, "edit.brought_sentence_edits" if n else "edit.brought_sentence", how=how, n=n,
                       sentence=sentence_text(lang, self.typed))
        n = self.edits_left()
        if n:
            line = say(lang, "whatif.sentence_status_one" if n == 1 else "whatif.sentence_status",
                       sentence=sentence_text(lang, self.earlier[-1].typed), n=n, undo=keys["undo"])
            # and who asks now, when the asker left with the old sentence (teacher31 #3)
            return line if self.note is None else say(lang, "said.then", first=line, then=self.note.said(lang, whole))
        if self.note is not None:
            return self.note.said(lang, whole)
        return status_line(lang, self.whatif, **keys)

    def reset_edits(self) -> None:
        if self.whatif is not None and self.whatif.active:
            self.whatif.reset(self.here())
            self.later.clear()
            self.changed("edits")


def left_edits(left) -> int:
    """The what-if edits a sentence left (history.Left) keeps."""
    return len(left.whatif.edits) if left.whatif is not None else 0


def edit_keys(lang: str) -> dict[str, str]:
    """The Edit menu's Undo and Redo keys as `lang` names them, for the status lines that say them (review29 2e: the
    strings typed Ctrl+Shift+Z beside the actions table's)."""
    def t(key: str, **values) -> str:
        return say(lang, key, **values)
    return {"undo": key_label(UNDO_KEYS[0], t), "redo": key_label(REDO_KEYS[0], t),
            "reset": key_label(RESET_EDITS_KEYS[0], t)}  # (the actions table binds these)
