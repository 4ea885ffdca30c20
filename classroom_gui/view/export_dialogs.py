"""The window's export commands: copy the moment to the clipboard, save it as a picture, save the
lesson as slides or an animation, print a worksheet. Each reads what to export from the ClassroomModel
(app.model) and only parents its dialogs on a widget. Options come from a small dialog; long exports show
a cancellable progress dialog and keep the window responsive; errors come back as a message, never a crash.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QFormLayout,
                               QProgressDialog, QSpinBox)

from ..scene.limits import MAX_SIDE, MIN_SIDE
from ..app.edit_history import edit_keys
from ..export.deck import save_deck
from ..export.errors import Cancelled, ExportError, said
from ..export.formats import file_filter
from ..export.moments import chapter_order, deck_times
from ..export.pictures import clipboard_image, save_picture
from ..export.sizes import SIZES
from ..export.video import save_video
from ..lesson import rules
from ..lesson.canvas import canvas_for
from ..lesson.player import SPEEDS
from ..lesson.strings import text, unbroken_quotes
from ..lesson.timeline import CHAPTERS
from ..messages.fit import sentence_start, shortened
from ..messages.phrase import PhraseError
from ..model.sentence import EmptySentence
from ..scene import palette
from . import file_dialogs
from .canvas_warm import held
from .dialogs import ok_cancel
from .export_choices import first_size, remember, restore
from . import message_box
from .status_messages import wrote

log = logging.getLogger(__name__)

# the CLI's named sizes (export.sizes), 16:9 then 4:3, and a projector's 1024 x 768; None: custom
SIZE_CHOICES = (SIZES["1080p"], SIZES["4k"], SIZES["720p"], SIZES["4:3"], (1024, 768), None)


def size_name(size: tuple[int, int]) -> str:
    """"1920 × 1080", or "1440 × 1080 (4:3)": a size that gets the 4:3 layout says so (teacher7 L4)."""
    return f"{size[0]} × {size[1]}" + (" (4:3)" if canvas_for(*size).name == "4:3" else "")


class OptionsDialog(QDialog):
    """Size (preset or custom; at first the first preset of the window's canvas shape, `canvas`), theme,
    transparency, and for decks/videos: per, chapter range."""

    def __init__(self, parent, t, kind: str, chapter: int = 0, canvas=None, speed: float = 1.0, screen=None):
        super().__init__(parent)
        self.setWindowTitle(t(f"ui.export_{kind}"))
        form = QFormLayout(self)
        self.size = QComboBox()
        for s in SIZE_CHOICES:
            self.size.addItem(size_name(s) if s else t("ui.custom_size"), s)
        # 4:3 in presenter mode on a 4:3 screen, and 1024 x 768 on a 1024 x 768 one (export_choices.first_size)
        self.size.setCurrentIndex(SIZE_CHOICES.index(first_size(SIZE_CHOICES, canvas, screen)))
        self.width, self.height = QSpinBox(), QSpinBox()
        for box in (self.width, self.height):
            box.setRange(MIN_SIDE, MAX_SIDE)
        self.size.currentIndexChanged.connect(self._size_chosen)
        self._size_chosen(self.size.currentIndex())  # the first preset's width and height, greyed
        form.addRow(t("ui.size"), self.size)
        form.addRow(t("ui.width"), self.width)
        form.addRow(t("ui.height"), self.height)
        self.theme = QComboBox()
        self.theme.addItem(t("ui.theme_classroom"), "classroom")
        self.theme.addItem(t("ui.theme_slide"), "slide")
        form.addRow(t("ui.theme"), self.theme)
        self.transparent = QCheckBox()
        self.svg_text = QComboBox()
        self.svg_text.addItem(t("ui.svg_outline"), "outline")
        self.svg_text.addItem(t("ui.svg_font"), "font")
        if kind == "picture":
            form.addRow(t("ui.transparent"), self.transparent)
            form.addRow(t("ui.svg_text"), self.svg_text)
        self.per = QComboBox()
        self.per.addItem(t("ui.per_beat"), "beat")
        self.per.addItem(t("ui.per_chapter"), "chapter")
        self.quiz = QCheckBox()  # deck --quiz: a question slide before each slide that reveals an answer
        if kind == "deck":
            form.addRow(t("ui.per"), self.per)
            form.addRow(t("ui.deck_quiz"), self.quiz)
        self.first, self.last = QComboBox(), QComboBox()
        for box in (self.first, self.last):
            for i, key in enumerate(CHAPTERS):
                box.addItem(t("chapter.numbered", n=i, title=t(f"chapter.{key}")), key)
        # slides and a video alike start at the chapter on screen (teacher17 L2: slides started at 0-13)
        self.first.setCurrentIndex(chapter)
        self.last.setCurrentIndex(chapter)
        self.pace = QComboBox()  # video --pace: the window's speeds, at first the one the lesson plays at
        for s in SPEEDS:
            self.pace.addItem(f"{s:g}×", s)
        self.pace.setCurrentIndex(SPEEDS.index(speed) if speed in SPEEDS else SPEEDS.index(1.0))
        self.t, self.ranged = t, kind in ("deck", "video")
        if self.ranged:  # the chapters, as `deck` and `video` take them (--from, --to)
            form.addRow(t("ui.from_chapter"), self.first)
            form.addRow(t("ui.to_chapter"), self.last)
        if kind == "video":
            form.addRow(t("ui.pace"), self.pace)
        ok_cancel(self, form)

    def _size_chosen(self, _index: int) -> None:
        """A preset shows its width and height in the greyed boxes (teacher13 L2: 1024 × 768 chosen, they read
        1920 and 1080); "custom" makes them editable, starting from the last preset's."""
        preset = self.size.currentData()
        for box, value in zip((self.width, self.height), preset or ()):
            box.setValue(value)
            box.setEnabled(False)
        if preset is None:
            self.width.setEnabled(True)
            self.height.setEnabled(True)

    def chapters(self) -> tuple[str, str]:
        """The first and last chapter chosen (keys, as `--from` and `--to` take them)."""
        return self.first.currentData(), self.last.currentData()

    def accept(self) -> None:
        """OK with the last chapter before the first: the reason, as `deck` and `video` say it, and the dialog stays
        open with every choice kept (nothing is asked or written)."""
        if self.ranged:
            try:  # the check `deck` and `video` make (export.moments), the chapters named as the boxes show them
                chapter_order(*self.chapters(), (self.first.currentText(), self.last.currentText()))
            except ExportError as exc:  # (long titles: not kept whole on one line, as _report keeps names)
                message_box.warning(self, self.t("ui.chapter_range"), self.t(exc.phrase.key, **exc.phrase.values))
                return
        super().accept()

    def chosen_size(self) -> tuple[int, int]:
        s = self.size.currentData()
        return tuple(s) if s else (self.width.value(), self.height.value())

    def chosen_theme(self):
        return palette.theme(self.theme.currentData())


def _ask_path(parent, title: str, filters: str, suggestion: str) -> Path | None:
    path = file_dialogs.ask_save_path(parent, title, suggestion, filters)  # never reads /proc/kmsg (H1)
    return Path(path) if path else None


def _with_progress(model, parent, label: str, work, at_once: bool = False):
    """work(progress) under a progress dialog with Cancel, shown once the work takes 300 ms, or `at_once` (a video:
    it always takes longer, and its first part draws no picture yet)."""
    dialog = QProgressDialog(label, _t(model)("ui.cancel"), 0, 100, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0 if at_once else 300)

    def progress(done: int, total: int) -> bool:
        dialog.setMaximum(total)
        dialog.setValue(done)
        QApplication.processEvents()  # keep the window painting and the Cancel button live
        return not dialog.wasCanceled()

    try:
        return work(progress)
    finally:
        dialog.close()
        dialog.deleteLater()  # a closed dialog is only hidden: without this every export kept one


def _t(model):
    """strings.text in the model's language."""
    return lambda key, **values: text(model.sel.lang, key, **values)


def _report(model, parent, exc: Exception) -> None:  # why, in the UI's language (export.errors); 「名前」 kept whole
    """A failed export in a warning box; a cancelled one (the teacher chose it: teacher14 L3) on the status line,
    and over the class in presenter mode (MainWindow.tell), with nothing to dismiss."""
    if isinstance(exc, Cancelled) and hasattr(parent, "tell"):
        parent.tell(lambda lang: sentence_start(said(exc, lang)), 8000)
        return
    message_box.warning(parent, _t(model)("ui.export_failed"), unbroken_quotes(said(exc, model.sel.lang)))


def _empty(model, parent) -> bool:
    """An empty class is refused with the CLI's reason, before any dialog: a picture, a deck (30 pages each
    saying the classroom is empty: teacher5 L11), an animation or a worksheet of nobody teaches nothing."""
    if model.run is not None:
        return False
    _report(model, parent, EmptySentence())
    return True


def copy_picture(model, parent=None) -> None:
    frame = model.frame()  # on the window's canvas, at its logical size (1440 x 1080 when it is 4:3)
    try:
        QApplication.clipboard().setImage(clipboard_image(frame, (frame.canvas.width, frame.canvas.height)))
    except PhraseError:  # an item could not draw itself (scene.render): nothing is copied
        copy_refused(model, parent)
    finally:
        _fit_canvas(parent)


def copy_refused(model, parent) -> None:
    """A picture to copy that an item could not draw (render.paint_scene(whole=True)): one box saying nothing was
    copied, in a copy's words (not an export's "nothing was written"); the status line says nothing more (the
    paint was an export's: scene.paint_guard.said_by_caller)."""
    t = _t(model)
    message_box.warning(parent, t("ui.copy_failed"), t("ui.copy_incomplete"))


def _export(model, parent, kind: str, path, options, filters: str, suggestion: str, work) -> Path | None:
    """Ask for options (unless given) and a path (unless given), then run work(options, path); a problem
    is shown as a message. A dialog made here is deleted afterwards: a closed dialog is only hidden."""
    if _empty(model, parent):
        return None
    created = options is None
    if created:
        screen = parent.screen().size() if parent is not None and parent.screen() is not None else None
        options = OptionsDialog(parent, _t(model), kind, model.frame().chapter, model.canvas, model.player.speed,
                                (screen.width(), screen.height()) if screen is not None else None)
        restore(model, kind, options)  # the last accepted choices, kept when that export failed (export_choices)
    with held():  # the canvas draws nothing ahead meanwhile (the dialogs and the progress run the event loop)
        try:
            if created and options.exec() != QDialog.DialogCode.Accepted:
                return None
            if created:
                remember(model, kind, options)
            path = path or _ask_path(parent, _t(model)(f"ui.export_{kind}"), filters, suggestion)
            if path is None:
                return None
            return wrote(parent, work(options, Path(path)))
        except (PhraseError, OSError, ValueError) as exc:  # OSError: a path too long to look at (check_target);
            # a PhraseError beyond ExportError: a picture an item could not draw (scene.render)
            _report(model, parent, exc)
            return None
        except Exception as exc:  # a fault of this program (review32 #1: an IndexError escaped the slot): one box,
            # the traceback in the log; the writers write whole or not at all (export.deck.save_slides)
            log.exception("export of a %s failed", kind)
            message_box.warning(parent, _t(model)("ui.export_failed"), _t(model)(
                "error.export_bug", kind=type(exc).__name__, said=shortened(" ".join(str(exc).split()), 300)))
            return None
        finally:
            if created:
                options.deleteLater()
            _fit_canvas(parent)


def _fit_canvas(window) -> None:
    """An export made room in QPixmapCache for its pictures (scene.pictures.make_room): back to the canvas's."""
    canvas = getattr(window, "canvas", None)
    if canvas is not None:
        canvas.fit_pictures()


def export_picture(model, parent=None, path: Path | None = None, options: OptionsDialog | None = None) -> Path | None:
    def work(o, p):
        return save_picture(model.frame(o.chosen_size()), p, o.chosen_size(), o.chosen_theme(),
                            o.transparent.isChecked(),
                            o.svg_text.currentData())
    return _export(model, parent, "picture", path, options, file_filter("picture"), picture_name(model), work)


def picture_name(model) -> str:
    """The picture's suggested file name, by the chapter and step on screen ("softmax-step20.png"), so a folder of
    exports says what each one shows (teacher31 #9: every one was "classroom.png")."""
    timeline = model.player.timeline
    step = timeline.locate(model.player.time)[0]
    return f"{timeline.beats[step].chapter}-step{step + 1}.png"


def export_deck(model, parent=None, path: Path | None = None, options: OptionsDialog | None = None) -> Path | None:
    def work(o, p):
        from ..lesson.deck import deck_frames

        per = o.per.currentData()
        # as `deck` makes them (per chapter: each chapter whole; with the quiz's slides), for the class on screen
        sel = model.sel.sized(*o.chosen_size())  # a 4:3 size: the 4:3 layout (lesson.canvas)
        frames = deck_frames(model.shown_trace(), sel, deck_times(model.player.timeline, per, *o.chapters()), per,
                             model.notices, o.quiz.isChecked())
        return _with_progress(model, parent, _t(model)("ui.exporting"),
                              lambda progress: save_deck(frames, p, o.chosen_size(), o.chosen_theme(), progress))
    return _export(model, parent, "deck", path, options, file_filter("deck"), "lesson.pptx", work)


def export_video(model, parent=None, path: Path | None = None, options: OptionsDialog | None = None) -> Path | None:
    def work(o, p):
        from ..export.pace import paced
        from ..lesson.deck import video_frame

        size = o.chosen_size()
        sel, trace = model.sel.sized(*size), model.shown_trace()  # with the what-if edits, as on screen

        def making(progress):  # under the progress dialog, its Cancel live from the first step read (review16 #14)
            # as `video --pace` makes it: each step's animation, then its finished picture held to be read (the
            # bar stays at 0 while the steps are read: the pictures, counted only then, fill it)
            video = paced(model.player.timeline, 30, *o.chapters(), o.pace.currentData(), sel.lang,
                          video_frame(trace, sel, model.notices), lambda frame: frame.narration,
                          lambda done, total: progress(0, 1))
            return save_video(video.pictures(), video.count, p, 30, size, o.chosen_theme(), progress, video.repeats)
        return _with_progress(model, parent, _t(model)("ui.exporting"), making, at_once=True)
    return _export(model, parent, "video", path, options, file_filter("video"), "lesson.mp4", work)


def export_worksheet(model, parent=None, path: Path | None = None, paper: str | None = None) -> Path | None:
    """File → Worksheet…: the selected student's attention in the selected layer and head as a printable
    exercise with its answer key (export.worksheet_pdf); paper size from a small dialog unless given."""
    with held():  # as _export: the canvas draws nothing ahead behind its dialogs
        return _worksheet(model, parent, path, paper)


def _ask_paper(parent, t) -> str | None:
    """The worksheet's paper size from a small dialog ("a4", "letter"), None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(t("worksheet.dialog_title"))
    form = QFormLayout(dialog)
    box = QComboBox()
    box.addItem("A4", "a4")
    box.addItem("Letter", "letter")
    form.addRow(t("worksheet.paper"), box)
    ok_cancel(dialog, form)
    try:
        return box.currentData() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def _worksheet(model, parent, path: Path | None, paper: str | None) -> Path | None:
    from ..export.worksheet_pdf import model_label, save_worksheet
    from ..lesson.worksheet import MAX_D, MIN_STUDENTS, WorksheetError, build_worksheet, choose_asker, no_sheet

    if _empty(model, parent):
        return None
    t = _t(model)
    sel = model.sel
    # the sheet works out the class on screen, in its rule, what-if edits included (marked on the sheet)
    shown = model.shown_trace()
    trace = rules.under(shown, sel.rule)
    if trace.config.d_head > MAX_D:  # said in the window's words, not the CLI's
        _report(model, parent, WorksheetError("worksheet.too_wide", d=trace.config.d_head))
        return None
    # the class on screen whatever its size: more than a sheet has rows for, the rest is one row (teacher31 #4)
    heard = int((~trace.layers[sel.layer].mask[sel.focus]).sum())
    if heard < MIN_STUDENTS:  # nobody but itself: nothing to work out
        _report(model, parent, no_sheet(trace, sel.layer, sel.focus))
        return None
    try:  # the sheet first: a refusal (an edit the sheet cannot show) comes before any dialog (teacher11 L3)
        sheet = build_worksheet(trace, choose_asker(trace, sel.layer, sel.focus, None), sel.layer, sel.head, sel.lang,
                                typed=model.run.text, undo=edit_keys(sel.lang)["undo"])
    except WorksheetError as exc:
        _report(model, parent, exc)
        return None
    paper = paper or _ask_paper(parent, t)  # asked only once the sheet can be made (teacher6 L3)
    if paper is None:
        return None
    try:
        path = path or _ask_path(parent, t("worksheet.dialog_title"), "PDF (*.pdf)", "worksheet.pdf")
        if path is None:
            return None
        written = save_worksheet(sheet, Path(path), paper, model_label(model.checkpoint.path, sel.lang)).path
    except (ExportError, OSError, WorksheetError) as exc:
        _report(model, parent, exc)
        return None
    return wrote(parent, written)  # where it went
