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
        for b in (self.preview_button, self.pdf_button, self.xlsx_button):
            row.addWidget(b)
        self.pdf_button.clicked.connect(lambda: exports.export_pdf(self, doc, draft=self.draft))
        self.preview_button.clicked.connect(lambda: exports.preview_pdf(self, doc, draft=self.draft))
        self.xlsx_button.clicked.connect(lambda: exports.export_xlsx(self, doc, draft=self.draft))
        layout.addLayout(row)
        self.findings = FindingsList(doc)
        layout.addWidget(self.findings, 1)
        self.draft_box.setChecked(True)
        self.draft_box.setEnabled(False)
        # The clerk's own choice while a final export is possible; errors force a draft meanwhile.
        self.wants_draft = False
        self.draft_box.clicked.connect(lambda on: setattr(self, "wants_draft", on))
        doc.changed.connect(self.refresh)
        self.refresh()

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
