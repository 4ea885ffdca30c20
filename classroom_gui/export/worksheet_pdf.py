"""A Worksheet (lesson.worksheet) typeset as a printable PDF: the exercise on the first page, the answer
key on the next, A4 or Letter, with real selectable text in the bundled font (Japanese included).

The pages are a QTextDocument made from simple HTML tables, printed with QPdfWriter: Qt paginates and
writes the text as text, and the font's fixed cmap (messages.font_cmap) makes Japanese extract correctly. Each
part is meant to fill one page: the sheet is typeset at the roomiest of LEVELS that gives exactly two pages;
if even the tightest spills over, it is printed as it falls and save_worksheet says on which page the key
starts (never a page number that is not true).
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import NamedTuple

from ..lesson.long_lists import seats_said
from ..lesson.strings import WORD_JOINER, joined, quote, sits_twice, unbroken_end, unbroken_words
from ..lesson.worksheet import Worksheet
from ..messages.glyphs import codes_in, drawable
from .files import ExportError, atomic_path, check_target

PAPERS = ("a4", "letter")
WORKSHEETS = (".pdf",)
GREY = "#6B7280"
EDITED = "#FDF1B8"  # a what-if: a pale version of the window's yellow edit mark (palette "edited_glow")
CARD_COLOURS = {"query": "#E8F0FB", "key": "#FCEFD9", "value": "#E3F4EC"}  # the canvas's role colours, pale


class Level(NamedTuple):
    """How tightly the sheet is set: text size, room inside a table cell, empty lines to write an answer in."""
    points: float
    padding: int
    lines: int

    @property
    def small(self) -> float:  # the key's grey model values
        return max(6.5, self.points - 2)


# roomiest first; 8 pt with two writing lines is the tightest that still reads and leaves room for a pencil
LEVELS = (Level(10, 5, 3), Level(9.5, 4, 3), Level(9, 4, 2), Level(8.5, 3, 2), Level(8, 3, 2), Level(8, 2, 2))


class Written(NamedTuple):
    path: Path
    pages: int     # pages in the PDF (2 unless the tightest level spilled over)
    key_page: int  # the page the answer key starts on, counted from 1


def names_list(ws: Worksheet) -> str:
    """Who the asker listens to, as a sentence part: "The" and "cat" (itself) / 「The」と「cat」（自分）, each
    name in the language's quote marks (strings' name.quote)."""
    ja = ws.lang == "ja"
    parts, seated = [], False
    for j in ws.heard:
        name = ws.said(j)
        if j == ws.asker:  # one bracket, not two: 「猫」（3番の席・自分） (jareview5 #7)
            name = (ws.t("worksheet.itself_seat", name=quote(ws.lang, ws.sentence[j]), seat=j + 1)
                    if sits_twice(ws.sentence, j) else ws.t("worksheet.itself", name=name))
        seated |= sits_twice(ws.sentence, j)
        parts.append(name)
    if ja:  # 「猫」「が」「上」（自分）: names in 「」 need no word between them (teacher8 M7); with a seat, 、 between
        return ("、" if seated else "").join(parts)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {ws.t('worksheet.and')} " + parts[-1]


def model_label(folder, lang: str = "en") -> str:
    """How the footer names the model: "teaching model" (「授業用のモデル」) for the one that ships, else its
    folder's name."""
    from ..lesson.strings import text
    from ..resources import teaching_model_dir

    folder = Path(folder)
    try:
        same = folder.resolve() == teaching_model_dir().resolve()
    except OSError:
        same = False
    return text(lang, "worksheet.teaching_model") if same else folder.name


def _set(ws: Worksheet, text: str) -> str:
    """`text` escaped for the sheet's HTML; in Japanese broken between words only (unbroken_words: never 「…の内 /
    積」) and, in a paragraph, its last characters kept together (unbroken_end), so no line holds just 「す。」."""
    if ws.lang == "ja":
        paragraph = len(text) > 30
        text = unbroken_words(text)
        if paragraph:
            text = unbroken_end(text)
    return escape(text)


def _named(ws: Worksheet, key: str, seat: int) -> str:
    """A row's label naming a student (「3番の席の「猫」の質問カード」) as HTML: the name with its seat never broken
    (「1番の / 席の「猫」」, 「「⟨U+1F431⟩ / 」」: jareview5 #7, teacher24 M1), the rest between words (「質問カー / ド」)."""
    before, _, after = ws.t(key, name="\x00").partition("\x00")
    return _set(ws, before) + _whole(ws.said(seat)) + _set(ws, after)


def _whole(name: str) -> str:
    """A name as HTML that no line breaks inside (joined by WORD_JOINER, which Qt's line breaker never breaks at)."""
    return escape(WORD_JOINER.join(name))


def _cell(text: str, *, head: bool = False, width: str = "", bg: str = "", align: str = "center") -> str:
    style = f' bgcolor="{bg}"' if bg else ""
    size = f' width="{width}"' if width else ""
    tag = "th" if head else "td"
    return f'<{tag} align="{align}"{size}{style}>{text}</{tag}>'


def _blank(level: Level) -> str:
    return "<br/>".join(["&nbsp;"] * level.lines)  # room to write in


def _table(rows: list[str], level: Level, width: str = "100%") -> str:
    return (f'<table border="1" cellspacing="0" cellpadding="{level.padding}" width="{width}" '
            f'style="border-collapse: collapse; border-color: #9CA3AF;">' + "".join(rows) + "</table>")


def _cards_table(ws: Worksheet, level: Level) -> str:
    head = _cell("", head=True, width="28%") + "".join(_cell(str(i + 1), head=True) for i in range(ws.d))
    rows = [f"<tr>{head}</tr>"]

    def row(label: str, numbers: list[str], role: str, seat: int) -> str:
        # a what-if number: underlined on the window's yellow edit mark (not bold: the font has no bold face, and
        # Qt's synthetic bold draws each glyph twice, which a PDF reader extracts as doubled text)
        edited = ws.edited.get((role, seat), ())
        return ("<tr>" + _cell(label, align="left", bg=CARD_COLOURS[role])
                + "".join(_cell(f"<u>{x}</u>", bg=EDITED) if i in edited else _cell(x, bg=CARD_COLOURS[role])
                          for i, x in enumerate(numbers)) + "</tr>")

    rows.append(row(_named(ws, "worksheet.card_query", ws.asker), ws.query, "query", ws.asker))
    for j, k in zip(ws.heard, ws.keys):
        rows.append(row(_named(ws, "worksheet.card_key", j), k, "key", j))
    for j, v in zip(ws.heard, ws.values):
        rows.append(row(_named(ws, "worksheet.card_value", j), v, "value", j))
    return _table(rows, level)


def _answer(ws: Worksheet, value: str, model: float, level: Level, places: int = 4) -> str:
    """A key's cell: the hand answer, and under it in grey the model's unrounded value."""
    return (f'<b>{value}</b><br/><span style="color:{GREY}; font-size:{level.small}pt;">'
            f'{escape(ws.t("worksheet.model", value=f"{model:.{places}f}"))}</span>')


def _steps_table(ws: Worksheet, key: bool, level: Level) -> str:
    t = ws.t
    divide = (t("worksheet.col_scaled", d=ws.d, sqrt=ws.divisor) if ws.divisor_is_root
              else t("worksheet.col_divided", divisor=ws.divisor))
    cols = [t("worksheet.col_student"), t("worksheet.col_dot"), divide, t("worksheet.col_exp"), t("worksheet.col_share")]
    # the names are short, the headings long: 「② √8 = 2.828で割る」 in a fifth of the page left 「る」 alone
    widths = ["18%"] + ["20%"] * 4  # (the first holds 「3番の席の「猫」」 whole: jareview5 #7)
    rows = ["<tr>" + "".join(_cell(_set(ws, c), head=True, width=w) for c, w in zip(cols, widths)) + "</tr>"]
    blank = _blank(level)
    for n, j in enumerate(ws.heard):
        if key:
            cells = [_answer(ws, ws.dots[n], ws.model_dots[n], level),
                     _answer(ws, ws.scaled[n], ws.model_scaled[n], level),
                     _answer(ws, ws.exps[n], ws.model_exps[n], level),
                     _answer(ws, ws.shares[n], ws.model_shares[n], level)]
        else:
            cells = [blank] * 4
        rows.append("<tr>" + _cell(_whole(ws.said(j))) + "".join(_cell(c) for c in cells) + "</tr>")
    if ws.others:  # the rest of the class: its part of ④ given (exact, to add), its share together to work out
        given = escape(ws.t("worksheet.given", value=ws.others_exp))  # (its row's label says who: jareview7 7)
        if key:
            given += f'<br/><span style="color:{GREY}; font-size:{level.small}pt;">' \
                     f'{escape(ws.t("worksheet.model", value=f"{ws.model_others_exp:.4f}"))}</span>'
        # the exercise asks for their share too (student35 #9: an empty cell no one asked for, so the check "the
        # shares add up to 1" failed at 0.985 on the student page)
        share = (_answer(ws, ws.others_share, ws.model_others_share, level) if key
                 else escape(ws.t("worksheet.others_share_ask", value=ws.others_exp)) + "<br/>" + blank)
        rows.append("<tr>" + _cell(_set(ws, others_name(ws))) + _cell("—") + _cell("—") + _cell(given)
                    + _cell(share) + "</tr>")
    total = _answer(ws, ws.total, ws.model_total, level) if key else blank
    rows.append("<tr>" + _cell("") + _cell("") + _cell(escape(t("worksheet.sum")), align="right")
                + _cell(total) + _cell("") + "</tr>")
    return _table(rows, level)


def _context_table(ws: Worksheet, key: bool, level: Level) -> str:
    head = _cell(escape(ws.t("worksheet.place")), head=True) + "".join(_cell(str(i + 1), head=True) for i in range(ws.d))
    cells = ([_answer(ws, c, m, level, 3) for c, m in zip(ws.context, ws.model_context)] if key
             else [_blank(level)] * ws.d)
    given = []
    if ws.others:  # the rest's part of each number, exact: printed on both pages, to add
        parts = [escape(x) + (f'<br/><span style="color:{GREY}; font-size:{level.small}pt;">'
                              f'{escape(ws.t("worksheet.model", value=f"{m:.4f}"))}</span>' if key else "")
                 for x, m in zip(ws.others_context, ws.model_others_context)]
        given = ["<tr>" + _cell(_set(ws, ws.t(_counted("worksheet.others_part", ws), n=len(ws.others))))
                 + "".join(_cell(c) for c in parts) + "</tr>"]
    return _table([f"<tr>{head}</tr>"] + given + ["<tr>" + _cell("⑥") + "".join(_cell(c) for c in cells) + "</tr>"],
                  level)


def others_name(ws: Worksheet) -> str:
    """The others' row as the sheet names it, in the gap lines' form (teacher30 #6): "6 others: seats 1, 3–4, 7–11"
    (「ほか6人：1、3〜4、7〜11番の席」)."""
    return ws.t(_counted("worksheet.others_name", ws), n=len(ws.others), seats=seats_said(ws.t, ws.others))


def _counted(key: str, ws: Worksheet) -> str:
    """`key`, or its form for one other student (`key`_one: "1 other: seat 4", not "1 others: seats 4": student39 #4)."""
    return key + "_one" if len(ws.others) == 1 else key


def whatif_line(ws: Worksheet) -> str:
    """The sheet's 「もしも：…」 / "What if: …" line naming every edit of the class ("" for the model's own), and
    what the underlined numbers are when the sheet prints one."""
    if not ws.whatif:
        return ""
    line = ws.t("worksheet.whatif", edits=ws.t("whatif.join").join(ws.whatif))
    if ws.edited:
        line += (" " if ws.lang != "ja" else "") + ws.t("worksheet.whatif_marked")
    return line


def rule_line(ws: Worksheet) -> str:
    """The sheet's rule in words ("In turn: a student hears only those who have spoken (GPT's rule)": the sheet's
    own, not the window's tip, whose story and BERT mean something only in the window: jareview4 #8), then why the
    sheet's rule or asker is not the lesson's (Worksheet.notes): said on the sheet, not only on the terminal
    (teacher20 L4)."""
    ja = ws.lang == "ja"
    said = [ws.t(f"worksheet.rule_{ws.rule}")] + [drawable(note.said(ws.lang)) for note in ws.notes]
    return ("" if ja else " ").join(s if s.endswith(("。", ".")) else s + ("。" if ja else ".") for s in said)


def worksheet_html(ws: Worksheet, model_name: str, level: Level = LEVELS[0]) -> str:
    """Both pages as one HTML document (the key starts on a new page)."""
    t = ws.t
    asker = ws.said(ws.asker)
    sentence = ws.shown or joined(ws.sentence)  # as typed, drawn as the desks are: joined words lose the spaces beside
    codes = codes_in(ws.typed, ws.shown or None)  # Japanese; every code on the desks is in the sentence and the legend
    codes = t("worksheet.codes", codes=("、" if ws.lang == "ja" else ", ").join(codes.values())) if codes else ""
    # the rule, layer, head and asker are said, so a student checking the key against the window sees which
    # board it answers (and the key note says why its last digits may differ: it works from the printed cards)
    subtitle = t("worksheet.subtitle", sentence=sentence, rule=t(f"ui.rule_{ws.rule}"), layer=ws.layer + 1,
                 head=ws.head + 1, d=ws.d)
    # a what-if class says so on both pages, and its footer does not claim the model's own numbers
    whatif = whatif_line(ws)
    said = (t("worksheet.footer_whatif_one" if len(ws.whatif) == 1 else "worksheet.footer_whatif", model=model_name,
              n=len(ws.whatif)) if ws.whatif
            else t("worksheet.footer", model=model_name))
    footer = f'<p style="color:{GREY}; font-size:{level.small}pt;">{escape(said)}</p>'

    def page(title: str, key: bool) -> str:
        parts = [f"<h2>{escape(title)}</h2>", f'<p style="color:{GREY};">{_set(ws, subtitle)}</p>']  # not 「ヘッ / ド」
        if codes:  # the sentence's symbols the font lacks are their codes: said once, under it
            parts.append(f'<p style="color:{GREY};">{_set(ws, codes)}</p>')
        if whatif:
            parts.append(f'<p style="background-color:{EDITED};">{_set(ws, whatif)}</p>')
        if key:
            note = t("worksheet.key_note_whatif" if ws.whatif else "worksheet.key_note")
            parts.append(f"<p>{_set(ws, note)}</p>")
        else:
            parts.append(f"<p>{escape(t('worksheet.name_field'))}</p>")
            parts.append(f"<p>{_set(ws, rule_line(ws))}</p>")
            intro = (t(_counted("worksheet.intro_others", ws), asker=asker, names=names_list(ws), n=ws.hears, rows=len(ws.heard),
                       others=len(ws.others)) if ws.others
                     else t("worksheet.intro", asker=asker, names=names_list(ws), n=len(ws.heard)))
            parts.append(f"<p>{_set(ws, intro)}</p>")
        how = t("worksheet.how_dot", d=ws.d)
        context = (t(_counted("worksheet.context_others", ws), asker=asker, d=ws.d, n=len(ws.others), rows=len(ws.heard)) if ws.others
                   else t("worksheet.context", asker=asker, d=ws.d))
        if not key:  # what exp is, where a student meets it (teacher20 L4: the sheet never said)
            how = f"{_set(ws, how)}<br/>{_set(ws, t('worksheet.exp_hint'))}"
        else:
            how = _set(ws, how)
        parts += [f"<h3>{escape(t('worksheet.cards'))}</h3>", _cards_table(ws, level),
                  f"<h3>{escape(t('worksheet.steps'))}</h3>", f"<p>{how}</p>",
                  _steps_table(ws, key, level), f"<p>{_set(ws, t('worksheet.check'))}</p>",
                  f"<p>{_set(ws, context)}</p>", _context_table(ws, key, level),
                  footer]
        return "".join(parts)

    return (page(t("worksheet.title", asker=asker), False)
            + '<div style="page-break-before: always;"></div>'
            + page(t("worksheet.key_title", asker=asker), True))


def save_worksheet(ws: Worksheet, path, paper: str = "a4", model_name: str = "") -> Written:
    """Write the exercise and its key as one PDF, atomically (needs a QGuiApplication); says how many pages it
    has and where the key starts."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    if paper not in PAPERS:
        raise ExportError("error.paper", paper=paper, names=tuple(PAPERS))
    path = check_target(Path(path), WORKSHEETS)
    page_size = QPageSize(QPageSize.PageSizeId.A4 if paper == "a4" else QPageSize.PageSizeId.Letter)
    with atomic_path(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setPageLayout(QPageLayout(page_size, QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15),
                                         QPageLayout.Unit.Millimeter))
        writer.setTitle(ws.t("worksheet.title", asker=ws.said(ws.asker)))
        writer.setCreator("Attention Classroom")
        writer.setResolution(300)
        doc, key_page = typeset(ws, model_name, writer)
        pages = doc.pageCount()
        doc.print_(writer)
        if tmp.stat().st_size == 0:
            raise ExportError("error.nothing_written", path=path)
    return Written(path, pages, key_page)


def typeset(ws: Worksheet, model_name: str, device):
    """(QTextDocument, the key's first page from 1) laid out for `device`'s page: the roomiest level that puts
    the exercise and the key on one page each, else the tightest, paginated as it falls."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QFont, QTextDocument

    from ..scene import fonts

    key_title = ws.t("worksheet.key_title", asker=ws.said(ws.asker))
    for level in LEVELS:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(device)  # point sizes at the writer's resolution, not the screen's
        doc.setPageSize(QSizeF(device.width(), device.height()))  # the page inside the margins, in its pixels
        base = QFont(fonts.ui_family())
        base.setPointSizeF(level.points)
        doc.setDefaultFont(base)
        doc.setHtml(worksheet_html(ws, model_name, level))
        if doc.pageCount() <= 2:
            break
    block = doc.find(key_title).block()
    top = doc.documentLayout().blockBoundingRect(block).top()
    return doc, int(top // doc.pageSize().height()) + 1
