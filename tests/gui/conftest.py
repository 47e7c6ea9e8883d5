"""A wizard window on the built-in sample (autosave and settings in tmp_path), and key input
the way a clerk types: into whatever has focus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def make_window(qtbot, tmp_path: Path, *, sample: bool = True):
    from gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(autosave_dir=tmp_path / "autosave", settings=settings)
    qtbot.addWidget(w)
    if sample:
        w.open_sample(ask=False)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def settle(w) -> None:
    """Teardown closes the window: it must not stop on the unsaved-changes question."""
    w.commit_pending()
    w.extra_dirty = False
    w.doc.undo_stack.setClean()


@pytest.fixture(autouse=True)
def dialogs(monkeypatch) -> list[tuple[str, str]]:
    """No test may hang on a modal dialog: unpatched message boxes and file dialogs answer at once."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    calls: list[tuple[str, str]] = []

    def box(kind: str, answer: object):
        def show(_parent, _title, text, *args, **kwargs):
            calls.append((kind, text))
            return answer
        return show

    monkeypatch.setattr(QMessageBox, "question", box("question", QMessageBox.StandardButton.Discard))
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, box(kind, QMessageBox.StandardButton.Ok))
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, lambda *a, **k: ("", ""))

    def choose(_parent, _title, text, _options, *, default: str, escape: str) -> str:
        calls.append(("choose", text))
        return escape

    import gui.choice
    import gui.file_controller

    monkeypatch.setattr(gui.choice, "choose", choose)
    monkeypatch.setattr(gui.file_controller, "choose", choose)
    monkeypatch.setattr("gui.export_done.ExportedBox.exec", lambda box: calls.append(("information", box.text())) or 0)
    return calls


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[object]:
    w = make_window(qtbot, tmp_path)
    yield w
    settle(w)


@pytest.fixture
def new_window(qtbot, tmp_path: Path):
    made = []

    def make(*, sample: bool = True):
        w = make_window(qtbot, tmp_path, sample=sample)
        made.append(w)
        return w

    yield make
    for w in made:
        settle(w)


class Keys:
    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    @staticmethod
    def focus() -> QWidget:
        w = QApplication.focusWidget()
        assert w is not None, "nothing has keyboard focus"
        return w

    def type(self, text: str) -> None:
        """ASCII only (QTest aborts on other characters)."""
        for ch in text:
            self.qtbot.keyClick(self.focus(), ch)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)

    def text(self, text: str, widget: QWidget | None = None) -> None:
        """Any text, Chinese and full-width included, as key events that carry the text."""
        for ch in text:
            target = widget or self.focus()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture
def keys(qtbot) -> Keys:
    return Keys(qtbot)
