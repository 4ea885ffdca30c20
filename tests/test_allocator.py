"""model.allocator: after keep_freed_memory(), a second array of the same size reuses the first one's freed
pages instead of page-faulting fresh ones in (what made GPT-2's forward 25-40 % slower)."""
from __future__ import annotations

import platform
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not (sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"),
                                reason="mallopt is glibc's")

CHILD = """
import resource, sys
import numpy as np
from classroom_gui.model.allocator import keep_freed_memory
if sys.argv[1] == "keep":
    assert keep_freed_memory() and keep_freed_memory()  # takes effect, and a second call is harmless
def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
def trace_like():                       # a forward: many arrays alive together, filled, then all freed
    arrays = [np.ones((1000, 1000), np.float32) for _ in range(30)]  # 30 x 4 MB
    del arrays
trace_like(); trace_like()              # the first sentences
before = faults()
trace_like()                            # the next sentence
print(faults() - before)
"""


def _faults(mode: str) -> int:
    out = subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1])


def test_freed_memory_is_reused_without_page_faults():
    pages = 30 * 4_000_000 // 4096
    assert _faults("default") > pages // 2   # glibc gave the 120 MB back to the kernel; filling faults it in
    assert _faults("keep") < pages // 20     # kept: the same pages, already mapped


ACROSS_THREADS = CHILD.replace("trace_like(); trace_like()              # the first sentences", """
import threading
worker = threading.Thread(target=trace_like)   # the window's worker computes a sentence
worker.start()
worker.join()""").replace("trace_like()                            # the next sentence",
                          "trace_like()                            # the GUI thread's arrays")


def test_memory_a_worker_thread_freed_serves_the_gui_thread():
    """One arena for every thread: a second arena kept the worker's freed memory for the worker alone."""
    out = subprocess.run([sys.executable, "-c", ACROSS_THREADS, "keep"], capture_output=True, text=True, check=True)
    assert int(out.stdout.split()[-1]) < 30 * 4_000_000 // 4096 // 20

BIG = """
import resource
import numpy as np
from classroom_gui.model import allocator
from classroom_gui.model.allocator import big_block, give_back_excess, keep_freed_memory
assert keep_freed_memory()
allocator.KEEP_AT_LEAST = 0
def rss():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) // 1024
def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
def shares():                           # GPT-2 small's shares at 1,024 students: 48 MiB, above glibc's 32 MiB
    with big_block():
        return np.ones((12, 1024, 1024), np.float32)

a = shares(); del a
before = faults()
b = shares()                            # the next forward's: the freed block again
print(faults() - before)
del b
c = np.ones((12, 1024, 1024), np.float32); del c   # outside big_block: mapped alone, as before
held = rss()
print(int(give_back_excess(keep=0)), held - rss())
"""


def test_a_big_block_is_kept_and_reused_like_the_smaller_ones():
    """allocator.big_block (fast.attention's shares from ~840 students): a 48 MiB array freed is kept in the heap
    and the next one takes its pages without faulting them in (mapped alone, it came back zero-filled: 0.45 s of
    system time a forward at 1,024 students, measured at load 9); give_back_excess returns it as it returns smaller blocks."""
    out = subprocess.run([sys.executable, "-c", BIG], capture_output=True, text=True, check=True).stdout.split()
    faults, gave, given_back = (int(x) for x in out)
    assert faults < 24, out  # mapped alone: ~540 (most of them 2 MB pages), or 12,288 in 4 kB pages
    assert gave == 1 and given_back >= 40, out


LONG_SENTENCE = """
import sys
from classroom_gui.app.model import ClassroomModel
from classroom_gui.lesson.state import prepared_run
from classroom_gui.model import allocator
from classroom_gui.model.allocator import keep_freed_memory
from classroom_gui.model.checkpoint import load_checkpoint
assert keep_freed_memory()  # as the window's main() does
# what is never given back, below what the long sentence frees: ~40 MB since its lean layers let go of their
# shares as they are made (it was ~70 MB, above the app's 64 MiB)
allocator.KEEP_AT_LEAST = 4 * 2**20
def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(key + ":")) / 1024
checkpoint = load_checkpoint(sys.argv[1])   # the teaching model with a 65,536-position context
model = ClassroomModel(checkpoint)
for _ in range(3):
    model.set_run(prepared_run(checkpoint, "the cat sat on the mat", "causal"))
before = status("VmRSS")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # the peak (VmHWM) from here
model.set_run(prepared_run(checkpoint, "the cat sat on the mat " * 200, "causal"))  # 1,024 students
peak = status("VmHWM")
model.set_run(prepared_run(checkpoint, "the cat sat on the mat", "causal"))        # 6 again
print(peak - before, status("VmRSS") - before)
"""


def test_a_long_sentence_gives_its_memory_back_once_replaced(tmp_path):
    """One 1,024-student sentence on a long-context model kept its peak for the rest of the session (the soak's
    growth with hostile models); once a short sentence replaces it, the window's model gives the freed memory
    back (allocator.give_back_excess) and RSS is within a few MB of before. The long sentence's peak (~40 MB
    now that its shares go as they are made) is below the 64 MiB the app never gives back, so the child
    lowers that floor to 4 MiB."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("make_hostile_models", root / "scripts" / "make_hostile_models.py")
    hostile = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hostile)
    folder = hostile.build(tmp_path, ["positions-65536"])["positions-65536"]
    out = subprocess.run([sys.executable, "-c", LONG_SENTENCE, str(folder)], capture_output=True, text=True, check=True)
    peak, after = (float(x) for x in out.stdout.split()[-2:])
    assert peak > 30            # the long sentence did need the memory (else this test shows nothing)
    assert after < 10, (peak, after)


POLICY = """
import numpy as np
from classroom_gui.model.allocator import give_back_excess, held_bytes, keep_freed_memory
assert not give_back_excess()           # before keep_freed_memory, glibc gives memory back on its own
assert keep_freed_memory()
def rss():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) // 1024
MB, start = 2**20, rss()
app = [np.ones(3 * MB // 8) for _ in range(60)]     # 180 MB the app goes on using (3 MB blocks: on the heap)
old = [np.ones(3 * MB // 8) for _ in range(40)]     # 120 MB of a sentence, then replaced
del old
print(int(give_back_excess(keep=130 * MB)), held_bytes()[1] // MB)  # 120 MB freed, a 130 MB trace: kept
print(int(give_back_excess(keep=20 * MB)), rss() - start)  # more than a 20 MB trace needs: given back, 180 left
"""


def test_freed_memory_is_kept_up_to_what_the_app_uses():
    """The policy: freed memory up to what the new sentence's trace holds (at least 64 MiB) stays for the next
    sentence of the same size; more than that goes back to the kernel, even while the app holds much more
    (pictures, weights): keeping up to what was in use let the soak's freed memory creep up to that."""
    out = subprocess.run([sys.executable, "-c", POLICY], capture_output=True, text=True, check=True).stdout.split()
    kept, held, gave, grown = (int(x) for x in out)
    assert (kept, gave) == (0, 1)
    assert held >= 100 and grown < 180 + 16, out



def test_a_traces_nbytes_counts_the_arrays_it_holds_now():
    """Trace.nbytes, what give_back_excess keeps for the next sentence: every array a full trace keeps; a lean
    one grows by its derived steps once they are asked for."""
    import numpy as np

    from classroom_gui.model import GPTConfig, forward
    from classroom_gui.model.checkpoint import expected_shapes
    from classroom_gui.model.gpt import LEAN_FROM

    config = GPTConfig(n_layer=2, n_head=2, n_embd=8, n_positions=LEAN_FROM + 8, vocab_size=50, n_inner=16)
    rng = np.random.default_rng(0)
    params = {k: rng.standard_normal(shape).astype(np.float32) for k, shape in expected_shapes(config).items()}
    ids = rng.integers(0, 50, LEAN_FROM)
    full, lean = forward(ids, params, config, lean=False), forward(ids, params, config, lean=True)
    every = {id(a): a for a in [full.tok_embedding, full.pos_embedding, full.ln_f] + [
        a for layer in full.layers for a in (layer.x, layer.q, layer.k, layer.v, layer.weights, layer.context,
                                             layer.resid_attn, layer.output, *layer.steps.values())]}
    assert full.layers[1].x is full.layers[0].output  # held once, counted once
    assert full.nbytes == sum(a.nbytes for a in every.values()) and len(full.layers[0].steps) > 5
    before = lean.nbytes
    assert before < full.nbytes
    lean.layers[0].ffn_pre  # asked: the steps it is made from are made and kept
    assert lean.nbytes == before + sum(lean.layers[0].steps[n].nbytes for n in ("ln_2", "ffn_pre"))
    derived, shares = lean.nbytes, sum(layer.weights.nbytes for layer in lean.layers)
    lean.let_go_of_weights()  # every layer's shares go; each row's strongest share per head stays
    best = sum(a.nbytes for layer in lean.layers for a in layer.best)
    assert lean.nbytes == derived - shares + best
    head = lean.layers[1].head(1)  # one head's shares, made for it and kept with the head: counted
    made = head.weights.nbytes + head.scores.nbytes
    assert lean.nbytes == derived - shares + best + made
    lean.layers[1].weights  # every head's shares, made head by head
    assert lean.nbytes == derived - shares // 2 + best + made
