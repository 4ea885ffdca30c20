#!/usr/bin/env python3
"""Where the soak's memory goes: runs scripts/soak.py's random actions and samples memory after every action,
then adds the changes up by action kind, so growth is attributed to exports, model opens, sentences, ...

Per action it records resident memory (VmRSS), glibc's heap (mallinfo2: bytes in use, freed bytes malloc
holds, and the heap's size over all arenas), Python's tracked objects (gc) and, with --tracemalloc, Python's
allocated bytes. In-use bytes that only grow are live memory (a leak or a cache); free bytes that grow while
in-use does not are memory glibc keeps (arenas, fragmentation); RSS beyond both is Qt's or the kernel's.

    python scripts/soak_memory.py --actions 600 --hostile                 # every kind
    python scripts/soak_memory.py --actions 300 --only export,sentence    # bisect: some kinds only
    python scripts/soak_memory.py --actions 300 --types                   # which Python types grew, per kind

Each sample runs gc.collect() first, so an action is charged for what it keeps, not for garbage.
"""
from __future__ import annotations

import argparse
import collections
import gc
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import soak  # noqa: E402  (scripts/soak.py: the window, the patched dialogs and the actions)

MB = 2**20


def malloc_state() -> dict:
    """glibc's heap over all arenas in MB: in use, freed but held, and the heap's size (mallinfo2)."""
    from classroom_gui.model.allocator import _MallInfo2  # the struct layout, kept in one place
    import ctypes

    try:
        f = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):
        return {}
    f.argtypes, f.restype = [], _MallInfo2
    m = f()
    return {"in_use": (m.uordblks + m.hblkhd) / MB, "free": m.fordblks / MB, "heap": (m.arena + m.hblkhd) / MB,
            "mmapped": m.hblkhd / MB}


def arenas() -> int:
    """glibc's arenas (the main one, and one per thread that malloc'd while it was busy), from malloc_info."""
    import ctypes
    import tempfile

    libc = ctypes.CDLL(None)
    libc.fopen.restype, libc.fopen.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes, libc.fclose.argtypes = [ctypes.c_int, ctypes.c_void_p], [ctypes.c_void_p]
    with tempfile.NamedTemporaryFile(suffix=".xml") as f:
        fp = libc.fopen(f.name.encode(), b"w")
        if not fp:
            return -1
        libc.malloc_info(0, fp)
        libc.fclose(fp)
        return Path(f.name).read_text().count("<heap nr=")


def measure(types: bool) -> dict:
    gc.collect()
    out = {"rss": soak.rss_mb(), "objects": len(gc.get_objects()), **malloc_state()}
    import tracemalloc

    if tracemalloc.is_tracing():
        out["python"] = tracemalloc.get_traced_memory()[0] / MB
    if types:
        out["types"] = collections.Counter(type(o).__name__ for o in gc.get_objects())
    return out


def caches_held() -> list[tuple[str, float, float]]:
    """What each of the app's caches holds at the end: (name, MB of malloc in use freed by clearing it, MB of
    RSS given back after malloc_trim), clearing them one after another in this order."""
    import ctypes

    from PySide6.QtGui import QPixmapCache

    from classroom_gui.scene import items, pictures

    def lru_caches():
        for module in list(sys.modules.values()):
            if getattr(module, "__name__", "").startswith("classroom_gui"):
                for f in list(vars(module).values()):
                    if hasattr(f, "cache_clear") and getattr(f, "__module__", "") == module.__name__:
                        f.cache_clear()

    out = []
    for name, clear in (("QPixmapCache", QPixmapCache.clear), ("scene.items._CELL_CACHE", items._CELL_CACHE.clear),
                        ("scene.pictures._NAMES", pictures._NAMES.clear), ("lru_caches", lru_caches)):
        before = measure(False)
        clear()
        after = measure(False)
        ctypes.CDLL(None).malloc_trim(0)
        trimmed = measure(False)
        out.append((name, before["in_use"] - after["in_use"], before["rss"] - trimmed["rss"]))
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--actions", type=int, default=600)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--hostile", action="store_true")
    p.add_argument("--only", help="comma-separated action kinds to run (scripts/soak.py's Soak.ACTIONS)")
    p.add_argument("--without", help="comma-separated action kinds to leave out")
    p.add_argument("--warmup", type=int, default=100, help="actions not counted (default 100)")
    p.add_argument("--types", action="store_true", help="count Python objects by type per action kind (slow)")
    p.add_argument("--tracemalloc", action="store_true", help="also Python's allocated bytes (slower)")
    p.add_argument("--pixmap-cache-mb", type=int, help="an experiment: QPixmapCache's limit instead of the app's")
    p.add_argument("--json", help="write every sample to this file")
    args = p.parse_args(argv)
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start(1)
    if args.pixmap_cache_mb:
        from classroom_gui.scene import pictures

        pictures.MIN_KB = pictures.MAX_KB = args.pixmap_cache_mb * 1024  # every fit_cache gives this
    soak_args = argparse.Namespace(seed=args.seed, hostile=args.hostile, model=None, verbose=False,
                                   delete_closed_dialogs=False, trim=False)
    s = soak.Soak(soak_args)
    kinds = dict(s.ACTIONS)
    if args.only:
        kinds = {k: w for k, w in kinds.items() if k in args.only.split(",")}
    for k in (args.without or "").split(","):
        kinds.pop(k, None)
    s.ACTIONS = tuple(kinds.items())
    fields = ("rss", "in_use", "free", "heap", "objects", "python")
    total = {k: collections.Counter() for k in kinds}
    grown = {k: collections.Counter() for k in kinds}
    samples = []
    before = measure(args.types)
    start = dict(before)
    started = time.perf_counter()
    try:
        for i in range(1, args.actions + 1):
            names, weights = zip(*s.ACTIONS)
            s.rng.seed(f"{args.seed}-{i}")  # the same action i whatever ran before: runs with --only stay comparable
            name = s.rng.choices(names, weights)[0]
            s.counts[name] = s.counts.get(name, 0) + 1
            s.rng.choices, chosen = (lambda *a, **k: [name]), s.rng.choices  # step() draws again: give it ours
            try:
                s.step()
            finally:
                s.rng.choices = chosen
            after = measure(args.types)
            samples.append({"i": i, "action": name, "arenas": arenas() if i % 50 == 0 else None,
                            **{f: round(after.get(f, 0), 2) for f in fields}})
            if i == args.warmup:
                start = dict(after)
            if i > args.warmup:
                for f in fields:
                    total[name][f] += after.get(f, 0) - before.get(f, 0)
                total[name]["n"] += 1
                if args.types:
                    for t, n in (after["types"] - before["types"]).items():
                        grown[name][t] += n
                    for t, n in (before["types"] - after["types"]).items():
                        grown[name][t] -= n
            before = after
        cached = caches_held()
    finally:
        elapsed = time.perf_counter() - started
        s.close()
    end = before
    print(f"\n{args.actions} actions ({elapsed:.0f} s), counted after {args.warmup}; crashes {len(s.crashes)}; "
          f"arenas {arenas()}")
    print(f"{'kind':>14} {'n':>5} " + " ".join(f"{f:>9}" for f in fields))
    for name, c in sorted(total.items(), key=lambda kv: -kv[1]["rss"]):
        print(f"{name:>14} {c['n']:>5} " + " ".join(f"{c[f]:>+9.1f}" if f != "objects" else f"{c[f]:>+9.0f}"
                                                      for f in fields))
    print(f"{'warm → end':>14} {'':>5} " + " ".join(
        f"{end.get(f, 0) - start.get(f, 0):>+9.1f}" for f in fields))
    print(f"{'end':>14} {'':>5} " + " ".join(f"{end.get(f, 0):>9.1f}" for f in fields))
    for name, in_use, rss in cached:
        print(f"cleared {name:>24}: in use {-in_use:+8.1f} MB, RSS after malloc_trim {-rss:+8.1f} MB")
    if args.types:
        for name, c in grown.items():
            top = [(t, n) for t, n in c.most_common(8) if n > 0]
            if top:
                print(f"{name}: " + ", ".join(f"{t} {n:+d}" for t, n in top))
    for c in s.crashes[:5]:
        print(f"\nCRASH {c}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps({"samples": samples}, indent=0), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
