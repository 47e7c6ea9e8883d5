"""A real spreadsheet as the peer: LibreOffice headless recalculates, re-saves and prints the export."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from core.compute import compute
from core.format2021 import COMPUTED_IDS, GRIDS, Unit, t2_id, t3_id, t4_id
from core.project_file import dumps, loads
from core.values import Invalid, parse
from core.xlsx import import_xlsx
from core.xlsx import layout as L
from tests.xlsx.conftest import export, full_report, strip_cached_values

pytestmark = pytest.mark.slow
Convert = Callable[[Path, str], Path]


def totals(path: Path) -> dict[str, object]:
    wb = openpyxl.load_workbook(path, data_only=True)
    out: dict[str, object] = {}
    for cid in COMPUTED_IDS:
        sheet, r, c = L.POSITION[cid]
        out[cid] = wb[sheet].cell(r + 1, c + 1).value
    return out


def test_libreoffice_recomputes_every_total_to_the_core_value(tmp_path: Path, lo_convert: Convert) -> None:
    report = full_report()
    results = compute(report)
    assert len({results.computed[c] for c in COMPUTED_IDS}) > 20  # distinct, non-zero figures
    src = tmp_path / "nocache.xlsx"
    src.write_bytes(strip_cached_values(export(report)))
    assert set(totals(src).values()) == {None}  # nothing left to read but what gets recalculated
    recalculated = totals(lo_convert(src, "xlsx"))
    assert recalculated == {cid: results.computed[cid] for cid in COMPUTED_IDS}


def test_libreoffice_recomputes_after_an_edit(tmp_path: Path, lo_convert: Convert) -> None:
    report = full_report()
    path = tmp_path / "edit.xlsx"
    path.write_bytes(export(report))
    wb = openpyxl.load_workbook(path)
    changes = {t3_id("public", "natural"): 1000, t3_id("carried_out", "legal"): 7, t4_id("suit_direct", "other"): 0}
    for cid, v in changes.items():
        sheet, r, c = L.POSITION[cid]
        wb[sheet].cell(r + 1, c + 1).value = v
        report.cells[cid] = v
    wb.save(path)  # openpyxl drops every cached value
    resaved = lo_convert(path, "xlsx")
    expected = compute(report)
    assert totals(resaved) == {cid: expected.computed[cid] for cid in COMPUTED_IDS}
    back = import_xlsx(resaved)
    assert dumps(back) == dumps(loads(dumps(report)))


def test_workbook_resaved_by_libreoffice_imports_exactly(tmp_path: Path, lo_convert: Convert) -> None:
    report = full_report()
    report.stated_totals[t4_id("review", "total")] = 3  # a misprinted total
    report.cells[t3_id("new", "legal")] = parse("251000元", Unit.COUNT)
    report.cells[t2_id("fees", "amount")] = Decimal("59237.2449")
    report.narrative["s5"] = "=HYPERLINK(\"x\")\n_x0041_\n\n末段"
    report.meta.contact = "+86 0394-1234567"
    report = loads(dumps(report))
    path = tmp_path / "orig.xlsx"
    path.write_bytes(export(report))
    back = import_xlsx(lo_convert(path, "xlsx"))
    assert dumps(back) == dumps(report)
    assert isinstance(back.cells[t3_id("new", "legal")], Invalid)


def test_formula_typed_by_a_clerk_is_read_through_its_saved_result(tmp_path: Path, lo_convert: Convert) -> None:
    path = tmp_path / "formula.xlsx"
    path.write_bytes(export(full_report()))
    wb = openpyxl.load_workbook(path)
    sheet, r, c = L.POSITION[t3_id("new", "natural")]
    wb[sheet].cell(r + 1, c + 1).value = "=20+22"
    wb.save(path)
    back = import_xlsx(lo_convert(path, "xlsx"))
    assert back.cells[t3_id("new", "natural")] == 42


def test_prints_as_a4_with_the_draft_mark(tmp_path: Path, lo_convert: Convert) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    path = tmp_path / "print.xlsx"
    path.write_bytes(export(full_report(), draft=True))
    pdf = lo_convert(path, "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "草稿" in text and "申请人情况" in text and "未经复议直接起诉" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595" in info and "841" in info  # A4


def test_each_table_sheet_prints_on_one_page_at_9pt_and_the_data_sheet_not(tmp_path: Path,
                                                                            lo_convert: Convert) -> None:
    import collections

    import pdfplumber

    path = tmp_path / "sizes.xlsx"
    path.write_bytes(export(full_report(), draft=True))
    pdf = lo_convert(path, "pdf")
    with pdfplumber.open(pdf) as doc:
        pages = [((p.extract_text() or ""), collections.Counter(round(c["size"], 1) for c in p.chars))
                 for p in doc.pages]
    for grid in GRIDS.values():
        on = [sizes for text, sizes in pages if grid.title in text]
        assert len(on) == 1, grid.title  # one page
        body = on[0].most_common(1)[0][0]
        assert body >= 9.0, (grid.title, body)
    for _text, sizes in pages:
        assert sizes.most_common(1)[0][0] >= 9.0
    assert not any("t3.public.business" in text or "workbook_version" in text for text, _ in pages)
