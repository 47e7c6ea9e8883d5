"""基本信息: who publishes the report, for which year, and where last year's file is."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.format2021 import ReportKind
from core.meta_values import PARSED_FIELDS, default_year, meta_text, parse_meta
from core.values import Invalid
from gui.document import Document
from gui.undo_keys import UndoKeyFilter

_TEXT_FIELDS = (("agency", "机关名称", "如：某某市某某局"),
                ("compiler", "编制单位", "一般为本机关办公室"),
                ("contact", "联系方式", "对本报告有疑问时的联系电话、地址"))


class MetaPage(QWidget):
    def __init__(self, title: str, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        undo_filter = UndoKeyFilter(doc.undo_stack, self, self._discard_pending)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.edits: dict[str, QLineEdit] = {}
        for name, label, placeholder in _TEXT_FIELDS[:1]:
            self._add_edit(form, name, label, placeholder, undo_filter)
        self._add_edit(form, "year", "报告年度", "四位数字，如 2025", undo_filter)
        self.kind_buttons: dict[ReportKind, QRadioButton] = {}
        kind_row = QHBoxLayout()
        group = QButtonGroup(self)
        for kind in ReportKind:
            button = QRadioButton(kind.label)
            button.setAccessibleName(f"报告类型：{kind.label}")
            group.addButton(button)
            button.toggled.connect(lambda on, k=kind: self._kind_toggled(on, k))
            self.kind_buttons[kind] = button
            kind_row.addWidget(button)
        kind_row.addStretch(1)
        form.addRow("报告类型", kind_row)
        for name, label, placeholder in _TEXT_FIELDS[1:]:
            self._add_edit(form, name, label, placeholder, undo_filter)
        self._add_edit(form, "publish_date", "发布日期", "如 2025-01-20（部门1月31日前，本级政府3月31日前）",
                       undo_filter)
        prev_row = QHBoxLayout()
        self.previous_edit = QLineEdit()
        self.previous_edit.setReadOnly(True)
        self.previous_edit.setPlaceholderText("选择上年的年报项目文件，用于核对上年结转、现行有效件数和文字雷同")
        self.previous_edit.setAccessibleName("上年报告文件")
        browse = QPushButton("浏览…")
        browse.setAccessibleName("选择上年报告文件")
        browse.clicked.connect(self.browse_previous)
        clear = QPushButton("清除")
        clear.setAccessibleName("清除上年报告文件")
        clear.clicked.connect(lambda: self.doc.set_meta("previous_report", "", mergeable=False))
        prev_row.addWidget(self.previous_edit, 1)
        prev_row.addWidget(browse)
        prev_row.addWidget(clear)
        form.addRow("上年报告文件", prev_row)
        layout.addLayout(form)
        self.title_label = QLabel()
        self.title_label.setObjectName("reportTitle")
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        self.previous_status = QLabel()
        self.previous_status.setWordWrap(True)
        layout.addWidget(self.previous_status)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        doc.meta_changed.connect(lambda _name: self.load())
        doc.reset.connect(self.load)
        doc.changed.connect(self._show_findings)
        self.load()

    def _add_edit(self, form: QFormLayout, name: str, label: str, placeholder: str,
                  undo_filter: QObject) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        edit.installEventFilter(undo_filter)
        edit.textEdited.connect(lambda text, n=name: self._edited(n, text))
        edit.editingFinished.connect(lambda n=name: self._finished(n))
        self.edits[name] = edit
        form.addRow(label, edit)

    def _kind_toggled(self, on: bool, kind: ReportKind) -> None:
        if on:
            self.doc.set_meta("kind", kind, mergeable=False)

    def _edited(self, name: str, text: str) -> None:
        value = parse_meta(name, text)
        if isinstance(value, Invalid):
            # Half-typed years and dates are normal: complain only about what can never become one.
            if name == "year" and not text.strip().isdigit():
                self.doc.notice.emit(value.reason)
            return
        self.doc.set_meta(name, value)

    def _discard_pending(self, obj: QObject) -> bool:
        """A year or date typed only in part is not an edit yet: put back what the report holds."""
        for name in PARSED_FIELDS:
            edit = self.edits[name]
            if obj is edit and isinstance(parse_meta(name, edit.text()), Invalid):
                self._show(name)
                return True
        return False

    def _finished(self, name: str) -> None:
        value = parse_meta(name, self.edits[name].text())
        if isinstance(value, Invalid):
            self.doc.notice.emit(f"{value.reason}；已恢复原值")
            self._show(name)
        # The next typing in this field is a new undo step.
        self.doc.break_merge()

    def _show(self, name: str) -> None:
        value = getattr(self.doc.report.meta, name)
        text = meta_text(value)
        edit = self.edits[name]
        if edit.text() != text and parse_meta(name, edit.text()) != value:
            edit.setText(text)

    def _placeholders(self) -> None:
        """Examples that fit the report being written: its year, published early the next year."""
        import datetime as dt

        year = self.doc.report.meta.year or default_year(dt.date.today())
        self.edits["year"].setPlaceholderText(f"四位数字，如 {year}")
        self.edits["publish_date"].setPlaceholderText(
            f"如 {year + 1}-01-20（部门1月31日前，本级政府3月31日前）")

    def load(self) -> None:
        self._placeholders()
        meta = self.doc.report.meta
        for name in self.edits:
            self._show(name)
        button = self.kind_buttons[meta.kind]
        if not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)
        self.previous_edit.setText(meta.previous_report)
        self.title_label.setText(f"报告标题：{meta.title}")
        if self.doc.previous is not None:
            self.previous_status.setText(f"已读取上年报告：{self.doc.previous_path}")
        elif self.doc.previous_error:
            self.previous_status.setText(f"上年报告无法读取：{self.doc.previous_error}")
        else:
            self.previous_status.setText("")

    def _show_findings(self) -> None:
        lines = [f"{f.severity.label}：{f.message}" for f in self.doc.findings if f.section == 0]
        self.problem.setText("\n".join(lines))
        self.title_label.setText(f"报告标题：{self.doc.report.meta.title}")
        for name, edit in self.edits.items():
            marked = "yes" if any(f"meta.{name}" in f.cells for f in self.doc.findings) else ""
            if edit.property("finding") != marked:
                edit.setProperty("finding", marked)
                edit.style().unpolish(edit)
                edit.style().polish(edit)

    def focus_first(self) -> None:
        self.edits["agency"].setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_target(self, target: str) -> None:
        name = target.split(".", 1)[1]
        widget = self.edits.get(name) or (self.previous_edit if name == "previous_report" else None)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def browse_previous(self) -> None:
        from core.project_file import OPEN_FILTER

        start = str(self.doc.path.parent) if self.doc.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "选择上年报告", start, OPEN_FILTER)
        if not path:
            return
        from core.previous_file import name_for

        self.doc.set_meta("previous_report", name_for(path, self.doc.path), mergeable=False)
