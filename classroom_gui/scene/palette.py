"""The one palette of the classroom: Okabe–Ito colour-blind-safe role colours, two themes, and the
diverging colour map that fills the cells of cards and notebooks.

Role colours are the same in every theme (a question card is blue in the app and on a slide); a theme
changes the room around them: background, desks, blackboard and text. Colours are "#rrggbb" strings
so the module needs no Qt; the view turns them into QColor where it draws.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from functools import lru_cache

import numpy as np

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}

# what each Strip/Link/Bars role is drawn in
ROLES = {
    "query": OKABE_ITO["blue"],            # question card
    "key": OKABE_ITO["orange"],            # self-introduction card, scores
    "value": OKABE_ITO["bluish_green"],    # opinion card, opinions travelling
    "weight": OKABE_ITO["vermillion"],     # attention shares
    "attention": OKABE_ITO["vermillion"],
    "context": OKABE_ITO["reddish_purple"],  # the new understanding (share-weighted mix of opinions)
    "notebook": "#6B7A89",                 # grey-blue: the student's own running notes
    "final_notebook": "#22313F",           # dark slate: the last notebook after the final LayerNorm (ln_f), the
                                           # one the answer is read from: another thing, so another colour (polish12)
    "token": OKABE_ITO["sky_blue"],
    "position": "#8A8F98",
    "hidden": OKABE_ITO["reddish_purple"],  # FFN hidden units
}

_ROOM_DEFAULT = {
    "background": "#F4EFE6",      # warm classroom wall
    "floor": "#EAE2D3",
    "desk": "#FFFDF8",
    "desk_border": "#C8B89E",
    "desk_shadow": "#D9CDB8",
    "header": "#F3EBDD",          # the name tag band at the top of a desk
    "text": "#1F2328",
    "text_muted": "#6A6F76",
    "focus": OKABE_ITO["yellow"],  # the asking student's spotlight
    "focus_border": "#1F2328",
    "active": OKABE_ITO["orange"],  # the classmate being scored
    "masked": "#B9BCC0",          # has not spoken yet
    "masked_desk": "#ECECEC",
    "unknown": "#7A4E9A",         # dashed outline and "?" of a word the model does not know
    "badge": "#FFFFFF",
    "board": "#263C33",           # chalkboard
    "board_frame": "#8B6B4A",
    "board_text": "#F4F1E8",      # chalk
    "board_muted": "#A9BBB1",
    "board_grid": "#4D6659",
    "caption": "#FFFFFF",
    "caption_border": "#DED5C4",
    "title": "#1F2328",
    "message": "#1F2328",
    "cell_text": "#111111",
    "cell_border": "#FFFFFF",
    "zeroed": OKABE_ITO["vermillion"],
    "edited": "#000000",          # a what-if edit's outline: black dashes over a yellow line, seen on any cell
    "edited_glow": OKABE_ITO["yellow"],
    "heat_low": "#FFFFFF",
    "heat_high": OKABE_ITO["vermillion"],
    "heat_empty": "#3A5247",
    "heat_focus": OKABE_ITO["yellow"],  # outline of the asker's row: bright on chalkboard
    "quiz_right": OKABE_ITO["bluish_green"],  # the answered card's frame when the class chose right (teacher34 #13)
    "quiz_wrong": OKABE_ITO["vermillion"],    # and when it chose wrong
}

_ROOM_SLIDE = {
    **_ROOM_DEFAULT,
    "background": "#FFFFFF",
    "floor": "#F5F5F5",
    "desk": "#FFFFFF",
    "desk_border": "#B8BEC6",
    "desk_shadow": "#E3E6EA",
    "header": "#F2F4F7",
    "board": "#F4F6F8",           # a light whiteboard prints and projects better than chalk
    "board_frame": "#C9CED6",
    "board_text": "#1F2328",
    "board_muted": "#5F6670",
    "board_grid": "#D5DAE0",
    "caption": "#FFFFFF",
    "caption_border": "#D5DAE0",
    "heat_empty": "#E8EBEF",
    "heat_focus": "#1F2328",
}


@dataclass(frozen=True)
class Theme:
    """A look for the canvas: colours by name (room and roles) and a scale for every font size."""
    name: str
    colors: dict[str, str] = field(default_factory=dict)
    font_scale: float = 1.0

    def color(self, key: str) -> str:
        return self.colors.get(key) or ROLES.get(key) or "#FF00FF"  # magenta shows a missing key at once

    def role(self, role: str) -> str:
        return ROLES.get(role, ROLES["notebook"])

    def with_font_scale(self, scale: float) -> "Theme":
        return replace(self, font_scale=float(scale))


# for a washed-out projector: pure white room, black ink and borders, a black board with white chalk, thick
# yellow focus; role colours stay (they are Okabe–Ito), numbers a little larger
_ROOM_CONTRAST = {
    **_ROOM_SLIDE,
    "background": "#FFFFFF", "floor": "#FFFFFF", "desk": "#FFFFFF", "desk_border": "#000000",
    "desk_shadow": "#000000", "header": "#FFF6B0", "text": "#000000", "text_muted": "#303030",
    "focus_border": "#000000", "masked": "#5A5A5A", "masked_desk": "#D0D0D0",
    "board": "#000000", "board_frame": "#000000", "board_text": "#FFFFFF", "board_muted": "#E0E0E0",
    "board_grid": "#5A5A5A", "caption": "#FFFFFF", "caption_border": "#000000", "title": "#000000",
    "message": "#000000", "cell_text": "#000000", "cell_border": "#000000", "heat_empty": "#202020",
    "heat_focus": OKABE_ITO["yellow"],
}

CLASSROOM = Theme("classroom", {**_ROOM_DEFAULT, **ROLES})
SLIDE = Theme("slide", {**_ROOM_SLIDE, **ROLES}, font_scale=1.0)
CONTRAST = Theme("contrast", {**_ROOM_CONTRAST, **ROLES}, font_scale=1.08)
THEMES = {t.name: t for t in (CLASSROOM, SLIDE, CONTRAST)}


def theme(name: str | None = None) -> Theme:
    if name is None:
        return CLASSROOM
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme '{name}'; choose one of {', '.join(THEMES)}") from None


# --- the diverging map: negative -> red, 0 -> white, positive -> blue (ColorBrewer RdBu ends) -------------
# The ends are only mixed up to MAX_MIX with white, so black 2-decimal numbers stay readable on every cell
# (contrast with black >= 6:1 at the darkest end). RdBu is rated colour-blind safe by ColorBrewer.
NEGATIVE = (178, 24, 43)
POSITIVE = (33, 102, 172)
MAX_MIX = 0.62
MASKED_CELL = (214, 216, 219)


def hex_rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def diverging_rgb(values, scale: float) -> np.ndarray:  # [...] floats, scale > 0 -> [..., 3] uint8
    """Cell colours: |value| / scale (clipped to 1) mixes white towards red (negative) or blue (positive)."""
    v = np.asarray(values, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):  # inf / inf: drawn white, like NaN
        t = np.clip(np.nan_to_num(v / max(float(scale), 1e-9), nan=0.0), -1.0, 1.0)
    mix = np.sqrt(np.abs(t))[..., None] * MAX_MIX  # sqrt: small values still show their sign
    end = np.where((t < 0)[..., None], np.array(NEGATIVE, float), np.array(POSITIVE, float))
    rgb = 255.0 * (1 - mix) + end * mix
    return np.rint(rgb).astype(np.uint8)


def diverging(value: float, scale: float) -> str:
    r, g, b = diverging_rgb([value], scale)[0]
    return f"#{r:02X}{g:02X}{b:02X}"


def sequential_rgb(values, low: str, high: str) -> np.ndarray:  # [...] floats in 0..1 -> [..., 3] uint8
    """Weights 0..1 from `low` to `high` (the heatmap), in 256 steps (as many as a colour channel has):
    a table look-up, so GPT-2's 1024 x 1024 attention matrix takes ~10 ms, not 170."""
    t = np.array(values, dtype=np.float32)  # a copy: worked on in place
    np.nan_to_num(t, copy=False)
    np.clip(t, 0.0, 1.0, out=t)
    t *= 255
    t += 0.5
    return _sequential_table(low, high)[t.astype(np.uint8)]


@lru_cache(maxsize=16)
def _sequential_table(low: str, high: str) -> np.ndarray:  # [256, 3] uint8: step k is weight k / 255
    t = (np.arange(256) / 255.0)[:, None]
    lo, hi = np.array(hex_rgb(low), float), np.array(hex_rgb(high), float)
    table = np.rint(lo * (1 - t) + hi * t).astype(np.uint8)
    table.flags.writeable = False
    return table


def linear_rgb(rgb) -> np.ndarray:  # [..., 3] sRGB 0..255 -> [..., 3] linear light 0..1
    """sRGB decoded to linear light (IEC 61966-2-1; WCAG's older 0.03928 threshold gives the same for every
    8-bit value). The luminance below and the colour-vision check of the tests start from here."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def relative_luminance(rgb) -> float:
    """WCAG relative luminance of an (r, g, b) 0..255 colour."""
    return float(linear_rgb(rgb) @ np.array([0.2126, 0.7152, 0.0722]))


def contrast(a, b) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(rgb) -> str:
    """Black or white, whichever reads better on the colour."""
    return _text_on(tuple(int(c) for c in rgb))


@lru_cache(maxsize=4096)
def _text_on(rgb: tuple[int, int, int]) -> str:  # kept: a heatmap asks for each of its cells' colours every paint
    return "#000000" if contrast(rgb, (0, 0, 0)) >= contrast(rgb, (255, 255, 255)) else "#FFFFFF"
