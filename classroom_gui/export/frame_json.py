"""Every number a picture shows, with what it is, as JSON: the desks' strips (which student, which card,
which layer and head), the links, the blackboard, the bars, the heatmap and the layer view, and the rule
("mask": "none" for discussion, "causal" for in turn) the moment is told under.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

import numpy as np

from ..lesson.frame import Bars, Frame, Link
from ..lesson.state import Selection
from ..lesson.strings import text
from ..model.trace_json import floats
from .files import ExportError, atomic_path, check_target
from .formats import NUMBERS


def _link(link: Link) -> dict:
    """A link's fields as the picture reads them; its unrounded `value` (which the scene only ranks by) is left
    out: the label is the number shown."""
    out = asdict(link)
    del out["value"]
    return out


def frame_numbers(frame: Frame, sel: Selection, left_out: int | None = None, short: bool | None = None) -> dict:
    """`left_out`: the board lines the picture did not draw (export.pictures.write_picture), else the lesson's;
    `short`: the picture drew the lesson's short board (Frame.board_short), None when no picture was drawn."""
    layer = frame.students and frame.beat_key == "layers.layer"
    return {
        "moment": {"time": frame.time, "step": frame.beat + 1, "chapter": frame.chapter_key, "beat": frame.beat_key,
                   "title": frame.title, "narration": frame.narration},
        "selection": {"focus_seat": sel.focus + 1, "layer": sel.layer + 1, "head": sel.head + 1,
                      "temperature": sel.temperature, "language": sel.lang, "mask": sel.rule,
                      "cards_from": "the layer of this step" if layer else f"layer {sel.layer + 1}, head {sel.head + 1}"},
        "students": [{"seat": s.index + 1, "text": s.text, "unknown": s.unknown, "state": s.state, "badge": s.badge,
                      "strips": [asdict(strip) for strip in ([s.notebook] if s.notebook else []) + s.cards]}
                     for s in frame.students],
        "links": [_link(link) | {"source_seat": link.source + 1, "target_seat": link.target + 1} for link in frame.links],
        "board": frame.board,
        "board_lines_left_out": frame.board_more if left_out is None else left_out,
        "board_strips": [asdict(s) for s in frame.board_strips],
        "mask": frame.rule,
        "quiz": frame.quiz,  # a question slide or its answer (lesson.quiz_play.card), else null
        "edits": frame.edits,  # what-if edits as in the trace JSON (seat from 0, seat_number from 1); [] = none
        "bars": _bars(frame.bars),
        "bars_beside": _bars(frame.bars_beside),
        "heatmap": asdict(frame.heatmap) if frame.heatmap else None,
        "layer_view": asdict(frame.layer_view) if frame.layer_view else None,
        "notices": frame.notices,
        "message": frame.message,
    } | ({"board_short": frame.board_short} if frame.board_short else {}) \
      | _gaps_left_out(frame, sel, short)  # board_short: drawn where `board` does not fit


def _gaps_left_out(frame: Frame, sel: Selection, short: bool | None) -> dict:
    """Where the short board has gap lines ("… (37 others: seats 11–48)"), how many students they leave out as drawn: the
    gaps' count when the picture drew the short board, 0 when it drew the whole one, null when no picture said
    which (fix52's note: a short board with gaps said only board_lines_left_out 0)."""
    gaps = gap_students(frame.board_short, sel.lang) if frame.board_short else 0
    if not gaps:
        return {}
    return {"board_students_left_out": gaps if short else 0 if short is False else None}


def _bars(bars: Bars | None) -> dict | None:
    """The bars, a masked score (−∞) as null: JSON has no infinity (as in the trace's JSON)."""
    if bars is None:
        return None
    bars = asdict(bars)
    for key in ("values", "from_values"):
        if bars[key] is not None:
            bars[key] = floats(np.asarray(bars[key], float))
    return bars


def json_value(value):
    """numpy arrays and numbers (the heatmap, the layer view) as JSON lists and floats."""
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def check_json_target(path) -> Path:
    return check_target(path, NUMBERS, ExportError("error.numbers_json", path=path))


def write_frame_json(frame: Frame, sel: Selection, tmp: Path, left_out: int | None = None,
                     short: bool | None = None) -> None:
    """The numbers written to `tmp` (a temporary of files.atomic_paths); `left_out` and `short` as frame_numbers'."""
    write_numbers(frame_numbers(frame, sel, left_out, short), tmp)


def gap_students(lines: list[str], lang: str) -> int:
    """How many students the gap lines among `lines` leave out, read from their words in `lang` (board.skipped:
    "… (31 others: seats 18–48)", board.skipped_count: "… (29 others)" where its seats are not all in a row (review30 2),
    board.skipped_one: "… (1 other: seat 5)")."""
    many = re.escape(text(lang, "board.skipped", n="\0N", first="\0F", last="\0L"))
    count = re.escape(text(lang, "board.skipped_count", n="\0N"))
    one = re.escape(text(lang, "board.skipped_one", seat="\0F"))
    number = {re.escape("\0N"): r"(\d+)", re.escape("\0F"): r"\d+", re.escape("\0L"): r"\d+"}
    for mark, found in number.items():
        many, count, one = many.replace(mark, found), count.replace(mark, found), one.replace(mark, found)
    total = 0
    for line in lines:
        if m := re.fullmatch(many, line.strip()) or re.fullmatch(count, line.strip()):
            total += int(m.group(1))
        elif re.fullmatch(one, line.strip()):
            total += 1
    return total


def write_numbers(record, tmp: Path) -> None:
    """A --json record written to `tmp` as every numbers file is (a frame's, a comparison's 'classes'): UTF-8 with
    its words as written, indented by one, arrays as lists."""
    Path(tmp).write_text(json.dumps(record, ensure_ascii=False, indent=1, default=json_value), encoding="utf-8")


def save_frame_json(frame: Frame, sel: Selection, path) -> Path:
    path = check_json_target(path)
    with atomic_path(path) as tmp:
        NUMBERS[path.suffix.lower()].write(frame, sel, tmp)
    return path
