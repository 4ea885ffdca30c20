"""Simulated colour vision deficiencies for tests/test_accessibility.py (Machado, Oliveira & Fernandes 2009,
severity 1.0), as 3x3 matrices on linear RGB, to check that the palette's role colours stay apart for
deuteranopia, protanopia and tritanopia. NumPy only: `simulate` takes [..., 3] uint8 sRGB (a rendered picture
or a list of colours); the decoding to linear light is the palette's own (palette.linear_rgb)."""
from __future__ import annotations

import numpy as np

from classroom_gui.scene.palette import hex_rgb, linear_rgb

MATRICES = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}


def _srgb(lin: np.ndarray) -> np.ndarray:
    lin = np.clip(lin, 0.0, 1.0)
    c = np.where(lin <= 0.0031308, lin * 12.92, 1.055 * lin ** (1 / 2.4) - 0.055)
    return np.rint(c * 255).astype(np.uint8)


def simulate(rgb, kind: str) -> np.ndarray:  # [..., 3] uint8 -> [..., 3] uint8
    return _srgb(linear_rgb(rgb) @ MATRICES[kind].T)


def lab(rgb) -> np.ndarray:  # [..., 3] uint8 sRGB -> [..., 3] CIE L*a*b* (D65)
    xyz = linear_rgb(rgb) @ np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]).T
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], -1)


def closest_pair(colours: dict[str, str], kind: str | None = None) -> tuple[float, str, str]:
    """The smallest CIE76 ΔE between any two of the named "#rrggbb" colours (as seen under `kind`)."""
    names = list(colours)
    rgb = np.array([hex_rgb(colours[n]) for n in names], np.uint8)
    seen = lab(simulate(rgb, kind) if kind else rgb)
    best = (np.inf, "", "")
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            d = float(np.linalg.norm(seen[i] - seen[j]))
            best = min(best, (d, names[i], names[j]))
    return best
