"""The list of findings; activating one asks the window to jump to its page and cell."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from core.findings import SECTION_NAMES, Finding
from gui import style
from gui.document import Document

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
FINDING_ROLE = Qt.ItemDataRole.UserRole + 2


class FindingsList(QTreeWidget):
    jump = Signal(str, int)  # target (cell id / narrative.x / meta.x, may be ""), section

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setColumnCount(4)
        self.setHeaderLabels(["级别", "规则", "位置", "说明"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setAccessibleName("检查结果")
        header = self.header()
        for i in range(3):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._fg = {True: QBrush(QColor(style.ERROR_FG)), False: QBrush(QColor(style.WARNING_FG))}
        self._shown: list[Finding] = []
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        doc.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        findings = self.doc.findings
        if findings == self._shown:
            return
        self._shown = list(findings)
        self.setUpdatesEnabled(False)
        self.clear()
        items = []
        for f in sorted(findings, key=lambda f: (not f.is_error, f.section)):
            item = QTreeWidgetItem([f.severity.label, f.rule, SECTION_NAMES.get(f.section, ""), f.message])
            item.setForeground(0, self._fg[f.is_error])
            item.setToolTip(3, f.message)
            item.setData(0, TARGET_ROLE, (f.cells[0] if f.cells else "", f.section))
            item.setData(0, FINDING_ROLE, f)
            items.append(item)
        self.addTopLevelItems(items)
        self.setUpdatesEnabled(True)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target, section = item.data(0, TARGET_ROLE)
        # The narrative page puts the cursor on the very number the finding is about.
        self.doc.focused_finding = item.data(0, FINDING_ROLE)
        self.jump.emit(target, section)
