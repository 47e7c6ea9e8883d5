"""从上年报告新建 from last year's published DOCX: imported, saved where the clerk says, referenced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from core.compute import compute
from core.docx import export_docx
from core.format2021 import T3_APPLICANT_COLS, t3_id
from core.project_file import load
from core.sample import load_sample


def _published(tmp_path: Path) -> Path:
    sample = load_sample()
    path = tmp_path / "上年年报.docx"
    path.write_bytes(export_docx(sample, compute(sample), [], draft=False))
    return path


def test_published_docx_is_imported_saved_and_referenced(window, monkeypatch, tmp_path) -> None:
    source = _published(tmp_path)
    offered: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))

    def save_as(_parent, _title, default, _filter, *a, **k):
        offered.append(default)
        return str(tmp_path / "去年.gkbg"), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    window.new_from_previous()
    assert offered == [str(tmp_path / "上年年报-上年.gkbg")]
    kept = load(tmp_path / "去年.gkbg")
    sample = load_sample()
    assert kept.meta.agency == sample.meta.agency
    new = window.doc.report
    assert new.meta.year == sample.meta.year + 1
    assert Path(new.meta.previous_report).resolve() == (tmp_path / "去年.gkbg").resolve()
    assert window.doc.previous is not None and window.doc.previous_error == ""  # X1–X4 have last year
    res = compute(sample)
    for col in T3_APPLICANT_COLS:
        assert new.cells[t3_id("carried_in", col)] == res.value(t3_id("carried_out", col))
    assert "已根据上年报告新建" in window.statusBar().currentMessage()


def test_cancelling_the_save_writes_nothing_and_keeps_the_report(window, monkeypatch, tmp_path) -> None:
    source = _published(tmp_path)
    before = window.doc.report
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    window.new_from_previous()  # conftest's save dialog answers "" (cancel)
    assert window.doc.report is before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".gkbg") == []


def test_a_document_that_is_no_report_is_refused_in_chinese(window, monkeypatch, tmp_path, dialogs) -> None:
    junk = tmp_path / "x.txt"
    junk.write_text("今天天气很好。\n", encoding="utf-8")
    before = window.doc.report
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(junk), ""))
    window.new_from_previous()
    assert window.doc.report is before
    assert any(kind == "critical" and "年度报告" in text for kind, text in dialogs)
