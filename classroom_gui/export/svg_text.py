"""SVG text that needs no installed font. Qt's SVG generator writes each text run as <text font-family=
"IPAexGothic">, which a machine without that font draws in another font or, for Japanese, not at all.
Two ways out, chosen with --svg-text:

- "outline" (default): every run becomes a <path> of its glyph outlines, made by Qt from the same font
  and position, so it renders the same everywhere; the text stays beside it as an invisible <text>
  (fill-opacity 0), so search, copy and screen readers still find the words.
- "font": the runs stay <text>, and the font is embedded as a subset of just the characters used
  (an @font-face with a data: URL), for editors and browsers that honour it.
"""
from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

SVG_TEXT = ("outline", "font")
_TEXT = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.DOTALL)
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')


def finish_svg(path: Path, mode: str) -> None:
    """Rewrite the SVG that Qt wrote at `path` in place (mode "outline" or "font")."""
    if mode not in SVG_TEXT:
        raise ValueError(f"--svg-text must be one of {', '.join(SVG_TEXT)}, not '{mode}'")
    # the word joiners that keep a name or a narration's last characters on one line (lesson.strings) told Qt's line
    # breaker where not to break; in the file they are no text, and the embedded font has no glyph for them
    svg = re.sub("\u2060|&#8288;|&#x2060;", "", path.read_text(encoding="utf-8"), flags=re.IGNORECASE)
    svg = outline_text(svg) if mode == "outline" else embed_font(svg)
    path.write_text(svg, encoding="utf-8")


def _runs(svg: str):
    """(match, attributes, text) for every <text> run."""
    for m in _TEXT.finditer(svg):
        yield m, dict(_ATTR.findall(m.group(1))), html.unescape(m.group(2))


def _qfont(attrs: dict):
    from PySide6.QtGui import QFont

    from ..scene import fonts

    f = QFont(fonts.ui_family())  # the family Qt drew with; the SVG only repeats its name
    f.setPixelSize(max(1, round(float(attrs.get("font-size", "16")))))
    f.setWeight(QFont.Weight(int(float(attrs.get("font-weight", "400")))))
    f.setItalic(attrs.get("font-style") == "italic")
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


def path_data(path) -> str:
    """A QPainterPath as SVG path data (M, L, C; a cubic's two control points are its CurveToData)."""
    out, i, n = [], 0, path.elementCount()
    while i < n:
        e = path.elementAt(i)
        if e.isMoveTo():
            out.append(f"M{e.x:.2f} {e.y:.2f}")
        elif e.isLineTo():
            out.append(f"L{e.x:.2f} {e.y:.2f}")
        else:  # CurveTo, then two CurveToData
            c2, end = path.elementAt(i + 1), path.elementAt(i + 2)
            out.append(f"C{e.x:.2f} {e.y:.2f} {c2.x:.2f} {c2.y:.2f} {end.x:.2f} {end.y:.2f}")
            i += 2
        i += 1
    return "".join(out)


def outline_text(svg: str) -> str:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPainterPath

    pieces, last = [], 0
    for m, attrs, text in _runs(svg):
        path = QPainterPath()
        path.addText(QPointF(float(attrs.get("x", "0")), float(attrs.get("y", "0"))), _qfont(attrs), text)
        fill, opacity = attrs.get("fill", "#000000"), attrs.get("fill-opacity", "1")
        hidden = m.group(0).replace(f'fill-opacity="{opacity}"', 'fill-opacity="0"', 1)
        pieces += [svg[last:m.start()],
                   f'<path fill="{fill}" fill-opacity="{opacity}" stroke="none" d="{path_data(path)}"/>', hidden]
        last = m.end()
    return "".join(pieces) + svg[last:]


def embed_font(svg: str) -> str:
    """The SVG with a subset of the bundled font (the characters of its text runs) as an @font-face."""
    from fontTools import subset

    from ..resources import FONT, assets_dir
    from ..scene import fonts

    chars = {c for _m, _a, text in _runs(svg) for c in text} | {" "}
    options = subset.Options()
    options.flavor = None
    options.name_IDs = ["*"]  # keep the names: the licence notice travels with the glyphs
    # from bytes in memory: fontTools reads a font lazily and would otherwise keep the file open
    font = subset.load_font(io.BytesIO((assets_dir() / FONT).read_bytes()), options)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in chars])
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
    finally:
        font.close()
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    family = fonts.ui_family()
    style = (f'<style type="text/css"><![CDATA[@font-face {{ font-family: "{family}"; '
             f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}]]></style>')
    return svg.replace("<defs>", "<defs>\n" + style, 1) if "<defs>" in svg else svg.replace(">", ">" + style, 1)
