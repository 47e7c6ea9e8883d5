"""A table of the format (表二/三/四) as a Qt model: the official grid, values from the results."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from core.format2021 import CELL, T3_ALL_COLS, T3_COL_LABEL, Align, Grid, GridCell, Role
from core.paste import GridIndex
from core.values import display
from gui import style
from gui.document import Document

_ALIGN = {Align.LEFT: Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
          Align.CENTRE: Qt.AlignmentFlag.AlignCenter,
          Align.RIGHT: Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter}
# A heading over the whole results block: centred vertically it would scroll out of sight.
_HEADING_ALIGN = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
Index = QModelIndex | QPersistentModelIndex
CELL_STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # which of style.CELL_STATES; the delegate draws its cue
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_LABEL_FLAGS = Qt.ItemFlag.ItemIsEnabled
_COMPUTED_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_INPUT_FLAGS = _COMPUTED_FLAGS | Qt.ItemFlag.ItemIsEditable


class GridModel(QAbstractTableModel):
    def __init__(self, grid: Grid, doc: Document) -> None:
        super().__init__()
        self.grid = grid
        self.doc = doc
        self.index_ = GridIndex(grid)
        self._brushes = {k: QBrush(QColor(look.background)) for k, look in style.CELL_LOOKS.items()}
        self._brushes["blank"] = QBrush(QColor(style.BLANK_HATCH), Qt.BrushStyle.BDiagPattern)
        self._brushes["header"] = QBrush(QColor(style.HEADER_BG))
        self._note_fg = QBrush(QColor(style.NOTE_FG))
        self._bold = QFont()
        self._bold.setBold(True)
        self._stated_font = QFont()
        self._stated_font.setItalic(True)
        self._stated_font.setBold(True)
        self._watched = [c for c in grid.cells if c.kind == "value" or c.role is Role.GROUP]
        self._shown: dict[tuple[int, int], object] = {}
        self._flags: dict[tuple[int, int], Qt.ItemFlag] = {}
        for c in grid.cells:
            if c.kind == "value":
                self._flags[(c.row, c.col)] = _COMPUTED_FLAGS if CELL[c.cell_id or ""].computed else _INPUT_FLAGS
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

    def state(self, cid: str) -> str | None:
        """Which of ``style.CELL_STATES`` a value cell is in (None: an input holding a value)."""
        mark = self.doc.marks.get(cid)
        spec = CELL[cid]
        if mark is not None and mark.error and not (mark.only_blank and self.doc.value(cid) is None):
            return "error"
        if mark is not None and not mark.only_blank:
            return "warning"
        if self.doc.value(cid) is None and (not spec.computed or mark is not None):
            return "blank"
        if self.doc.results.is_stated(cid):
            return "stated"
        return "computed" if spec.computed else None

    def _look(self, cell: GridCell) -> object:
        """What a cell's paint depends on: a cell whose look is unchanged is not repainted."""
        if cell.kind != "value":
            return self.data(self.index(cell.row, cell.col))
        cid = cell.cell_id or ""
        mark = self.doc.marks.get(cid)
        return (display(self.doc.value(cid)), self.state(cid), None if mark is None else tuple(mark.messages))

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
        if not index.isValid():
            return _NO_FLAGS
        # Asked for every visible cell on every repaint: looked up, never built (Qt enum "|" is slow).
        return self._flags.get((index.row(), index.column()), _LABEL_FLAGS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        cell = self.cell_at(index)
        if cell is None:
            return None
        if cell.kind == "value":
            return self._value_data(cell.cell_id or "", role)
        R = Qt.ItemDataRole
        group = cell.group
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
            return _HEADING_ALIGN if cell.role is Role.HEADING else _ALIGN[cell.alignment]
        return None

    def _value_data(self, cid: str, role: int) -> object:
        R = Qt.ItemDataRole
        if role in (R.DisplayRole, R.EditRole):
            return display(self.doc.value(cid))
        spec = CELL[cid]
        if role == R.BackgroundRole:
            state = self.state(cid)
            return None if state is None else self._brushes[state]
        if role == CELL_STATE_ROLE:
            return self.state(cid)
        if role == R.AccessibleDescriptionRole:
            # Screen readers read a cell's name (its label) and this: the value, then its state.
            state = self.state(cid)
            parts = [display(self.doc.value(cid)) or "未填"]
            if state is not None and state != "blank":
                parts.append(style.CELL_LOOKS[state].label)
            if spec.computed and state not in ("computed", "stated"):
                parts.append(style.CELL_LOOKS["computed"].label)
            mark = self.doc.marks.get(cid)
            if mark is not None:
                parts.extend(mark.messages)
            return "；".join(parts)
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
            return _ALIGN[Align.RIGHT]
        if role == R.FontRole and self.doc.results.is_stated(cid):
            return self._stated_font
        return None
