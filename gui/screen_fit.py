"""Dialog sizes that fit the screen: at 1366×768, or at 125 %/150 % scaling, a dialog taller than the
screen puts its buttons below the edge, where a clerk cannot reach them."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

_FRAME = (40, 60)  # title bar and borders, and a little room around


def fitted_size(parent: QWidget | None, width: int, height: int) -> tuple[int, int]:
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    return min(width, area.width() - _FRAME[0]), min(height, area.height() - _FRAME[1])
