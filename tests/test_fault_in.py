"""model.allocator.fault_in: a small class's picture memory is faulted in once, after the canvas's first frame,
so the pictures its cold jumps keep (#18: ~20 a jump at 6 students) reuse resident pages instead of faulting."""
from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from classroom_gui.model import allocator

glibc = pytest.mark.skipif(not (sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"),
                           reason="mallopt is glibc's")

CHILD = """
import resource, sys
import numpy as np
from classroom_gui.model import allocator
if sys.argv[1] != "default":
    assert allocator.keep_freed_memory()
def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
done = allocator.fault_in(80 * 2**20) if sys.argv[1] == "fault_in" else 0
again = allocator.fault_in(80 * 2**20) if sys.argv[1] == "fault_in" else 0  # a second call
before = faults()
pictures = [np.ones(20_000, np.uint8) for _ in range(4_000)]  # 80 MB of picture-sized blocks, kept together
print(done, again, faults() - before)
"""


def _child(mode: str) -> tuple[int, int, int]:
    out = subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=True)
    return tuple(int(v) for v in out.stdout.split()[-3:])


@glibc
def test_faulted_in_memory_serves_later_blocks_without_page_faults():
    pages = 80 * 2**20 // 4096
    done, again, faults = _child("fault_in")
    assert done >= 80 * 2**20 and again == 0  # once: a second call finds it done
    assert faults < pages // 20
    _, _, kept_only = _child("keep")
    assert kept_only > pages // 2  # without it the same blocks fault their pages in one by one
    done, _, _ = _child("default")
    assert done == 0  # glibc's own settings would give the memory back at once: nothing is done


def _show_class(qapp, monkeypatch, up_to: int) -> tuple[list[int], object]:
    from classroom_gui.lesson.state import Selection, frame_at
    from classroom_gui.model import load_checkpoint
    from classroom_gui.model.sentence import run_sentence
    from classroom_gui.resources import teaching_model_dir
    from classroom_gui.view import canvas_view

    calls: list[int] = []
    monkeypatch.setattr(allocator, "fault_in", calls.append)
    monkeypatch.setattr(canvas_view, "FAULT_IN_UP_TO", up_to)
    trace = run_sentence(load_checkpoint(teaching_model_dir()), "the cat sat on the mat").trace
    view = canvas_view.CanvasView()
    view.resize(640, 360)
    view.show()
    qapp.processEvents()
    view.set_frame(frame_at(trace, Selection(focus=1), 0.5))
    assert calls == []  # from the event loop, after the first frame is painted
    qapp.processEvents()
    view.set_frame(frame_at(trace, Selection(focus=1), 9.0))
    qapp.processEvents()
    return calls, view


def test_a_small_class_faults_its_pictures_memory_in_once_after_the_first_frame(qapp, monkeypatch):
    from classroom_gui.scene import pictures

    calls, view = _show_class(qapp, monkeypatch, 64)
    ratio = view.devicePixelRatioF()
    assert calls == [pictures.budget_kb(view.viewport().width() * ratio, view.viewport().height() * ratio) * 1024]
    view.close()
    view.deleteLater()


def test_a_class_over_the_limit_faults_nothing_in(qapp, monkeypatch):
    calls, view = _show_class(qapp, monkeypatch, 5)  # 6 students, over a limit of 5
    assert calls == []
    view.close()
    view.deleteLater()
