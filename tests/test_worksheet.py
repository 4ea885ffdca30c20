"""Worksheets: the answer key is a hand computation from the numbers printed on the sheet (redone here
independently, with fractions), close to the model's own values; the PDF carries both pages as real
text in English and Japanese; bad choices get one message and no file."""
from classroom_gui.view.mnemonics import plain  # (a menu item's text without its access key)
import math
import re
from fractions import Fraction

import numpy as np
import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.state import default_focus
from classroom_gui.lesson.worksheet import WorksheetError, build_worksheet, choose_asker
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

SENTENCE = "The cat sat on the mat"


def trace_of(checkpoint, text):
    return run_sentence(checkpoint, text).trace


def half_up(x: Fraction, places: int) -> Fraction:
    """Round half up (away from zero at .5), as the sheet tells the student."""
    scaled = abs(x) * 10 ** places
    whole = int(scaled) + (1 if scaled - int(scaled) >= Fraction(1, 2) else 0)
    return Fraction(whole if x >= 0 else -whole, 10 ** places)


def by_hand(ws):
    """The sheet's steps from its printed strings only: exact fractions, rounding where the sheet says."""
    F = Fraction
    q = [F(x) for x in ws.query]
    dots = [half_up(sum(a * F(b) for a, b in zip(q, k)), 2) for k in ws.keys]
    scaled = [half_up(s / F(ws.divisor), 2) for s in dots]
    # exp of a 2-decimal number, to far more digits than the 3 kept (the float is exact enough there)
    exps = [half_up(F(math.exp(float(s))).limit_denominator(10 ** 12), 3) for s in scaled]
    total = sum(exps)
    shares = [half_up(e / total, 3) for e in exps]
    context = [half_up(sum(w * F(v[i]) for w, v in zip(shares, ws.values)), 2) for i in range(ws.d)]
    return dots, scaled, exps, total, shares, context


def as_fractions(strings):
    return [Fraction(s) for s in strings]


@pytest.mark.parametrize("text, focus, students", [(SENTENCE, 1, None), (SENTENCE, None, 4), (SENTENCE, None, 5),
                                                   ("猫がマットの上に座った", None, 3), ("猫がマットの上に座った", 4, None)])
@pytest.mark.parametrize("layer, head", [(0, 0), (1, 1)])
def test_the_key_is_the_hand_computation_of_the_printed_numbers(checkpoint, text, focus, students, layer, head):
    trace = trace_of(checkpoint, text)
    asker = choose_asker(trace, layer, focus, students)
    ws = build_worksheet(trace, asker, layer, head)
    dots, scaled, exps, total, shares, context = by_hand(ws)
    assert as_fractions(ws.dots) == dots
    assert as_fractions(ws.scaled) == scaled
    assert as_fractions(ws.exps) == exps
    assert Fraction(ws.total) == total
    assert as_fractions(ws.shares) == shares
    assert as_fractions(ws.context) == context
    # the printed inputs are the model's numbers to 2 decimals, and the key is close to the model
    H = trace.layers[layer].head(head)
    assert np.allclose([float(x) for x in ws.query], H.q[asker], atol=0.0051)
    assert ws.heard == list(range(asker + 1))  # the causal mask: itself and everyone before
    assert np.allclose([float(s) for s in ws.shares], H.weights[asker, ws.heard], atol=0.03)
    assert np.allclose(ws.model_shares, H.weights[asker, ws.heard]) and abs(sum(ws.model_shares) - 1) < 1e-5
    assert np.allclose([float(c) for c in ws.context], H.context[asker], atol=0.06)


def test_who_asks_and_what_fits(checkpoint):
    trace = trace_of(checkpoint, SENTENCE)
    assert choose_asker(trace, 0, None, 3) == 2  # --students 3: "sat" hears The, cat, sat
    assert choose_asker(trace, 0, 1, 2) == 1
    with pytest.raises(WorksheetError, match="not 3"):
        choose_asker(trace, 0, 1, 3)
    assert choose_asker(trace, 0, 5, None) == 5  # "mat" hears 6: its 4 strongest in rows, the rest one (fix65)
    with pytest.raises(WorksheetError, match="only itself"):
        choose_asker(trace, 0, 0, None)
    with pytest.raises(WorksheetError, match="between 2 and 5"):
        choose_asker(trace, 0, None, 7)
    everyone = run_sentence(checkpoint, "The cat sat", "none").trace  # no mask: each hears all 3
    assert choose_asker(everyone, 0, None, 3) == 0 and choose_asker(everyone, 0, 2, None) == 2
    with pytest.raises(WorksheetError, match="exactly 2"):
        choose_asker(everyone, 0, None, 2)
    ws = build_worksheet(everyone, 0, 0, 0)
    assert ws.heard == [0, 1, 2] and by_hand(ws)[4] == as_fractions(ws.shares)
    discussion = run_sentence(checkpoint, SENTENCE, "none").trace  # every seat hears all 6: a sheet all the same
    assert choose_asker(discussion, 0, 2, None) == 2


def pdf_pages(path) -> list[str]:
    """Each page's text, runs of white space as one space (pypdf writes Qt's word gaps as tabs)."""
    from pypdf import PdfReader
    return [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]


def numbers(text: str) -> set[str]:
    return set(re.findall(r"-?\d+\.\d+", text))


@pytest.mark.parametrize("lang, words", [("en", ["Worksheet", "Answer key", "self-introduction", "\"cat\""]),
                                         ("ja", ["ワークシート", "解答", "自己紹介カード", "「猫」", "内積", "割合"])])
def test_pdf_exercise_and_key_as_text(qapp, checkpoint, tmp_path, capsys, lang, words):
    text = SENTENCE if lang == "en" else "その猫がマットの上に座った"
    out = tmp_path / "sheet.pdf"
    assert main(["worksheet", "--text", text, "--lang", lang, "-o", str(out)]) == 0
    assert ("listens to" if lang == "en" else "人の話を聞きます") in capsys.readouterr().err
    pages = pdf_pages(out)
    assert len(pages) == 2
    whole = "".join("".join(pages).split())  # pypdf also cuts Japanese runs with spaces
    for w in words:
        assert w.replace(" ", "") in whole, w
    assert not any(0x2E80 <= ord(c) <= 0x2FDF for c in whole)
    trace = run_sentence(checkpoint, text, "none").trace  # the lesson's rule, discussion (fix65: no longer in turn)
    ws = build_worksheet(trace, choose_asker(trace, 0, default_focus(trace.tokens), None), 0, 0, lang)
    assert ws.sentence[ws.asker] in ("cat", "猫") and ws.others  # more than 5: the rest in one row
    exercise, key = numbers(pages[0]), numbers(pages[1])
    printed = set(ws.query) | {x for card in ws.keys + ws.values for x in card}
    assert printed <= exercise and printed <= key  # every card number is on both pages
    answers = set(ws.dots + ws.scaled + ws.exps + [ws.total] + ws.shares + ws.context + [ws.others_share])
    assert answers <= key
    given = {ws.others_exp, *ws.others_context}  # the rest's parts: printed on both pages, for the student to add
    assert given <= exercise and given <= key
    assert not ({*ws.exps, ws.total, *ws.shares} - {ws.divisor}) & exercise  # the exercise leaves them blank
    assert f"{ws.model_shares[0]:.4f}" in pages[1]  # the model's unrounded value beside the answer


def test_letter_paper_and_bad_choices(qapp, tmp_path, capsys):
    from pypdf import PdfReader
    out = tmp_path / "letter.pdf"
    assert main(["worksheet", "--text", SENTENCE, "--students", "3", "--paper", "letter", "-o", str(out)]) == 0
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    capsys.readouterr()
    for args, message in ((["--focus", "The", "--mask", "causal"], "only itself"), (["--students", "9"], "between 2 and 5"),
                          (["--focus", "dog"], "not a student"), (["--layer", "7"], "--layer")):
        assert main(["worksheet", "--text", SENTENCE, *args, "-o", str(tmp_path / "bad.pdf")]) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err and err.count("\n") == 1
    assert main(["worksheet", "--text", SENTENCE, "-o", str(tmp_path / "sheet.docx")]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.pdf"]


def test_window_file_menu_worksheet(qtbot, tmp_path, monkeypatch, checkpoint):
    from classroom_gui.export.errors import said
    from classroom_gui.view import export_dialogs
    from classroom_gui.view.window import MainWindow

    w = MainWindow(checkpoint, store={})
    qtbot.addWidget(w)
    w.sentence.setText(SENTENCE)
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None)
    assert plain(w.menu_actions["export_worksheet"].text()).startswith("Worksheet")
    w.set_rule("causal")  # the sheet follows the lesson's rule; in turn, cat listens to 2
    out = export_dialogs.export_worksheet(w.model, w, tmp_path / "w.pdf", paper="a4")
    assert out == tmp_path / "w.pdf"
    assert '"cat"' in "".join(pdf_pages(out))
    reports = []
    monkeypatch.setattr(export_dialogs, "_report", lambda model, parent, exc: reports.append(said(exc, "ja")))
    w.set_language("ja")
    w.model.select(focus=0, layer=0, head=0, lang="ja", rule="causal")  # "The" listens to itself only
    assert export_dialogs.export_worksheet(w.model, w, tmp_path / "no.pdf", paper="a4") is None
    assert reports and "「The」は自分の話しか" in reports[0] and not (tmp_path / "no.pdf").exists()
    # "mat" listens to all 6, in turn and in discussion: its sheet has 5 rows and "the other 1" (fix65: refused)
    for rule in ("causal", "none"):
        w.model.select(focus=5, layer=0, head=0, lang="ja", rule=rule)
        out = export_dialogs.export_worksheet(w.model, w, tmp_path / f"{rule}.pdf", paper="a4")
        assert out == tmp_path / f"{rule}.pdf" and "ほか1人" in "".join("".join(pdf_pages(out)).split())
    # in discussion cat hears all 6: the sheet is the lesson's class, no longer worked in turn (teacher11 L3, fix65)
    w.model.select(focus=1, layer=0, head=0, lang="ja", rule="none")
    assert export_dialogs.export_worksheet(w.model, w, tmp_path / "cat.pdf", paper="a4") == tmp_path / "cat.pdf"
    assert len(reports) == 1 and "順番に発言" not in w.statusBar().currentMessage()
    assert "話し合い" in "".join("".join(pdf_pages(tmp_path / "cat.pdf")).split())


def test_a_model_that_divides_by_more_than_root_d(tmp_path):
    """A config that also divides by the layer's number: the sheet prints that divisor, not √d."""
    from helpers import VOCAB

    from classroom_gui.model import ClassroomTokenizer, GPTConfig, save_checkpoint
    from classroom_gui.model.checkpoint import expected_shapes
    cfg = GPTConfig(n_layer=2, n_head=2, n_embd=16, n_positions=16, vocab_size=len(VOCAB), n_inner=64,
                    scale_attn_by_inverse_layer_idx=True)
    rng = np.random.default_rng(1)
    params = {k: (rng.standard_normal(s) * 0.5).astype(np.float32) for k, s in expected_shapes(cfg).items()}
    save_checkpoint(tmp_path, cfg, params, ClassroomTokenizer(list(VOCAB)))
    trace = run_sentence(load_checkpoint(tmp_path), "the cat sat").trace
    ws = build_worksheet(trace, 2, layer=1, head=0)
    assert not ws.divisor_is_root and ws.divisor == "5.6569"  # √8 × 2 for the second layer
    assert as_fractions(ws.scaled) == by_hand(ws)[1] and as_fractions(ws.shares) == by_hand(ws)[4]
    assert np.allclose(ws.model_scaled, trace.layers[1].head(0).scaled[2, :3])
    assert np.allclose([float(s) for s in ws.shares], ws.model_shares, atol=0.02)


def test_edited_cards_are_worked_and_edited_scores_refused(checkpoint):
    """What-if edits: an edited card is simply the card printed; an edited raw score cannot follow from the
    cards, so the sheet refuses it rather than print a key the model did not compute."""
    from classroom_gui.model import forward
    from classroom_gui.model.whatif import Edit

    base = trace_of(checkpoint, SENTENCE)
    ids = [int(i) for i in base.token_ids]
    card = forward(ids, checkpoint.params, checkpoint.config, edits=[Edit("q", 0, 0, 2, 3, 2.5)],
                   tokens=list(base.tokens), unknown=list(base.unknown))
    ws = build_worksheet(card, 2, 0, 0)
    assert ws.query[3] == "2.50" and as_fractions(ws.shares) == by_hand(ws)[4]
    assert np.allclose([float(s) for s in ws.shares], ws.model_shares, atol=0.03)
    score = forward(ids, checkpoint.params, checkpoint.config, edits=[Edit("score", 0, 0, 2, 1, 4.0)],
                    tokens=list(base.tokens), unknown=list(base.unknown))
    with pytest.raises(WorksheetError, match="edited"):
        build_worksheet(score, 2, 0, 0)


def test_names_take_the_languages_own_quote_marks(qtbot, tmp_path, monkeypatch, checkpoint):
    """The sheet and the window's "too many" message quote a name with the strings' name.quote, never with
    marks written in code: a language that quotes 『…』 gets 『猫』 everywhere."""
    from classroom_gui.export.errors import said
    from classroom_gui.export.worksheet_pdf import names_list, worksheet_html
    from classroom_gui.lesson import strings
    from classroom_gui.view import export_dialogs
    from classroom_gui.view.window import MainWindow

    monkeypatch.setitem(strings.table("ja"), "name.quote", "『{word}』")
    trace = trace_of(checkpoint, "その猫がマットの上に座った")
    ws = build_worksheet(trace, choose_asker(trace, 0, None, 3), 0, 0, "ja")
    assert names_list(ws) == "『その』『猫』『が』（自分）"  # names in quote marks need no と between them
    assert "『その』『猫』『が』（自分）の3人の話を聞きます" in worksheet_html(ws, "teaching model").replace("\u2060", "")
    assert "『猫』" in worksheet_html(ws, "teaching model") and "「猫」" not in worksheet_html(ws, "teaching model")
    w = MainWindow(checkpoint, store={})
    qtbot.addWidget(w)
    w.sentence.setText(SENTENCE)
    w.apply_sentence()
    reports = []
    monkeypatch.setattr(export_dialogs, "_report", lambda model, parent, exc: reports.append(said(exc, "ja")))
    w.model.select(focus=0, layer=0, head=0, lang="ja", rule="causal")
    assert export_dialogs.export_worksheet(w.model, w, tmp_path / "no.pdf", paper="a4") is None
    assert "『The』は自分の話しか" in reports[0]


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("lang, text", [("en", SENTENCE), ("ja", "猫がマットの上に座った")])
def test_every_sheet_is_one_page_and_its_key_the_next(qapp, tmp_path, capsys, paper, lang, text):
    """2-5 students in either language on either paper: the exercise fills page 1, the key page 2, as the CLI
    says (before, five students spilled onto a third page while the CLI still said "page 2")."""
    for students in range(2, 6):
        out = tmp_path / f"sheet{students}.pdf"
        assert main(["worksheet", "--text", text, "--lang", lang, "--students", str(students), "--paper", paper,
                     "-o", str(out)]) == 0
        assert ("2 pages, the answer key is page 2)" if lang == "en" else "2ページで、解答は2ページ目です）") in \
            capsys.readouterr().err
        pages = pdf_pages(out)
        assert len(pages) == 2, (students, [p[-80:] for p in pages])
        title, key_title = ("Worksheet", "Answer key") if lang == "en" else ("ワークシート", "解答")
        footer = "teaching model" if lang == "en" else "授業用のモデル"
        first, second = ("".join(p.split()) for p in pages)
        assert first.startswith(title) and second.startswith(key_title.replace(" ", "")) and key_title.replace(" ", "") not in first
        assert first.endswith(footer.replace(" ", "") + "）" * (lang == "ja") + ")" * (lang == "en"))
        assert "teaching model" not in "".join(pages) or lang == "en"  # the JA footer says 授業用のモデル
        rule, layer = ("In turn", "layer 1, head 1") if lang == "en" else ("順番に発言", "第1層・ヘッド1")
        squeezed = [s.replace(" ", "") for s in (rule, layer)]
        assert all(r in p and ly in p for p in (first, second) for r, ly in [squeezed])  # which board, both pages
        assert ("candifferfromtheseconddecimalon" if lang == "en" else "小数第2位から違う") in second  # and why it may differ


def test_a_sheet_that_cannot_fit_says_where_its_key_is(qapp, tmp_path, capsys, monkeypatch):
    from classroom_gui.export import worksheet_pdf

    monkeypatch.setattr(worksheet_pdf, "LEVELS", (worksheet_pdf.Level(24, 8, 4),))  # far too big for a page
    out = tmp_path / "big.pdf"
    assert main(["worksheet", "--text", SENTENCE, "--students", "5", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    pages = pdf_pages(out)
    key = next(i for i, p in enumerate(pages, 1) if "Answer key" in p)
    assert len(pages) > 3 and key > 2
    assert f"{len(pages)} pages, the answer key is pages {key}-{len(pages)})" in err


@pytest.mark.parametrize("typed", ["The 猫 sat on the マット", "猫 が マット の 上 に 座った"])
def test_the_sheet_writes_the_sentence_as_typed(tmp_path, typed, monkeypatch, checkpoint):
    """teacher5 L13: the sheet's sentence line was the words joined back, which loses the spaces beside Japanese
    words: 「文：The猫sat on theマット」 for "The 猫 sat on the マット". It is the sentence as typed (the run's text),
    from the CLI and from the window alike."""
    from classroom_gui.export import worksheet_pdf
    from classroom_gui.lesson.strings import joined

    written = []
    real = worksheet_pdf.worksheet_html
    monkeypatch.setattr(worksheet_pdf, "worksheet_html", lambda ws, *a, **k: written.append(real(ws, *a, **k)) or written[-1])
    assert main(["worksheet", "--text", typed, "--lang", "ja", "--students", "3", "-o", str(tmp_path / "w.pdf")]) == 0
    assert written and all(f"文：{typed}（" in html.replace("\u2060", "") for html in written), written[0][:400]
    run = run_sentence(checkpoint, typed)
    assert joined(run.trace.tokens) != typed  # what the sheet wrote before


def test_the_defaults_make_a_sheet_of_the_lessons_class(qapp, tmp_path, capsys):
    """teacher6 L3: `worksheet` with the defaults failed on the seed (in turn, 猫 sits first, so 座った asked and
    listened to 7), and worked in turn while export and deck default to the lesson's discussion. Now the sheet
    follows the lesson's rule (and the seed example's layer and head), and its asker is the lesson's: 猫, who hears
    all 7, its 4 strongest classmates in rows and the other 2 in one (fix65; it was worked in turn with 「上」)."""
    out = tmp_path / "ja.pdf"
    assert main(["worksheet", "--lang", "ja", "--text", "猫がマットの上に座った", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "順番に発言" not in err and "「猫」は7人の話を聞きます" in err, err
    whole = "".join("".join(pdf_pages(out)).split())
    assert "「猫」" in whole and "ほか2人" in whole and "話し合い" in whole
    assert main(["worksheet", "--text", "The cat sat", "-o", str(tmp_path / "short.pdf")]) == 0
    err = capsys.readouterr().err
    assert '"cat" listens to 3 students' in err and "note:" not in err  # discussion, as the slides
    assert main(["worksheet", "--text", "The cat sat", "--mask", "causal", "-o", str(tmp_path / "turn.pdf")]) == 0
    assert '"cat" listens to 2 students' in capsys.readouterr().err


def test_the_window_refuses_before_asking_for_the_paper(qtbot, tmp_path, monkeypatch, checkpoint):
    """teacher6 L3: File → Worksheet asked for the paper size first and only then said the sheet cannot be made."""
    from classroom_gui.view import export_dialogs
    from classroom_gui.view.window import MainWindow

    w = MainWindow(checkpoint, store={})
    qtbot.addWidget(w)
    w.sentence.setText("猫がマットの上に座った")
    w.apply_sentence()
    asked, reports = [], []
    monkeypatch.setattr(export_dialogs, "_ask_paper", lambda parent, t: asked.append(1) or "a4")
    monkeypatch.setattr(export_dialogs, "_report", lambda model, parent, exc: reports.append(str(exc)))
    w.model.select(rule="causal", focus=0)  # in turn, 猫 in seat 1 listens to itself only
    assert export_dialogs.export_worksheet(w.model, w, tmp_path / "no.pdf") is None
    assert reports and not asked and not (tmp_path / "no.pdf").exists()
    w.model.select(rule="causal", focus=2)  # in turn, マット listens to 3: now the paper is asked
    assert export_dialogs.export_worksheet(w.model, w, tmp_path / "w.pdf") == tmp_path / "w.pdf" and asked
