"""What-if editing in the window: a double-click on a number of a question / self-introduction / opinion card
or on a cell of the attention map asks for a new value; Shift+double-click on a map cell switches whether the
asker hears that classmate (the layer's mask). The edits live in the ClassroomModel's what-if state (no
math here): this file only finds what was clicked, asks, and hands the edit to the model.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF

from ..lesson.numbers import fmt
from ..export.errors import said
from ..lesson.strings import text
from ..lesson.whatif_state import PROMPT_DECIMALS, as_typed, mask_now, own_value, too_far
from ..lesson.whatif_words import describe
from ..messages.fit import sentence_start
from ..messages.phrase import Phrase
from ..model.whatif import Edit, EditError
from ..scene.class_image import ClassImage
from ..scene.desk import DeskItem
from ..scene.heatmap import HeatmapItem
from . import number_box

KINDS = {"query": "q", "key": "k", "value": "v"}


def target_at(window, pos: QPointF) -> Edit | None:
    """The number under a scene point as an Edit holding its current value, or None. Cards are those of the
    selected layer and head (the layers step shows each layer's own cards: not editable there)."""
    frame, trace, sel = window.canvas.frame, window.model.shown_trace(), window.sel
    if frame is None or trace is None or frame.beat_key == "layers.layer":
        return None
    def card_edit(view, i: int, seat: int) -> Edit | None:
        kind = KINDS.get(view.strip.role) if view.strip is not None else None
        if not kind or i < 0 or (view.box.shown and i == view.box.shown):
            return None
        card = {"q": trace.layers[sel.layer].q, "k": trace.layers[sel.layer].k, "v": trace.layers[sel.layer].v}[kind]
        return Edit(kind, sel.layer, sel.head, seat, i, float(card[sel.head, seat, i]))

    for item in window.canvas.classroom.items(pos):
        if not item.isVisible():
            continue
        if isinstance(item, DeskItem) and item.student is not None:
            local = item.mapFromScene(pos)
            for (x, y), view in zip(item.view_pos, item.views):
                edit = card_edit(view, view.cell_at(local - QPointF(x, y)), item.student.index)
                if edit is not None:
                    return edit
            return None
        if isinstance(item, ClassImage):  # a big class's plain desks, drawn as one picture
            found = item.strip_at(pos)
            if found is not None:
                return card_edit(found[1], found[2], found[0].index)
            continue
        if isinstance(item, HeatmapItem) and item.heatmap is not None:
            cell = item.cell_at(item.mapFromScene(pos))
            if cell is None:
                return None
            i, j = cell
            layer = trace.layers[sel.layer]
            # one head's [T, T] scores, not the layer's [H, T, T] (50 MB at 1,024 students for one number)
            return Edit("score", sel.layer, sel.head, i, j, float(layer.head(sel.head).scores[i, j]))
    return None


def edit_at(window, pos: QPointF, mask: bool = False, asker: int | None = None) -> bool:
    """Ask for a new value of the number at `pos` and apply it; True when the class changed. `asker`: the
    asker before the double-click's first press, which chose the classmate whose number it edits. That asker
    is given back first and the number read from the class as it then draws (the classmate's own desk shows
    other cards at that place); on no number, the clicked student stays chosen, as a plain click leaves it."""
    clicked = window.sel.focus
    if asker is not None and asker != clicked:
        window.model.select(focus=asker)
    target = target_at(window, pos)
    whatif = window.model.whatif
    if target is None or whatif is None:
        if asker is not None and asker != clicked:  # a double-click on a desk chooses its student
            window.model.select(focus=clicked)
        else:
            window.tell(lambda lang: text(lang, "whatif.cannot"), 6000, aloud=True)
        return False
    tokens = list(whatif.trace.tokens)
    if mask and target.kind == "score":
        cell = Edit("mask", target.layer, 0, target.seat, target.index, 0.0)  # as the rule on screen draws it
        edit = replace(cell, value=1.0 - mask_now(whatif.own, whatif.edits, cell, window.model.rule_shown()))
    else:
        what = describe(window.sel.lang, target, tokens, with_value=False)
        own = fmt(own_value(whatif.own, target))
        def beyond(typed: float) -> str:  # a number far outside the class's: said in the box (teacher34 #12)
            return too_far(window.sel.lang, whatif.own, replace(target, value=as_typed(typed, target.value)))
        value, ok = number_box.ask_number(window, window.t("whatif.ask_title"),  # 2e1 is 20 (teacher26 M1)
                                          window.t("whatif.ask", what=what, own=own), target.value,
                                          PROMPT_DECIMALS, window.sel.lang, beyond)
        if not ok:
            return False
        edit = Edit(target.kind, target.layer, target.head, target.seat, target.index,
                    float(as_typed(value, target.value)))
    return apply(window, edit)


def apply(window, edit: Edit) -> bool:
    """Set one edit in the model (which redraws); a refused edit (a student hearing no one, a number set to what it
    is) is said once, in the window's language, as the CLI says it (export.errors.said): in the status bar and over
    the class, where a presenter sees it (teacher9 L5)."""
    try:
        window.model.edit(edit)
    except EditError as exc:
        if exc.phrase.key == "edit.same":  # teacher words, not the CLI's --set (teacher37 #10: 「（q[2,1,1,1]=5.0000）」)
            said_as = exc.phrase.values
            exc.phrase = Phrase("whatif.same", place=said_as["place"], value=said_as["value"])
        window.tell(lambda lang, refusal=exc: sentence_start(said(refusal, lang)), 8000, aloud=True)
        return False
    return True

