"""A table of the format (表二/三/四) as a Qt model: the official grid, values from the results."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from core.format2021 import CELL, T3_ALL_COLS, T3_COL_LABEL, T3_GROUPS, Grid, GridCell
from core.paste import GridIndex
from core.values import display
from gui import style
from gui.document import Document

_GROUP_BY_LABEL = {label: key for key, label in T3_GROUPS}
Index = QModelIndex | QPersistentModelIndex


class GridModel(QAbstractTableModel):
    def __init__(self, grid: Grid, doc: Document) -> None:
        super().__init__()
        self.grid = grid
        self.doc = doc
        self.index_ = GridIndex(grid)
        self._brushes = {k: QBrush(QColor(v)) for k, v in (
            ("error", style.ERROR_BG), ("warning", style.WARNING_BG), ("computed", style.COMPUTED_BG),
            ("stated", style.STATED_BG), ("header", style.HEADER_BG))}
        self._note_fg = QBrush(QColor(style.NOTE_FG))
        self._bold = QFont()
        self._bold.setBold(True)
        self._stated_font = QFont()
        self._stated_font.setItalic(True)
        self._stated_font.setBold(True)
        self._watched = [c for c in grid.cells
                         if c.kind == "value" or (grid.key == "t3" and c.text in _GROUP_BY_LABEL)]
        self._shown: dict[tuple[int, int], object] = {}
        doc.changed.connect(self.refresh)
        self.refresh()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.grid.n_rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.grid.n_cols

    def cell_at(self, index: Index) -> GridCell | None:
        return self.index_.anchor.get((index.row(), index.column()))

    def index_of(self, cell_id: str) -> QModelIndex:
        c = self.index_.by_id.get(cell_id)
        return QModelIndex() if c is None else self.index(c.row, c.col)

    def _look(self, cell: GridCell) -> object:
        """What a cell's paint depends on: a cell whose look is unchanged is not repainted."""
        if cell.kind != "value":
            return self.data(self.index(cell.row, cell.col))
        cid = cell.cell_id or ""
        mark = self.doc.marks.get(cid)
        return (display(self.doc.value(cid)), None if mark is None else mark.error,
                self.doc.results.is_stated(cid))

    def refresh(self) -> None:
        # Only the cells whose look changed are announced: repainting the whole of 表三 on every
        # keystroke costs more than computing totals and findings does.
        shown = self._shown
        for cell in self._watched:
            key = (cell.row, cell.col)
            look = self._look(cell)
            if shown.get(key) != look:
                shown[key] = look
                index = self.index(cell.row, cell.col)
                self.dataChanged.emit(index, index)

    def flags(self, index: Index) -> Qt.ItemFlag:
        cell = self.cell_at(index)
        if cell is None or cell.kind != "value":
            return Qt.ItemFlag.ItemIsEnabled
        if CELL[cell.cell_id or ""].computed:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        cell = self.cell_at(index)
        if cell is None:
            return None
        if cell.kind == "value":
            return self._value_data(cell.cell_id or "", role)
        R = Qt.ItemDataRole
        group = _GROUP_BY_LABEL.get(cell.text) if self.grid.key == "t3" else None
        if role == R.DisplayRole:
            if group is not None:
                total = self.doc.results.group_subtotals.get((group, "total"))
                return f"{cell.text}\n（小计 {display(total) or '—'}）"
            return cell.text
        if role == R.ToolTipRole:
            if group is not None:
                subs = self.doc.results.group_subtotals
                parts = "；".join(f"{T3_COL_LABEL[c]} {display(subs.get((group, c))) or '空'}"
                                  for c in T3_ALL_COLS)
                return f"{cell.text}小计（仅供核对，不是表格的一行）：{parts}"
            return cell.text if len(cell.text) > 12 else None
        if role == R.AccessibleTextRole:
            return cell.text
        if role == R.BackgroundRole and cell.kind in ("header", "caption", "note"):
            return self._brushes["header"]
        if role == R.ForegroundRole and cell.kind == "note":
            return self._note_fg
        if role == R.FontRole and cell.kind in ("header", "caption"):
            return self._bold
        if role == R.TextAlignmentRole:
            if cell.kind == "label" and cell.rowspan > 8:
                # A heading over the whole results block: centred it would scroll out of sight.
                return Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            if cell.kind == "label" and cell.colspan == 1 and cell.rowspan > 1:
                return Qt.AlignmentFlag.AlignCenter
            if cell.kind == "label":
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _value_data(self, cid: str, role: int) -> object:
        R = Qt.ItemDataRole
        if role in (R.DisplayRole, R.EditRole):
            return display(self.doc.value(cid))
        spec = CELL[cid]
        if role == R.BackgroundRole:
            mark = self.doc.marks.get(cid)
            if mark is not None:
                return self._brushes["error" if mark.error else "warning"]
            if self.doc.results.is_stated(cid):
                return self._brushes["stated"]
            return self._brushes["computed"] if spec.computed else None
        if role == R.ToolTipRole:
            lines = [spec.label + (f"（单位：{spec.unit.value}）" if spec.unit.is_money else "")]
            if spec.computed:
                if self.doc.results.is_stated(cid):
                    computed = display(self.doc.results.computed.get(cid))
                    lines.append(f"文件中填写的合计，与计算值 {computed or '空'} 不同；"
                                 "可用“用计算值替换合计”改正")
                else:
                    lines.append("合计，由程序自动计算")
            mark = self.doc.marks.get(cid)
            if mark is not None:
                lines.extend(mark.messages)
            return "\n".join(lines)
        if role == R.AccessibleTextRole:
            return spec.label
        if role == R.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == R.FontRole and self.doc.results.is_stated(cid):
            return self._stated_font
        return None
