"""Ctrl+Z / Ctrl+Y in text fields go to the window's undo stack, not the field's own history.

Line and text edits keep private undo histories that know nothing of the
report; one stack for everything is what makes undo predictable.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack


class UndoKeyFilter(QObject):
    def __init__(self, stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = stack

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(event, QKeyEvent):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            if undo or event.matches(QKeySequence.StandardKey.Redo):
                if event.type() == QEvent.Type.KeyPress:
                    (self.stack.undo if undo else self.stack.redo)()
                event.accept()
                return True
        return super().eventFilter(obj, event)
