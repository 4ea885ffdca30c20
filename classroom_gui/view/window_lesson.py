"""The window's part of the classroom's two rules and of the gallery, as a mixin of MainWindow: the
discussion / in-turn toggle, Lesson → Examples and loading an example. The state they change is the Qt-free
Selection (rule, language, asker, layer, head); what an example sets is lesson.gallery.example_selection.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QToolButton

from ..app.actions import BY_ID, key_label
from ..app.edit_history import edit_keys
from ..lesson import rules
from ..lesson.strings import text


class RulesAndGallery:
    """Mixed into MainWindow, which provides model (app.model.ClassroomModel), worker, apply_sentence() and the like."""

    def _build_rule_toggle(self) -> None:
        """The classroom's rule as a two-way toggle: discussion | in turn (exclusive, always one checked)."""
        self.rule_group = QButtonGroup(self)
        self.rule_buttons = {}
        for rule in rules.RULES:
            b = QToolButton()
            b.setCheckable(True)
            b.setAutoRaise(False)  # drawn as buttons, the chosen one pressed in, even inside the tool bar
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.rule_group.addButton(b)
            self.rule_buttons[rule] = b
            b.clicked.connect(lambda _=False, r=rule: self.set_rule(r))

    def set_rule(self, rule: str) -> None:
        """The attention chapters' rule. A big model computes the other rule's trace on the worker first."""
        if rule == self.sel.rule:
            self.rule_buttons[rule].setChecked(True)
            self.worker.forget("rule")  # toggled back before the other rule's trace came: it is not shown then
            return
        if self.run and self._is_big() and not rules.has(self.model.shown_trace(), rule):
            self.rule_buttons[self.sel.rule].setChecked(True)  # until the trace is there
            self.worker.start(_rule_run, self.run, self.model.shown_trace(), rule, self.sel.layer, self.sel.focus,
                              self.sel.head, lane="rule")  # a sentence still computing is answered too
            return
        self.model.select(rule=rule)
        self.rule_buttons[rule].setChecked(True)

    def open_whatif(self) -> None:
        """Lesson → What if…: an edit chosen from the keyboard (a double-click's, without the mouse)."""
        from .whatif_dialog import open_whatif

        open_whatif(self)

    def open_gallery(self) -> None:
        """Lesson → Examples: choosing one loads its sentence, rule, asker, layer and head (not its language)."""
        if not self.gallery:  # (E, whose menu item is off: the item's tooltip says why)
            self.statusBar().showMessage(self.menu_actions["examples"].toolTip(), 8000)
            return
        from .gallery_dialog import GalleryDialog

        dialog = GalleryDialog(self, self.gallery, self.t, self.sel.lang, self.checkpoint.tokenizer,
                               self.model.open_example)
        try:
            chosen = dialog.chosen() if dialog.exec() else None
        finally:
            dialog.deleteLater()
        if chosen is not None:
            self.load_example(chosen)

    def load_example(self, example) -> None:
        self.model.choose_example(example)  # the sentence is computed under the example's rule
        self.sentence.setText(example.text)
        self._example_asked = example
        self.apply_sentence()
        self.example_opened()

    def example_opened(self) -> None:
        """Once the example chosen is on screen (now, or when a big model's job lands: window_jobs), the status line
        says it opened at its highlight, the shares' step, and which key goes to the start (teacher27 L7: step 20 of
        36 came without a word)."""
        example = getattr(self, "_example_asked", None)
        if example is None or self.model.open_example is not example or self.run is None:
            return
        self._example_asked = None
        step = self.player.timeline.locate(self.player.time)[0] + 1  # as the controls number it (ui.step_of)

        left = self.model.edits_left()  # the what-if edits set aside with the sentence before (teacher40 #8)

        def said(lang: str) -> str:  # (said again in the other language if it changes meanwhile)
            home = key_label(BY_ID["home"].keys[0], lambda key, **values: text(lang, key, **values))
            line = text(lang, "gallery.opened", step=step, home=home)
            if not left:
                return line
            undo = edit_keys(lang)["undo"]
            return text(lang, "said.then", first=line, then=text(
                lang, "gallery.edits_left_one" if left == 1 else "gallery.edits_left", n=left, undo=undo))

        self.tell(said, 12000)
        self._opened_line = (said, step)

    def opening_line_gone(self) -> None:
        """The status line example_opened told goes once the step changes (teacher34 #6: 「…（ステップ20）から始め
        ます。」 still stood at step 35); another message told meanwhile is left alone."""
        said, step = getattr(self, "_opened_line", (None, 0))
        if said is None or self.player.timeline.locate(self.player.time)[0] + 1 == step:
            return
        self._opened_line = (None, 0)
        if getattr(self, "_told", (None,))[0] is said:
            self.tell(lambda lang: "")


class RulesMade:
    """The worker's answer to rules_ahead: nothing to show, the class's cache holds both rules' traces now."""

    def arrived(self, window) -> None:
        pass


def _rules_ahead(trace, head: int) -> RulesMade:  # on the worker thread
    from ..lesson.share_places import both_rules

    both_rules(trace, head)
    return RulesMade()


def rules_ahead(window) -> None:
    """The class shown (a new sentence, a what-if edit): both rules' traces made after its first frame
    (share_places.both_rules: on the worker for a big model, one more forward; at once for a small one, ~1 ms), so
    that a later change of layer reads them instead of a forward on the GUI thread (review33 #2). Until they are
    made, a frame's decimals come from a forward through its layer only (rules.layer_under): the same numbers."""
    from ..lesson.share_places import both_rules, same_for

    trace = window.model.shown_trace()
    if trace is None or not same_for(trace) or all(rules.has(trace, r) for r in rules.RULES):
        return
    if window._is_big():
        window.worker.start(_rules_ahead, trace, window.sel.head, lane="ahead")
    else:
        both_rules(trace, window.sel.head)


class RuleRun:
    """The worker's answer to a rule switch on a big model: the run whose trace now holds `rule`'s trace."""

    def __init__(self, run, rule: str):
        self.run, self.rule = run, rule

    def arrived(self, window) -> None:  # on the GUI thread (window_jobs._job_done)
        if self.run is window.run:
            window.model.rule_ready(self.rule)
        else:  # a sentence came meanwhile (it is answered too): its class is switched as the teacher asked
            window.set_rule(self.rule)


def _rule_run(run, shown, rule: str, layer: int = 0, asker: int | None = None, head: int = 0) -> RuleRun:
    """On the worker thread: `rule`'s trace of the class shown (`run`'s, with its what-if edits), warmed for the
    frame; layer, asker and head: the ones shown."""
    warm_rule(shown, rule, layer, asker, head)
    return RuleRun(run, rule)


def warm_rule(trace, rule: str, layer: int, asker: int | None, head: int) -> None:
    """`rule`'s trace of `trace` (lesson.rules.under, kept in its cache) and what its first frame computes."""
    from ..lesson.panels import warm

    warm(rules.under(trace, rule), ffn_layer=layer, asker=asker, head=head, base=trace)
