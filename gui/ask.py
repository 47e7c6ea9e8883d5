"""A question with answers that say what they do (「用这份报告(&U)」, not 「是」), each with an
accelerator, Esc for the last. Tests replace ``choose`` (see tests/gui/conftest.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def choose(parent: QWidget | None, title: str, text: str, answers: list[str], default: int = 0) -> int:
    """The index of the answer chosen; the last answer is the one Esc and the close box give."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = []
    for i, label in enumerate(answers):
        role = QMessageBox.ButtonRole.RejectRole if i == len(answers) - 1 else QMessageBox.ButtonRole.AcceptRole
        buttons.append(box.addButton(label, role))
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else len(answers) - 1
