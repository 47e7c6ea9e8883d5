"""Ctrl+Z / Ctrl+Y in text fields go to the window's undo stack, not the field's own history.

Line and text edits keep private undo histories that know nothing of the
report; one stack for everything is what makes undo predictable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack


class UndoKeyFilter(QObject):
    def __init__(self, stack: QUndoStack, parent: QObject | None = None,
                 discard_pending: Callable[[QObject], bool] | None = None) -> None:
        super().__init__(parent)
        self.stack = stack
        # Text typed but not yet an edit (a half-typed year): Ctrl+Z takes that back first, and
        # only that, rather than an earlier edit the clerk is not looking at.
        self.discard_pending = discard_pending

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(event, QKeyEvent):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            if undo or event.matches(QKeySequence.StandardKey.Redo):
                if event.type() == QEvent.Type.KeyPress and not (
                        undo and self.discard_pending is not None and self.discard_pending(obj)):
                    (self.stack.undo if undo else self.stack.redo)()
                event.accept()
                return True
        return super().eventFilter(obj, event)
