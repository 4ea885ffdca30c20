"""A lesson as a PPTX a teacher can edit: per slide, the chapter title and the narration as real text
boxes in the deck theme's fonts (Japanese included), the classroom picture between them drawn without
its own title and narration band, the cards' colour legend where the canvas draws one, and speaker notes saying
what the slide does not: where to point and one board equation to redo (lesson.speaker_notes). A quiz slide's
question and choices are a box of their own where the canvas draws its quiz card, and lead the notes.

Geometry follows the frames' canvas (1 px = 6350 EMU: 16:9's 1920 x 1080 logical pixels on a 13.33 x 7.5 in
slide, 4:3's 1440 x 1080 on a 10 x 7.5 in one), so an untouched slide looks like the exported picture; every piece can then be moved, restyled or
translated in PowerPoint, Keynote, Google Slides or LibreOffice Impress.
"""
from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Callable

from ..lesson.canvas import PICTURE_TOP, WIDESCREEN, Canvas
from ..lesson.frame import Frame
from ..lesson.speaker_notes import speaker_notes
from ..lesson.strings import japanese
from ..scene.classroom import ClassroomScene, rule_on_second_line
from ..scene.palette import Theme, theme as theme_named
from ..scene.render import render_frame
from ..scene.wrapped_text import notice_rows
from .png import png_bytes
from .pptx_text import EMU_PER_PX, PT_PER_PX, emu, fitted, fitting_px, rgb, write


def title_box(c: Canvas) -> tuple[int, int, int, int]:  # x, y, w, h in canvas pixels (the canvas draws its title there)
    return 40, 4, c.width - 80, 54


def narration_box(c: Canvas) -> tuple[int, int, int, int]:
    return 30, c.caption_y, c.width - 60, c.height - c.caption_y - 18


TITLE_PX, NARRATION_PX, NOTICE_PT = (36, 22), (34, 17), 9  # (largest, smallest) as on the canvas
# East Asian theme font: Yu Gothic ships with Windows and macOS (and Office); other apps substitute theirs
EAST_ASIAN_FONT = "Yu Gothic"
APP_FONT = "IPAexGothic"  # the app's (scene.fonts) named in the title's runs (teacher36 #12: none, DejaVu in a PDF)
TITLE_LEAST_PT = 18.0  # where a title would be smaller, its rule's name is left out (a chapter's title alone fits)
NAMES = ("Title", "Classroom picture", "Narration")  # shape names, also what the tests look for
QUIZ_NAME = "Quiz"  # a quiz slide's question and choices
LEGEND_NAME = "Card colours"  # the cards' colour legend in the title row, where the canvas draws one
QUIZ_PX = (44, 20)  # (largest, smallest), as the canvas's quiz card
ASKED_MARGINS = (36, 28)  # an asked card's text inside its box, each side (x, y), canvas pixels
# LibreOffice sets a Japanese line wider than Qt measures it: on the seed's 1024x768 quiz deck (teacher24 M2) a line
# Qt measured at 703 of 763 px wrapped (「…この中 / で」: it adds space inside （ GPT ） and between scripts), one of
# 660 fitted; the question is broken for up to 15 % more
LIBREOFFICE_WIDER = 1.15


def save_pptx(frames: list[Frame], tmp: Path, size, theme: Theme | None,
              tick: Callable[[int, int], None]) -> None:
    from pptx import Presentation
    from pptx.util import Emu

    th = theme or theme_named()
    prs = Presentation()
    canvas = frames[0].canvas if frames else WIDESCREEN  # (the frames of one deck share their Selection's canvas)
    prs.slide_width, prs.slide_height = Emu(canvas.width * EMU_PER_PX), Emu(canvas.height * EMU_PER_PX)
    _size_named(prs)
    _east_asian_theme_font(prs)
    title_only = prs.slide_layouts[5]
    scene = ClassroomScene(theme=th)
    width = max(16, int(size[0]))
    for i, frame in enumerate(frames):
        slide = prs.slides.add_slide(title_only)
        _background(slide, th.color("background"))
        card = _placed_card(frame, th, scene)  # placed first: the legend and the title keep clear of it
        legend_left = _picture(slide, frame, th, scene, width, card)
        drawn = board_lines(scene)  # the picture's board, laid out round the card (not drawn) as the canvas is
        _title(slide, frame, th, legend_left, card)
        _narration(slide, frame, th)  # the step's own narration at the deck's size, also on a quiz slide
        if frame.quiz:
            _quiz(slide, frame, th, scene, card)
        slide.notes_slide.notes_text_frame.text = slide_notes(frame, drawn)
        tick(i + 1, len(frames))
    prs.save(str(tmp))


# ECMA-376 ST_SlideSizeType's screen presets, by their size in EMU (10 in wide); PowerPoint's 13.33 x 7.5 in
# "Widescreen" is none of them and is written without a type (the attribute's default: custom)
SIZE_TYPES = {(9144000, 6858000): "screen4x3", (9144000, 5143500): "screen16x9", (9144000, 5715000): "screen16x10"}


def _size_named(prs) -> None:
    """presentation.xml's <p:sldSz> typed for the slide's own size (teacher27 L5: a 16:9 deck kept the default
    template's type="screen4x3", and PowerPoint's slide-size dialog named it 4:3): the preset of that size, else
    no type."""
    size = prs.part._element.sldSz  # (python-pptx sets cx and cy and leaves the template's type)
    kind = SIZE_TYPES.get((int(prs.slide_width), int(prs.slide_height)))
    if kind:
        size.set("type", kind)
    elif "type" in size.attrib:
        del size.attrib["type"]


def slide_notes(frame: Frame, drawn: list[str] | None = None) -> str:
    """A slide's speaker notes: a quiz slide's question first, then where to point and what to redo
    (lesson.speaker_notes; of the board lines `drawn` in the slide's picture, board_lines), then the frame's
    notices; paragraphs apart. A PNG folder's notes.txt holds them too."""
    lang = "ja" if japanese(frame.title) else "en"  # (a deck's frames are said in one language)
    return "\n\n".join(filter(None, [_quiz_said(frame), *speaker_notes(frame, lang, drawn), *frame.notices]))


def board_lines(scene: ClassroomScene) -> list[str]:
    """The board's lines the scene draws now (teacher28 M2: the notes redid a line the slide's board had cut)."""
    lines = scene.board.lines
    return list(lines.lines) if lines.isVisible() else []


def _quiz_said(frame: Frame) -> str:
    """A quiz slide's question and lettered choices as the notes start with them (the answer marked once
    revealed); "" for another slide."""
    if not frame.quiz:
        return ""
    from ..scene.quiz import quiz_text

    return quiz_text(frame.quiz).replace("\n\n", "\n")


def _placed_card(frame: Frame, th: Theme, scene):
    """A quiz's card where the canvas places it (scene.quiz.show_quiz: for the frame as the canvas draws it, title
    and narration and all), answered or asked; None on another slide and for an asked card the canvas puts in
    asked_box (no place off the board's lines). review27 B1: an asked card was read after the picture, drawn without
    its quiz, had left the scene, so every asked box fell back to asked_box, over the board."""
    if not frame.quiz:
        return None
    scene.set_frame(frame, th)
    return scene.quiz_card if frame.quiz["answer"] is not None else scene.quiz_asked  # placed by set_frame


def _quiz(slide, frame: Frame, th: Theme, scene, card=None) -> None:
    """The quiz card as a box the teacher can edit, where the canvas draws it (scene.quiz: over the board while
    asked; once answered in the free place it finds for `scene`'s frame, clear of what the answer is read from, at
    its text size), the answer's choice bold in the answer colour. Before, the question and its choices were put in
    the narration box, whose text then shrank to 8.7-10.3 pt on an answer slide (teacher5 M3)."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Pt

    from ..scene.quiz import asked_box
    from ..scene.quiz_place import ASKS, PAD_X, PAD_Y, PAIR_GAP

    quiz = frame.quiz
    revealed = quiz["answer"] is not None
    if revealed:
        card = card or _placed_card(frame, th, scene)
        # its lines as the picture breaks them, in a box no renderer wraps again (teacher15 L1: in LibreOffice
        # 「B. 「マッ／ト」」 and ✓ alone on a line), with the picture's padding
        said = [line for line in card.lines if line]
        rows = 1 if card.kind == "question" else -(-len(quiz["choices"]) // (1 + card.paired))  # the choices' lines
        if card.kind == "question" and card.paired and PAIR_GAP in said[-1]:  # the answer after the question's end
            said = ["\v".join(said)]
        elif card.kind in ASKS:  # the question one paragraph, broken where the picture breaks it
            said = ["\v".join(said[:-rows]), *said[-rows:]]
        box, px, wrap, margins = card.box, card.px * PT_PER_PX, False, (PAD_X, PAD_Y)
        question_end = 0 if card.kind in ASKS and "" in card.lines else -1  # the gap under it, as in the picture
    elif card is not None:  # off the board's lines, as the picture places it (teacher22 L5), its question broken
        said, rows = [line for line in card.lines if line], -(-len(quiz["choices"]) // (1 + card.paired))
        said = ["\v".join(said[:-rows]), *said[-rows:]]  # where the picture breaks it
        box, px, wrap, margins = card.box, card.px * PT_PER_PX, False, (PAD_X, PAD_Y)
        question_end = 0 if "" in card.lines else -1
    else:
        box, said, px = _asked(quiz, asked_box(scene.frame.canvas), th.font_scale)
        px *= th.font_scale * PT_PER_PX
        wrap, margins, question_end = True, ASKED_MARGINS, 0
    x, y, w, h = box.x(), box.y(), box.width(), box.height()
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *emu(x, y, w, h))
    shape.name = QUIZ_NAME
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(th.color("desk"))
    shape.line.color.rgb = rgb(th.color("value" if revealed else "focus"))
    shape.line.width = Pt(5 * PT_PER_PX)
    tf = shape.text_frame
    write(tf, [(_marked(line, th), px, th.color("text"), False) for line in said])
    for para in tf.paragraphs:
        para.alignment = 1  # PP_ALIGN.LEFT
    if question_end >= 0:
        tf.paragraphs[question_end].space_after = Pt(px * 0.6)
    fitted(tf, *margins, wrap=wrap)


def _asked(quiz: dict, box, scale: float = 1.0) -> tuple[object, list[str], float]:
    """(box, paragraphs, px) of an asked quiz card, its text to be written at px × `scale` (the theme's font_scale).
    A Japanese question is broken between phrases where the picture breaks it ("\v"), measured at the size it is
    written with the canvas's SLACK (review25 #6: at 1.08 a full line re-wrapped inside a phrase) and room for
    LibreOffice's wider setting (LIBREOFFICE_WIDER), still wrapped where
    a renderer's font is wider: LibreOffice breaks Japanese between any two characters (「…誰でしょ / う？」), and
    neither DrawingML's eaLnBrk or hangingPunct nor a word joiner (U+2060, which it ignores) nor U+FEFF (which it draws
    as a gap) keeps a phrase whole there (text21, LibreOffice 7)."""
    from PySide6.QtGui import QFontMetricsF

    from ..scene import fonts
    from ..scene.quiz import quiz_text
    from ..scene.quiz_place import SLACK, card_lines, question_lines

    w, h = box.width() - 2 * ASKED_MARGINS[0], box.height() - 2 * ASKED_MARGINS[1]
    lines = card_lines(quiz, quiz["marks"], False)
    px = fitting_px(quiz_text(quiz), w / scale, h / scale, *QUIZ_PX)
    if not japanese(quiz["question"]):
        return box, [line for line in lines if line], px
    broken = question_lines(lines, QFontMetricsF(fonts.font(px * scale)), w / SLACK / LIBREOFFICE_WIDER)
    n = len(broken) - (len(lines) - 1)  # the question's lines
    px = fitting_px("\n".join(broken), w / scale, h / scale, *QUIZ_PX, wrap=False)
    return box, ["\v".join(broken[:n]), *[line for line in broken[n:] if line]], px


def _east_asian_theme_font(prs) -> None:
    """The deck theme's major and minor fonts get an East Asian typeface, so Japanese text boxes have a
    Japanese font by default (python-pptx's template leaves <a:ea typeface=""/> empty)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    part = prs.slide_master.part.part_related_by(RT.THEME)
    part._blob = part.blob.replace(b'<a:ea typeface=""/>', f'<a:ea typeface="{EAST_ASIAN_FONT}"/>'.encode())


def _background(slide, colour: str) -> None:
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = rgb(colour)


def _marked(line: str, th: Theme) -> list[tuple[str, str, bool]]:
    """A quiz card line as (text, colour, bold) runs: the choice marked ✓ bold in the answer colour, the rest (the
    other choice of a paired row, teacher16 M1, and the gap between them) plain text."""
    from ..scene.quiz_place import PAIR_GAP

    parts = line.split(PAIR_GAP) if "✓" in line else [line]
    runs = [(part, th.color("value"), True) if "✓" in part else (part, th.color("text"), False) for part in parts]
    for k in range(len(runs) - 1, 0, -1):
        runs.insert(k, (PAIR_GAP, th.color("text"), False))
    return runs


def _title(slide, frame: Frame, th: Theme, legend_left: float | None = None, card=None) -> None:
    """The chapter title, clear of the card colours' legend at its right (`legend_left`, canvas px), as the canvas
    keeps it, and ending before an answered quiz card in the title row (review22: the box ran on under it); at 18 pt
    or more, its rule's name left out where it would not fit."""
    from PySide6.QtCore import QRectF

    shape = slide.shapes.title
    shape.name = NAMES[0]
    box = title_box(frame.canvas)
    right = box[0] + box[2]
    if legend_left is not None:
        right = min(right, legend_left - 24)
    if card is not None and card.box.intersects(QRectF(*box)):
        right = min(right, card.box.left() - 24)
    box = (box[0], box[1], max(200, right - box[0]), box[3])
    shape.left, shape.top, shape.width, shape.height = emu(*box)
    tf = shape.text_frame
    said, least = frame.title, TITLE_LEAST_PT / (th.font_scale * PT_PER_PX)  # (px)
    if fitting_px(said, box[2] - 10, box[3], TITLE_PX[0], least - 1, bold=True, wrap=False) < least:
        said = rule_on_second_line(said).split("\n")[0]  # the rule's name left out where it would not fit at 18 pt
        # beside the legend (teacher36 #12: "4. Scoring: …  ·  discussion" was 11.9 pt)
    px = fitting_px(said, box[2] - 10, box[3], *TITLE_PX, bold=True, wrap=False)
    write(tf, [(said, px * th.font_scale * PT_PER_PX, th.color("title"), True)], font=APP_FONT)
    tf.paragraphs[0].alignment = 1  # PP_ALIGN.LEFT
    fitted(tf)


def _picture(slide, frame: Frame, th: Theme, scene: ClassroomScene, width: int, card=None) -> float | None:
    """The canvas without title, narration and notices (they are text boxes here), cut to the band
    between the title and the caption, and the cards' colour legend the canvas draws in the title row (_legend;
    not under an answered quiz `card` over it, as the canvas hides it). Returns the legend's left edge in canvas px,
    None without one. A quiz slide's picture is laid out round its card (the board's chalk leaves it room, as the
    canvas's), the card itself not drawn: a box of its own (teacher28 M3: laid out as if there were none, the
    board's worked lines ran under the answered card)."""
    bare = replace(frame, title="", narration="", notices=[])
    c = frame.canvas
    w, h = width, width * c.height // c.width
    image = render_frame(bare, (w, h), th, scene=scene, whole=True, card=False)
    scale = w / c.width
    picture_bottom = c.caption_y - 6
    top, bottom = int(PICTURE_TOP * scale), int(round(picture_bottom * scale))
    band = image.copy(0, top, w, bottom - top)
    left, y, cw, ch = emu(0, PICTURE_TOP, c.width, picture_bottom - PICTURE_TOP)
    pic = slide.shapes.add_picture(io.BytesIO(png_bytes(band, alpha=False)), left, y, cw, ch)
    pic.name = NAMES[1]
    pic._element.nvPicPr.cNvPr.set("descr", frame.narration or frame.title)  # alt text for screen readers
    return _legend(slide, image, scene, scale, card)


def _legend(slide, image, scene: ClassroomScene, scale: float, card=None) -> float | None:
    """Which colour is which card (ノート・質問・自己紹介・意見), cut from the picture where the canvas draws it (the title
    row's right end, above the board: scene.legend.LegendItem) and put at the same place: the band above cuts it off
    (teacher17 M3: 質問 (blue) and 自己紹介 (orange) could not be told apart on a slide). None when the canvas
    draws none (the desks label their cards)."""
    legend = scene.legend
    if not legend.isVisible() or legend.area.isEmpty():
        return None
    if card is not None and card.box.intersects(legend.area):  # the canvas hides it whole there (scene.quiz)
        return None
    area = legend.area.adjusted(-4, -3, 4, 3)
    x, y = max(0, int(area.x() * scale)), max(0, int(area.y() * scale))
    w, h = int(round(area.right() * scale)) - x, int(round(area.bottom() * scale)) - y
    cut = image.copy(x, y, w, h)
    pic = slide.shapes.add_picture(io.BytesIO(png_bytes(cut, alpha=False)), *emu(x / scale, y / scale, w / scale,
                                                                                  h / scale))
    pic.name = LEGEND_NAME
    pic._element.nvPicPr.cNvPr.set("descr", "  ".join(label for _, label in legend.entries))
    return area.x()


def _narration(slide, frame: Frame, th: Theme) -> None:
    from pptx.util import Pt

    if not (frame.narration or frame.notices):
        return
    nbox = narration_box(frame.canvas)
    box = slide.shapes.add_textbox(*emu(*nbox))
    box.name = NAMES[2]
    box.fill.solid()
    box.fill.fore_color.rgb = rgb(th.color("caption"))
    box.line.color.rgb = rgb(th.color("caption_border"))
    box.line.width = Pt(1)
    tf = box.text_frame
    rows = notice_rows("  •  ".join(frame.notices), nbox[2] - 56, 16) if frame.notices else 0  # as the canvas
    notices_h = 30 + 21 * (rows - 1) if rows else 0  # (the caption's notes on marks: marks.explain_marks)
    px = fitting_px(frame.narration, nbox[2] - 56, nbox[3] - 24 - notices_h, *NARRATION_PX)
    paragraphs = [(frame.narration, px * th.font_scale * PT_PER_PX, th.color("text"), False)]
    paragraphs += [("  •  ".join(frame.notices), NOTICE_PT, th.color("text_muted"), False)] if frame.notices else []
    write(tf, paragraphs)
    fitted(tf, 28)
