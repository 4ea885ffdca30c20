"""The soak's lesson actions (scripts/soak.py mixes them into Soak, which provides window, app and rng): what-if
edits by double-click, View → Compare, and the quiz, the other rule or a gallery example."""
from __future__ import annotations


class LessonActions:
    SENTENCES = ["The cat sat on the mat", "猫がマットの上に座った", "", "   ", "a", "🙂 zzz", "the dog sat on the mat"]
    answer = 0.0  # what the patched QInputDialog.getDouble answers (a what-if edit's value)

    def whatif(self):
        """A double-click on a desk's number or a map cell (Shift: the mask), answered with a random value; or
        undo / redo / reset the edits."""
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        r = self.rng.random()
        if r < 0.12:
            return self.window.do("undo_edit")
        if r < 0.18:
            return self.window.do("redo_edit")
        if r < 0.25:
            return self.window.do("reset_edits")
        frame = self.window.model.frame()
        if not frame.students:
            return
        s = self.rng.choice(frame.students)
        p = self.window.canvas.mapFromScene(s.x + self.rng.uniform(0, s.w), s.y + self.rng.uniform(0, s.h))
        shift = Qt.KeyboardModifier.ShiftModifier if self.rng.random() < 0.3 else Qt.KeyboardModifier.NoModifier
        self.answer = self.rng.choice([0.0, -3.5, 1e5, round(self.rng.uniform(-10, 10), 2)])
        QTest.mouseDClick(self.window.canvas.viewport(), Qt.MouseButton.LeftButton, shift, QPoint(p.x(), p.y()))

    def compare(self):
        """View → Compare with a sentence (weird ones too), a few steps in the dialog, then closed."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from classroom_gui.view.compare_dialog import CompareDialog, open_compare

        open_compare(self.window, self.rng.choice(self.SENTENCES))
        self.window.worker.wait()  # a big model's second sentence is computed on the worker
        self.app.processEvents()
        for dialog in self.window.findChildren(CompareDialog):
            if dialog.isVisible():
                for _ in range(self.rng.randint(0, 3)):
                    QTest.keyClick(dialog, self.rng.choice([Qt.Key.Key_Right, Qt.Key.Key_Left]))
                dialog.close()  # WA_DeleteOnClose: deleted at the next DeferredDelete

    def lesson_mode(self):
        """The quiz on or off, the other rule, or a gallery example."""
        r = self.rng.random()
        if r < 0.4:
            self.window.quiz_action.toggle()
        elif r < 0.7:
            self.window.do("rule")
        elif self.window.gallery:
            self.window.load_example(self.rng.choice(self.window.gallery))
