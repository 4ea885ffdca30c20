"""review15 #5: a message told before the window is first shown is told again once it is, for as long as it was
told for; a later show (after a minimise) leaves the status bar alone (it re-told the message at 8 s)."""
from classroom_gui.view.window import MainWindow


def test_only_the_first_show_tells_a_message_again_and_for_its_own_time(qtbot, checkpoint, monkeypatch):
    w = MainWindow(checkpoint, store={})
    qtbot.addWidget(w)
    w.tell(lambda lang: "told before the first show", 20000)
    told = []
    real = w.tell
    monkeypatch.setattr(w, "tell", lambda said, ms=8000, aloud=False, **more: told.append(ms) or real(said, ms, aloud,
                                                                                                   **more))
    w.show()
    qtbot.waitUntil(lambda: told == [20000], timeout=2000)
    w.hide()
    w.show()
    qtbot.wait(50)
    assert told == [20000] and w.statusBar().currentMessage() == "told before the first show"
    w.close()
