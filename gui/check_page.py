"""检查与导出: the verdict, every finding, and the exports (final only without errors)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.rules import ready_for_final
from gui import exports
from gui.document import Document
from gui.findings_panel import FindingsList


class CheckPage(QWidget):
    def __init__(self, title: str, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        layout.addWidget(self.verdict)
        row = QHBoxLayout()
        self.draft_box = QCheckBox("导出为草稿（每页标注“草稿”）")
        self.draft_box.setAccessibleName("导出为草稿")
        row.addWidget(self.draft_box)
        row.addStretch(1)
        self.adopt_button = QPushButton("用计算值替换合计")
        self.adopt_button.clicked.connect(doc.adopt_computed_totals)
        row.addWidget(self.adopt_button)
        self.pdf_button = QPushButton("导出 PDF…")
        self.preview_button = QPushButton("预览 PDF…")
        self.xlsx_button = QPushButton("导出 XLSX…")
        self.docx_button = QPushButton("导出 Word…")
        self.docx_button.setToolTip("Word 文档（.docx），供领导审签、在 Word 或 WPS 中修改")
        self.html_button = QPushButton("导出网页…")
        self.html_button.setToolTip("网页（.html），供政府网站发布")
        self.copy_html_button = QPushButton("复制为网页格式")
        self.copy_html_button.setToolTip("复制整篇报告（含表格），可直接粘贴到网站编辑器")
        layout.addLayout(row)
        row = QHBoxLayout()  # the exports on a row of their own: six buttons do not fit beside the rest
        row.addStretch(1)
        for b in (self.preview_button, self.pdf_button, self.docx_button, self.xlsx_button,
                  self.html_button, self.copy_html_button):
            row.addWidget(b)
        self.pdf_button.clicked.connect(lambda: self._exported(exports.export_pdf(self, doc, draft=self.draft)))
        self.preview_button.clicked.connect(lambda: exports.preview_pdf(self, doc, draft=self.draft, modal=False))
        self.xlsx_button.clicked.connect(lambda: self._exported(exports.export_xlsx(self, doc, draft=self.draft)))
        self.docx_button.clicked.connect(lambda: self._exported(exports.export_docx(self, doc, draft=self.draft)))
        self.html_button.clicked.connect(lambda: self._exported(exports.export_html(self, doc, draft=self.draft)))
        self.copy_html_button.clicked.connect(self._copy_html)
        layout.addLayout(row)
        # After an export: the file, and a way to look at it (or hand it on) without hunting for it.
        last = QHBoxLayout()
        self.last_export = ""  # the file written last, for 打开文件 / 打开所在文件夹
        self.last_export_label = QLabel()
        self.last_export_label.setWordWrap(True)
        self.open_file_button = QPushButton("打开文件")
        self.open_folder_button = QPushButton("打开所在文件夹")
        self.open_file_button.clicked.connect(lambda: exports.open_path(self.last_export))
        self.open_folder_button.clicked.connect(lambda: exports.open_path(self.last_export, folder=True))
        last.addWidget(self.last_export_label, 1)
        last.addWidget(self.open_file_button)
        last.addWidget(self.open_folder_button)
        layout.addLayout(last)
        self._show_last_export()
        self.findings = FindingsList(doc)
        layout.addWidget(self.findings, 1)
        self.draft_box.setChecked(True)
        self.draft_box.setEnabled(False)
        # The clerk's own choice while a final export is possible; errors force a draft meanwhile.
        self.wants_draft = False
        self.draft_box.clicked.connect(lambda on: setattr(self, "wants_draft", on))
        doc.changed.connect(self.refresh)
        self.refresh()

    def _exported(self, path: str | None) -> None:
        if path:
            self.last_export = path
            self._show_last_export()

    def _show_last_export(self) -> None:
        shown = bool(self.last_export)
        self.last_export_label.setText(f"刚导出：{self.last_export}" if shown else "")
        for w in (self.last_export_label, self.open_file_button, self.open_folder_button):
            w.setVisible(shown)

    def _copy_html(self) -> None:
        if exports.copy_html(self, self.doc, draft=self.draft):
            self.doc.notice.emit("已复制为网页格式：可粘贴到网站编辑器（表格、标题保持结构）")

    def focus_first(self) -> None:
        self.findings.setFocus()

    @property
    def draft(self) -> bool:
        return self.draft_box.isChecked() or not ready_for_final(self.doc.findings, self.doc.report)

    def refresh(self) -> None:
        findings = self.doc.findings
        errors = sum(1 for f in findings if f.is_error)
        warnings = len(findings) - errors
        blanks = len(self.doc.report.blank_cells())
        ready = ready_for_final(findings, self.doc.report)
        if ready:
            text = "可以定稿：没有错误，没有空白单元格。"
            if warnings:
                text += f"还有 {warnings} 条提示，请逐条确认（必要时在正文中说明）。"
            self.verdict.setProperty("state", "ok")
        else:
            reasons = []
            if errors:
                reasons.append(f"{errors} 个错误")
            if blanks:
                reasons.append(f"{blanks} 个空白单元格")
            text = (f"尚不能定稿：还有 {'、'.join(reasons)}。现在只能导出草稿（标注“草稿”）；"
                    "保存不受影响，随时可以保存。")
            self.verdict.setProperty("state", "blocked")
        self.verdict.setText(text)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        # Blocked → forced draft; ready again → what the clerk chose last (a final export at first).
        self.draft_box.setChecked(self.wants_draft if ready else True)
        self.draft_box.setEnabled(ready)
        self.adopt_button.setVisible(bool(self.doc.report.stated_totals))
