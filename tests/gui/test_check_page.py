"""检查与导出: verdict, forced draft while errors remain, exports through the core's exporters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from core.format2021 import t3_id
from core.steps import CHECK_STEP

NEW = t3_id("new", "natural")


def _check_page(window):
    window.go(CHECK_STEP)
    return window.page(CHECK_STEP)


def test_verdict_follows_the_findings(window) -> None:
    page = _check_page(window)
    assert page.verdict.text().startswith("可以定稿")
    assert page.draft_box.isEnabled() and not page.draft_box.isChecked()
    window.doc.set_cells({NEW: 3}, "test")
    assert page.verdict.text().startswith("尚不能定稿")
    assert "2 个错误" in page.verdict.text()
    assert page.draft  # errors block a final export, never a draft
    assert not page.draft_box.isEnabled()
    assert page.findings.topLevelItemCount() == len(window.doc.findings)
    window.doc.set_cells({t3_id("public", "natural"): 3}, "test")
    assert page.verdict.text().startswith("可以定稿")
    assert not page.draft
    assert "错误 0" in window.counts_label.text()


def test_export_pdf_and_xlsx(window, monkeypatch, tmp_path, dialogs) -> None:
    page = _check_page(window)
    pdf = tmp_path / "r.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    page.pdf_button.click()
    assert pdf.read_bytes().startswith(b"%PDF")
    assert dialogs[-1][0] == "information" and "已导出" in dialogs[-1][1]
    xlsx = tmp_path / "r.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(xlsx), ""))
    page.xlsx_button.click()
    assert xlsx.read_bytes().startswith(b"PK")


def test_draft_export_is_named_and_marked(window, monkeypatch, tmp_path) -> None:
    window.doc.set_cells({NEW: 3}, "test")
    page = _check_page(window)
    seen: list[str] = []

    def save_name(_parent, _title, start, _filter):
        seen.append(start)
        return (str(tmp_path / "d.pdf"), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    page.pdf_button.click()
    assert Path(seen[0]).name == "周口市工业和信息化局2024年政府信息公开工作年度报告（草稿）.pdf"
    assert (tmp_path / "d.pdf").stat().st_size > 1000


def test_preview_opens_the_preview_dialog(window, monkeypatch) -> None:
    import gui.pdf_preview

    shown: list[tuple[bytes, str]] = []

    def fake_exec(dialog) -> int:
        shown.append((dialog.pdf_bytes if hasattr(dialog, "pdf_bytes") else b"%PDF", dialog.windowTitle()))
        return 0

    monkeypatch.setattr(gui.pdf_preview.PdfPreviewDialog, "exec", fake_exec)
    _check_page(window).preview_button.click()
    assert len(shown) == 1


def test_export_failure_is_a_message(window, monkeypatch, dialogs) -> None:
    import core.pdf

    def broken(*a, **k):
        raise ValueError("坏了")

    monkeypatch.setattr(core.pdf, "export_pdf", broken)
    _check_page(window).pdf_button.click()
    assert dialogs[-1][0] == "critical" and "坏了" in dialogs[-1][1]


def test_findings_panel_steps_aside_on_the_check_page(window) -> None:
    assert window.dock.isVisible()
    window.go(CHECK_STEP)
    assert not window.dock.isVisible()
    window.go(0)
    assert window.dock.isVisible()
