"""ClassroomScene is the classroom canvas: a QGraphicsScene the size of the frame's canvas (lesson.canvas) that
draws one lesson Frame (title, desks with their cards, links, blackboard, caption) and nothing else.

The scene keeps its items between frames and only refills them: a desk, a card or the blackboard is
repainted when what it shows changes, and is otherwise blitted from Qt's cache. Fading, lifting and
travelling are opacity, position and a few path items, so most frames of an animation cost a few ms.
"""
from __future__ import annotations

from operator import itemgetter

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QGraphicsScene

from ..lesson import layout
from ..lesson.canvas import WIDESCREEN, Canvas
from ..lesson.frame import Frame, all_strips
from ..lesson.strings import unbroken_end, unbroken_quotes, unbroken_words, wrapping
from . import fonts, palette, pictures
from .areas import board_rect, caption_rect, title_rect
from .board import Board
from .class_image import COMPOSE_FROM, ClassImage
from .class_modes import composed, crowd_box
from .class_rows import SeatStrips, class_rows, colour_scales, legend_names
from .class_rows import plan as class_plan
from .crowd import CrowdItem
from .desk import DeskItem
from .desk_boxes import class_boxes, name_left
from .desk_tag import badge_size
from .strip import StripView
from .wrapped_text import ends_short, notice_rows
from .items import PanelItem, TextBlockItem, qcolor
from .legend import LegendItem, one_per_colour
from .board_wrap import desk_rows
from .layout import desk_layout, least_number_px
from .link_labels import edges_of, label_room
from .links import OFF_DIGITS, ROUTED_ALL, LinkLayer
from .quiz import show_quiz
from .tooltips import SceneTooltips
from .palette import Theme
from .text_width import widths

Z_DESK, Z_FOCUS_DESK, Z_CAPTION, Z_MESSAGE = 10.0, 11.0, 30.0, 40.0
TITLE_GAP = 48.0  # canvas px between the title and the card legend at its right (at 24, "8. Listening: a mix of
# opinions · discussion" shrank to end ~17 px from the legend's swatch at 1024 px wide: teacher33 #7)
EMBED_FROM = 12  # bigger classes paint settled cards into the desk's picture (see scene.desk)


def _member(at: np.ndarray, n: int) -> np.ndarray:  # [n] bool: True at the positions `at`
    out = np.zeros(n, bool)
    out[at] = True
    return out


def rule_on_second_line(title: str) -> str:
    """A title that needs two lines, broken before the rule's name ("…  ·  discussion", "…【話し合い】")."""
    for mark, keep in (("  ·  ", ""), ("【", "【")):
        head, found, rule = title.rpartition(mark)
        if found and head:
            return f"{head}\n{keep}{rule}"
    return title


class ClassroomScene(SceneTooltips, QGraphicsScene):
    """Draws Frames. set_frame(frame) may be called any number of times with any frames, in any order."""

    def __init__(self, parent=None, theme: Theme | None = None):
        self.canvas = WIDESCREEN  # the canvas of the frame shown (set_frame sizes the scene to it: use_canvas)
        super().__init__(0, 0, WIDESCREEN.width, WIDESCREEN.height, parent)
        # Items cache their pictures in QPixmapCache, 10 MB by default: with too small a cache every item is
        # evicted and repainted each frame. At least one 1080p canvas here; the window's canvas and the
        # exports size it for their pixels (scene.pictures.fit_cache, make_room).
        if QPixmapCache.cacheLimit() < pictures.MIN_KB:
            QPixmapCache.setCacheLimit(pictures.MIN_KB)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # everything moves: no BSP tree
        self.family = fonts.ui_family()
        self.theme = theme or palette.CLASSROOM
        self.frame: Frame | None = None
        self.desks: list[DeskItem] = []
        self.crowd = CrowdItem()  # the plain desks of a very big class, as one item (see scene.crowd)
        self.crowd.setZValue(Z_DESK)
        self.crowd.setVisible(False)
        self.addItem(self.crowd)
        self.crowd_mode = False
        self.asker_shape = False  # set_frame again with the asker's shape for the class (desk_boxes.one_shape)
        self.asker_reshaped = False
        self.in_asker_shape = False
        self.class_image = ClassImage()  # the plain desks of a big class, as one item (see scene.class_image)
        self.class_image.setZValue(Z_DESK)
        self.class_image.setVisible(False)
        self.addItem(self.class_image)
        self.composed = False
        self.links = LinkLayer(self)
        self.board = Board(self, board_rect(self.canvas))
        self.title = TextBlockItem()
        self.caption_panel = PanelItem()
        self.narration = TextBlockItem()
        self.notices = TextBlockItem()
        self.message_panel = PanelItem()
        self.message = TextBlockItem()
        self.legend = LegendItem()
        self.legend.setZValue(Z_CAPTION)
        self.addItem(self.legend)
        for item, z in ((self.title, Z_CAPTION), (self.caption_panel, Z_CAPTION - 1), (self.narration, Z_CAPTION),
                        (self.notices, Z_CAPTION), (self.message_panel, Z_MESSAGE - 1), (self.message, Z_MESSAGE)):
            item.setZValue(z)
            self.addItem(item)
        self._applied_theme: Theme | None = None

    # --- the one public verb ---------------------------------------------------------------------------
    def set_frame(self, frame: Frame, theme: Theme | None = None) -> None:
        th = theme or self.theme
        if th is not self._applied_theme:
            self.setBackgroundBrush(qcolor(th.color("background")))
            self._applied_theme = th
        self.frame = frame
        self.in_asker_shape = False  # this frame's class in the asker's shape (set_frame again, below)
        self.use_canvas(frame.canvas)
        header_h, scales = self._show_desks(frame, th)
        title, wrap, text = title_rect(self.canvas), False, frame.title
        if self.legend.isVisible():  # the title keeps clear of the legend at its right, on two lines if even
            # its smallest size is too wide ("10. Many questions: heads, W_O, residual · discussion" beside
            # four cards' names)
            title = QRectF(title.x(), title.y(), self.legend.area.x() - TITLE_GAP - title.x(), title.height())
            if widths(22, True).horizontalAdvance(text) > title.width():
                two = title_rect(self.canvas, two_lines=True)
                title = QRectF(title.x(), two.y(), title.width(), two.height())
                wrap, text = True, rule_on_second_line(text)
        self.title.set_text(text, title, 36 * th.font_scale, 22, th.color("title"), bold=True, wrap=wrap,
                        align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.title.setVisible(bool(frame.title))
        n = max(1, len(frame.students))
        desks = {s.index: (s.x, s.y, s.w, s.h) for s in frame.students}
        texts, tags = self._desk_texts(frame, header_h, self._title_text() + self._legend_text())
        self.links.set_links(frame.links, desks, header_h, layout.GAP, th,
                             scale=1.0 if n <= 8 else 0.75 if n <= 24 else 0.55,
                             avoid=texts, avoid_edges=tags,
                             numbers=self._number_cells(n <= ROUTED_ALL) if frame.links else None,
                             asker=next((s.index for s in frame.students if s.state == "focus"), None),
                             room=label_room(self.canvas), badges=self._badges(frame, th),
                             badges_say=True,  # a share its desk's badge shows gets no pill (teacher36 #6)
                             digits=self._number_cells(False) if ROUTED_ALL < n <= OFF_DIGITS  # (a smaller class's
                             and any(k.arrow for k in frame.links) else None)  # routes keep off them: arrows too)
        if frame.students or frame.board or frame.bars is not None:
            self.board.set_frame(frame, th, scales)
            if self.board.desks_cut and self.asker_reshaped and not self.asker_shape:
                # the board could not write its vectors on the rows the class's shape gave the asker (one_shape):
                # the asker's desk keeps its rows for them, so that the board still wraps as it does, and the other
                # desks take the shape that fills
                self.asker_shape = True
                try:
                    self.set_frame(frame, theme)
                finally:
                    self.asker_shape = False
                self.in_asker_shape = True
                return
        else:
            self.board.hide()
        self._show_caption(frame, th)
        self._show_message(frame, th)
        show_quiz(self, frame, th)

    def use_canvas(self, canvas: Canvas) -> None:
        """The scene's rectangle and the board's area for `canvas` (set_frame does it for the frame's canvas)."""
        if canvas != self.canvas:
            self.canvas = canvas
            self.setSceneRect(0, 0, canvas.width, canvas.height)
            self.board.area = board_rect(canvas)

    # --- parts -------------------------------------------------------------------------------------------
    def _show_desks(self, frame: Frame, th: Theme) -> tuple[float, dict[str, float]]:
        """Desks and their strips; returns the name tag height and the colour scales used."""
        # a big class whose desks show the class's arrays (Frame.class_strips) is read as arrays: its Strips are
        # never made one by one (~2,000 a frame at 512 students), but for the few desks that stand out
        fast = class_plan(frame) if len(frame.students) > COMPOSE_FROM else None
        if fast is not None:
            per_student, stacked, scales = fast.per_student, None, fast.scales(frame.board_strips)
            has_strips = bool(fast.block.roles)
        else:
            per_student = all_strips(frame.students)
            stacked = class_rows(per_student) if len(per_student) > COMPOSE_FROM else None
            scales = (colour_scales([frame.board_strips], stacked) if stacked is not None
                      else colour_scales(per_student + [frame.board_strips]))
            has_strips = any(per_student)
        badge_role = frame.bars.role if frame.bars is not None else "weight"
        header_h = 30.0
        embed = len(frame.students) > EMBED_FROM
        crowd = crowd_box(frame, has_strips)
        self.crowd_mode = crowd is not None
        if crowd is not None:  # one item for the plain desks, real DeskItems for the few that stand out
            special = [(s, per_student[k]) for k, s in enumerate(frame.students)
                       if s.state in ("focus", "active") or s.unknown or s.badge]
            if len(special) > 64:
                special = []
            # the crowd draws every seat (its pictures then last from beat to beat), leaving out the few
            # that stand out, whose DeskItems are drawn in their place
            self.crowd.set_students(frame.students, crowd, th, hidden={s.index for s, _ in special})
            pairs = special
        else:
            self.crowd.set_students([], None, th)
            pairs = None
        plain, box = (composed(frame, per_student, stacked is not None, fast, th.font_scale) if crowd is None
                      else ([], None))
        self.composed = len(plain) > 0
        if self.composed:  # one picture for the plain desks, real DeskItems for the few that stand out
            if fast is not None:
                values, visible = fast.values(plain)
            else:
                values = None if stacked is None else [v[plain] for _, v in stacked]
                visible = None
            at = [frame.students[k] for k in plain]
            self.class_image.set_class(at, SeatStrips(at, fast.block.roles if fast is not None else None),
                                       box, th, badge_role, scales, values, visible)
            header_h = box.header_h
            pairs = [(frame.students[k], per_student[k]) for k in np.flatnonzero(~_member(plain, len(frame.students)))]
        else:
            self.class_image.set_class([], [], None, th, badge_role, scales)
            if pairs is None:
                pairs = [(s, per_student[k]) for k, s in enumerate(frame.students)]
        while len(self.desks) < len(pairs):
            desk = DeskItem()
            self.addItem(desk)
            self.desks.append(desk)
        least = least_number_px(frame.canvas, len(frame.students))
        self.desk_rows = {}  # the board wraps its vectors as the asker's desk wraps them (board_wrap.board_as_desks)
        # names shrink beside a badge only in 16:9's laned classes (its 6 wide desks a row); 4:3's 5 narrow desks a
        # row give the badge a line of its own: 「マット」 shrank to 16 px beside one (11 px on a projector; review17)
        laned = frame.canvas.laned[0] <= len(frame.students) <= frame.canvas.laned[1]
        boxes, self.asker_reshaped = class_boxes(
            pairs, th.font_scale, least, fitted=crowd is None and not self.composed,
            board=tuple(len(v.numbers) for v in frame.board_vectors if not v.left_out),
            laned=laned and frame.canvas.name == "16:9",
            badge_line=self.composed and bool(box.badge_h),  # (the plain desks' name tags' height)
            asker_shape=self.asker_shape)
        for desk, (s, strips), box in zip(self.desks, pairs, boxes):
            if s.state == "focus" or not self.desk_rows:
                self.desk_rows = desk_rows(box, [len(x.values) for x in strips])
            desk.set_student(s, box, th, badge_role, strips, scales, embed)
            desk.place(s.x, s.y, max(0.0, min(1.0, s.opacity)), Z_FOCUS_DESK if s.state == "focus" else Z_DESK)
            header_h = box.header_h
        if crowd is not None:
            header_h = crowd.header_h
        for desk in self.desks[len(pairs):]:
            desk.clear()
        self._show_legend(frame, per_student, th, fast)
        return header_h, scales

    def _title_text(self) -> list[QRectF]:
        """Where the title's words are (a label riding a link bowed above the first row keeps off them)."""
        return self.title.words()

    def _legend_text(self) -> list[QRectF]:
        """Where the legend's swatches and words are (a label riding a link bowed above the first row keeps
        off them as off the title)."""
        return [QRectF(self.legend.area)] if self.legend.isVisible() and not self.legend.area.isEmpty() else []

    def _drawn(self) -> list[DeskItem]:
        """The DeskItems drawn now: visible, with a student and a layout (a big class's plain desks are in its
        picture instead)."""
        return [d for d in self.desks if d.isVisible() and d.student is not None and d.box is not None]

    def _number_cells(self, tags: bool = True) -> np.ndarray:
        """[n, 4] x0, y0, x1, y1 (canvas pixels) of what the links keep off on the drawn desks: the strips whose cells
        show digits, and (`tags`) each name with its seat number and each badge (a line from a far desk ran through
        a name tag between; a big class's desks drawn in its picture show none). A class bigger than ROUTED_ALL
        gives no tags: its few drawn desks' tags made route choice at 1,024 students cost 60% more (bench_routes)."""
        out = []
        for d in self._drawn():
            x, y = d.pos().x(), d.pos().y()
            out += [(x + st.x + st.tab_w, y + st.cells_y, x + st.x + st.w, y + st.y + st.h)
                    for st in d.box.strips if st.number_px]
            if not tags:
                continue
            out += [(x + r.left(), y + r.top(), x + r.right(), y + r.bottom()) for r in d.tag_rects() if r is not None]
        return np.array(out, np.float32).reshape(-1, 4)

    def _badges(self, frame: Frame, th: Theme) -> dict[int, str]:
        """seat -> the badge its desk draws (a share's label does not repeat it on that desk's name tag), the big
        class's composed desks' too (teacher32 #6: GPT-2's 58 scores, each label beside its own desk's badge)."""
        out = {d.student.index: d.student.badge for d in self._drawn() if d.student.badge and d._badge_size()[0]}
        box = self.class_image.box if self.composed else None
        if box is not None:
            fs = th.font_scale
            out.update((s.index, s.badge) for s in frame.students if s.badge and s.index not in out
                       and badge_size(s.badge, box, fs, name_left(box, s.index + 1, fs), s.text, s.unknown)[0])
        return out

    def _desk_texts(self, frame: Frame, header_h: float, more: list[QRectF]) -> tuple[list[QRectF], np.ndarray | None]:
        """Where the desks' words and numbers are (canvas pixels), for the links' labels to keep off: each
        drawn desk's name with its seat and "?", its badge, and its cards; the blackboard; and `more`; then
        the other seats' whole name tags, as [n, 4] edges (link_labels.edges_of: a class of 1,024 has no
        QRectF per seat)."""
        if not frame.links:
            return more, None
        out, desks = [], self._drawn()
        drawn = {d.student.index for d in desks}
        for desk in desks:
            b, x, y = desk.box, desk.pos().x(), desk.pos().y()
            out += [r.translated(x, y) for r in desk.tag_rects() if r is not None]
            if any(st.number_px or st.label_h for st in b.strips):  # cards with words or numbers on them
                top, bottom = b.strips[0].y, b.strips[-1].y + b.strips[-1].h
                out.append(QRectF(x + b.pad, y + top, b.w - 2 * b.pad, bottom - top))
        seats = np.array([(s.x, s.y, s.w) for s in frame.students if s.index not in drawn], np.float64).reshape(-1, 3)
        tags = edges_of(seats[:, 0], seats[:, 1], seats[:, 2], np.full(len(seats), float(header_h)))
        return out + [board_rect(self.canvas)] + more, tags

    def _show_legend(self, frame: Frame, per_student, th: Theme, fast=None) -> None:
        """The cards' colours and names in the title row when the desks have no room for label rows."""
        first, named = (None, []) if self.crowd_mode else legend_names(frame, per_student, fast)
        if first is None:
            self.legend.setVisible(False)
            return
        box = desk_layout(float(first[0].w), float(first[0].h), first[1], least_number_px(frame.canvas, len(frame.students)))
        if not box.strips or box.strips[0].label_h:
            self.legend.setVisible(False)
            return
        entries = one_per_colour([(th.role(role), label)  # (the roles' colours looked up once)
                                  for role, label in dict.fromkeys(filter(itemgetter(1), named))])
        # at the title row's right end, above the blackboard: a title beside a legend ending at the desks' edge
        # wrapped at 300 students ("8. Listening: a mix of opinions" / "in turn (GPT)") with the row half empty
        board, title = board_rect(self.canvas), title_rect(self.canvas)
        self.legend.set_entries(entries, board.right(), title.y() + (title.height() - LegendItem.PX * 1.6) / 2,
                                th.color("title"))
        self.legend.setVisible(bool(entries))

    def _show_caption(self, frame: Frame, th: Theme) -> None:
        has_text = bool(frame.narration or frame.notices)
        self.caption_panel.setVisible(has_text)
        self.narration.setVisible(bool(frame.narration))
        self.notices.setVisible(bool(frame.notices))
        if not has_text:
            return
        caption = caption_rect(self.canvas)
        self.caption_panel.set_panel(caption, th.color("caption"), th.color("caption_border"), 1.5, 16)
        inner = caption.adjusted(28, 14, -28, -10)
        notes = "  •  ".join(frame.notices)  # a row, or more where they need them (wrapped_text.notice_rows)
        rows = notice_rows(notes, inner.width(), 16 * th.font_scale) if frame.notices else 0
        notices_h = 30.0 + 21.0 * (rows - 1) if rows else 0.0
        if frame.narration:
            rect = QRectF(inner.x(), inner.y(), inner.width(), inner.height() - notices_h)
            for least in frame.narration_least:  # the next size only if cut at the one before (lesson.frame)
                said = self._narrate(frame.narration, rect, least, th)
                if self.narration.text == said:
                    break
        if frame.notices:
            rect = QRectF(inner.x(), inner.bottom() - notices_h, inner.width(), notices_h)
            self.notices.set_text(notes, rect, 18 * th.font_scale, 16, th.color("text_muted"),
                              align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, wrap=rows > 1)

    def _narrate(self, said: str, rect: QRectF, least: float, th: Theme) -> str:
        """The narration set in `rect`, broken between words only (unbroken_words: never 「内 / 積」), its last line
        never a leftover 「す。」 (teacher13 L5): where it would be, its last characters are kept together
        (unbroken_end), so the line breaks before them. Returns the text set."""
        said = unbroken_words(said)
        for text in (said, unbroken_end(said)):
            self.narration.set_text(text, rect, 34 * th.font_scale, least, th.color("text"),
                                    align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            if not ends_short(self.narration.text, self.narration.font, rect.width()):
                break
        return text

    def _show_message(self, frame: Frame, th: Theme) -> None:
        on = bool(frame.message)
        self.message.setVisible(on)
        self.message_panel.setVisible(on)
        if not on:
            return
        w, h = self.canvas.width, self.canvas.height
        box = QRectF(w * 0.16, h * 0.30, w * 0.68, h * 0.34)
        self.message_panel.set_panel(box, th.color("desk"), th.color("desk_border"), 2.0, 28)
        said = wrapping(unbroken_quotes(frame.message))  # Japanese broken between phrases (teacher32 #12: 入れ / て)
        self.message.set_text(said, box.adjusted(60, 40, -60, -40), 54 * th.font_scale, 22, th.color("message"),
                              bold=True, align=Qt.AlignmentFlag.AlignCenter)

    # --- what tests and the what-if editor ask (the tooltips: scene.tooltips) ----------------------------
    def desk(self, index: int) -> DeskItem | None:
        """The DeskItem showing student `index` (None for a plain desk of a crowd: see scene.crowd)."""
        if not (self.crowd_mode or self.composed):
            return self.desks[index]
        return next((d for d in self._drawn() if d.student.index == index), None)

    def strip_views(self, index: int) -> list[StripView]:
        """What student `index`'s strips show now (notebook first, then the cards in Frame order)."""
        s = self.frame.students[index]
        desk = self.desk(index)
        return desk.views[: (s.notebook is not None) + len(s.cards)] if desk is not None else []
