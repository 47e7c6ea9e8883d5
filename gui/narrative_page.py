"""Narrative pages (前言 + 一, 五, 六): plain text with the customary sub-headings, undoable.

六 also holds the structured 信息处理费 amount (元); when last year's report is
at hand its text is shown read-only beside the editor for comparison (X4
warns when the two are too alike).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QMimeData, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontDatabase,
    QHelpEvent,
    QKeyEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocumentFragment,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QToolButton,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from core.blocks import split_heading
from core.fields import Field, Text, escape, field_text, parse, render, replace_text, token, unlinked_token
from core.format2021 import CELL, INFO_FEE_ID, INFO_FEE_LABEL, NARRATIVE_TITLES
from core.model import seeded_narrative
from core.prose.hygiene import KIND_LABEL, Fix, find_fixes, preview
from core.prose.hygiene import apply as apply_fixes
from core.quantities import QUANTITIES, QUANTITY, SHAREABLE, field_name, is_field_key, share_key
from core.resources import resources_dir
from core.rules.prose import ProseIssue, char_count, subsection_counts
from core.sentences import PARAGRAPHS, default_paragraph, period_sentence
from core.values import Invalid, display
from core.values import parse as parse_value
from gui.document import Document
from gui.style import ERROR_FG, FIELD_BG, WARNING_LINE
from gui.undo_keys import UndoKeyFilter

FIELD_PROP = int(QTextFormat.Property.UserProperty) + 1  # the quantity key of a live field
UNLINKED_PROP = int(QTextFormat.Property.UserProperty) + 2  # the key of an unlinked generated number
SHOWN_PROP = int(QTextFormat.Property.UserProperty) + 3  # the value a field showed when written
MIME = "application/x-gkbg-narrative"
_LEADING_NUMBER = re.compile(r"^[0-9][0-9.,]*")


@dataclass(frozen=True, slots=True)
class FieldRun:
    start: int
    end: int
    key: str
    unlinked: bool


def field_format(key: str, shown: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(FIELD_BG))
    fmt.setProperty(FIELD_PROP, key)
    fmt.setProperty(SHOWN_PROP, shown)
    return fmt


def unlinked_format(key: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setProperty(UNLINKED_PROP, key)
    return fmt


def heading_of(text: str) -> tuple[str, int, int, bool] | None:
    """(role, start, end, alone) of the heading a paragraph starts with, read as the print does
    (``core.blocks.split_heading``): 「一、」 is heading1 (黑体), 「（一）」 heading2 (楷体); ``alone``
    when the heading is the whole paragraph rather than run in."""
    stripped = text.lstrip()
    head = split_heading(stripped.rstrip())
    if head is None:
        return None
    role, heading, rest = head
    start = len(text) - len(stripped)
    return role, start, start + len(heading), not rest.strip()


_HEADING_FACES = {"heading1": ("NotoSansSC-GB2312.ttf", "黑体"), "heading2": ("LXGWWenKai-GB2312.ttf", "楷体")}
_heading_formats: dict[str, QTextCharFormat] = {}


def heading_format(role: str) -> QTextCharFormat:
    """黑体 for 一、, 楷体 for （一）, as GB/T 9704 and the PDF set them (the bundled free faces,
    registered once; bold and the system font when they cannot be loaded)."""
    fmt = _heading_formats.get(role)
    if fmt is None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        file, style = _HEADING_FACES[role]
        families = [style]
        font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / file))
        if font_id >= 0:
            families = [*QFontDatabase.applicationFontFamilies(font_id), style]
        fmt.setFontFamilies(families)
        _heading_formats[role] = fmt
    return fmt


class HeadingHighlighter(QSyntaxHighlighter):
    """Sub-headings (「（一）主动公开」, run-in ones up to their 。) in their print faces."""

    def highlightBlock(self, text: str) -> None:
        head = heading_of(text)
        if head is not None:
            role, start, end, _alone = head
            self.setFormat(start, end - start, heading_format(role))


class NarrativeEditor(QTextEdit):
    """A section's text with live data fields: shaded, atomic, undoable through the document.

    The editor shows the printed text (``core.fields.render``); fields are character runs that
    carry their quantity key. Every change is turned back into the stored source
    (``core.fields`` tokens) and pushed as one undo command; undo reloads the source.
    """

    def __init__(self, key: str, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.doc = doc
        self._loading = False
        self._label = "编辑正文"
        self._mergeable = True
        self._source: str | None = None
        self._rendered: str | None = None
        self._has_fields = False
        self._block_sources: dict[int, tuple[int, str, str]] = {}  # block number → (revision, text, source)
        self._last_pos = 0
        self.issues: list[ProseIssue] = []
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(False)
        self._dirty: tuple[int, int] | None = None  # the range typed or inserted since the last format pass
        self._formatting = False
        self.document().contentsChange.connect(self._note_change)
        self.highlighter = HeadingHighlighter(self.document())
        self.installEventFilter(UndoKeyFilter(doc.undo_stack, self))
        self.setAccessibleName(NARRATIVE_TITLES[key])
        self.setTabChangesFocus(True)
        self.textChanged.connect(self._changed)
        self.cursorPositionChanged.connect(self._snap)
        doc.text_changed.connect(self._external)
        doc.reset.connect(self.load)
        doc.changed.connect(self.load)
        doc.changed.connect(self.show_issues)
        self.load()
        self.show_issues()

    # ------------------------------------------------------------ model → view

    def load(self) -> None:
        source = self.doc.report.narrative.get(self.key, "")
        rendered = render(source, self.doc.results)
        if source == self._source and rendered == self._rendered:
            return
        self._source, self._rendered = source, rendered
        if rendered == self.toPlainText() and self.source() == source:
            return
        pos = self.textCursor().position()
        self._loading = True
        self._block_sources = {}
        try:
            self.document().clear()
            cursor = QTextCursor(self.document())
            self._insert_segments(cursor, source)
            self._format_blocks(self.document().begin(), self.document().lastBlock())
            self._dirty = None
        finally:
            self._loading = False
        cursor = self.textCursor()
        cursor.setPosition(min(pos, len(rendered)))
        self.setTextCursor(cursor)

    def _insert_segments(self, cursor: QTextCursor, source: str) -> None:
        self._block_sources = {}  # formats change with no change of text
        plain_fmt = QTextCharFormat()
        for seg in parse(source):
            if isinstance(seg, Text):
                cursor.insertText(seg.text, plain_fmt)
            elif isinstance(seg, Field):
                shown = field_text(self.doc.results, seg.key)
                cursor.insertText(shown, field_format(seg.key, shown))
                self._has_fields = True
            else:
                cursor.insertText(seg.text, unlinked_format(seg.key))
                self._has_fields = True
        self.setCurrentCharFormat(plain_fmt)

    def _external(self, key: str) -> None:
        if key == self.key:
            self.load()

    # ------------------------------------------------------------ view → model

    def source(self, start: int = 0, end: int | None = None) -> str:
        """The stored form of the editor's text (or of [start, end))."""
        if not self._has_fields:
            text = self.toPlainText()
            return escape(text[start:end])
        whole = start == 0 and end is None
        parts: list[str] = []
        stop = end if end is not None else self.document().characterCount()
        block = self.document().begin()
        cache: dict[int, tuple[int, str, str]] = {}
        while block.isValid():
            if block.position() > stop:
                break
            if block != self.document().begin() and start <= block.position() - 1 < stop:
                parts.append("\n")  # the paragraph break before this block
            if whole:
                # A keystroke changes one paragraph: the others' stored form is reused.
                text = block.text()
                hit = self._block_sources.get(block.blockNumber())
                if hit is not None and hit[0] == block.revision() and hit[1] == text:
                    src = hit[2]
                else:
                    src = self._block_source(block, 0, 1 << 30)
                cache[block.blockNumber()] = (block.revision(), text, src)
                parts.append(src)
            else:
                parts.append(self._block_source(block, start, stop))
            block = block.next()
        if whole:
            self._block_sources = cache
        return "".join(parts)

    def _block_source(self, block: QTextBlock, start: int, stop: int) -> str:
        parts: list[str] = []
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            it += 1
            a, b = frag.position(), frag.position() + frag.length()
            lo, hi = max(a, start), min(b, stop)
            if lo >= hi:
                continue
            parts.append(self._fragment_source(frag.text()[lo - a:hi - a], frag.charFormat(), whole=(lo, hi) == (a, b)))
        return "".join(parts)

    @staticmethod
    def _fragment_source(text: str, fmt: QTextCharFormat, *, whole: bool) -> str:
        key = fmt.property(FIELD_PROP)
        if isinstance(key, str) and is_field_key(key):
            shown = fmt.property(SHOWN_PROP)
            if whole and text == shown:
                return token(key)
            if whole and isinstance(shown, str) and shown and text.startswith(shown):
                return token(key) + escape(text[len(shown):])  # typed right after the field
            return escape(text)  # a part of a field is its text
        key = fmt.property(UNLINKED_PROP)
        if isinstance(key, str) and is_field_key(key):
            m = _LEADING_NUMBER.match(text)
            if m is not None:
                return unlinked_token(key, m.group(0)) + escape(text[m.end():])
        return escape(text)

    # ------------------------------------------------------------ paragraphs as they print

    def _note_change(self, pos: int, _removed: int, added: int) -> None:
        if self._formatting:
            return
        lo, hi = (pos, pos + added) if self._dirty is None else \
            (min(self._dirty[0], pos), max(self._dirty[1], pos + added))
        self._dirty = (lo, hi)

    def _format_blocks(self, first: QTextBlock, last: QTextBlock) -> None:
        """Display only: headings on their own line and body paragraphs get the print's first-line
        indent of two characters and some spacing; the stored text is untouched."""
        em = self.fontMetrics().horizontalAdvance("中")
        line = self.fontMetrics().height()
        self._formatting = True
        try:
            self._format_range(first, last, em, line)
        finally:
            self._formatting = False

    def _format_range(self, first: QTextBlock, last: QTextBlock, em: int, line: int) -> None:
        block = first
        cursor: QTextCursor | None = None
        while block.isValid():
            head = heading_of(block.text())
            alone = head is not None and head[3]
            want = (float(2 * em), float(line // 2) if alone else 0.0, float(line // 3))
            fmt = block.blockFormat()
            if (fmt.textIndent(), fmt.topMargin(), fmt.bottomMargin()) != want:
                if cursor is None:
                    cursor = QTextCursor(self.document())
                cursor.setPosition(block.position())
                fmt.setTextIndent(want[0])
                fmt.setTopMargin(want[1])
                fmt.setBottomMargin(want[2])
                cursor.setBlockFormat(fmt)
            if block == last:
                break
            block = block.next()

    def _changed(self) -> None:
        if self._loading:
            return
        if self._dirty is not None:
            lo, hi = self._dirty
            self._dirty = None
            doc = self.document()
            self._loading = True
            try:
                self._format_blocks(doc.findBlock(lo), doc.findBlock(min(hi, doc.characterCount() - 1)))
            finally:
                self._loading = False
        source = self.source()
        self._source, self._rendered = source, self.toPlainText()
        self.doc.set_text(self.key, source, mergeable=self._mergeable, label=self._label)

    def insert_as_step(self, source: str, label: str) -> None:
        """Insert stored-form ``source`` (fields included) at the cursor as an undo step of its own."""
        self.doc.break_merge()
        self._label, self._mergeable = label, False
        try:
            cursor = self.textCursor()
            self._loading = True
            try:
                cursor.beginEditBlock()
                self._insert_segments(cursor, source)
                cursor.endEditBlock()
            finally:
                self._loading = False
            self.setTextCursor(cursor)
            self._changed()
        finally:
            self._label, self._mergeable = "编辑正文", True
        self.doc.break_merge()

    # ------------------------------------------------------------ fields as units

    def field_runs(self) -> list[FieldRun]:
        runs: list[FieldRun] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                it += 1
                fmt = frag.charFormat()
                for prop, unlinked in ((FIELD_PROP, False), (UNLINKED_PROP, True)):
                    key = fmt.property(prop)
                    if isinstance(key, str):
                        runs.append(FieldRun(frag.position(), frag.position() + frag.length(), key, unlinked))
            block = block.next()
        return runs

    def field_at(self, pos: int, *, live_only: bool = True) -> FieldRun | None:
        """The field whose characters include the one at ``pos``."""
        if not self._has_fields:
            return None
        block = self.document().findBlock(pos)
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            it += 1
            if frag.position() <= pos < frag.position() + frag.length():
                fmt = frag.charFormat()
                key = fmt.property(FIELD_PROP)
                unlinked = False
                if not isinstance(key, str) and not live_only:
                    key, unlinked = fmt.property(UNLINKED_PROP), True
                if isinstance(key, str):
                    return FieldRun(frag.position(), frag.position() + frag.length(), key, unlinked)
                return None
        return None

    def _snap(self) -> None:
        cursor = self.textCursor()
        pos = cursor.position()
        moving_left = pos < self._last_pos
        if not cursor.hasSelection():
            run = self.field_at(pos)
            if run is not None and run.start < pos < run.end:
                cursor.setPosition(run.start if moving_left else run.end)
                self.setTextCursor(cursor)
                pos = cursor.position()
            before = self.field_at(pos - 1) if pos > 0 else None
            if before is not None and before.end == pos:
                self.setCurrentCharFormat(QTextCharFormat())  # typing after a field is not the field
        self._last_pos = pos

    def keyPressEvent(self, event: QKeyEvent) -> None:
        cursor = self.textCursor()
        if not cursor.hasSelection() and event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            pos = cursor.position()
            run = self.field_at(pos - 1) if event.key() == Qt.Key.Key_Backspace and pos > 0 else \
                self.field_at(pos) if event.key() == Qt.Key.Key_Delete else None
            if run is not None:
                cursor.setPosition(run.start)
                cursor.setPosition(run.end, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()  # a field goes as a whole
                self.setTextCursor(cursor)
                return
        if event.text() and event.text().isprintable():
            pos = cursor.position()
            before = self.field_at(pos - 1) if pos > 0 else None
            if before is not None and before.end == pos:
                self.setCurrentCharFormat(QTextCharFormat())
        super().keyPressEvent(event)

    def unlink(self, run: FieldRun) -> None:
        """解除链接: the field becomes plain digits, remembered as generated (R6 errs if they go stale)."""
        cursor = self.textCursor()
        cursor.setPosition(run.start)
        cursor.setPosition(run.end, QTextCursor.MoveMode.KeepAnchor)
        text = cursor.selectedText()
        self._block_sources = {}
        self.doc.break_merge()
        self._label, self._mergeable = "解除数据字段链接", False
        try:
            cursor.insertText(text, unlinked_format(run.key))
        finally:
            self._label, self._mergeable = "编辑正文", True
        self.doc.break_merge()

    def apply_fix(self, issue: ProseIssue) -> None:
        """The quick fix: the typed number is replaced by the live field."""
        if issue.fix_key is None:
            return
        end = issue.fix_end if issue.fix_end is not None else issue.end
        cursor = self.textCursor()
        cursor.setPosition(issue.start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.insert_as_step(token(issue.fix_key), "改为数据字段")

    # ------------------------------------------------------------ findings on the text

    def show_issues(self) -> None:
        self.issues = [i for i in self.doc.prose_issues if i.key == self.key]
        selections = []
        if self.toPlainText() == self._rendered:
            for issue in self.issues:
                sel = QTextEdit.ExtraSelection()
                cursor = self.textCursor()
                cursor.setPosition(min(issue.start, len(self._rendered)))
                cursor.setPosition(min(issue.end, len(self._rendered)), QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cursor  # type: ignore[attr-defined,unused-ignore]  # absent from some stubs
                fmt = QTextCharFormat()
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(QColor(ERROR_FG if issue.finding.is_error else WARNING_LINE))
                fmt.setToolTip(issue.finding.message)
                sel.format = fmt  # type: ignore[attr-defined,unused-ignore]
                selections.append(sel)
        self.setExtraSelections(selections)

    def show_finding(self, finding: object) -> None:
        """Select the text a finding is about (the findings panel jumped here), if it is anchored."""
        issue = next((i for i in self.issues if i.finding == finding), None)
        if issue is None:
            return
        cursor = self.textCursor()
        cursor.setPosition(issue.start)
        cursor.setPosition(issue.end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def issue_at(self, pos: int) -> ProseIssue | None:
        return next((i for i in self.issues if i.start <= pos < i.end), None)

    def tooltip_at(self, pos: int) -> str:
        lines: list[str] = []
        issue = self.issue_at(pos)
        if issue is not None:
            lines.append(f"{issue.finding.severity.label}（{issue.finding.rule}）：{issue.finding.message}")
        run = self.field_at(pos, live_only=False)
        if run is not None:
            name = field_name(run.key)
            if run.unlinked:
                lines.append(f"程序生成后解除链接的数字（原为数据字段：{name}）")
            else:
                lines.append(f"数据字段：{name}；当前值 {field_text(self.doc.results, run.key)}。"
                             "右键可解除链接")
        return "\n".join(lines)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            pos = self.cursorForPosition(e.pos()).position()
            text = self.tooltip_at(pos) or (self.tooltip_at(pos - 1) if pos > 0 else "")
            if text:
                QToolTip.showText(e.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        pos = self.cursorForPosition(e.pos()).position()
        run = self.field_at(pos) or (self.field_at(pos - 1) if pos > 0 else None)
        if run is not None:
            act = QAction(f"解除链接（{field_name(run.key)}）", menu)
            act.triggered.connect(lambda _c=False, r=run: self.unlink(r))
            _put_first(menu, act)
        issue = self.issue_at(pos)
        if issue is not None and issue.fix_key is not None:
            act = QAction(f"改为数据字段：{field_name(issue.fix_key)}", menu)
            act.triggered.connect(lambda _c=False, i=issue: self.apply_fix(i))
            _put_first(menu, act)
        menu.exec(e.globalPos())

    # ------------------------------------------------------------ copy and paste keep fields

    def createMimeDataFromSelection(self) -> QMimeData:
        # Qt's own text mime data lists a fixed set of formats: build a plain one that carries ours too.
        cursor = self.textCursor()
        data = QMimeData()
        data.setText(cursor.selection().toPlainText())
        if cursor.hasSelection():
            data.setData(MIME, QByteArray(self.source(cursor.selectionStart(), cursor.selectionEnd()).encode()))
        return data

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasFormat(MIME):
            text = bytes(source.data(MIME).data()).decode("utf-8", "replace")
            self.insert_as_step(text, "粘贴")
            return
        # Text from Word/WPS or the web: paragraphs kept, foreign formatting dropped. Word and WPS
        # put plain text beside their HTML; a source with HTML only is read for its paragraphs.
        text = source.text()
        if not text and source.hasHtml():
            text = QTextDocumentFragment.fromHtml(source.html()).toPlainText()
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").replace("\u2028", "\n")
        if text:
            self.insertPlainText(text)

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
        if parse_value(self.text(), CELL[INFO_FEE_ID].unit) != value:
            self.setText(display(value))

    def _edited(self, text: str) -> None:
        value = parse_value(text, CELL[INFO_FEE_ID].unit)
        if isinstance(value, Invalid):
            self.doc.notice.emit(f"信息处理费“{value.raw}”{value.reason}")
            return
        self.doc.set_cells({INFO_FEE_ID: value}, "填写信息处理费", self.session)

    def _finished(self) -> None:
        value = parse_value(self.text(), CELL[INFO_FEE_ID].unit)
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
        self.insert_button.setMenu(self._insert_menu())
        self.insert_button.clicked.connect(
            lambda: self.insert(default_paragraph(self.key, self.doc.results, self.doc.report.meta.year),
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

    def _insert_menu(self) -> QMenu:
        """Standard paragraphs, then every single field, filtered by what is typed in the search box."""
        menu = QMenu(self.insert_button)
        period = QAction("统计期限", menu)
        period.triggered.connect(
            lambda _c=False: self.insert(period_sentence(self.doc.report.meta.year), "统计期限"))
        menu.addAction(period)
        for name, make in PARAGRAPHS:
            action = QAction(f"标准段落：{name}", menu)
            action.triggered.connect(lambda _c=False, m=make, n=name: self.insert(m(self.doc.results), n))
            menu.addAction(action)
        menu.addSeparator()
        self.field_search = QLineEdit()
        self.field_search.setPlaceholderText("搜索单个数据字段，如“结转”“复议”")
        self.field_search.setAccessibleName("搜索数据字段")
        box = QWidgetAction(menu)
        box.setDefaultWidget(self.field_search)
        menu.addAction(box)
        self.field_actions: list[QAction] = []
        keys = [q.key for q in QUANTITIES if q.menu] + [share_key(k) for k in SHAREABLE if QUANTITY[k].menu]
        for key in keys:
            action = QAction(field_name(key), menu)
            action.setData(key)
            action.triggered.connect(lambda _c=False, k=key: self.insert(token(k), field_name(k)))
            menu.addAction(action)
            self.field_actions.append(action)
        self.field_search.textChanged.connect(self._filter_fields)
        return menu

    def _filter_fields(self, text: str) -> None:
        words = text.split()
        for action in self.field_actions:
            action.setVisible(all(w in action.text() or w in str(action.data()) for w in words))

    def insert(self, source: str, name: str) -> None:
        self.editor.insert_as_step(source, f"插入数据：{name}")
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def update_state(self) -> None:
        text = render(self.doc.report.narrative.get(self.key, ""), self.doc.results)
        self.count.setText(f"{char_count(text)} 字")
        self.count.setToolTip("\n".join(f"{name}：{n} 字" for name, n in subsection_counts(text)))
        target = f"narrative.{self.key}"
        lines = [f"{f.severity.label}：{f.message}" for f in self.doc.findings if target in f.cells]
        self.problem.setText("\n".join(lines))
        self.problem.setVisible(bool(lines))


OUTLINE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
FIX_ROLE = int(Qt.ItemDataRole.UserRole) + 2


class HygieneDialog(QDialog):
    """整理格式: every hygiene fix of the page's sections with a preview; none is applied unasked.

    Each fix can be applied alone or all at once; either is one undo step.
    """

    def __init__(self, page: NarrativePage) -> None:
        super().__init__(page)
        self.page = page
        self.doc = page.doc
        self.setWindowTitle("整理格式")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QTreeWidget()
        self.list.setAccessibleName("格式问题")
        self.list.setHeaderLabels(["位置", "问题", "原文", "改为"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemDoubleClicked.connect(self._show)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.apply_button = QPushButton("应用所选")
        self.apply_button.clicked.connect(self.apply_selected)
        self.apply_all_button = QPushButton("全部应用")
        self.apply_all_button.clicked.connect(self.apply_all)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        buttons.addStretch(1)
        for b in (self.apply_button, self.apply_all_button, close):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(300)
        self.timer.timeout.connect(self.refresh)
        self.doc.changed.connect(lambda: self.timer.start() if self.isVisible() else None)
        self.refresh()

    def fixes(self) -> list[tuple[str, Fix]]:
        return [(key, fix) for key in self.page.keys
                for fix in find_fixes(self.doc.report.narrative.get(key, ""))]

    def refresh(self) -> None:
        self.list.clear()
        found = self.fixes()
        for key, fix in found:
            source = self.doc.report.narrative.get(key, "")
            before, after = preview(source, fix, self.doc.results, show_spaces=True)
            n, number = _line_of(source, fix)
            item = QTreeWidgetItem([f"{NARRATIVE_TITLES[key]} 第{number}段", KIND_LABEL[fix.kind],
                                    before, after])
            item.setToolTip(1, fix.message)
            item.setData(0, FIX_ROLE, (key, fix, n))
            self.list.addTopLevelItem(item)
        for col in range(3):
            self.list.resizeColumnToContents(col)
        self.summary.setText(f"发现 {len(found)} 处可整理的格式（全角标点、多余空格、半角序号）。"
                             "书名号《》和引号「」『』内的文字、网址和数据字段不改。每次应用都可撤销。"
                             if found else "没有发现需要整理的格式。")
        self.apply_button.setEnabled(bool(found))
        self.apply_all_button.setEnabled(bool(found))

    def _show(self, item: QTreeWidgetItem) -> None:
        key, _fix, n = item.data(0, FIX_ROLE)
        self.page.go_to_heading(key, n)

    def apply_selected(self) -> int:
        chosen = [item.data(0, FIX_ROLE)[:2] for item in self.list.selectedItems()]
        return self._apply(chosen, "整理格式")

    def apply_all(self) -> int:
        return self._apply(self.fixes(), "整理格式（全部）")

    def _apply(self, chosen: list[tuple[str, Fix]], label: str) -> int:
        by_key: dict[str, list[Fix]] = {}
        current = {key: set(find_fixes(self.doc.report.narrative.get(key, ""))) for key in self.page.keys}
        for key, fix in chosen:
            if fix in current.get(key, set()):  # the text may have changed since the list was made
                by_key.setdefault(key, []).append(fix)
        if not by_key:
            return 0
        self.doc.break_merge()
        self.doc.undo_stack.beginMacro(label)
        for key, fixes in by_key.items():
            self.doc.set_text(key, apply_fixes(self.doc.report.narrative.get(key, ""), fixes),
                              mergeable=False, label=label)
        self.doc.undo_stack.endMacro()
        self.doc.break_merge()
        self.refresh()
        n = sum(len(v) for v in by_key.values())
        self.doc.notice.emit(f"已整理 {n} 处格式；可撤销")
        return n


def _line_of(source: str, fix: Fix) -> tuple[int, int]:
    """The line a fix is in, and its paragraph number as findings count them (non-empty lines)."""
    view = "".join(s.text if isinstance(s, Text) else "0" for s in parse(source))
    lines = view[:fix.start].split("\n")
    return len(lines) - 1, sum(1 for ln in lines[:-1] if ln.strip()) + 1


class Outline(QTreeWidget):
    """The page's sections and their sub-headings; a click or Enter moves the cursor to one."""

    def __init__(self, page: NarrativePage) -> None:
        super().__init__()
        self.page = page
        self.setHeaderHidden(True)
        self.setAccessibleName("大纲")
        self.setToolTip("单击或按回车跳到该标题")
        self.setMinimumWidth(150)
        self._shown: list[tuple[str, tuple[tuple[int, str], ...]]] = []
        self.itemActivated.connect(self._go)
        self.itemClicked.connect(self._go)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)  # rebuilt once typing pauses, not on every keystroke
        self.timer.timeout.connect(self.rebuild)

    @staticmethod
    def headings(text: str) -> tuple[tuple[int, str], ...]:
        out = []
        for n, line in enumerate(text.split("\n")):
            head = heading_of(line)
            if head is not None:
                name = line[head[1]:head[2]].rstrip("。：:")
                out.append((n, name if len(name) <= 24 else name[:23] + "…"))
        return tuple(out)

    def rebuild(self) -> None:
        shown = [(key, self.headings(self.page.blocks[key].editor.toPlainText())) for key in self.page.keys]
        if shown == self._shown:
            return
        self._shown = shown
        current = self.currentItem()
        where = current.data(0, OUTLINE_ROLE) if current is not None else None
        self.clear()
        for key, heads in shown:
            top = QTreeWidgetItem([NARRATIVE_TITLES[key]])
            top.setData(0, OUTLINE_ROLE, (key, -1))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.addTopLevelItem(top)
            for n, name in heads:
                child = QTreeWidgetItem([name])
                child.setData(0, OUTLINE_ROLE, (key, n))
                child.setToolTip(0, name)
                top.addChild(child)
                if where == (key, n):
                    self.setCurrentItem(child)
        self.expandAll()

    def _go(self, item: QTreeWidgetItem) -> None:
        key, n = item.data(0, OUTLINE_ROLE)
        self.page.go_to_heading(key, n)


class NarrativePage(QWidget):
    def __init__(self, title: str, keys: tuple[str, ...], doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.keys = keys
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        layout.addLayout(self._find_bar())
        self.fee: FeeField | None = None
        if CELL[INFO_FEE_ID].table == keys[-1]:
            fee_row = QFormLayout()
            self.fee = FeeField(doc)
            fee_row.addRow(f"{INFO_FEE_LABEL}：", self.fee)
            layout.addLayout(fee_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.outline = Outline(self)
        self.splitter.addWidget(self.outline)
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
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([180, 700, 400])
        layout.addWidget(self.splitter, 1)
        self.outline.rebuild()
        doc.text_changed.connect(lambda key: self.outline.timer.start() if key in self.keys else None)
        doc.reset.connect(self.outline.rebuild)
        doc.changed.connect(self.outline.timer.start)
        doc.reset.connect(self.load_previous)
        doc.meta_changed.connect(lambda name: self.load_previous() if name == "previous_report" else None)
        self.load_previous()

    def _find_bar(self) -> QHBoxLayout:
        """Find in this page; replace across the whole report's text (fields are never touched)."""
        bar = QHBoxLayout()
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("查找")
        self.find_edit.setAccessibleName("查找")
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText("替换为")
        self.replace_edit.setAccessibleName("替换为")
        find_next = QToolButton()
        find_next.setText("查找下一个")
        find_next.clicked.connect(self.find_next)
        self.find_edit.returnPressed.connect(self.find_next)
        replace_all = QToolButton()
        replace_all.setText("全部替换（全文）")
        replace_all.setToolTip("在前言、一、五、六的正文中全部替换；数据字段不受影响。可撤销")
        replace_all.clicked.connect(self.replace_all)
        tidy = QToolButton()
        tidy.setText("整理格式…")
        tidy.setToolTip("列出半角标点、多余空格、半角序号，逐条或全部改正；不会自动修改")
        tidy.clicked.connect(self.show_hygiene)
        self.hygiene: HygieneDialog | None = None
        for w in (self.find_edit, self.replace_edit, find_next, replace_all):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(tidy)
        return bar

    def show_hygiene(self) -> HygieneDialog:
        if self.hygiene is None:
            self.hygiene = HygieneDialog(self)
        else:
            self.hygiene.refresh()
        self.hygiene.show()
        self.hygiene.raise_()
        return self.hygiene

    def find_next(self) -> bool:
        text = self.find_edit.text()
        if not text:
            return False
        editors = [self.blocks[k].editor for k in self.keys]
        start = next((i for i, e in enumerate(editors) if e.hasFocus()), 0)
        for n in range(len(editors) + 1):
            editor = editors[(start + n) % len(editors)]
            if n > 0:
                cursor = editor.textCursor()
                cursor.movePosition(QTextCursor.MoveOperation.Start)
                editor.setTextCursor(cursor)
            if editor.find(text):
                editor.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        self.doc.notice.emit(f"未找到“{text}”")
        return False

    def replace_all(self) -> int:
        find, repl = self.find_edit.text(), self.replace_edit.text()
        changes = {}
        total = 0
        for key, source in self.doc.report.narrative.items():
            new, n = replace_text(source, find, repl)
            if n:
                changes[key] = new
                total += n
        if changes:
            self.doc.break_merge()
            self.doc.undo_stack.beginMacro(f"全部替换“{find}”")
            for key, new in changes.items():
                self.doc.set_text(key, new, mergeable=False, label="全部替换")
            self.doc.undo_stack.endMacro()
            self.doc.break_merge()
        self.doc.notice.emit(f"已替换 {total} 处" if total else f"正文中没有“{find}”")
        return total

    def load_previous(self) -> None:
        prev = self.doc.previous
        self.previous_box.setVisible(prev is not None)
        if prev is not None:
            year = prev.report.meta.year
            self.previous_title.setText(f"{year or '上'}年报告原文（只读，仅供对照，请勿照抄）")
            self.previous_view.setPlainText("\n\n".join(
                f"{NARRATIVE_TITLES[k]}\n{prev.report.narrative.get(k, '')}" for k in self.keys))

    def go_to_heading(self, key: str, block_number: int) -> None:
        """Put the cursor at the start of a heading (or of the section when ``block_number`` < 0)."""
        editor = self.blocks[key].editor
        cursor = editor.textCursor()
        block = editor.document().findBlockByNumber(max(block_number, 0))
        if block_number < 0 or not block.isValid():
            cursor.movePosition(QTextCursor.MoveOperation.Start)
        else:
            head = heading_of(block.text())
            cursor.setPosition(block.position() + (head[1] if head is not None else 0))
        editor.setTextCursor(cursor)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        editor.ensureCursorVisible()

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
            block.editor.show_finding(self.doc.focused_finding)


def _put_first(menu: QMenu, action: QAction) -> None:
    """Our own entries above the standard 撤销/复制/粘贴 ones."""
    actions = menu.actions()
    if actions:
        menu.insertAction(actions[0], action)
    else:
        menu.addAction(action)
