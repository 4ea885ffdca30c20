"""Make tests/fixtures/route_choices.json: link sets the real canvas asks routes for, and the routes chosen.

    QT_QPA_PLATFORM=offscreen python scripts/make_route_fixture.py

For the seed ("The cat sat on the mat", the shipped model) and for classes of random words at 12, 64 and 512
students (the shipped model, its positions tiled as bench_frames does) and GPT-2-shaped ones at 128 and 1,024
(benchmarks/random_weights.py), the canvas is set to bench_frames' jumping moments with a few askers, and every
call of scene.links.LinkLayer._choose_routes is caught (benchmarks/bench_routes.catch_sets): its arguments and
what it chose. tests/test_route_choices.py chooses each set again and must get the same routes, so that a faster
route choice is shown to choose what this script's version of the code chose (#18's sixteenth session wrote the
file with main c680e91's route choice; links17 again with route choice that keeps off name tags too; fix24 again
with the labelled links' reorders judged by their own px). Seeded: running it again on the same code rewrites the same file.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "route_choices.json"
FRAMES = 24     # jumping moments per asker
PER_CASE = 10   # link sets kept per class (spread over what was caught)
# (name, model, students, askers); sets of one link are left out (it keeps its default route)
CASES = [("seed", "seed", 6, (1, 4)), ("random 12", "teaching", 12, (0, 7, 11)),
         ("random 64", "teaching", 64, (1, 40)), ("random 512", "teaching", 512, (3, 300)),
         ("gpt2 128", "gpt2", 128, (1, 90)), ("gpt2 1024", "gpt2", 1024, (1, 700))]


def trace_for(model: str, n: int, rng):
    import bench_frames

    if model == "seed":
        from classroom_gui.model import load_checkpoint
        from classroom_gui.model.sentence import compute_run
        from classroom_gui.resources import teaching_model_dir
        return compute_run(load_checkpoint(teaching_model_dir()), "The cat sat on the mat").trace
    pool = ("the cat sat on mat . pillow near lay rug grass slept roof shelf under stood box fence behind hid "
            "sofa bed small big white black dog bird mouse").split()
    bench_frames.WORDS = [str(w) for w in rng.choice(pool, n)]  # (its traces repeat WORDS over the class)
    return (bench_frames.teaching_trace if model == "teaching" else bench_frames.gpt2_trace)(n)


def as_json(args, chosen) -> dict:
    """One caught set, with only the links route choice reads (the drawn ones and the two heaviest), renumbered,
    and its desks as given (the class's, kept once per class)."""
    links, ranked, drawn, labelled, desks, hub, header_h, gap, scale = args[:9]
    numbers = args[9] if len(args) > 9 else None
    keep = sorted(set(drawn) | set(ranked[:2]))
    new = {i: k for k, i in enumerate(keep)}
    return {"links": [[l.source, l.target, l.weight, l.role, l.label, l.progress, l.value]
                      for l in (links[i] for i in keep)],
            "ranked": [new[i] for i in ranked if i in new], "drawn": [new[i] for i in drawn],
            "labelled": sorted(new[i] for i in labelled if i in new), "hub": hub,
            "header_h": header_h, "gap": gap, "scale": scale,
            "numbers": None if numbers is None else np.asarray(numbers, np.float32).tolist(),
            "chosen": [[new[i], *chosen[i]] for i in sorted(chosen)]}


def desks_json(args) -> list:
    return [[seat, *map(float, rect)] for seat, rect in sorted(args[4].items())]


def main() -> int:
    from bench_routes import catch_sets

    from classroom_gui.scene import link_geometry
    from classroom_gui.scene.links import LinkLayer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    rng = np.random.default_rng(16)
    layer = LinkLayer.__new__(LinkLayer)
    out = []
    for name, model, n, askers in CASES:
        trace = trace_for(model, n, rng)
        sets = [s for focus in askers for s in catch_sets(trace, FRAMES, (1600, 900), app, seed=focus, focus=focus)
                if len(s[2]) > 1]  # (a lone link keeps its default)
        assert len({json.dumps(desks_json(s)) for s in sets}) == 1  # one class, one canvas: the same desks
        keep = [sets[int(k)] for k in np.linspace(0, len(sets) - 1, min(PER_CASE, len(sets)))]
        rows = []
        for args in keep:
            link_geometry.routes_forget()
            rows.append(as_json(args, layer._choose_routes(*args)))
        out.append({"name": name, "students": n, "desks": desks_json(sets[0]), "sets": rows})
        print(f"{name}: {len(sets)} link sets caught, {len(rows)} kept", flush=True)
    OUT.write_text(json.dumps(out, separators=(",", ":")))
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
