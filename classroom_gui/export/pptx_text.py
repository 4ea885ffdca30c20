"""Text in a PPTX slide's shapes set as the canvas sets it (export.deck_pptx's title, narration and quiz card):
canvas pixels as EMU, theme colours as RGB, paragraphs of runs that say their language, a text frame shrunk to fit
its shape, and the largest size at which a text fits its box as the canvas measures it (so PowerPoint and Keynote,
which shrink text only once it is edited, open every slide without overflow).
"""
from __future__ import annotations

from ..lesson.canvas import WIDESCREEN
from ..lesson.strings import japanese

EMU_PER_PX = 12192000 // WIDESCREEN.width  # 6350: a 1920-pixel canvas on a 13.33 in wide slide
PT_PER_PX = 0.5                           # 1920 px across 960 pt


def emu(*px: float):
    from pptx.util import Emu
    return [Emu(int(round(v * EMU_PER_PX))) for v in px]


def rgb(hex_colour: str):
    from pptx.dml.color import RGBColor
    return RGBColor.from_string(hex_colour.lstrip("#")[:6].upper())


def write(frame_text, paragraphs: list[tuple[str | list[tuple[str, str, bool]], float, str, bool]],
          font: str | None = None) -> None:
    """Fill a text frame: (text, size in pt, colour, bold) per paragraph, a "\v" in it a line break, or instead of
    the text a list of (text, colour, bold) runs; runs say their language so that spell checking and the East Asian
    font choice are right."""
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    frame_text.clear()
    for n, (text, pt, colour, bold) in enumerate(paragraphs):
        para = frame_text.paragraphs[0] if n == 0 else frame_text.add_paragraph()
        runs = text if isinstance(text, list) else [(text, colour, bold)]
        for said, colour, bold in runs:
            if "\v" in said:
                para.text = said  # (a run a line: python-pptx makes "\v" a line break)
                made = para.runs
            else:
                made = [para.add_run()]
                made[0].text = said
            for run in made:
                run.font.size = Pt(pt)
                run.font.bold = bold
                run.font.color.rgb = rgb(colour)
                run.font._rPr.set("lang", "ja-JP" if japanese(said) else "en-US")
                if font:  # named for Latin and East Asian text alike (else a renderer takes the theme's, DejaVu)
                    run.font.name = font  # <a:latin>, and <a:ea> right after it (the schema's order)
                    latin = run.font._rPr.find(qn("a:latin"))
                    latin.addnext(latin.makeelement(qn("a:ea"), {"typeface": font}))


def fitted(frame_text, margin: float | None = None, margin_y: float | None = None, wrap: bool = True) -> None:
    """A text frame centred vertically and shrunk to fit its shape (the title, the narration, a quiz card), wrapped
    unless `wrap` is False (an answered quiz card holds the picture's own lines), with `margin` canvas px left and
    right and `margin_y` top and bottom (None: PowerPoint's own)."""
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE

    frame_text.word_wrap = wrap
    frame_text.vertical_anchor = MSO_ANCHOR.MIDDLE
    if margin is not None:
        frame_text.margin_left = frame_text.margin_right = emu(margin)[0]
    if margin_y is not None:
        frame_text.margin_top = frame_text.margin_bottom = emu(margin_y)[0]
    frame_text.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE


def fitting_px(text: str, w: float, h: float, largest: float, smallest: float, bold: bool = False,
               wrap: bool = True) -> float:
    """The largest pixel size, as the canvas would choose it, at which `text` fits w x h canvas pixels, so
    PowerPoint and Keynote (which shrink text only once it is edited) open every slide without overflow."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFontMetricsF

    from ..scene import fonts

    flags = int(Qt.AlignmentFlag.AlignLeft | (Qt.TextFlag.TextWordWrap if wrap else 0))
    px = largest
    while px > smallest:
        used = QFontMetricsF(fonts.font(px, bold)).boundingRect(QRectF(0, 0, w, 1e6), flags, text)
        if used.height() <= h and used.width() <= w:
            break
        px = max(smallest, px - max(1.0, px * 0.08))
    return px
