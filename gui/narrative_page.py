"""Narrative pages (前言 + 一, 五, 六): plain text with the customary sub-headings, undoable.

六 also holds the structured 信息处理费 amount (元); when last year's report is
at hand its text is shown read-only beside the editor for comparison (X4
warns when the two are too alike).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFocusEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.format2021 import CELL, INFO_FEE_ID, INFO_FEE_LABEL, NARRATIVE_TITLES
from core.model import seeded_narrative
from core.values import Invalid, display, parse
from gui.document import Document
from gui.sentences import SENTENCES, default_sentence, period_sentence
from gui.undo_keys import UndoKeyFilter


def char_count(text: str) -> int:
    """Characters as a clerk counts them: whitespace and line breaks excluded."""
    return sum(1 for ch in text if not ch.isspace())


class NarrativeEditor(QPlainTextEdit):
    def __init__(self, key: str, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.doc = doc
        self._loading = False
        self._label = "编辑正文"
        self._mergeable = True
        self.setUndoRedoEnabled(False)
        self.installEventFilter(UndoKeyFilter(doc.undo_stack, self))
        self.setAccessibleName(NARRATIVE_TITLES[key])
        self.setTabChangesFocus(True)
        self.textChanged.connect(self._changed)
        doc.text_changed.connect(self._external)
        doc.reset.connect(self.load)
        self.load()

    def load(self) -> None:
        text = self.doc.report.narrative.get(self.key, "")
        if text != self.toPlainText():
            pos = self.textCursor().position()
            self._loading = True
            self.setPlainText(text)
            self._loading = False
            cursor = self.textCursor()
            cursor.setPosition(min(pos, len(text)))
            self.setTextCursor(cursor)

    def _external(self, key: str) -> None:
        if key == self.key:
            self.load()

    def _changed(self) -> None:
        if self._loading:
            return
        self.doc.set_text(self.key, self.toPlainText(), mergeable=self._mergeable, label=self._label)

    def insert_as_step(self, text: str, label: str) -> None:
        """Insert ``text`` at the cursor as an undo step of its own."""
        self.doc.break_merge()
        self._label, self._mergeable = label, False
        try:
            self.textCursor().insertText(text)
        finally:
            self._label, self._mergeable = "编辑正文", True
        self.doc.break_merge()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.doc.break_merge()
        super().focusOutEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        text = self.toPlainText()
        if text and self.textCursor().position() == 0 and text == seeded_narrative(self.key):
            # Only the sub-headings so far: typing at the very start would go in front of “（一）…”.
            # Start after the first heading; Enter opens its paragraph.
            cursor = self.textCursor()
            cursor.setPosition(len(text.split("\n", 1)[0]))
            self.setTextCursor(cursor)


class FeeField(QLineEdit):
    """信息处理费 (元): a cell of the format, edited like a table cell."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.session = doc.new_session()
        self.setAccessibleName(INFO_FEE_LABEL)
        self.setPlaceholderText("未收取填 0")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaximumWidth(180)
        self.installEventFilter(UndoKeyFilter(doc.undo_stack, self))
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self._finished)
        doc.changed.connect(self.load)
        self.load()

    def load(self) -> None:
        value = self.doc.value(INFO_FEE_ID)
        if parse(self.text(), CELL[INFO_FEE_ID].unit) != value:
            self.setText(display(value))

    def _edited(self, text: str) -> None:
        value = parse(text, CELL[INFO_FEE_ID].unit)
        if isinstance(value, Invalid):
            self.doc.notice.emit(f"信息处理费“{value.raw}”{value.reason}")
            return
        self.doc.set_cells({INFO_FEE_ID: value}, "填写信息处理费", self.session)

    def _finished(self) -> None:
        value = parse(self.text(), CELL[INFO_FEE_ID].unit)
        if isinstance(value, Invalid):
            # Say what the field now holds: the last valid amount typed (251000 of “251000元”), which
            # need not be the value it had before.
            kept = display(self.doc.value(INFO_FEE_ID))
            self.doc.notice.emit(f"信息处理费“{value.raw}”{value.reason}；"
                                 + (f"保留为 {kept} 元" if kept else "保留为空白"))
            self.setText(kept)
        self.session = self.doc.new_session()


class NarrativeBlock(QWidget):
    """One narrative key: title, editor, character count, 插入数据, the findings on it."""

    def __init__(self, key: str, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.doc = doc
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        title = QLabel(NARRATIVE_TITLES[key])
        title.setObjectName("blockTitle")
        top.addWidget(title)
        top.addStretch(1)
        self.count = QLabel()
        top.addWidget(self.count)
        self.insert_button = QToolButton()
        self.insert_button.setText("插入数据")
        self.insert_button.setToolTip("在光标处插入一句引用表格数字的话（数字取自程序计算结果）")
        self.insert_button.setAccessibleName(f"{NARRATIVE_TITLES[key]} 插入数据")
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.insert_button)
        period = QAction("统计期限", menu)
        period.triggered.connect(
            lambda _c=False: self.insert(period_sentence(self.doc.report.meta.year), "统计期限"))
        menu.addAction(period)
        for name, make in SENTENCES:
            action = QAction(name, menu)
            action.triggered.connect(lambda _c=False, m=make, n=name: self.insert(m(self.doc.results), n))
            menu.addAction(action)
        self.insert_button.setMenu(menu)
        self.insert_button.clicked.connect(
            lambda: self.insert(default_sentence(self.key, self.doc.results, self.doc.report.meta.year),
                                "插入数据"))
        top.addWidget(self.insert_button)
        layout.addLayout(top)
        self.editor = NarrativeEditor(key, doc)
        layout.addWidget(self.editor, 1)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        doc.changed.connect(self.update_state)
        self.update_state()

    def insert(self, sentence: str, name: str) -> None:
        self.editor.insert_as_step(sentence, f"插入数据：{name}")
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def update_state(self) -> None:
        text = self.doc.report.narrative.get(self.key, "")
        self.count.setText(f"{char_count(text)} 字")
        target = f"narrative.{self.key}"
        lines = [f"{f.severity.label}：{f.message}" for f in self.doc.findings if target in f.cells]
        self.problem.setText("\n".join(lines))
        self.problem.setVisible(bool(lines))


class NarrativePage(QWidget):
    def __init__(self, title: str, keys: tuple[str, ...], doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.keys = keys
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        self.fee: FeeField | None = None
        if CELL[INFO_FEE_ID].table == keys[-1]:
            fee_row = QFormLayout()
            self.fee = FeeField(doc)
            fee_row.addRow(f"{INFO_FEE_LABEL}：", self.fee)
            layout.addLayout(fee_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        editors = QWidget()
        column = QVBoxLayout(editors)
        column.setContentsMargins(0, 0, 0, 0)
        self.blocks: dict[str, NarrativeBlock] = {}
        for key in keys:
            block = NarrativeBlock(key, doc)
            self.blocks[key] = block
            column.addWidget(block, 1 if key == "preamble" else 3)
        self.splitter.addWidget(editors)
        self.previous_view = QPlainTextEdit()
        self.previous_view.setReadOnly(True)
        self.previous_view.setAccessibleName("上年报告原文")
        previous_box = QWidget()
        pl = QVBoxLayout(previous_box)
        pl.setContentsMargins(0, 0, 0, 0)
        self.previous_title = QLabel("上年报告原文（只读，仅供对照，请勿照抄）")
        pl.addWidget(self.previous_title)
        pl.addWidget(self.previous_view, 1)
        self.previous_box = previous_box
        self.splitter.addWidget(previous_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        doc.reset.connect(self.load_previous)
        doc.meta_changed.connect(lambda name: self.load_previous() if name == "previous_report" else None)
        self.load_previous()

    def load_previous(self) -> None:
        prev = self.doc.previous
        self.previous_box.setVisible(prev is not None)
        if prev is not None:
            year = prev.report.meta.year
            self.previous_title.setText(f"{year or '上'}年报告原文（只读，仅供对照，请勿照抄）")
            self.previous_view.setPlainText("\n\n".join(
                f"{NARRATIVE_TITLES[k]}\n{prev.report.narrative.get(k, '')}" for k in self.keys))

    def focus_first(self) -> None:
        self.blocks[self.keys[-1]].editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_target(self, target: str) -> None:
        if target == INFO_FEE_ID and self.fee is not None:
            self.fee.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        key = target.split(".", 1)[1] if target.startswith("narrative.") else self.keys[-1]
        block = self.blocks.get(key)
        if block is not None:
            block.editor.setFocus(Qt.FocusReason.OtherFocusReason)
