"""How often link lines run over the numbers on the desks' cards (notebook and cards with digits in their
cells): the classes of tests/test_link_lines_clear.py (6, 9, 12 and 64 students, English and Japanese, the
askers it uses) and the seed's Japanese sentence, at the end of the scoring, shares and listening chapters, in
discussion.

    QT_QPA_PLATFORM=offscreen python benchmarks/count_card_crossings.py

A crossing is one drawn line over one strip's cells that show numbers (its label row, the words above the cells,
left out), the line's width included; each row prints the crossings, the lines drawn, and how many lines cross
any number. Run two checkouts (each puts its own source first on sys.path) to compare them.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

WORDS = ["the", "cat", "sat", "on", "the", "mat", "and", "the", "dog", "sat", "on", "the", "rug", "because"]
CLASSES = [("The cat sat on the mat", "en", 2), ("The cat sat on the mat", "ja", 2),
           (" ".join(WORDS[:9]), "en", 9), (" ".join(WORDS[:12]), "ja", 1),
           (" ".join((WORDS * 5)[:64]), "en", 2), ("猫がマットの上に座った。" * 8, "ja", 1),
           ("猫がマットの上に座った", "ja", 1)]
STEPS = 200  # points looked at along each line


def number_cells(scene) -> np.ndarray:
    """[n, 4] x0, y0, x1, y1 of every drawn desk's strips whose cells show numbers (canvas pixels)."""
    out = []
    for desk in scene.desks:
        if not desk.isVisible() or desk.student is None or desk.box is None:
            continue
        x, y = desk.pos().x(), desk.pos().y()
        for st in desk.box.strips:
            if st.number_px:
                out.append((x + st.x + st.tab_w, y + st.cells_y, x + st.x + st.w, y + st.y + st.h))
    return np.array(out, np.float64).reshape(-1, 4)


def crossings(curves, cells: np.ndarray) -> tuple[int, int]:
    """(line, strip) pairs where the line paints over the strip's cells, and lines that cross any."""
    t = np.linspace(0.0, 1.0, STEPS + 1)[:, None]
    pairs = lines = 0
    for _, c, width in curves:
        p = np.asarray(c, np.float64)
        pts = ((1 - t) ** 3 * p[0] + 3 * (1 - t) ** 2 * t * p[1] + 3 * (1 - t) * t * t * p[2] + t ** 3 * p[3])
        dx = np.maximum(np.maximum(cells[None, :, 0] - pts[:, None, 0], 0.0), pts[:, None, 0] - cells[None, :, 2])
        dy = np.maximum(np.maximum(cells[None, :, 1] - pts[:, None, 1], 0.0), pts[:, None, 1] - cells[None, :, 3])
        hit = (np.hypot(dx, dy) < width / 2).any(axis=0)
        pairs += int(hit.sum())
        lines += bool(hit.any())
    return pairs, lines


def main() -> int:
    from PySide6.QtWidgets import QApplication
    QApplication.instance() or QApplication([])  # (PySide6 keeps it: QApplication.instance())
    from classroom_gui.lesson.state import Selection, frame_at, timeline_for
    from classroom_gui.model import load_checkpoint
    from classroom_gui.model.sentence import compute_run
    from classroom_gui.resources import teaching_model_dir
    from classroom_gui.scene.classroom import ClassroomScene

    ck = load_checkpoint(teaching_model_dir())
    total = [0, 0, 0]
    for text, lang, focus in CLASSES:
        for mask in ("none",):  # (in turn draws the same links at these chapters' ends)
            trace = compute_run(ck, text, mask=mask).trace
            n = trace.n_tokens
            timeline = timeline_for(n, trace.config.n_layer)
            scene = ClassroomScene()
            row = [0, 0, 0]
            for asker in sorted({focus, 1, (n + 1) // 2, n}):
                for chapter in ("scoring", "softmax", "listening"):
                    scene.set_frame(frame_at(trace, Selection(focus=asker - 1, lang=lang), timeline.chapter_end(chapter)))
                    pairs, lines = crossings(scene.links.curves, number_cells(scene))
                    row = [row[0] + pairs, row[1] + len(scene.links.curves), row[2] + lines]
            scene.clear()
            total = [a + b for a, b in zip(total, row)]
            print(f"{n:>3} students {lang} {mask:<6}: {row[0]:>4} crossings, {row[2]:>4} of {row[1]:>4} lines cross numbers")
    print(f"{ROOT.name}: all: {total[0]} crossings; {total[2]} of {total[1]} lines cross numbers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
