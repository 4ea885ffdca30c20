"""CPU cost of drawing a new set of links (scene.links.LinkLayer.set_links) on the sets the real canvas gets at
bench_frames' jumping moments, and a digest of what each call drew, so that a change to the link code is timed
against another checkout on the same inputs and checked to draw the same paths, pens and labels.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_links.py catch --students 64 --model gpt2 -o SETS.json
    QT_QPA_PLATFORM=offscreen python benchmarks/bench_links.py time SETS.json [--root CHECKOUT] [--repeat 5]
        [--digests FILE.json] [--compare FILE.json]

`catch` runs the canvas over the jumping moments and writes every set_links call's arguments (JSON: no pickle).
`time` replays them with the link code of --root (default: this checkout) in three ways, CPU ms, min of --repeat:
  new  -- each set alone, every link cache emptied first (the links' kept curves, routes, paths and labels);
  seq  -- the sets in jump order from empty caches, as a session's jumps meet them (a desk's spots and curves
          found kept when an earlier set made them);
  kept -- the same set drawn again (nothing to choose or place).
Run two checkouts in turn, alternating, to compare them under the same load (the machine is shared).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent


def _root(argv) -> Path:  # --root before any import of the app: its code goes first on sys.path
    if "--root" in argv:
        return Path(argv[argv.index("--root") + 1]).resolve()
    return HERE.parent


ROOT = _root(sys.argv)
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402


def _array(a):
    return None if a is None else {"dtype": str(a.dtype), "shape": list(a.shape), "data": a.reshape(-1).tolist()}


def _unarray(d):
    return None if d is None else np.array(d["data"], d["dtype"]).reshape(d["shape"])


def catch(trace, frames: int, size, app, seed: int = 0) -> list[dict]:
    """Every set_links call's arguments with links at the jumping moments, in order, as JSON-ready dicts (the
    canvas driven by bench_routes.catch_sets: the same moments and asker)."""
    from dataclasses import asdict

    from bench_routes import catch_sets

    from classroom_gui.scene import links

    calls = []
    was = links.LinkLayer.set_links

    def caught(self, links_, desks, header_h, gap, theme, scale, avoid=(), asker=None, avoid_edges=None,
               numbers=None, room=links.ROOM, badges=None, badges_say=False):
        if links_:
            calls.append({
                "links": [asdict(link) for link in links_], "desks": [[k, *v] for k, v in desks.items()],
                "header_h": header_h, "gap": gap,
                "theme": {"name": theme.name, "colors": theme.colors, "font_scale": theme.font_scale},
                "scale": scale, "avoid": [list(r.getRect()) for r in avoid], "asker": asker,
                "avoid_edges": _array(avoid_edges), "numbers": _array(numbers), "room": list(room.getRect()),
                "badges": None if badges is None else [[k, v] for k, v in badges.items()],
                "badges_say": badges_say})
        return was(self, links_, desks, header_h, gap, theme, scale, avoid, asker, avoid_edges, numbers, room, badges,
                   badges_say)

    links.LinkLayer.set_links = caught
    try:
        catch_sets(trace, frames, size, app, seed)
    finally:
        links.LinkLayer.set_links = was
    return calls


def arguments(call: dict) -> tuple[tuple, dict]:
    from PySide6.QtCore import QRectF

    from classroom_gui.lesson.frame import Link
    from classroom_gui.scene.palette import Theme

    desks = {int(k): tuple(v) for k, *v in call["desks"]}
    args = ([Link(**d) for d in call["links"]], desks, call["header_h"], call["gap"], Theme(**call["theme"]),
            call["scale"])
    kwargs = {"avoid": [QRectF(*r) for r in call["avoid"]], "asker": call["asker"],
              "avoid_edges": _unarray(call["avoid_edges"]), "numbers": _unarray(call["numbers"]),
              "room": QRectF(*call["room"]),
              "badges": None if call["badges"] is None else {int(k): v for k, v in call["badges"]},
              "badges_say": call.get("badges_say", False)}
    return args, kwargs


def forget(layer) -> None:
    """Empty every cache of the link modules (module-level dicts named _UPPER, lru_caches) and the layer's own."""
    from classroom_gui.scene import link_geometry, link_labels, link_routes, link_shapes, links
    for mod in (links, link_geometry, link_labels, link_routes, link_shapes):
        for name, v in vars(mod).items():
            if name.startswith("_") and name[1:2].isupper() and isinstance(v, dict):
                v.clear()
            elif hasattr(v, "cache_clear") and getattr(v, "__module__", None) == mod.__name__:
                v.cache_clear()
    layer._route_sets.clear()
    try:  # the labels' kept text widths (routes28; a checkout before it has none)
        from classroom_gui.scene import text_width
    except ImportError:
        return
    text_width.forget()


def digest(layer) -> str:
    """What the layer drew: each shown path item's key, pen, brush and path elements, the labels and curves."""
    out = []
    for name, items in (("lines", layer.lines), ("markers", layer.markers)):
        for key in sorted(items, key=repr):
            item = items[key]
            if not item.isVisible():
                continue
            p, pen = item.path(), item.pen()
            els = [(e.type.value if hasattr(e.type, "value") else int(e.type), e.x, e.y)
                   for e in (p.elementAt(i) for i in range(p.elementCount()))]
            out.append((name, key, pen.color().name(), pen.widthF(), pen.capStyle().value, item.brush().color().name(),
                        item.brush().style().value, item.zValue(), els))
    out.append([(pill.pos().x(), pill.pos().y()) for pill in layer.labels if pill.isVisible()])
    out.append(layer.label_texts)
    out.append([(r.getRect()) for _, r in layer.label_boxes])
    out.append([(c, w) for _, c, w in layer.curves])
    return hashlib.sha1(repr(out).encode()).hexdigest()


def time_calls(calls: list[dict], repeat: int) -> dict:
    from PySide6.QtWidgets import QGraphicsScene

    from classroom_gui.scene.links import LinkLayer

    scene = QGraphicsScene()
    layer = LinkLayer(scene)
    made = [arguments(c) for c in calls]
    new = [[] for _ in made]
    seq = [[] for _ in made]
    kept = [[] for _ in made]
    digests = []
    for args, kwargs in made:  # once untimed: the path items exist, as in a scene that drew links before
        layer.set_links(*args, **kwargs)
    for r in range(repeat):
        for k, (args, kwargs) in enumerate(made):
            forget(layer)
            t0 = time.process_time()
            layer.set_links(*args, **kwargs)
            new[k].append((time.process_time() - t0) * 1000)
            t0 = time.process_time()
            layer.set_links(*args, **kwargs)
            kept[k].append((time.process_time() - t0) * 1000)
            if r == 0:
                digests.append(digest(layer))
        forget(layer)
        for k, (args, kwargs) in enumerate(made):
            t0 = time.process_time()
            layer.set_links(*args, **kwargs)
            seq[k].append((time.process_time() - t0) * 1000)
    return {"new": [min(v) for v in new], "seq": [min(v) for v in seq], "kept": [min(v) for v in kept],
            "digests": digests}


def summary(ms: list[float]) -> str:
    return (f"median {statistics.median(ms):6.2f}  p95 {np.percentile(ms, 95):6.2f}  max {max(ms):6.2f}  "
            f"sum {sum(ms):7.1f}")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("catch")
    c.add_argument("--students", type=int, default=64)
    c.add_argument("--model", default="gpt2", choices=("teaching", "gpt2"))
    c.add_argument("--frames", type=int, default=80)
    c.add_argument("--seed", type=int, default=0)
    c.add_argument("--size", default="1600x900")
    c.add_argument("-o", "--out", required=True)
    t = sub.add_parser("time")
    t.add_argument("sets")
    t.add_argument("--root")
    t.add_argument("--repeat", type=int, default=5)
    t.add_argument("--json", help="write the per-set ms and digests here")
    t.add_argument("--compare", help="a --json file of another checkout: count the sets drawn otherwise")
    args = ap.parse_args(argv)
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([])
    if args.cmd == "catch":
        from bench_frames import gpt2_trace, parse_size, teaching_trace

        from classroom_gui.collector import collect_rarely
        collect_rarely()
        trace = (gpt2_trace if args.model == "gpt2" else teaching_trace)(args.students)
        calls = catch(trace, args.frames, parse_size(args.size), app, args.seed)
        Path(args.out).write_text(json.dumps(calls))
        print(f"{len(calls)} set_links calls with links written to {args.out}")
        return 0
    import classroom_gui
    from classroom_gui.collector import collect_rarely
    collect_rarely()
    calls = json.loads(Path(args.sets).read_text())
    print(f"{Path(classroom_gui.__file__).parent.parent.name}: load {os.getloadavg()[0]:.2f}; {len(calls)} calls, "
          f"repeat {args.repeat} (CPU ms, min of repeats)")
    got = time_calls(calls, args.repeat)
    for mode in ("new", "seq", "kept"):
        print(f"  {mode:<5} {summary(got[mode])}")
    if args.compare:
        print(f"  {drew_otherwise(got['digests'], args.compare)} of {len(got['digests'])} calls drew otherwise than "
              f"{Path(args.compare).name}; load at end {os.getloadavg()[0]:.2f}")
    else:
        print(f"  load at end {os.getloadavg()[0]:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(got))
    return 0


def drew_otherwise(digests: list[str], path: str) -> int:
    """How many calls drew otherwise than in another checkout's --json file (or are in one only)."""
    old = json.loads(Path(path).read_text())["digests"]
    return sum(a != b for a, b in zip(old, digests)) + abs(len(old) - len(digests))


if __name__ == "__main__":
    raise SystemExit(main())
