"""文件 → 导入修改稿…: the changes a returned DOCX/PDF makes, each accepted or rejected by the clerk.

The comparison is ``core.importing.review`` (Qt-free); this dialog lists it — where, the text
as it stands, the text as returned — with a check box per change, 全部接受 / 全部不接受, and
applies the accepted ones as one undo step (an undo macro of cell and text commands, so the
journal records each as usual). Nothing changes unless 应用所选修改 is pressed.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.importing import ImportRefused
from core.importing.review import Change, Review, edits, review_file, spans
from gui.document import Document

if TYPE_CHECKING:
    from gui.main_window import MainWindow

OPEN_FILTER = "领导审签后的修改稿 (*.docx *.pdf);;所有文件 (*)"
COLUMNS = ("接受", "位置", "当前内容", "修改稿")


def _marked(runs: list[tuple[bool, str]], *, deleted: bool) -> str:
    style = "color:#b00020;text-decoration:line-through" if deleted else "color:#006b2d;background:#d9f2e0"
    return "".join(f'<span style="{style}">{html.escape(t)}</span>' if changed else html.escape(t)
                   for changed, t in runs).replace("\n", "<br>")


class ReviewDialog(QDialog):
    def __init__(self, doc: Document, found: Review, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.review = found
        self.setWindowTitle(f"导入修改稿：{found.source}")
        self.resize(1100, 640)
        layout = QVBoxLayout(self)
        summary = f"修改稿“{found.source}”与当前报告有 {len(found.changes)} 处不同。勾选要采用的修改，再按“应用所选修改”；可撤销。"
        if found.notes:
            summary += "\n" + "；".join(found.notes) + "。"
        label = QLabel(summary)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.table = QTableWidget(len(found.changes), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("修改稿中的修改")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, change in enumerate(found.changes):
            box = QTableWidgetItem()
            box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            box.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, box)
            for col, text in enumerate((change.where, change.before, change.after), start=1):
                item = QTableWidgetItem(text if col == 1 else "")  # 2 and 3 are drawn by their labels
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
                self.table.setItem(row, col, item)
            # What differs, marked: struck through in red where it stands, green where it is returned.
            for col, runs in ((2, spans(change.before, change.after)[0]), (3, spans(change.before, change.after)[1])):
                label = QLabel(_marked(runs, deleted=col == 2))
                label.setWordWrap(True)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setContentsMargins(4, 2, 4, 2)
                self.table.setCellWidget(row, col, label)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 260)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox()
        self.all_button = QPushButton("全部接受")
        self.none_button = QPushButton("全部不接受")
        self.apply_button = QPushButton("应用所选修改")
        self.apply_button.setDefault(True)
        buttons.addButton(self.all_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.none_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.all_button.clicked.connect(lambda: self.set_all(True))
        self.none_button.clicked.connect(lambda: self.set_all(False))
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_accepted(self, row: int, on: bool) -> None:
        item = self.table.item(row, 0)
        assert item is not None
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def set_all(self, on: bool) -> None:
        for row in range(self.table.rowCount()):
            self.set_accepted(row, on)

    def accepted_changes(self) -> list[Change]:
        out: list[Change] = []
        for row, change in enumerate(self.review.changes):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(change)
        return out

    def apply(self) -> None:
        chosen = self.accepted_changes()
        n = apply_changes(self.doc, chosen)
        self.doc.notice.emit(f"已采用修改稿中的 {n} 处修改，未采用 {len(self.review.changes) - n} 处（可撤销）"
                             if n else "未采用修改稿中的任何修改")
        self.accept()


def apply_changes(doc: Document, chosen: list[Change]) -> int:
    """The accepted changes as one undo step; returns how many were applied."""
    if not chosen:
        return 0
    made = edits(doc.report, chosen)
    stack = doc.undo_stack
    doc.break_merge()
    stack.beginMacro(f"导入修改稿（{len(chosen)} 处）")
    try:
        if made.cells:
            doc.set_cells(made.cells, "修改稿中的数字")
        for key, text in made.narrative.items():
            doc.set_text(key, text, mergeable=False, label="修改稿中的正文")
    finally:
        stack.endMacro()
    doc.break_merge()
    return len(chosen)


def import_review(window: MainWindow, path: Path | None = None) -> ReviewDialog | None:
    """Ask for the returned file, compare it with the open report and show the changes (non-modal)."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(window, "导入修改稿", window.files.start_folder(), OPEN_FILTER)
        if not name:
            return None
        path = Path(name)
    try:
        found = review_file(window.doc.report, path)
    except (ImportRefused, OSError) as exc:
        QMessageBox.critical(window, "无法导入修改稿", str(exc))
        return None
    except Exception as exc:  # a reader bug must not take the open report with it
        QMessageBox.critical(window, "无法导入修改稿", f"读取“{path.name}”时出错（{type(exc).__name__}）")
        return None
    if not found.changes:
        QMessageBox.information(window, "导入修改稿", f"修改稿“{path.name}”与当前报告一致，没有需要采用的修改。"
                                + ("\n" + "；".join(found.notes) if found.notes else ""))
        return None
    dialog = ReviewDialog(window.doc, found, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
