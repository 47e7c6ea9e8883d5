"""A question with named answers (恢复 / 另存为副本打开 / 丢弃 …), each with its Alt accelerator.

QMessageBox's standard buttons say 是/否, which does not tell a clerk what happens to the work;
these buttons say it. Tests replace ``choose`` (tests/gui/conftest.py) so no dialog ever waits.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


def choose(parent: QWidget | None, title: str, text: str, options: list[tuple[str, str]], *,
           default: str, escape: str) -> str:
    """The key of the answer chosen; ``escape`` if the box is closed (Esc or the title bar's ×)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons: dict[str, QPushButton] = {}
    for key, label in options:
        role = QMessageBox.ButtonRole.RejectRole if key == escape else QMessageBox.ButtonRole.AcceptRole
        buttons[key] = box.addButton(label, role)
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[escape])
    box.exec()
    clicked = box.clickedButton()
    for key, button in buttons.items():
        if button is clicked:
            return key
    return escape
