"""Worksheets of a what-if class: the sheet is worked from the class on screen (the window) or from --set (the
CLI), its hand-edited card numbers are marked, a 「もしも：…」 / "What if: …" line names every edit, and the footer
no longer says the numbers are the model's own."""
import pytest

from classroom_gui.cli import main
from classroom_gui.export.errors import said
from classroom_gui.lesson.whatif_state import from_specs
from classroom_gui.lesson.worksheet import WorksheetError, build_worksheet
from classroom_gui.model.sentence import run_sentence
from test_worksheet import by_hand, pdf_pages
from fractions import Fraction

JA = "猫がマットの上に座った"
# the teacher's three edits (report 4, H1): 「猫」's self-introduction, a score of 「座った」's row, its question
EDITS = ("k[2,1,猫,1]=3", "score[2,1,座った,が]=0", "q[2,1,座った,1]=-2")


@pytest.fixture(scope="module")
def edited(checkpoint):
    return from_specs(run_sentence(checkpoint, JA, "causal").trace, EDITS)


def test_the_sheet_of_an_edited_class_is_worked_from_its_numbers_and_marks_the_edit(edited):
    up = edited.tokens.index("上")
    ws = build_worksheet(edited, up, 1, 0, "ja")
    H = edited.layers[1].head(0)
    assert ws.keys[0][0] == "3.00" and ws.edited == {("key", 0): [0]}  # 「猫」's first number, set by hand
    assert ws.model_shares[0] == pytest.approx(float(H.weights[up, 0])) == pytest.approx(0.7253, abs=1e-4)
    assert [Fraction(s) for s in ws.shares] == by_hand(ws)[4]  # the key still redoes from the printed cards
    assert len(ws.whatif) == 3 and "「猫」の自己紹介カードの1番目の数が3だったら" in ws.whatif[0]
    # 「座った」's own row has an edited score: its sheet cannot follow from the cards, and says so in Japanese
    with pytest.raises(WorksheetError) as refused:
        build_worksheet(edited, edited.tokens.index("座った"), 1, 0, "ja")
    assert "「座った」のスコアを手で変えています" in said(refused.value, "ja")


def test_cli_worksheet_set_prints_the_edited_class_with_a_what_if_line(edited, tmp_path, capsys):
    out = tmp_path / "whatif.pdf"
    assert main(["worksheet", "--text", JA, "--lang", "ja", "--focus", "上", "--layer", "2", "--head", "1", "--mask",
                 "causal", *[a for e in EDITS for a in ("--set", e)], "-o", str(out)]) == 0
    pages = ["".join(p.split()) for p in pdf_pages(out)]
    for page in pages:
        assert "もしも「猫」の自己紹介カードの1番目の数が3だったら" in page and "変更3件" in page
        assert "モデル自身の計算です" not in page and "下線の数は手で変えた数です" in page
    assert "3.00" in pages[0] and "モデル0.7253" in pages[1]  # the window's 0.73, not the model's own 0.6923
    plain = tmp_path / "plain.pdf"
    assert main(["worksheet", "--text", JA, "--lang", "ja", "--focus", "上", "--layer", "2", "--mask", "causal", "-o",
                 str(plain)]) == 0
    page = "".join(pdf_pages(plain)[1].split())
    assert "モデル自身の計算です" in page and "もしも" not in page and "モデル0.6923" in page
    capsys.readouterr()
    assert main(["worksheet", "--text", JA, "--set", "k[2,1,犬,1]=3", "-o", str(tmp_path / "bad.pdf")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("classroom-gui: error: --set") or "--set" in err
    assert "Traceback" not in err and not (tmp_path / "bad.pdf").exists()


def test_window_worksheet_follows_the_what_if_edits_on_screen(qtbot, tmp_path, checkpoint):
    from classroom_gui.lesson.whatif_state import WhatIf
    from classroom_gui.view import export_dialogs
    from classroom_gui.view.window import MainWindow

    w = MainWindow(checkpoint, store={})
    qtbot.addWidget(w)
    w.sentence.setText("The cat sat on the mat")
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None)
    w.set_rule("causal")
    w.model.select(focus=2, layer=1, head=0)  # "sat" listens to 3
    spec = WhatIf(w.model.run.trace)
    spec.set_spec("k[2,1,cat,1]=3")
    w.model.edit(spec.edits[0])
    out = export_dialogs.export_worksheet(w.model, w, tmp_path / "w.pdf", paper="a4")
    pages = pdf_pages(out)
    assert 'What if: self-introduction card of "cat", number 1 set to 3' in pages[0]
    assert "every number comes from the model itself" not in pages[1] and "with 1 what-if edit on top" in pages[1]
    from classroom_gui.lesson import rules
    shown = rules.under(w.model.shown_trace(), "causal").layers[1].head(0).weights[2, 1]
    own = rules.under(w.model.run.trace, "causal").layers[1].head(0).weights[2, 1]
    assert f"model {shown:.4f}" in pages[1] and f"{own:.4f}" != f"{shown:.4f}"  # the window's share, not the own


def test_a_far_seat_in_discussion_gets_its_sheet_in_discussion(qtbot, tmp_path, monkeypatch, checkpoint):
    """teacher4 L3, teacher31 #4: in discussion, 「座った」 (seat 7) hears all 7, and was refused (choose a seat 2-5,
    worked in turn); now its sheet is the class on screen: 5 rows and the other 2 in one."""
    from classroom_gui.view import export_dialogs
    from classroom_gui.view.window import MainWindow

    w = MainWindow(checkpoint, store={})
    qtbot.addWidget(w)
    w.sentence.setText(JA)
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None)
    reports = []
    monkeypatch.setattr(export_dialogs, "_report", lambda model, parent, exc: reports.append(said(exc, "ja")))
    w.set_language("ja")
    w.model.select(focus=6, layer=0, head=0, lang="ja", rule="none")
    out = export_dialogs.export_worksheet(w.model, w, tmp_path / "far.pdf", paper="a4")
    assert out == tmp_path / "far.pdf" and not reports and w.sel.rule == "none"
    assert "ほか2人" in "".join("".join(pdf_pages(out)).split())


@pytest.mark.parametrize("lang, focus", [("ja", "4"), ("en", "4")])
def test_the_clis_refusal_of_an_edited_score_gives_command_line_advice(tmp_path, capsys, lang, focus):
    """teacher5 L7: `worksheet --set "score[2,1,の,が]=3"` was refused with the window's advice, 「…スコアの変更を
    取り消す（Ctrl+Z）か…」, and the command line has no Ctrl+Z: it now names --set and --focus."""
    out = tmp_path / "w.pdf"
    assert main(["worksheet", "--text", JA, "--lang", lang, "--focus", focus, "--layer", "2",
                 "--set", "score[2,1,の,が]=3", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Ctrl+Z" not in err and "--set" in err and "--focus" in err and not out.exists(), err
    if lang == "ja":
        assert "--setのスコアの変更を外すか、--focusで別の生徒を選んでください。" in err


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_windows_advice_and_help_name_the_undo_key_the_actions_table_binds(edited, lang):
    """review30 7: "worksheet.score_edited" and "help.redo_edit" typed Ctrl+Z themselves (review29 2e's class of
    bug): they now say the key they are given, the window's Undo key as edit_keys names it."""
    from classroom_gui.app.edit_history import edit_keys
    from classroom_gui.lesson.strings import text

    assert "⌘Z" in text(lang, "help.redo_edit", undo="⌘Z") and "Ctrl+Z" not in text(lang, "help.redo_edit", undo="⌘Z")
    undo = edit_keys(lang)["undo"]
    with pytest.raises(WorksheetError) as refused:
        build_worksheet(edited, edited.tokens.index("座った"), 1, 0, lang, undo="⌘Z")
    assert "⌘Z" in said(refused.value, lang) and "Ctrl+Z" not in said(refused.value, lang)
    assert undo in text(lang, "help.redo_edit", undo=undo)
