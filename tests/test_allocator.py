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
