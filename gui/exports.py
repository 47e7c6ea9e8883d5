"""Export and preview actions. The exporters live in core.pdf / core.xlsx and are imported
only when used: start-up stays fast, and a missing exporter is a message, not a crash."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from core.atomic import write_atomic
from core.export_failure import export_failure
from core.rules import ready_for_final
from gui.document import Document
from gui.write_errors import write_with_consent

if TYPE_CHECKING:
    from core.pdf import PdfExport


def is_final_allowed(doc: Document) -> bool:
    return ready_for_final(doc.findings, doc.report)


def suggested_name(doc: Document, suffix: str, *, draft: bool) -> str:
    title = doc.report.meta.title.replace(" ", "") or "年报"
    return f"{title}{'（草稿）' if draft else ''}{suffix}"


def _start_dir(doc: Document) -> str:
    return str(doc.path.parent) if doc.path is not None else str(Path.home())


def _missing(parent: QWidget, what: str, exc: Exception) -> None:
    QMessageBox.warning(parent, f"无法{what}", f"本程序的{what}功能不可用（{exc}）。请安装完整版本后再试。")


def _failed(parent: QWidget, what: str, exc: Exception, doc: Document) -> None:
    kind = "PDF" if "PDF" in what else "XLSX"
    QMessageBox.critical(parent, f"{what}失败",
                         f"{export_failure(kind, doc.report, exc)}。\n\n报告本身没有受到影响，可以继续编辑和保存。")


def build_pdf(parent: QWidget, doc: Document, *, draft: bool) -> PdfExport | None:
    try:
        from core.pdf import export_pdf
    except ImportError as exc:
        _missing(parent, "导出 PDF", exc)
        return None
    try:
        return export_pdf(doc.report, doc.results, doc.findings, draft=draft)
    except Exception as exc:  # an exporter bug must not take the clerk's work with it
        _failed(parent, "生成 PDF", exc, doc)
        return None


def _write(parent: QWidget, path: str, data: bytes) -> bool:
    return write_with_consent(parent, path, lambda force: write_atomic(path, data, force=force), lost_nothing="")


def export_pdf(parent: QWidget, doc: Document, *, draft: bool) -> str | None:
    result = build_pdf(parent, doc, draft=draft)
    if result is None:
        return None
    name = suggested_name(doc, ".pdf", draft=draft)
    path, _ = QFileDialog.getSaveFileName(parent, "导出 PDF", str(Path(_start_dir(doc)) / name), "PDF 文件 (*.pdf)")
    if not path or not _write(parent, path, result.data):
        return None
    notes = list(getattr(result, "font_report", lambda: [])())
    text = f"已导出：{path}" + ("（草稿）" if draft else "")
    if notes:
        text += "\n\n字体说明：\n" + "\n".join(notes)
    QMessageBox.information(parent, "导出 PDF", text)
    return path


def preview_pdf(parent: QWidget, doc: Document, *, draft: bool) -> None:
    result = build_pdf(parent, doc, draft=draft)
    if result is None:
        return
    try:
        from gui.pdf_preview import PdfPreviewDialog
    except ImportError as exc:
        _missing(parent, "预览 PDF", exc)
        return
    dialog = PdfPreviewDialog(result.data, suggested_name(doc, ".pdf", draft=draft), parent)
    dialog.exec()


def export_xlsx(parent: QWidget, doc: Document, *, draft: bool) -> str | None:
    try:
        from core.xlsx import export_xlsx as make_xlsx
    except ImportError as exc:
        _missing(parent, "导出 XLSX", exc)
        return None
    try:
        data = make_xlsx(doc.report, doc.results, doc.findings, draft=draft)
    except Exception as exc:  # an exporter bug must not take the clerk's work with it
        _failed(parent, "生成 XLSX", exc, doc)
        return None
    name = suggested_name(doc, ".xlsx", draft=draft)
    path, _ = QFileDialog.getSaveFileName(parent, "导出 XLSX", str(Path(_start_dir(doc)) / name),
                                          "Excel 工作簿 (*.xlsx)")
    if not path or not _write(parent, path, data):
        return None
    QMessageBox.information(parent, "导出 XLSX", f"已导出：{path}" + ("（草稿）" if draft else ""))
    return path
