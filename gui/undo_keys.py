"""Ctrl+Z / Ctrl+Y in text fields go to the window's undo stack, not the field's own history.

Line and text edits keep private undo histories that know nothing of the
report; one stack for everything is what makes undo predictable.

Redo is Ctrl+Y *and* Ctrl+Shift+Z on every platform: Qt's standard binding on X11 is only
Ctrl+Shift+Z, while clerks coming from Office and WPS press Ctrl+Y.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack

# 编辑 → 其余空格填 0: the window's menu action and the table page's button tooltip; here, not in
# gui.table_page, so that the menu can be built without importing the table page at start-up.
FILL_ZERO_KEYS = "Ctrl+Alt+0"

_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_IGNORED = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.GroupSwitchModifier


def undo_keys() -> list[QKeySequence]:
    return QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)


def redo_keys() -> list[QKeySequence]:
    keys = [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
    for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo):
        if k not in keys:
            keys.append(k)
    return keys


def undo_direction(event: QKeyEvent) -> str | None:
    """"undo", "redo" or None for a key event, with Ctrl+Y and Ctrl+Shift+Z both redo."""
    mods = event.modifiers() & ~_IGNORED
    if event.key() == Qt.Key.Key_Y and mods == _CTRL:
        return "redo"
    if event.key() == Qt.Key.Key_Z and mods == _CTRL | _SHIFT:
        return "redo"
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    if event.matches(QKeySequence.StandardKey.Redo):
        return "redo"
    return None


def step(stack: QUndoStack, direction: str) -> None:
    """Undo or redo through the document when the stack has one, so the change is shown."""
    from gui.document import Document

    owner = stack.parent()
    if isinstance(owner, Document):
        owner.undo() if direction == "undo" else owner.redo()
    else:
        stack.undo() if direction == "undo" else stack.redo()


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
            direction = undo_direction(event)
            if direction is not None:
                undo = direction == "undo"
                if event.type() == QEvent.Type.KeyPress and not (
                        undo and self.discard_pending is not None and self.discard_pending(obj)):
                    step(self.stack, direction)
                event.accept()
                return True
        return super().eventFilter(obj, event)
