"""Memory figures of this process from /proc/self/status, for the benchmarks that report RSS and its peak."""
from __future__ import annotations

from pathlib import Path


def status(key: str) -> int:
    """Bytes of a /proc/self/status line (VmRSS, VmHWM); 0 where there is none (not Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
