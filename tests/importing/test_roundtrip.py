"""Our own exports (PDF, DOCX, HTML, XLSX) of random consistent reports, imported back by their labels,
are the identity on every cell (PDF, DOCX, HTML: also the title's meta)."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.compute import compute
from core.docx import export_docx
from core.format2021 import CELL, INPUT_IDS, T3_ROW, TABLE_INPUT_IDS, ReportKind
from core.html import export_html
from core.importing import ImportResult, import_bytes, import_file
from core.model import Meta, Report
from core.pdf import export_pdf
from core.rules import check
from core.values import display
from core.xlsx import export_xlsx

AGENCIES = ["某市交通运输局", "某某县人民政府", "某区市场监督管理局", "某省教育厅", "某镇人民政府"]
CREATED = dt.datetime(2025, 1, 20, 9, 0)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    agency = draw(st.sampled_from(AGENCIES))
    kind = ReportKind.GOVERNMENT if agency.endswith("人民政府") else ReportKind.DEPARTMENT
    r = Report.blank()
    r.meta = Meta(agency=agency, year=draw(st.integers(2021, 2030)), kind=kind)
    for cid in INPUT_IDS:
        if draw(st.integers(0, 9)) == 0:
            continue  # blank
        if CELL[cid].unit.is_money:
            r.cells[cid] = Decimal(draw(st.integers(0, 10**7))) / 100
        else:
            r.cells[cid] = draw(st.integers(0, 10**5))
    return r


def _same_cells(a: Report, b: Report, ids: tuple[str, ...]) -> None:
    ra, rb = compute(a), compute(b)
    assert {c: display(ra.value(c)) for c in ids} == {c: display(rb.value(c)) for c in ids}
    assert b.stated_totals == {}


@given(reports())
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_pdf_export_imported_back(report: Report) -> None:
    results = compute(report)
    data = export_pdf(report, results, check(report, results), draft=False, created=CREATED).data
    back = import_bytes(data, "导出.pdf")
    ids = tuple(c for c in CELL if CELL[c].table != "s6")
    _same_cells(report, back.report, ids)
    assert (back.report.meta.agency, back.report.meta.year, back.report.meta.kind) == (
        report.meta.agency, report.meta.year, report.meta.kind)
    assert back.doubts == [] or all(d.cell_id == "s6.info_fee" for d in back.doubts)


@given(reports(), st.booleans())
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_docx_export_imported_back(report: Report, draft: bool) -> None:
    results = compute(report)
    data = export_docx(report, results, check(report, results), draft=draft, created=CREATED)
    _same_document(report, import_bytes(data, "导出.docx"))


@given(reports(), st.booleans())
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_html_export_imported_back(report: Report, draft: bool) -> None:
    results = compute(report)
    data = export_html(report, results, check(report, results), draft=draft, created=CREATED)
    _same_document(report, import_bytes(data, "导出.html"))


def _same_document(report: Report, back: ImportResult) -> None:
    ids = tuple(c for c in CELL if CELL[c].table != "s6")
    _same_cells(report, back.report, ids)
    for cid in INPUT_IDS:  # every input cell exactly, not only as displayed
        if CELL[cid].table != "s6":
            assert back.report.cells.get(cid) == report.cells.get(cid), cid
    assert (back.report.meta.agency, back.report.meta.year, back.report.meta.kind) == (
        report.meta.agency, report.meta.year, report.meta.kind)
    assert back.doubts == [] or all(d.cell_id == "s6.info_fee" for d in back.doubts)


@given(reports(), st.booleans())
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_xlsx_export_imported_back_by_labels(report: Report, draft: bool) -> None:
    results = compute(report)
    data = export_xlsx(report, results, check(report, results), draft=draft, created=CREATED)
    # By bytes alone: no exact reading at the exporter's positions, only labels.
    back = import_bytes(data, "导出.xlsx")
    assert not back.exact_workbook
    for cid in INPUT_IDS:
        assert back.report.cells.get(cid) == report.cells.get(cid), cid
    assert back.report.meta.agency == report.meta.agency and back.report.meta.kind == report.meta.kind
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "导出.xlsx"
        path.write_bytes(data)
        exact = import_file(path)
    assert exact.exact_workbook
    _same_cells(report, exact.report, tuple(CELL))


def test_moved_rows_of_our_workbook_are_read_by_labels_and_listed(tmp_path: Path) -> None:
    import openpyxl

    report = Report.blank()
    report.meta = Meta(agency="某市交通运输局", year=2024)
    for i, cid in enumerate(TABLE_INPUT_IDS):
        report.cells[cid] = i
    results = compute(report)
    path = tmp_path / "ours.xlsx"
    path.write_bytes(export_xlsx(report, results, check(report, results), draft=False, created=CREATED))
    book = openpyxl.load_workbook(path)
    ws = book["表三"]
    # A clerk swaps two rows of （三）不予公开 (label and figures): the exact reading refuses it.
    label_of = {r: str(ws.cell(r, 3).value or "") for r in range(1, ws.max_row + 1)}
    a = next(r for r, label in label_of.items() if label.endswith(T3_ROW["deny_secret"].label))
    b = next(r for r, label in label_of.items() if label.endswith(T3_ROW["deny_law"].label))
    for col in range(3, ws.max_column + 1):
        va, vb = ws.cell(a, col).value, ws.cell(b, col).value
        ws.cell(a, col).value, ws.cell(b, col).value = vb, va
    book.save(path)
    back = import_file(path)
    assert not back.exact_workbook
    for cid in TABLE_INPUT_IDS:
        assert back.report.cells.get(cid) == report.cells[cid], cid
    text = "\n".join(back.lines())
    assert "未能按原位置读取" in text
    assert "与格式的行序不同" in text and T3_ROW["deny_law"].label in text
