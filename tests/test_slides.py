"""Slides teachers can edit and hand out: the PPTX holds title and narration as text boxes, the picture
without the caption band, and notes; the SVG renders its Japanese with no font installed; --chapter
shows the chapter finished; a default asker that is not there is named."""
import subprocess
import sys
import textwrap
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image

from classroom_gui.cli import main
from classroom_gui.export.deck_pptx import NAMES
from classroom_gui.export.moments import deck_times, moment
from classroom_gui.lesson.deck import deck_frames
from classroom_gui.lesson.speaker_notes import speaker_notes
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.gallery import gallery_of, lesson_selection
from classroom_gui.lesson.timeline import CHAPTERS
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir

JA = "猫がマットの上に座った"


@pytest.fixture(scope="module")
def trace(checkpoint):
    return run_sentence(checkpoint, JA).trace


def test_pptx_slides_hold_title_narration_picture_and_notes(qapp, trace, tmp_path):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    out = tmp_path / "ja.pptx"
    assert main(["deck", "--text", JA, "--lang", "ja", "--per", "chapter", "--focus", "座った", "-o", str(out)]) == 0
    prs = Presentation(str(out))
    # the deck starts where the lesson does: the seed example's layer and head, the lesson's rule
    sel = replace(lesson_selection(gallery_of(teaching_model_dir())[0], lang="ja"), focus=6)
    times = deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "chapter")
    frames = deck_frames(trace, sel, times, "chapter")  # each chapter said whole (lesson.chapter_summary)
    assert len(prs.slides) == len(frames) == len(CHAPTERS)
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob
    assert b'<a:ea typeface="Yu Gothic"/>' in theme  # Japanese text boxes have a Japanese theme font
    for slide, frame in zip(prs.slides, frames):
        shapes = {s.name: s for s in slide.shapes}
        assert set(NAMES) <= set(shapes)
        title, picture, narration = (shapes[n] for n in NAMES)
        assert slide.shapes.title.shape_id == title.shape_id and title.text_frame.text == frame.title
        assert narration.shape_type == MSO_SHAPE_TYPE.TEXT_BOX
        assert narration.text_frame.paragraphs[0].text == frame.narration
        assert narration.text_frame.paragraphs[0].runs[0].font._rPr.get("lang") == "ja-JP"
        notes = "\n\n".join([*speaker_notes(frame, "ja"), *frame.notices])  # not the narration again (teacher17 M2)
        assert slide.notes_slide.notes_text_frame.text == notes and frame.narration not in notes
        assert picture.shape_type == MSO_SHAPE_TYPE.PICTURE
        # the picture sits between the title and the narration, not under them
        assert title.top + title.height <= picture.top and picture.top + picture.height <= narration.top
    # the picture is the canvas without the caption band: its bottom rows are plain background
    import io
    image = np.asarray(Image.open(io.BytesIO(prs.slides[7].shapes[1].image.blob)).convert("RGB")).astype(int)
    assert image.shape[1] == 1920 and 780 < image.shape[0] < 840
    bottom = image[-6:, 400:1500]
    assert np.abs(bottom - bottom[0, 0]).max() < 12  # no narration text, no caption panel edge


RENDER_WITHOUT_FONTS = textwrap.dedent("""
    import sys
    import numpy as np
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    app = QGuiApplication([])
    assert not [f for f in QFontDatabase.families() if QFontDatabase.writingSystems(f).count(
        QFontDatabase.WritingSystem.Japanese)], "a Japanese font is installed"
    for name in sys.argv[1:]:
        image = QImage(960, 540, QImage.Format.Format_RGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        QSvgRenderer(name).render(painter, QRectF(0, 0, 960, 540))
        painter.end()
        image.save(name + ".png")
""")


def test_svg_renders_its_japanese_without_any_font(qapp, tmp_path):
    for mode in ("outline", "font"):
        assert main(["export", "--text", JA, "--lang", "ja", "--chapter", "softmax", "--svg-text", mode,
                     "-o", str(tmp_path / f"{mode}.svg")]) == 0
    assert main(["export", "--text", JA, "--lang", "ja", "--chapter", "softmax", "--size", "960x540",
                 "-o", str(tmp_path / "ref.png")]) == 0
    outline = (tmp_path / "outline.svg").read_text(encoding="utf-8")
    assert outline.count("<path") > outline.count("<text") > 100
    assert outline.count('fill-opacity="0"') >= outline.count("<text") and "自己紹介" in outline  # kept for search
    embedded = (tmp_path / "font.svg").read_text(encoding="utf-8")
    assert "@font-face" in embedded and "data:font/ttf;base64," in embedded
    import base64
    import html
    import io
    import re

    from fontTools.ttLib import TTFont
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", embedded).group(1)
    subset = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
    used = {c for run in re.findall(r"<text\b[^>]*>(.*?)</text>", embedded, re.S) for c in html.unescape(run)}
    assert {ord(c) for c in used} - {0x0A} <= set(subset) and len(subset) < 400  # every character, only those

    # a machine with no fonts at all: fontconfig is given an empty font list
    (tmp_path / "fonts.conf").write_text(f'<?xml version="1.0"?><fontconfig><dir>{tmp_path / "none"}</dir>'
                                         f'<cachedir>{tmp_path / "cache"}</cachedir></fontconfig>')
    env = {"QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(tmp_path / "fonts.conf"),
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", RENDER_WITHOUT_FONTS, str(tmp_path / "outline.svg"),
                           str(tmp_path / "font.svg")], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr

    def pixels(name):
        return np.asarray(Image.open(tmp_path / name).convert("L")).astype(float)

    ref = pixels("ref.png")
    caption = (slice(455, 525), slice(20, 700))  # the Japanese narration
    outlined, plain = pixels("outline.svg.png"), pixels("font.svg.png")
    assert np.abs(outlined - ref)[caption].mean() < 5  # drawn as in the app's own picture
    assert np.abs(plain - ref)[caption].mean() > 3 * np.abs(outlined - ref)[caption].mean()  # text needs a font


def test_chapter_means_its_finished_step(trace):
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=6, lang="ja")
    frame = frame_at(trace, sel, moment(tl, "softmax"))
    assert frame.beat_key == "softmax.weights" and frame.bars.title  # the shares, not exp
    assert frame.bars.values[:7] == pytest.approx(trace.layers[0].weights[0, 6, :7].tolist())
    for key in CHAPTERS:
        last = max(i for i, b in enumerate(tl.beats) if b.chapter == key)
        assert frame_at(trace, sel, moment(tl, key)).beat == last
    assert deck_times(tl, "chapter") == [moment(tl, key) for key in CHAPTERS]


@pytest.mark.parametrize("text, who, rule", [("The dog sat", '"sat" (seat 3)', "none"),
                                             (JA, '"座った" (seat 7)', "causal")])  # in turn 猫 would hear only itself
def test_default_asker_not_in_the_sentence_is_named(qapp, tmp_path, capsys, text, who, rule):
    assert main(["export", "--text", text, "--mask", rule, "-o", str(tmp_path / "a.png")]) == 0
    err = capsys.readouterr().err
    assert f"{who} asks instead" in err and "--focus" in err
    assert main(["export", "--text", JA, "--mask", "none", "-o", str(tmp_path / "c.png")]) == 0
    assert "asks instead" not in capsys.readouterr().err  # in discussion 猫 asks from the first seat
    assert main(["export", "--text", "The cat sat", "-o", str(tmp_path / "b.png")]) == 0
    assert "asks instead" not in capsys.readouterr().err


def test_a_pptx_quiz_slide_says_its_question_as_text(qapp, tmp_path):
    """deck --quiz: a question slide's narration and notes repeated the step before's narration, so the question
    lived only in the picture and a teacher could not edit or translate it in PowerPoint. Then the question and its
    choices went into the narration box, whose text shrank to 8.7-10.3 pt on answer slides (teacher5 M3): now they
    are a box of their own where the canvas draws the card, and the narration keeps the deck's size."""
    from pptx import Presentation

    from classroom_gui.export.deck_pptx import QUIZ_NAME

    out = tmp_path / "quiz.pptx"
    assert main(["deck", "--text", JA, "--lang", "ja", "--per", "chapter", "--quiz", "-o", str(out)]) == 0
    asked, answered, sizes = [], [], {True: [], False: []}
    for slide in Presentation(str(out)).slides:
        shapes = {s.name: s for s in slide.shapes}
        narration = shapes[NAMES[2]].text_frame
        notes = slide.notes_slide.notes_text_frame.text
        assert "ア  " not in narration.text and "ア「" not in narration.text  # the narration box holds the narration only
        sizes[QUIZ_NAME in shapes].append(narration.paragraphs[0].runs[0].font.size.pt)
        if QUIZ_NAME in shapes:
            # the question one paragraph (broken by line breaks where the picture breaks it), then the choices
            card = shapes[QUIZ_NAME].text_frame.text.replace("\u00a0", " ")
            question = card.split("\n")[0].replace("\v", "")
            said = card.replace("\v", "").replace("      ", "\n")  # (two choices a row in a small card)
            marked = [line[:1] for line in said.split("\n")[1:]]  # (ア「猫」: a name brings its own space, quiz22)
            assert question.endswith("？") and "ア" in marked and "イ" in marked  # marked as a Japanese test is
            assert notes.startswith(said) and "ここを指す：" in notes  # the notes: the card, then where to point
            (answered if "✓" in card else asked).append(question)
    assert asked and answered == asked
    assert min(sizes[True]) >= min(sizes[False]) >= 12, sizes  # as big as the deck's other slides


FRAGMENTS = {"en": ("And ", "Then ", "Step 2", "Step 3", "They ", "The result", "W_2", "The remaining", "ReLU"),
             "ja": ("次に", "最後にW_V", "2段目", "3段目", "届いた意見", "その結果", "W_2", "ReLU")}


@pytest.mark.parametrize("text, lang, focus, layer", [
    ("The animal didn't cross the street because it was too tired", "en", 7, 2),
    (JA, "ja", 6, 1), ("The girl sat on the bank of the river and watched the water flow past " * 2, "en", 3, 0)])
def test_a_per_chapter_decks_slides_each_say_their_chapter_whole(text, lang, focus, layer, checkpoint):
    """teacher5 M4: a deck per chapter showed each chapter's last step with that step's narration, which starts
    mid-story ("And an opinion card with W_V", "Step 3: divide each by the sum", "They merge into…", "The result
    is added…", "W_2 brings the thought back…", "The remaining classmates answer too"). Now a chapter told in a
    few steps says them all, and one told per classmate or per layer says it in one sentence of its own."""
    trace = run_sentence(checkpoint, text, "none").trace
    sel = Selection(focus=focus, layer=layer, head=0, lang=lang, rule="none")
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    slides = deck_frames(trace, sel, deck_times(timeline, "chapter"), "chapter")
    steps = [frame_at(trace, sel, timeline.beat_stop(i)) for i in range(len(timeline))]
    name = ('"{}"' if lang == "en" else "「{}」").format(trace.tokens[focus])
    for slide in slides:
        assert not slide.narration.startswith(FRAGMENTS[lang]), slide.narration
        own = [f.narration for f in steps if f.chapter_key == slide.chapter_key]
        if slide.chapter_key in ("cards", "softmax", "heads", "ffn", "listening", "embedding"):
            assert all(said in slide.narration for said in own), (slide.chapter_key, slide.narration)
        elif slide.chapter_key in ("scoring", "layers"):
            assert name in slide.narration and "W_" not in slide.narration and slide.narration not in own
        elif slide.chapter_key == "answer":
            assert slide.narration.endswith(own[-1]) and slide.narration != own[-1]
        else:  # its last step already says the chapter's idea
            assert slide.narration == own[-1]
    per_step = deck_frames(trace, sel, deck_times(timeline, "beat"), "beat")  # a deck per step: as before
    assert [f.narration for f in per_step] == [f.narration for f in steps]
