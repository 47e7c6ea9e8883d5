"""After an export: what was written, in plain Chinese, and the two things a clerk does next —
open the file, or the folder to attach it to a mail. Font details stay behind 详细信息."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


class ExportedBox(QMessageBox):
    def __init__(self, parent: QWidget | None, path: str, what: str, *, draft: bool,
                 details: list[str] | None = None) -> None:
        target = Path(path)
        kind = f"{what}（草稿，每页标注“草稿”）" if draft else what
        super().__init__(QMessageBox.Icon.Information, f"已导出{what.strip()}",
                         f"已导出{kind}。\n\n文件名：{target.name}\n位置：{target.parent}",
                         QMessageBox.StandardButton.NoButton, parent)
        self.path = target
        self.open_file = self.addButton("打开文件(&O)", QMessageBox.ButtonRole.ActionRole)
        self.open_folder = self.addButton("打开所在文件夹(&F)", QMessageBox.ButtonRole.ActionRole)
        close = self.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.open_file)
        self.setEscapeButton(close)
        if details:
            self.setDetailedText("\n".join(details))
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: object) -> None:
        if button is self.open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
        elif button is self.open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))


def show_exported(parent: QWidget | None, path: str, what: str, *, draft: bool,
                  details: list[str] | None = None) -> None:
    ExportedBox(parent, path, what, draft=draft, details=details).exec()
