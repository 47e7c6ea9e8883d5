"""开始: what a clerk does first — begin this year's report, carry last year's over, open a recent file.

Shown at start-up when no file was given and nothing waits to be restored, instead of dropping the
clerk into the sample (which looked like a report of one's own, marked only in the title bar).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.meta_values import default_year
from gui.file_controller import FileController

_PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class StartPage(QWidget):
    def __init__(self, files: FileController, today: Callable[[], dt.date] = dt.date.today,
                 parent: QWidget | None = None, *,
                 import_published: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self.files = files
        self.today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        heading = QLabel("开始")
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        hint = QLabel("政府信息公开工作年度报告（2021 年版格式）。选择要做的事：")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.new_button = self._button(layout, "", self._new, "从空白开始填写本单位的年度报告")
        self.previous_button = self._button(layout, "从上年报告新建…", files.new_from_previous,
                                            "上年的项目文件或已发布的年报（PDF、Word、网页、文本、Excel），带入结转和现行有效件数")
        self.open_button = self._button(layout, "打开年报项目文件…", files.open_dialog, "继续填写已保存的报告")
        self.import_published_button: QPushButton | None = None
        if import_published is not None:
            self.import_published_button = self._button(
                layout, "导入已发布的年报…", import_published,
                "已发布的 PDF、Word、网页或文本年报：核对识别结果后新建项目（扫描件需先 OCR）")
        self.import_button = self._button(layout, "导入工作簿…", files.import_workbook,
                                          "导入本程序导出的 Excel 工作簿")

        recent_title = QLabel("最近文件")
        recent_title.setObjectName("blockTitle")
        layout.addSpacing(8)
        layout.addWidget(recent_title)
        self.recent_list = QListWidget()
        self.recent_list.setMaximumWidth(900)
        self.recent_list.setAccessibleName("最近文件")
        self.recent_list.itemActivated.connect(self._open_recent)
        recent_title.setBuddy(self.recent_list)
        layout.addWidget(self.recent_list, 1)
        self.no_recent = QLabel("（还没有最近打开的文件）")
        self.no_recent.setObjectName("hint")
        layout.addWidget(self.no_recent)

        sample_row = QHBoxLayout()
        self.sample_button = QPushButton("查看示例报告")
        self.sample_button.setAccessibleName("查看示例报告")
        self.sample_button.setToolTip("一份已填好的示例，仅供参考，不是本单位的报告")
        self.sample_button.clicked.connect(lambda _checked=False: files.open_sample())
        sample_row.addWidget(self.sample_button)
        sample_row.addStretch(1)
        layout.addLayout(sample_row)
        layout.addStretch(0)  # takes the room when there is no recent file: the buttons stay together
        self._stretch = layout.count() - 1
        self.refresh()

    def _button(self, layout: QVBoxLayout, text: str, slot: Callable[[], object], hint: str) -> QPushButton:
        row = QHBoxLayout()
        button = QPushButton(text)
        button.setMinimumWidth(260)
        button.setAutoDefault(True)
        button.clicked.connect(lambda _checked=False: slot())
        label = QLabel(hint)
        label.setObjectName("hint")
        label.setWordWrap(True)
        button.setAccessibleDescription(hint)
        row.addWidget(button)
        row.addWidget(label, 1)
        layout.addLayout(row)
        return button

    @property
    def year(self) -> int:
        return default_year(self.today())

    def _new(self) -> None:
        self.files.new_blank(year=self.year)

    def refresh(self) -> None:
        text = f"新建本单位 {self.year} 年报告"
        self.new_button.setText(text)
        self.new_button.setAccessibleName(text)
        self.recent_list.clear()
        for name in self.files.recent.list():
            p = Path(name)
            item = QListWidgetItem(f"{p.name}    （{p.parent}）")
            item.setData(_PATH_ROLE, name)
            item.setToolTip(name)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{p.name}，位于 {p.parent}")
            self.recent_list.addItem(item)
        has_recent = self.recent_list.count() > 0
        self.recent_list.setVisible(has_recent)
        self.no_recent.setVisible(not has_recent)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.setStretch(self._stretch, 0 if has_recent else 1)
        if has_recent:
            self.recent_list.setCurrentRow(0)

    def _open_recent(self, item: QListWidgetItem) -> None:
        self.files.open_recent(str(item.data(_PATH_ROLE)))

    def focus_first(self) -> None:
        self.new_button.setFocus(Qt.FocusReason.OtherFocusReason)
