"""How much of the drawn link lines lies over the cards' digits and over the desks' name tags: canvas px of each
line's centre line within half its width of a digit cell (test_link_lines_clear.number_cells) or of a name with its
seat number or a badge (test_link_lines_clear.name_tags), read from the real scene items after set_frame.

    QT_QPA_PLATFORM=offscreen python tests/link_cover.py      # the seed's totals per case (before/after a change)
"""
from __future__ import annotations

import numpy as np

from test_link_lines_clear import name_tags, number_cells

POINTS = 400  # points along each drawn line


def _points(curve) -> np.ndarray:  # the cubic's POINTS + 1 centre-line points, [P, 2]
    t = np.linspace(0.0, 1.0, POINTS + 1)[:, None]
    u = 1.0 - t
    c = np.asarray(curve, np.float64)
    return u ** 3 * c[0] + 3 * u * u * t * c[1] + 3 * u * t * t * c[2] + t ** 3 * c[3]


def _over(points: np.ndarray, width: float, rects: np.ndarray) -> float:
    """px of the centre line (steps between points) whose points lie within width / 2 of any of the [r, 4] boxes."""
    if not len(rects):
        return 0.0
    x, y = points[:, 0, None], points[:, 1, None]
    dx = np.maximum(np.maximum(rects[None, :, 0] - x, 0.0), x - rects[None, :, 2])
    dy = np.maximum(np.maximum(rects[None, :, 1] - y, 0.0), y - rects[None, :, 3])
    hit = ((dx * dx + dy * dy) < (width / 2) ** 2).any(axis=1)
    step = np.hypot(*np.diff(points, axis=0).T)
    return float(step[hit[1:] & hit[:-1]].sum())


def _boxes(rects) -> np.ndarray:
    return np.array([(r.left(), r.top(), r.right(), r.bottom()) for r in rects], np.float64).reshape(-1, 4)


def cover(scene, frame) -> list[tuple[int, int, float, float, float]]:
    """(source, target, width, px over digits, px over name tags) of each line drawn in the scene's frame."""
    cells = _boxes([r for _, _, r in number_cells(scene)])
    tags = _boxes([r for rects in name_tags(scene, frame).values() for _, r in rects])
    out = []
    for link, curve, width in scene.links.curves:
        p = _points(curve)
        out.append((link.source, link.target, width, _over(p, width, cells), _over(p, width, tags)))
    return out


def alongside(scene) -> float:
    """px the drawn lines (not loops) run alongside one another beyond link_routes.TOLERANCE, summed over pairs
    (link_routes.alongside: closer than their half widths plus MARGIN, away from both lines' ends)."""
    from classroom_gui.scene.link_routes import FINE, TOLERANCE, alongside as runs, polylines

    lines = [(c, w) for link, c, w in scene.links.curves if link.source != link.target]
    total = 0.0
    for k, (c, w) in enumerate(lines[1:], 1):
        others = polylines([o for o, _ in lines[:k]])
        run = runs(polylines([c], FINE), w, others, np.array([o for _, o in lines[:k]], np.float32))[0]
        total += float(np.maximum(run - TOLERANCE, 0.0).sum())
    return total


def seed_cover(checkpoint, text: str, lang: str, rule: str, canvas, askers, chapters, scene=None):
    """Per (asker, step key): the lines' cover (see cover) at the end of every beat of these chapters."""
    from classroom_gui.lesson.state import Selection, frame_at, timeline_for
    from classroom_gui.model.sentence import compute_run
    from classroom_gui.scene.classroom import ClassroomScene

    trace = compute_run(checkpoint, text, mask=rule).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    own = scene is None
    scene = ClassroomScene() if own else scene
    out = {}
    try:
        for asker in askers:
            sel = Selection(focus=asker, lang=lang, rule=rule, canvas=canvas)
            for i, beat in enumerate(timeline.beats):
                if beat.chapter in chapters:
                    frame = frame_at(trace, sel, timeline.beat_stop(i))
                    scene.set_frame(frame)
                    out[(asker, f"{i}:{beat.key}")] = cover(scene, frame)
                    if ALONG:
                        ALONG.append(alongside(scene))
    finally:
        if own:
            scene.clear()
    return out


ALONG: list[float] = []  # (the script's: each step's alongside(), when not empty)
SEED = {"en": "The cat sat on the mat", "ja": "猫がマットの上に座った"}
CHAPTERS = ("scoring", "softmax", "listening", "layers")

if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
    from classroom_gui.model.checkpoint import load_checkpoint
    from classroom_gui.resources import teaching_model_dir

    app = QApplication([])
    cp = load_checkpoint(teaching_model_dir())
    verbose = "-v" in sys.argv
    for lang, text in SEED.items():
        for rule in ("none", "causal"):
            for canvas in (WIDESCREEN, FOUR_THREE):
                n = len(text.split()) if lang == "en" else 7
                ALONG[:] = [0.0]
                res = seed_cover(cp, text, lang, rule, canvas, range(n), CHAPTERS)
                d = sum(r[3] for v in res.values() for r in v)
                t = sum(r[4] for v in res.values() for r in v)
                worst = max((r[3] + r[4], key, r) for key, v in res.items() for r in v)
                print(f"{lang} {rule:6} {canvas.name:4}: steps {len(res)} lines {sum(map(len, res.values()))} "
                      f"digits {d:.0f} px, tags {t:.0f} px, alongside {sum(ALONG):.0f} px; "
                      f"worst {worst[0]:.0f} at {worst[1]} {worst[2][:3]}",
                      flush=True)
                if verbose:
                    for key, v in res.items():
                        for r in v:
                            if r[3] > 1 or r[4] > 1:
                                print("   ", key, r[:2], f"w{r[2]:.1f} digits {r[3]:.0f} tags {r[4]:.0f}")
