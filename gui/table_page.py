"""A table page: the official grid, typed into like a spreadsheet, every edit an undo step.

Totals update on every keystroke: the cell editor pushes its value on each
``textEdited``; the keystrokes of one editing session merge into one undo
step, so Ctrl+Z undoes a whole entry, not a digit.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QPolygon,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from core.format2021 import CELL, T2_BLOCKS, TABLE_IDS, Grid, GridCell, Unit, t2_id
from core.line_breaks import balanced
from core.paste import blank_inputs, parse_tsv, plan_paste, stated_changes, to_tsv
from core.values import CellValue, Invalid, display, parse
from gui import style
from gui.document import Document, same_value
from gui.grid_model import CELL_STATE_ROLE, GridModel
from gui.undo_keys import FILL_ZERO_KEYS, undo_direction

Index = QModelIndex | QPersistentModelIndex
CursorAction = QAbstractItemView.CursorAction
_DIRECTIONS = {CursorAction.MoveUp: (-1, 0), CursorAction.MoveDown: (1, 0),
               CursorAction.MoveLeft: (0, -1), CursorAction.MoveRight: (0, 1)}


def is_undo_key(event: QKeyEvent) -> bool:
    return undo_direction(event) is not None


def _is_block(text: str) -> bool:
    return "\t" in text or "\n" in text.strip()


class CellEditor(QLineEdit):
    def __init__(self, parent: QWidget, cell_id: str, session: int, original: CellValue) -> None:
        super().__init__(parent)
        self.cell_id = cell_id
        self.unit: Unit = CELL[cell_id].unit
        self.session = session
        self.original = original
        self.live = False
        self.setFrame(False)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setAccessibleName(CELL[cell_id].label)


class CellDelegate(QStyledItemDelegate):
    def __init__(self, view: GridView) -> None:
        super().__init__(view)
        self.view = view
        self.doc = view.doc
        self.doc.reset.connect(self.discard_editors)
        self.doc.changed.connect(self._follow_changes)

    def _follow_changes(self) -> None:
        """An edit made elsewhere (编辑 › 撤销 from the menu, which leaves the editor open) changed
        the cell under an open editor: closing the editor would write its stale text back and
        silently revert that edit. Drop the editor instead; the cell shows the new value."""
        stale = []
        for editor in self.view.findChildren(CellEditor):
            typed = parse(editor.text(), editor.unit)
            if editor.isVisible() and not isinstance(typed, Invalid) \
                    and not same_value(typed, self.doc.report.get(editor.cell_id)):
                stale.append(editor)
        if stale:
            self.discard_editors(stale)

    def discard_editors(self, editors: list[CellEditor] | None = None) -> None:
        """Another report was loaded: an editor still open holds the old report's cell, typing and
        original value. Close it without writing anything, or it would land in the new report."""
        for editor in self.view.findChildren(CellEditor) if editors is None else editors:
            if not editor.isVisible():  # already closed, waiting to be deleted
                continue
            editor.removeEventFilter(self)  # no commit on the focus change that closing causes
            editor.blockSignals(True)
            had_focus = editor.hasFocus()
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            if had_focus:
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        state = index.data(CELL_STATE_ROLE)
        if state is None:
            return
        look = style.CELL_LOOKS[state]
        if look.mark in ("italic", "hatch"):  # drawn by the font and the background brush
            return
        r = option.rect  # type: ignore[attr-defined,unused-ignore]  # missing from the 6.9 stubs
        painter.save()
        colour = QColor(look.mark_colour)
        if look.mark == "border":
            painter.setPen(QPen(colour, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(r.adjusted(1, 1, -2, -2))
            painter.setPen(colour)
            painter.drawText(r.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "!")
        elif look.mark == "corner":
            size = max(6, min(r.height() // 2, 10))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawPolygon(QPolygon([r.topLeft(), r.topLeft() + QPoint(size, 0), r.topLeft() + QPoint(0, size)]))
        elif look.mark == "sigma":
            painter.setPen(colour)
            painter.drawText(r.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "Σ")
        painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        cell = self.view.grid_model.cell_at(index)
        cid = cell.cell_id if cell is not None and cell.cell_id else ""
        editor = CellEditor(parent, cid, self.doc.new_session(), self.doc.report.get(cid))
        editor.textEdited.connect(lambda text, e=editor: self._live(e, text))
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, CellEditor) and not editor.live:
            editor.setText(display(self.doc.value(editor.cell_id)))

    def _live(self, editor: CellEditor, text: str) -> None:
        editor.live = True
        value = parse(text, editor.unit)
        if isinstance(value, Invalid):
            editor.setStyleSheet("color: #a3201a;")
            message = f"“{value.raw}”{value.reason}：松开这一格时将恢复原值"
            self.doc.notice.emit(message)
            # At the cell, where the clerk is looking, not only in the status bar.
            QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), message, editor)
            return
        if QToolTip.isVisible():
            QToolTip.hideText()
        editor.setStyleSheet("")
        self.doc.set_cells({editor.cell_id: value}, f"填写 {CELL[editor.cell_id].label}", editor.session)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if not isinstance(editor, CellEditor):
            return
        value = parse(editor.text(), editor.unit)
        label = f"填写 {CELL[editor.cell_id].label}"
        if isinstance(value, Invalid):
            self.doc.set_cells({editor.cell_id: editor.original}, label, editor.session)
            message = f"“{value.raw}”{value.reason}，{CELL[editor.cell_id].label} 保留原值"
            self.doc.notice.emit(message)
            rect = self.view.visualRect(index)
            QToolTip.showText(self.view.viewport().mapToGlobal(rect.bottomLeft()), message, self.view)
            return
        self.doc.set_cells({editor.cell_id: value}, label, editor.session)

    def _is_last(self, editor: CellEditor) -> bool:
        inputs = self.view.gindex.inputs
        return bool(inputs) and inputs[-1].cell_id == editor.cell_id

    def _typed_on_top(self, editor: CellEditor) -> bool:
        """Whether the last undo step is this editor's typing (and not gone back to the old value)."""
        stack = self.doc.undo_stack
        top = stack.command(stack.index() - 1) if stack.index() > 0 else None
        return getattr(top, "session", None) == editor.session

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, CellEditor) and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            forward = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
            if forward and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier and self._is_last(obj):
                # The last cell of the table: moving on would reopen this same cell with its text
                # selected, and the next number typed would silently replace it.
                if event.type() == QEvent.Type.KeyPress:
                    self.commitData.emit(obj)
                    self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.NoHint)
                    self.view.past_end.emit()
                event.accept()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.type() == QEvent.Type.KeyPress:
                    self.commitData.emit(obj)
                    self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.EditNextItem)
                return True
            if event.matches(QKeySequence.StandardKey.Paste) and _is_block(QGuiApplication.clipboard().text()):
                # A block copied from Excel, pasted while a cell is being edited: the line edit would
                # take it as one garbled value. Paste it as a block from this cell instead.
                if event.type() == QEvent.Type.KeyPress:
                    self.commitData.emit(obj)
                    self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.NoHint)
                    self.view.paste()
                event.accept()
                return True
            if is_undo_key(event):
                # The window's undo stack owns undo, not the line edit's own history.
                if event.type() == QEvent.Type.KeyPress:
                    undo = undo_direction(event) == "undo"
                    self.commitData.emit(obj)
                    self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.NoHint)
                    if undo and obj.live and not self._typed_on_top(obj):
                        # Closing the editor already put back the cell's value (the text typed was
                        # refused): that was the undo. Another one would take back an earlier,
                        # unrelated entry, perhaps on another page, without the clerk seeing it.
                        self.doc.notice.emit(f"已撤销对 {CELL[obj.cell_id].label} 的输入")
                    else:
                        self.doc.undo() if undo else self.doc.redo()
                event.accept()
                return True
        return super().eventFilter(obj, event)


def compact_font(font: QFont) -> QFont:
    smaller = QFont(font)
    if font.pointSizeF() > 0:
        smaller.setPointSizeF(font.pointSizeF() * 0.9)
    else:
        smaller.setPixelSize(max(9, round(font.pixelSize() * 0.9)))
    return smaller


class GridView(QTableView):
    layout_changed = Signal()  # column widths or row heights were set
    past_end = Signal()  # Enter or Tab on the table's last input cell: the table is done

    def __init__(self, grid: Grid, doc: Document, parent: QWidget | None = None, *,
                 frozen_rows: int = 0) -> None:
        super().__init__(parent)
        self.row_heights: list[int] = []
        self.compact = False  # 整表: one text line per row, long labels cut short (full text in the tooltip)
        self._normal_font: QFont | None = None
        self.doc = doc
        self.grid_model = GridModel(grid, doc)
        self.gindex = self.grid_model.index_
        self.setModel(self.grid_model)
        self.setItemDelegate(CellDelegate(self))
        palette = self.palette()
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setColor(QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role))
        self.setPalette(palette)
        for c in grid.cells:
            if c.rowspan > 1 or c.colspan > 1:
                self.setSpan(c.row, c.col, c.rowspan, c.colspan)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(grid.title)
        # A translucent selection keeps a finding's colour visible under the cursor.
        self.setStyleSheet("QTableView { gridline-color: #9aa3ad; "
                           "selection-background-color: rgba(38, 110, 200, 110); selection-color: black; }")
        if frozen_rows:
            # The header rows live in a HeaderStrip above; they stay put while the rows scroll.
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            for r in range(frozen_rows):
                self.setRowHidden(r, True)
        first = self.gindex.inputs[0] if self.gindex.inputs else None
        if first is not None:
            self.setCurrentIndex(self.grid_model.index(first.row, first.col))

    # ---------------------------------------------------------- layout

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        grid = self.grid_model.grid
        width = max(self.viewport().width(), 200)
        total = sum(grid.col_weights)
        widths = [int(width * w / total) for w in grid.col_weights]
        # A column header such as 社会公益组织 should fit on one line; the long-label column gives way.
        fm = self.fontMetrics()
        need = [0] * grid.n_cols
        for c in grid.cells:
            if c.kind == "header" and c.colspan == 1:
                need[c.col] = max(need[c.col], fm.horizontalAdvance(c.text) + 14)
        widest = max(range(grid.n_cols), key=lambda i: grid.col_weights[i])
        for i, n in enumerate(need):
            extra = n - widths[i]
            if extra > 0 and i != widest and widths[widest] - extra > 200:
                widths[i] += extra
                widths[widest] -= extra
        for i, w in enumerate(widths):
            self.setColumnWidth(i, w)
        # A header still too wide (表四 at 1024 px) breaks into even lines, 「结果/维持」, the way the
        # PDF prints it — never mid-word by the view's own wrapping, 「结果维/持」.
        wrapped: dict[tuple[int, int], str] = {}
        em = max(fm.horizontalAdvance("中"), 1)
        for c in grid.cells:
            if c.kind == "header":
                room = sum(widths[c.col:c.col + c.colspan]) - 12
                if fm.horizontalAdvance(c.text) > room:
                    wrapped[(c.row, c.col)] = "\n".join(balanced(c.text, max(1, room // em)))
            elif self.compact and c.kind == "label" and c.rowspan > 1 and c.group is None:
                # 整表 turns the view's wrapping off: a tall narrow heading (三、本年度办理结果) breaks here
                room = sum(widths[c.col:c.col + c.colspan]) - 12
                if fm.horizontalAdvance(c.text) > room:
                    wrapped[(c.row, c.col)] = "\n".join(balanced(c.text, max(1, room // em)))
        self.grid_model.set_wrapped(wrapped)
        # Heights from the cells of one row only: a tall merged label must not stretch its first row.
        pad = 6 if self.compact else 10
        heights = [fm.height() + pad if self.compact else 28] * grid.n_rows
        for c in grid.cells:
            if c.rowspan == 1 and c.text:
                w = sum(widths[c.col:c.col + c.colspan]) - 10
                text = wrapped.get((c.row, c.col), c.text)
                rect = fm.boundingRect(0, 0, max(w, 20), 2000, Qt.TextFlag.TextWordWrap, text)
                heights[c.row] = max(heights[c.row], rect.height() + pad)
        if self.compact:  # one line per row; the header keeps the lines its labels need
            line = fm.height() + 3
            heights = [h if r < grid.header_rows else line for r, h in enumerate(heights)]
        for r, h in enumerate(heights):
            self.setRowHeight(r, h)
        self.row_heights = heights
        self.layout_changed.emit()

    def set_compact(self, on: bool) -> None:
        """整表: a tenth smaller type and one line per row, so 表三's 25 rows fit a 1366×768 screen."""
        if self._normal_font is None:
            self._normal_font = self.font()
        self.compact = on
        self.setFont(compact_font(self._normal_font) if on else self._normal_font)
        # the hidden row header's style minimum (~fm.height() + 5) would overrule the short rows
        self.verticalHeader().setMinimumSectionSize(8)
        self.setWordWrap(not on)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.fit_columns()
        current = self.currentIndex()
        if current.isValid():
            self.scrollTo(current)

    # ---------------------------------------------------------- navigation

    def moveCursor(self, action: CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        cur = self.currentIndex()
        r, c = (cur.row(), cur.column()) if cur.isValid() else (0, 0)
        target: GridCell | None = None
        if action in (CursorAction.MoveNext, CursorAction.MovePrevious):
            target = self.gindex.next_input(r, c, 1 if action == CursorAction.MoveNext else -1)
        elif action in _DIRECTIONS:
            dr, dc = _DIRECTIONS[action]
            here = self.gindex.cover.get((r, c))
            rr, cc = r, c
            while True:
                rr, cc = rr + dr, cc + dc
                cell = self.gindex.cover.get((rr, cc))
                if cell is None:
                    break
                if cell is not here and cell.kind == "value":
                    target = cell
                    break
        else:
            return super().moveCursor(action, modifiers)
        if target is None:
            return cur
        return self.grid_model.index(target.row, target.col)

    def focus_cell(self, cell_id: str) -> None:
        index = self.grid_model.index_of(cell_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_cell_id(self) -> str | None:
        cell = self.gindex.cover.get((self.currentIndex().row(), self.currentIndex().column()))
        return cell.cell_id if cell is not None else None

    # ---------------------------------------------------------- keys

    # QAbstractItemView repaints the whole viewport when it gains or loses focus, because active and
    # inactive selection colours differ. Here they are made the same (see __init__), and focus moves
    # to a cell editor and back on every entry: that was two repaints of all of 表三 per number
    # typed. Only the current cell's look depends on focus.
    def focusInEvent(self, event: QFocusEvent) -> None:
        if not self.currentIndex().isValid() or event.reason() in (
                Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            super().focusInEvent(event)  # lets Qt pick a current cell
            return
        QAbstractScrollArea.focusInEvent(self, event)
        self.update(self.currentIndex())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        QAbstractScrollArea.focusOutEvent(self, event)
        self.update(self.currentIndex())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.matches(QKeySequence.StandardKey.Cut):
                # As in Excel: copied out, then cleared (one undo step); it used to do nothing.
                self.copy_selection()
                self.clear_selection()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clear_selection()
                return
            here = self.gindex.cover.get((self.currentIndex().row(), self.currentIndex().column()))
            if (here is not None and here.kind == "value" and not self.gindex.is_input(here)
                    and event.text().strip() and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
                    & ~Qt.KeyboardModifier.KeypadModifier):
                # Typing on a total did nothing at all: say why, and where the number goes instead.
                self.doc.notice.emit(f"{CELL[here.cell_id or ''].label} 是合计，由程序计算，不能直接填写；"
                                     "请填写各分项")
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                if not back and self.gindex.inputs and self.current_cell_id() == self.gindex.inputs[-1].cell_id:
                    self.past_end.emit()
                    return
                action = CursorAction.MovePrevious if back else CursorAction.MoveNext
                self.setCurrentIndex(self.moveCursor(action, event.modifiers()))
                return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """An input method in full-width mode commits digits without composing them first. On a cell
        not being edited Qt opened the editor with the old value and dropped the digit: treat the
        commit as the key press it stands for, so it goes where a typed digit goes."""
        text = event.commitString()
        if self.state() != QAbstractItemView.State.EditingState and text and not event.preeditString():
            self.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, text))
            event.accept()
            return
        super().inputMethodEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        # Scroll only: an open editor must never take a value from the wheel.
        super().wheelEvent(event)

    def _selected_cells(self) -> list[GridCell]:
        seen: dict[tuple[int, int], GridCell] = {}
        indexes = self.selectedIndexes() or [self.currentIndex()]
        for ix in indexes:
            cell = self.gindex.cover.get((ix.row(), ix.column()))
            if cell is not None and cell.kind == "value":
                seen[(cell.row, cell.col)] = cell
        return sorted(seen.values(), key=lambda c: (c.row, c.col))

    def clear_selection(self) -> None:
        ids = [c.cell_id for c in self._selected_cells() if self.gindex.is_input(c) and c.cell_id]
        if ids:
            self.doc.set_cells(dict.fromkeys(ids), f"清除 {len(ids)} 个单元格")

    def copy_selection(self) -> None:
        cells = self._selected_cells()
        if not cells:
            return
        rows: dict[int, list[str]] = {}
        for c in cells:
            rows.setdefault(c.row, []).append(display(self.doc.value(c.cell_id or "")))
        QGuiApplication.clipboard().setText(to_tsv(list(rows.values())))
        self.doc.notice.emit(f"已复制 {len(cells)} 个单元格")

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            return
        # Like Excel: a block goes to the top left of the selection. The current cell is where
        # Shift+arrows ended, the bottom right, and pasting there put every number in the wrong cell.
        cur = self.currentIndex()
        start = (cur.row(), cur.column())
        selected = [(ix.row(), ix.column()) for ix in self.selectedIndexes()]
        if selected:
            start = (min(r for r, _ in selected), min(c for _, c in selected))
        plan = plan_paste(self.gindex, start, parse_tsv(text))
        if plan.error:
            QMessageBox.warning(self, "不能粘贴", plan.error)
            return
        stated = stated_changes(self.doc.report, plan)
        n = len(plan.values) + len(plan.totals)
        self.doc.set_cells_and_totals(plan.values, stated, f"粘贴 {n} 个单元格")
        message = f"已粘贴 {n} 个单元格"
        differ = [cid for cid, v in stated.items() if v is not None]
        if plan.totals:
            message += (f"；粘贴的 {len(plan.totals)} 个合计中有 {len(differ)} 个与计算结果不同，"
                        "已按粘贴的数值保留并在检查中列出" if differ
                        else f"；粘贴的 {len(plan.totals)} 个合计与计算结果一致")
        self.doc.notice.emit(message)

    def fill_blank_zero(self) -> None:
        """其余空格填 0: every blank input cell of this table, as one undo step."""
        ids = blank_inputs(self.doc.report, self.grid_model.grid.key)
        if not ids:
            self.doc.notice.emit("本表没有空白的填写格")
            return
        zeros = {cid: parse("0", CELL[cid].unit) for cid in ids}
        self.doc.set_cells(zeros, f"其余空格填 0（{len(ids)} 格）")
        self.doc.notice.emit(f"已将本表 {len(ids)} 个空白格填为 0")


class HeaderStrip(QTableView):
    """The header rows of a long table, kept in view above the scrolling rows (same model, same spans)."""

    def __init__(self, view: GridView, rows: int) -> None:
        super().__init__()
        self.view = view
        self.rows = rows
        grid = view.grid_model.grid
        self.setModel(view.grid_model)
        for c in grid.cells:
            if c.row < rows and (c.rowspan > 1 or c.colspan > 1):
                self.setSpan(c.row, c.col, c.rowspan, c.colspan)
        for r in range(rows, grid.n_rows):
            self.setRowHidden(r, True)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(view.styleSheet())
        self.setAccessibleName(f"{grid.title} 表头")
        view.layout_changed.connect(self.follow)

    def follow(self) -> None:
        for i in range(self.model().columnCount()):
            self.setColumnWidth(i, self.view.columnWidth(i))
        heights = self.view.row_heights[:self.rows]
        for r, h in enumerate(heights):
            self.setRowHeight(r, h)
        self.setFixedHeight(sum(heights) + 2 * self.frameWidth())


COMPACT_MIN_ROWS = 20  # tables longer than this offer 整表 (表三; 表二 fits as it is)


class TablePage(QWidget):
    compact_changed = Signal(bool)  # 整表 switched on or off by the clerk

    def __init__(self, title: str, grid: Grid, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.table_key = grid.key
        layout = QVBoxLayout(self)
        frozen = grid.header_rows if grid.n_rows > grid.header_rows + 4 else 0
        self.view = GridView(grid, doc, frozen_rows=frozen)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        title_row = QHBoxLayout()
        title_row.addWidget(heading, 1)
        self.fill_zero_button = QPushButton("其余空格填 0")
        self.fill_zero_button.setToolTip(f"把本表仍空白的填写格都填为 0（合计和已填文字的格不变），可撤销；快捷键 {FILL_ZERO_KEYS}")
        self.fill_zero_button.setAccessibleName("其余空格填 0")
        self.fill_zero_button.clicked.connect(self.view.fill_blank_zero)
        title_row.addWidget(self.fill_zero_button)
        self.compact_button: QPushButton | None = None
        if grid.n_rows > COMPACT_MIN_ROWS:
            self.compact_button = QPushButton("整表")
            self.compact_button.setCheckable(True)
            self.compact_button.setToolTip("整表：缩小行高，一屏看到全表（表头保留）；再按一次恢复")
            self.compact_button.setAccessibleName("整表显示")
            self.compact_button.toggled.connect(self._compact_toggled)
            title_row.addWidget(self.compact_button)
        layout.addLayout(title_row)
        has_totals = any(c.cell_id and CELL[c.cell_id].computed for c in grid.value_cells())
        hint = QLabel("直接键入数字，Enter 或 Tab 到下一格，Delete 清除；Ctrl+V 可粘贴从 Excel/WPS 复制的区域"
                      + ("（可含总计，与计算结果不同的会列入检查）。" if has_totals else "。")
                      + ("浅蓝底色的合计由程序计算。" if has_totals else ""))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout.addWidget(hint)
        self.hint = hint
        self.stated_bar = QWidget()
        bar = QHBoxLayout(self.stated_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.stated_label = QLabel()
        self.stated_label.setWordWrap(True)
        self.adopt_button = QPushButton("用计算值替换合计")
        self.adopt_button.clicked.connect(doc.adopt_computed_totals)
        bar.addWidget(self.stated_label, 1)
        bar.addWidget(self.adopt_button)
        layout.addWidget(self.stated_bar)
        if frozen:
            strip_row = QHBoxLayout()
            strip_row.setSpacing(0)
            self.header_strip = HeaderStrip(self.view, frozen)
            strip_row.addWidget(self.header_strip, 1)
            # Room for the table's scroll bar, so the columns above and below line up.
            strip_row.addSpacing(self.view.verticalScrollBar().sizeHint().width())
            layout.setSpacing(0)
            layout.addSpacing(6)
            layout.addLayout(strip_row)
        layout.addWidget(self.view, 1)
        # 表二: last year's 现行有效件数 beside this year's inputs, not only inside an X2 warning.
        self.previous_label = QLabel()
        self.previous_label.setObjectName("previousFigures")
        self.previous_label.setWordWrap(True)
        self.previous_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.previous_label.hide()
        layout.addWidget(self.previous_label)
        doc.changed.connect(self._update_stated)
        self._update_stated()

    def _update_previous(self) -> None:
        if self.table_key != "t2":
            return
        from core.rules import baseline_in_force

        base = baseline_in_force(self.doc.report, self.doc.previous)
        self.previous_label.setVisible(bool(base))
        if not base:
            return
        block = T2_BLOCKS[0]
        names = dict(block.rows)
        label = dict(zip(block.columns, block.column_labels, strict=True))
        lines = []
        for row, prev in base.items():
            issued, repealed = (self.doc.value(t2_id(row, c)) for c in ("issued", "repealed"))
            line = f"{names[row]}：上年{label['in_force']} {prev}"
            if isinstance(issued, int) and isinstance(repealed, int):
                line += (f"，本年应为 {prev} + {label['issued']} {issued} − {label['repealed']} {repealed}"
                         f" = {prev + issued - repealed}")
            lines.append(line)
        self.previous_label.setText("上年数（供核对）：" + "；".join(lines))

    def _update_stated(self) -> None:
        self._update_previous()
        ids = [cid for cid in TABLE_IDS[self.table_key] if self.doc.results.is_stated(cid)]
        self.stated_bar.setVisible(bool(ids))
        if ids:
            self.stated_label.setText(f"本表有 {len(ids)} 个合计是文件中填写的数值，与计算结果不同（紫色斜体）。")

    @property
    def compact(self) -> bool:
        return self.view.compact

    def set_compact(self, on: bool) -> None:
        """整表 on or off, as restored at start-up (no ``compact_changed``)."""
        if self.compact_button is None:
            return
        self.compact_button.blockSignals(True)
        self.compact_button.setChecked(on)
        self.compact_button.blockSignals(False)
        self._apply_compact(on)

    def _compact_toggled(self, on: bool) -> None:
        self._apply_compact(on)
        self.compact_changed.emit(on)

    def _apply_compact(self, on: bool) -> None:
        self.hint.setVisible(not on)  # its line goes to the rows
        strip = getattr(self, "header_strip", None)
        if strip is not None:  # before the view lays out: the strip follows its row heights
            strip.setFont(compact_font(self.view.font()) if on and not self.view.compact
                          else self.view._normal_font or self.view.font())
        self.view.set_compact(on)

    def focus_cell(self, cell_id: str) -> None:
        self.view.focus_cell(cell_id)

    def focus_first(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
