"""The list of findings; activating one asks the window to jump to its page and cell."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from core.findings import SECTION_NAMES, Finding
from gui import style
from gui.document import Document

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
FINDING_ROLE = Qt.ItemDataRole.UserRole + 2
# What a clerk reads first: how bad, where, what. The rule code is for looking it up, so it comes last.
COLUMNS = ("级别", "位置", "说明", "规则")
MESSAGE_COLUMN, RULE_COLUMN = 2, 3


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their message wrapped at the column's width (QTreeView alone measures one line)."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() != MESSAGE_COLUMN:
            return hint
        width = max(self.view.header().sectionSize(MESSAGE_COLUMN) - 10, 60)
        rect = self.view.fontMetrics().boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap,
                                                    str(index.data() or ""))
        return QSize(hint.width(), max(hint.height(), rect.height() + 6))


class FindingsList(QTreeWidget):
    jump = Signal(str, int)  # target (cell id / narrative.x / meta.x, may be ""), section

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrapped, never cut to 「…」
        self.setItemDelegate(_WrappingDelegate(self))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setAccessibleName("检查结果")
        header = self.header()
        for i in range(len(COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MESSAGE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # Row heights follow the message column's width: narrower means more lines, not 「…」.
        header.sectionResized.connect(self._section_resized)
        self._fg = {True: QBrush(QColor(style.ERROR_FG)), False: QBrush(QColor(style.WARNING_FG))}
        self._shown: list[Finding] = []
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        doc.changed.connect(self.refresh)
        if doc.checked:  # a deferred document (start-up) is checked when a report opens: ``changed``
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # a deferred check may have run since (an export from the start page)

    def _section_resized(self, i: int, _old: int, _new: int) -> None:
        if i == MESSAGE_COLUMN:
            self.scheduleDelayedItemsLayout()

    def refresh(self) -> None:
        findings = self.doc.findings
        if findings == self._shown:
            return
        self._shown = list(findings)
        self.setUpdatesEnabled(False)
        self.clear()
        items = []
        for f in sorted(findings, key=lambda f: (not f.is_error, f.section)):
            item = QTreeWidgetItem([f.severity.label, SECTION_NAMES.get(f.section, ""), f.message, f.rule])
            item.setForeground(0, self._fg[f.is_error])
            item.setToolTip(MESSAGE_COLUMN, f.message)
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
