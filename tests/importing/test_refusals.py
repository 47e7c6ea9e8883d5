"""Documents that cannot be used are refused quickly, in Chinese, naming the reason; nothing is written."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from core import cli
from core.importing import ImportRefused, import_bytes, import_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PDF = (FIXTURES / "p-dept.pdf").read_bytes()


def refused(data: bytes, name: str, *words: str, seconds: float = 5.0) -> str:
    start = time.perf_counter()
    with pytest.raises(ImportRefused) as info:
        import_bytes(data, name)
    assert time.perf_counter() - start < seconds
    message = str(info.value)
    assert name in message
    for w in words:
        assert w in message
    return message


def test_truncated_pdf() -> None:
    refused(PDF[: len(PDF) // 3], "半截.pdf", "损坏或不完整")


def test_encrypted_pdf() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(PDF)).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    refused(out.getvalue(), "加密.pdf", "已加密")


def test_image_only_pdf_says_ocr_is_not_done() -> None:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.rect(50, 50, 400, 600, fill=1)  # a scan: marks on the page, no characters
    c.showPage()
    c.save()
    refused(out.getvalue(), "扫描件.pdf", "没有文字层", "OCR")


def test_docx_zip_bomb() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b"a" * (30 * 1024 * 1024))
    refused(out.getvalue(), "炸弹.docx", "压缩炸弹")


def test_html_with_100000_nested_tags() -> None:
    import tracemalloc

    data = b"<html><body>" + b"<div>" * 100_000 + "年度报告".encode() + b"</div>" * 100_000 + b"</body></html>"
    tracemalloc.start()
    try:
        refused(data, "嵌套.html", "不是政府信息公开工作年度报告")
        assert tracemalloc.get_traced_memory()[1] < 200 * 1024 * 1024
    finally:
        tracemalloc.stop()
    deep_tables = b"<html><body>" + b"<table><tr><td>" * 100_000 + b"</body></html>"
    refused(deep_tables, "表格嵌套.html", "标签超过")


def test_not_an_annual_report() -> None:
    refused("会议通知\n请各单位于周五前报送材料。\n".encode(), "通知.txt", "不是政府信息公开工作年度报告")


def test_binary_and_other_zip() -> None:
    refused(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "图片.png", "支持带文字层的 PDF")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("a.txt", "x")
    refused(out.getvalue(), "资料.zip", "压缩包")


def test_old_word_without_libreoffice_says_how_to_save(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\x00" * 512
    refused(ole, "旧版.doc", "另存为 .docx")
    sheet = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + b"\x00" * 512
    refused(sheet, "旧版.et", "另存为 .xlsx")


def test_content_decides_not_the_suffix(tmp_path: Path) -> None:
    disguised = tmp_path / "report.doc"
    disguised.write_bytes(PDF)
    assert import_file(disguised).document.kind == "PDF"


def test_cli_prints_the_import_report_and_writes_the_project(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from core.project_file import load

    out = tmp_path / "out.gkbg"
    assert cli.main(["import", str(FIXTURES / "w-relabel.docx"), "-o", str(out)]) == cli.EXIT_OK
    text = capsys.readouterr().out
    assert "机关名称：某市教育局" in text and "表三（依申请公开）：在第2个表格找到，读到 175/175 个单元格" in text
    assert "印刷的合计与计算值不同" in text  # the published report's own arithmetic error, kept for R2/R4
    report = load(out)
    assert report.meta.agency == "某市教育局" and report.stated_totals


def test_cli_refusal_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "半截.pdf"
    bad.write_bytes(PDF[:2000])
    out = tmp_path / "out.gkbg"
    assert cli.main(["import", str(bad), "-o", str(out)]) == cli.EXIT_UNUSABLE
    assert not out.exists()
    assert "损坏或不完整" in capsys.readouterr().err


def test_published_errors_reach_the_rules() -> None:
    from core.rules import check

    relabel = import_file(FIXTURES / "w-relabel.docx").report
    assert {"R2", "R4"} <= {f.rule for f in check(relabel)}  # printed totals kept, not recomputed
    gov = import_file(FIXTURES / "p-gov.pdf")
    assert str(gov.report.cells["t2.fees.amount"]) == "251000元"  # kept as typed, not 251000
    assert "R5" in {f.rule for f in check(gov.report)}
    assert gov.report.cells.get("t3.deny_secret.natural") is None  # 「/」 is a blank, never 0
    old = import_file(FIXTURES / "w-2019.docx")
    assert "（六）其他处理（单行）" in old.match.residue_2019
    assert any("只有一行" in n for n in old.match.notes)


def test_a_library_failure_is_a_refusal_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import core.importing.docx_reader as reader

    def broken(data: bytes, name: str) -> None:
        raise RecursionError("deep")

    monkeypatch.setattr(reader, "read_docx", broken)
    refused((FIXTURES / "w-dept.docx").read_bytes(), "怪.docx", "无法读取", "RecursionError")
