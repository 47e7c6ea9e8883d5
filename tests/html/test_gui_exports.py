"""检查与导出 offers Word and web exports, and 复制为网页格式 puts HTML and plain text on the clipboard."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.sample import load_sample


@pytest.fixture
def page(qtbot, monkeypatch):
    from gui.check_page import CheckPage
    from gui.document import Document

    shown: list[str] = []
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, _t, text, *a, **k: shown.append(text))
    # The success box (gui.export_done) is modal: record what it says instead of waiting for a click.
    monkeypatch.setattr("gui.export_done.ExportedBox.exec", lambda box: shown.append(box.text()) or 0)
    doc = Document()
    doc.load_report(load_sample(), None)
    w = CheckPage("检查与导出", doc)
    w.shown = shown
    qtbot.addWidget(w)
    w.show()
    return w


def test_word_and_web_exports_write_files_and_offer_to_open_them(page, monkeypatch, tmp_path: Path) -> None:
    import gui.exports

    opened: list[str] = []
    monkeypatch.setattr(gui.exports.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    assert not page.open_file_button.isVisible()
    for button, name, head in ((page.docx_button, "r.docx", b"PK"), (page.html_button, "r.html", b"<!DOCTYPE")):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        button.click()
        assert target.read_bytes().startswith(head)
        assert f"文件名：{target.name}" in page.shown[-1] and f"位置：{target.parent}" in page.shown[-1]
        assert page.open_file_button.isVisible() and str(target) in page.last_export_label.text()
    page.open_file_button.click()
    page.open_folder_button.click()
    assert opened == [str(tmp_path / "r.html"), str(tmp_path)]


def test_cancelled_save_writes_nothing(page, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    page.docx_button.click()
    assert list(tmp_path.iterdir()) == [] and page.shown == []
    assert not page.open_file_button.isVisible()


def test_copy_as_web_format_puts_html_and_text_on_the_clipboard(page, qtbot) -> None:
    QGuiApplication.clipboard().clear()
    with qtbot.waitSignal(page.doc.notice, timeout=2000) as notice:
        page.copy_html_button.click()
    assert "已复制为网页格式" in notice.args[0]
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    html = mime.html()
    html5lib.HTMLParser(strict=True).parseFragment(html)
    assert html.count("<table") == 3 and 'rowspan="' in html and "<h1" in html
    text = mime.text()
    assert text.startswith("周口市工业和信息化局2024年政府信息公开工作年度报告\n")
    assert "一、总体情况" in text and "第二十条第（一）项" in text


def test_an_exporter_failure_is_a_message_not_a_crash(page, monkeypatch, tmp_path: Path) -> None:
    import core.docx

    def boom(*_a, **_k):
        raise RuntimeError("测试用的故障")

    monkeypatch.setattr(core.docx, "docx_of", boom)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "x.docx"), ""))
    page.docx_button.click()
    assert not (tmp_path / "x.docx").exists()
    assert "测试用的故障" in page.shown[-1]


def test_word_export_names_the_fonts_its_rare_characters_need(qtbot, monkeypatch, tmp_path: Path) -> None:
    """The notes come from the same block document as the file: a name outside GBK is named in 详细信息."""
    from dataclasses import replace

    from gui.check_page import CheckPage
    from gui.document import Document

    details: list[str] = []
    monkeypatch.setattr("gui.export_done.ExportedBox.exec", lambda box: details.append(box.detailedText()) or 0)
    report = load_sample()
    report = replace(report, meta=replace(report.meta, agency="𠀀城市工业和信息化局"))
    doc = Document()
    doc.load_report(report, None)
    page = CheckPage("检查与导出", doc)
    qtbot.addWidget(page)
    target = tmp_path / "r.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.docx_button.click()
    assert target.is_file()
    assert len(details) == 1 and "𠀀 超出 GBK" in details[0] and "SimSun-ExtB" in details[0]
