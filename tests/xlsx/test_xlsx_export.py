"""The exported workbook: official layout, live totals with cached values, protection, no injection."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from core.compute import compute
from core.format2021 import (
    CELLS,
    COMPUTED_IDS,
    GRIDS,
    INFO_FEE_ID,
    INPUT_IDS,
    NARRATIVE_TITLES,
    Unit,
    t2_id,
    t3_id,
)
from core.project_file import dumps
from core.sample import load_sample
from core.values import Invalid, display, parse
from core.xlsx import import_xlsx
from core.xlsx import layout as L
from tests.xlsx.conftest import export, full_report


def load(data: bytes, **kw: object) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), **kw)


def cell(ws: openpyxl.worksheet.worksheet.Worksheet, cell_id: str) -> openpyxl.cell.Cell:
    _, r, c = L.POSITION[cell_id]
    return ws.cell(r + 1, c + 1)


def test_sheets_in_order_and_marker() -> None:
    wb = load(export(full_report()))
    assert wb.sheetnames == [L.INFO_SHEET, "表二", "表三", "表四", L.FINDINGS_SHEET, L.DATA_SHEET]
    data = wb[L.DATA_SHEET]
    assert (data["A1"].value, data["B1"].value) == ("format", L.MARKER_VALUE)


def test_every_total_present_for_a_reader_that_never_recalculates() -> None:
    report = full_report()
    results = compute(report)
    wb = load(export(report), data_only=True)
    for spec in CELLS:
        sheet, r, c = L.POSITION[spec.id]
        got = wb[sheet].cell(r + 1, c + 1).value
        expected = results.value(spec.id)
        assert got is not None, spec.id
        if isinstance(expected, Decimal):
            assert Decimal(repr(got)) == expected, spec.id
        else:
            assert got == expected, spec.id
    # 数据 carries the same values, also cached
    data = wb[L.DATA_SHEET]
    by_id = {row[0]: row[L.DATA_VALUE_COL] for row in data.iter_rows(values_only=True)}
    for cid in COMPUTED_IDS:
        assert by_id[cid] == results.value(cid)


def test_totals_are_same_sheet_formulas_and_locked_inputs_are_not() -> None:
    wb = load(export(full_report()))
    for key, sheet in L.TABLE_SHEETS.items():
        ws = wb[sheet]
        assert ws.protection.sheet and not ws.protection.password
        for gc in GRIDS[key].value_cells():
            assert gc.cell_id is not None
            c = cell(ws, gc.cell_id)
            if gc.cell_id in COMPUTED_IDS:
                assert c.data_type == "f", gc.cell_id
                assert "!" not in c.value and c.value.startswith("=IF(COUNT("), c.value
                assert c.protection.locked
            else:
                assert c.data_type == "n", gc.cell_id
                assert not c.protection.locked, gc.cell_id
    # 表三 一、新收 / 总计 sums the six applicant columns of its own row
    t3 = wb["表三"]
    formula = cell(t3, t3_id("new", "total")).value
    first, last = cell(t3, t3_id("new", "natural")).coordinate, cell(t3, t3_id("new", "other")).coordinate
    assert formula == f'=IF(COUNT({first}:{last})=0,"",SUM({first}:{last}))'


def test_every_input_cell_has_a_non_negative_validation() -> None:
    wb = load(export(full_report()))
    for spec in CELLS:
        if spec.computed:
            continue
        sheet, r, c = L.POSITION[spec.id]
        ws = wb[sheet]
        coord = ws.cell(r + 1, c + 1).coordinate
        rules = [dv for dv in ws.data_validations.dataValidation if coord in dv.sqref]
        assert len(rules) == 1, spec.id
        dv = rules[0]
        assert dv.type == ("whole" if not spec.unit.is_money else "decimal"), spec.id
        assert dv.operator == "greaterThanOrEqual" and dv.formula1 == "0"
        assert dv.showErrorMessage and dv.error


def test_official_layout_labels_verbatim_and_merged() -> None:
    wb = load(export(full_report()))
    for key, grid in GRIDS.items():
        ws = wb[L.TABLE_SHEETS[key]]
        merged = {str(m) for m in ws.merged_cells.ranges}
        for gc in grid.cells:
            r, c = L.grid_position(gc)
            if gc.kind != "value":
                assert ws.cell(r + 1, c + 1).value == gc.text
            if gc.rowspan > 1 or gc.colspan > 1:
                assert L.merge_ref(key, gc) in merged, (key, gc)
        assert ws.cell(2, 1).value == grid.title
    t3 = wb["表三"]
    assert t3["A3"].value.startswith("（本列数据的勾稽关系为")


def test_print_setup_freeze_and_widths() -> None:
    wb = load(export(full_report()))
    for key, sheet in L.TABLE_SHEETS.items():
        ws = wb[sheet]
        assert ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth in (None, 1)  # 1 is the OOXML default, left out
        assert ws.page_setup.fitToHeight == 0
        assert ws.page_setup.orientation == ("landscape" if key in ("t3", "t4") else "portrait")
        assert ws.freeze_panes is not None
    t3 = wb["表三"]
    assert t3.freeze_panes == "D6"  # three header rows below the titles, three label columns
    assert t3.print_title_rows == "$3:$5"
    # the long 表三 labels get a wide column, wrapped
    assert t3.column_dimensions["C"].width >= 40
    long_label = t3["C27"]
    assert long_label.value.startswith("2.申请人逾期未按收费通知要求缴纳费用") and long_label.alignment.wrap_text
    assert t3.row_dimensions[27].height >= 30


def test_draft_is_marked_and_final_is_not() -> None:
    draft = load(export(full_report(), draft=True))
    final = load(export(full_report(), draft=False))
    for sheet in ("表二", "表三", "表四", L.INFO_SHEET):
        assert draft[sheet]["A1"].value.endswith("（草稿）")
        assert "草稿" in draft[sheet].oddHeader.center.text
        assert "草稿" not in final[sheet]["A1"].value
        assert not final[sheet].oddHeader.center.text
    assert draft.properties.title.endswith("（草稿）")


INJECTIONS = ["=HYPERLINK(\"http://x\",\"点我\")", "+1+2", "-3+4", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def test_text_is_never_a_formula() -> None:
    report = full_report()
    report.meta.agency = INJECTIONS[0]
    report.meta.contact = INJECTIONS[1]
    report.meta.compiler = INJECTIONS[2]
    report.narrative["s1"] = "\n".join(INJECTIONS)
    report.cells[t3_id("new", "natural")] = parse("-3", Unit.COUNT)
    data = export(report)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in info_xml  # the 基本信息与正文 sheet holds no formula at all
    wb = load(data)
    ws = wb[L.INFO_SHEET]
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for inj in INJECTIONS:
        escaped = L.escape_text(inj)
        hits = [c for c in texts if c.value == escaped]
        assert hits, inj
        for c in hits:
            assert c.data_type == "s"
            assert c.quotePrefix, inj
    t3 = wb["表三"]
    neg = cell(t3, t3_id("new", "natural"))
    assert neg.data_type == "s" and neg.value == "-3"


def test_stated_total_is_printed_as_stated_not_recomputed() -> None:
    report = full_report()
    cid = t3_id("new", "total")
    report.stated_totals[cid] = 999
    results = compute(report)
    assert results.value(cid) == 999 != results.computed[cid]
    wb = load(export(report))
    c = cell(wb["表三"], cid)
    assert c.data_type == "n" and c.value == 999
    assert c.comment is not None and "不符" in c.comment.text
    assert not c.protection.locked


def test_money_keeps_its_exact_digits() -> None:
    report = full_report()
    report.cells[t2_id("fees", "amount")] = Decimal("96171.60")
    wb = load(export(report))
    fee = cell(wb["表二"], t2_id("fees", "amount"))
    assert fee.number_format == "0.00" and fee.value == pytest.approx(96171.6)
    info = cell(wb[L.INFO_SHEET], INFO_FEE_ID)
    assert info.number_format == "0.00" and info.value == pytest.approx(1234.5)
    data = wb[L.DATA_SHEET]
    exact = {row[0]: row[L.DATA_EXACT_COL] for row in data.iter_rows(values_only=True)}
    assert exact[t2_id("fees", "amount")] == "96171.60"
    assert exact[INFO_FEE_ID] == "1234.50"


def test_blank_cells_stay_blank_and_blank_totals_are_empty() -> None:
    report = full_report()
    for cid in INPUT_IDS:
        if cid.startswith("t4.review."):
            report.cells.pop(cid)
    wb = load(export(report), data_only=True)
    assert cell(wb["表四"], "t4.review.upheld").value is None
    assert cell(wb["表四"], "t4.review.total").value in (None, "")


def test_narrative_one_paragraph_per_row() -> None:
    report = full_report()
    wb = load(export(report))
    ws = wb[L.INFO_SHEET]
    rows = [(r[0], r[1]) for r in ws.iter_rows(min_row=L.INFO_TEXT_TOP + 2, max_col=2, values_only=True)]
    start = rows.index((NARRATIVE_TITLES["s1"], "（一）主动公开"))
    assert rows[start + 1:start + 4] == [(None, "全年主动公开信息312条。"), (None, None), (None, "（二）依申请公开")]
    assert rows[-1][0] == L.TEXT_END


def test_same_input_same_bytes() -> None:
    report = load_sample()
    assert export(report) == export(report)


def test_findings_listed() -> None:
    report = full_report()
    report.cells[t3_id("new", "natural")] = 10**6  # breaks R1
    wb = load(export(report))
    ws = wb[L.FINDINGS_SHEET]
    rules = {r[0] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert "R1" in rules


def test_sample_prints_zero_as_zero() -> None:
    report = load_sample()
    results = compute(report)
    wb = load(export(report), data_only=True)
    for cid in COMPUTED_IDS:
        sheet, r, c = L.POSITION[cid]
        assert display(results.value(cid)) == "0"
        assert wb[sheet].cell(r + 1, c + 1).value == 0
    assert re.fullmatch(r"周口市工业和信息化局2024年政府信息公开工作年度报告", wb["表二"]["A1"].value)



def test_a_count_too_large_for_a_spreadsheet_is_exported_as_text_and_comes_back(tmp_path: Path) -> None:
    # A pasted run of digits: XlsxWriter cannot turn it into a float and used to raise.
    report = load_sample()
    # Since the bounds of core.values, such a run is kept as typed (Invalid, reported by R5).
    report.set("t3.new.natural", parse(str(10**400), Unit.COUNT))
    assert isinstance(report.cells["t3.new.natural"], Invalid)
    path = tmp_path / "huge.xlsx"
    path.write_bytes(export(report))
    assert dumps(import_xlsx(path)) == dumps(report)
