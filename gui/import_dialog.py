"""文件 → 导入已发布的年报…: the parsed report beside the document's text, uncertain cells marked.

Nothing is written until the clerk accepts: the dialog holds a copy of the imported report, the
clerk corrects cells in its tables (typed text goes through ``core.values.parse``, as everywhere),
and 接受 hands the report to the window as a new, unsaved project.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.compute import compute
from core.format2021 import CELL, GRIDS, SECTIONS
from core.importing import ImportRefused, ImportResult, import_file
from core.model import Report
from core.values import display, parse

if TYPE_CHECKING:
    from gui.main_window import MainWindow

OPEN_FILTER = ("已发布的年报 (*.pdf *.docx *.doc *.wps *.html *.htm *.txt *.xlsx *.xls *.et);;"
               "所有文件 (*)")
UNSURE = QColor("#fff2a8")  # uncertain: read, but check it
MISSING = QColor("#e6e6e6")  # not found in the document: blank
STATED = QColor("#f8cbcb")  # a printed total that does not add up
CELL_ROLE = Qt.ItemDataRole.UserRole


class ImportDialog(QDialog):
    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.imported = result
        self.report: Report = result.report.copy()
        self.setWindowTitle(f"导入已发布的年报：{result.document.name}")
        self.resize(1200, 760)
        reasons: dict[str, list[str]] = {}
        for d in result.doubts:
            if d.cell_id:
                reasons.setdefault(d.cell_id, []).append(f"{d.where}：{d.reason}")
        self.reasons = reasons
        missing = set(result.match.not_found())

        source = QTabWidget()
        text = QPlainTextEdit("\n".join(p.text for p in result.document.paragraphs))
        text.setReadOnly(True)
        source.addTab(text, "原文")
        log = QPlainTextEdit("\n".join(result.lines()))
        log.setReadOnly(True)
        source.addTab(log, "导入报告")

        self.tables: dict[str, QTableWidget] = {}
        parsed = QTabWidget()
        values = compute(self.report)
        for key, grid in GRIDS.items():
            table = QTableWidget(grid.n_rows, grid.n_cols)
            table.horizontalHeader().hide()
            table.verticalHeader().hide()
            for gc in grid.cells:
                if gc.rowspan > 1 or gc.colspan > 1:
                    table.setSpan(gc.row, gc.col, gc.rowspan, gc.colspan)
                if gc.kind == "value":
                    assert gc.cell_id is not None
                    item = QTableWidgetItem(display(values.value(gc.cell_id)))
                    item.setData(CELL_ROLE, gc.cell_id)
                    if gc.cell_id in reasons:
                        item.setBackground(QBrush(UNSURE))
                        item.setToolTip("\n".join(reasons[gc.cell_id]))
                    elif gc.cell_id in self.report.stated_totals:
                        item.setBackground(QBrush(STATED))
                        item.setToolTip(f"印刷的合计与计算值 {display(values.computed.get(gc.cell_id))} 不同，"
                                        "按印刷值保留（检查时报告）")
                    elif gc.cell_id in missing:
                        item.setBackground(QBrush(MISSING))
                        item.setToolTip("文件中未找到，导入后为空白")
                    if CELL[gc.cell_id].computed:
                        # Totals follow the figures; a printed total that differs stays as printed.
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                else:
                    item = QTableWidgetItem(gc.text)
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(gc.row, gc.col, item)
            table.setWordWrap(True)
            for c, weight in enumerate(grid.col_weights):
                table.setColumnWidth(c, int(64 * weight))
            table.resizeRowsToContents()
            self.tables[key] = table
            parsed.addTab(table, SECTIONS[int(key[1]) - 1].heading.split("、", 1)[1])

        meta = self.report.meta
        guess = "（按机关名称推测）" if result.kind_guessed else ""
        summary = QLabel(f"机关名称：{meta.agency or '未找到'}　报告年度：{meta.year or '未找到'}　"
                         f"类型：{meta.kind.label}{guess}　　黄色：不确定，请核对；灰色：未找到；红色：印刷的合计与计算不符")
        summary.setWordWrap(True)

        right = QWidget()
        lay = QVBoxLayout(right)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(summary)
        lay.addWidget(parsed)
        split = QSplitter()
        split.addWidget(source)
        split.addWidget(right)
        split.setSizes([450, 750])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("接受，新建项目")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(split)
        box.addWidget(self.buttons)

    def item_of(self, cell_id: str) -> QTableWidgetItem:
        table = self.tables[CELL[cell_id].table]
        for r in range(table.rowCount()):
            for c in range(table.columnCount()):
                item = table.item(r, c)
                if item is not None and item.data(CELL_ROLE) == cell_id:
                    return item
        raise KeyError(cell_id)

    def accepted_report(self) -> Report:
        """The imported report with the clerk's corrections of input cells."""
        report = self.report.copy()
        for table in self.tables.values():
            for r in range(table.rowCount()):
                for c in range(table.columnCount()):
                    item = table.item(r, c)
                    cid = item.data(CELL_ROLE) if item is not None else None
                    if item is None or cid is None or CELL[cid].computed:
                        continue
                    if item.text() != display(report.cells.get(cid)):
                        report.set(cid, parse(item.text(), CELL[cid].unit))
        return report


def import_published(window: MainWindow, path: Path | None = None) -> ImportDialog | None:
    """Ask for a file, import it and show the dialog (non-modal); on 接受 the window gets the report."""
    if not window.maybe_save():
        return None
    if path is None:
        name, _ = QFileDialog.getOpenFileName(window, "导入已发布的年报", "", OPEN_FILTER)
        if not name:
            return None
        path = Path(name)
    try:
        result = import_file(path)
    except (ImportRefused, OSError) as exc:
        QMessageBox.critical(window, "无法导入", str(exc))
        return None
    dialog = ImportDialog(result, window)

    def accept() -> None:
        window.set_report(dialog.accepted_report(), None, dirty=True)
        window.files.started.emit()  # leaves the start page for the wizard
        window.statusBar().showMessage(f"已导入 {path.name}，请核对后另存为年报项目文件", 10000)

    dialog.accepted.connect(accept)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
