"""The export success message: plain Chinese first, 打开文件 / 打开所在文件夹, fonts behind 详细信息."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from core.steps import CHECK_STEP
from gui.export_done import ExportedBox


def test_pdf_export_says_what_was_written_and_offers_to_open_it(window, monkeypatch, tmp_path, qtbot) -> None:
    boxes: list[ExportedBox] = []
    monkeypatch.setattr(ExportedBox, "exec", lambda box: boxes.append(box) or 0)
    pdf = tmp_path / "本单位年报.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    window.go(CHECK_STEP)
    window.page(CHECK_STEP).pdf_button.click()
    box = boxes[-1]
    text = box.text()
    assert text.startswith("已导出 PDF 文件") and f"文件名：{pdf.name}" in text and str(tmp_path) in text
    assert ".ttf" not in text and "字体替代" not in text and "R0" not in text  # no developer speak up front
    assert {b.text() for b in box.buttons()} >= {"打开文件(&O)", "打开所在文件夹(&F)", "关闭"}
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    box.open_folder.click()
    box.open_file.click()
    assert opened == [str(tmp_path), str(pdf)]


def test_font_details_are_behind_details() -> None:
    box = ExportedBox(None, str(Path("/tmp/x.pdf")), " PDF 文件", draft=True, details=["字体：", "正文：仿宋"])
    assert "草稿" in box.text() and "仿宋" not in box.text()
    assert "正文：仿宋" in box.detailedText()
    box.deleteLater()
