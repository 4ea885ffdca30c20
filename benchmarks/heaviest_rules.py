"""How the heaviest link fares if, in a class of up to links.CLEAR_OF_ALL students, it kept clear of fewer links:
bench_links' caught sets drawn with the shipped rule and with CLEAR_OF_ALL = --clear-of-all (below it, the heaviest
keeps clear of the labelled links only), and for every set drawn otherwise, the heaviest link's drawn route measured
against every other drawn link: how many it runs alongside beyond link_routes.TOLERANCE, its longest such run (px),
how many it crosses away from the links' ends (NEAR_END), and where its label went; with each rule's CPU ms of
set_links from empty caches (min of --repeat, the two rules taking turns set by set).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_links.py catch --students 64 --model gpt2 -o SETS.json
    QT_QPA_PLATFORM=offscreen python benchmarks/heaviest_rules.py SETS.json [--clear-of-all 32] [--repeat 3]

#18's session 22 (links25): at 64 students a CLEAR_OF_ALL of 32 drew 12 of 26 teaching sets and 8 of 28 GPT-2 sets
otherwise; in every one of them but 1 teaching set (as good by these measures; only its label moved) the heaviest
link ran alongside more links or for longer (up to 318 px against 31; GPT-2 up to 216 against 11), in some crossing
fewer (MIXED).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402


def crosses(a: np.ndarray, b: np.ndarray, near: float) -> bool:
    """Whether polylines a [n, 2] and b [m, 2] cross somewhere farther than `near` from both of their ends."""
    p, r = a[:-1, None], (a[1:] - a[:-1])[:, None]
    q, s = b[None, :-1], (b[1:] - b[:-1])[None]
    rxs = r[..., 0] * s[..., 1] - r[..., 1] * s[..., 0]
    qp = q - p
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (qp[..., 0] * s[..., 1] - qp[..., 1] * s[..., 0]) / rxs
        u = (qp[..., 0] * r[..., 1] - qp[..., 1] * r[..., 0]) / rxs
    hit = (rxs != 0) & (t > 0) & (t < 1) & (u > 0) & (u < 1)
    if not hit.any():
        return False
    at = (p + t[..., None] * r)[hit]
    ends = np.array([a[0], a[-1], b[0], b[-1]])
    return bool((np.sqrt(((at[:, None] - ends[None]) ** 2).sum(-1)).min(1) > near).any())


def heaviest_fares(layer, links) -> dict | None:
    """The heaviest link's drawn route against every other drawn link (None: no heaviest, or it alone)."""
    from classroom_gui.scene import link_routes as lr
    from classroom_gui.scene.links import LinkLayer

    top = LinkLayer.heaviest(links)
    drawn = {id(link): (curve, width) for link, curve, width in layer.curves}
    if top is None or id(links[top]) not in drawn or len(layer.curves) < 2:
        return None
    curve, width = drawn[id(links[top])]
    rest = [(c, w) for link, c, w in layer.curves if link is not links[top]]
    lines = lr.polylines([c for c, _ in rest])
    runs = lr.alongside(lr.polylines([curve], lr.FINE), width, lines, np.array([w for _, w in rest], np.float32))[0]
    mine = lr.polylines([curve])[0]
    label = [box for link, box in layer.label_boxes if link is links[top]]
    return {"curve": curve, "alongside": int((runs > lr.TOLERANCE).sum()), "longest": float(runs.max()),
            "crosses": sum(crosses(mine, line, lr.NEAR_END) for line in lines),
            "label": [round(v) for v in label[0].getRect()] if label else None}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets")
    ap.add_argument("--clear-of-all", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    from bench_links import arguments, forget
    from PySide6.QtWidgets import QApplication, QGraphicsScene

    from classroom_gui.collector import collect_rarely
    from classroom_gui.scene import links as L
    app = QApplication.instance() or QApplication([])
    collect_rarely()
    calls = [arguments(c) for c in json.loads(Path(args.sets).read_text())]
    shipped = L.CLEAR_OF_ALL
    rules = {"shipped": shipped, "cheaper": args.clear_of_all}
    layer = L.LinkLayer(QGraphicsScene())
    ms = {r: [[] for _ in calls] for r in rules}
    drew: dict[str, list] = {r: [] for r in rules}
    print(f"load {os.getloadavg()[0]:.2f}; {len(calls)} sets; CLEAR_OF_ALL {shipped} vs {args.clear_of_all}")
    try:
        for rep in range(args.repeat):
            for n, (a, k) in enumerate(calls):
                for rule in (rules if (rep + n) % 2 else list(rules)[::-1]):
                    L.CLEAR_OF_ALL = rules[rule]
                    forget(layer)
                    t0 = time.process_time()
                    layer.set_links(*a, **k)
                    ms[rule][n].append((time.process_time() - t0) * 1000)
                    if rep == 0:
                        drew[rule].append(([(l.source, l.target, c) for l, c, _ in layer.curves],
                                           heaviest_fares(layer, a[0])))
    finally:
        L.CLEAR_OF_ALL = shipped
    for rule in rules:
        v = [min(x) for x in ms[rule]]
        print(f"  {rule:8s} set_links CPU ms: median {statistics.median(v):.2f}  p95 {np.percentile(v, 95):.2f}  "
              f"max {max(v):.2f}  sum {sum(v):.1f}")
    differ = [n for n in range(len(calls)) if drew["shipped"][n][0] != drew["cheaper"][n][0]]
    worse = 0
    for n in differ:
        a, b = drew["shipped"][n][1], drew["cheaper"][n][1]
        if a is None or b is None:
            print(f"  set {n:2d}: no heaviest link drawn")
            continue
        up = (b["alongside"] > a["alongside"]) + (b["crosses"] > a["crosses"]) + (b["longest"] > a["longest"] + 1)
        down = (b["alongside"] < a["alongside"]) + (b["crosses"] < a["crosses"]) + (b["longest"] < a["longest"] - 1)
        bad = "  WORSE" if up and not down else "  MIXED" if up else ""
        worse += bool(up)
        print(f"  set {n:2d}: heaviest alongside {a['alongside']} -> {b['alongside']} links (longest {a['longest']:.0f} -> "
              f"{b['longest']:.0f} px), crosses {a['crosses']} -> {b['crosses']}, label {a['label']} -> {b['label']}"
              f"{bad}")
    print(f"  {len(differ)} of {len(calls)} sets drawn otherwise; the heaviest worse (or mixed) in {worse}; "
          f"load at end {os.getloadavg()[0]:.2f}")
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
