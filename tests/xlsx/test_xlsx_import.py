"""Import: exact round trip, edits made in a spreadsheet, and refusals with Chinese messages."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from core import cli
from core.compute import compute
from core.format2021 import INFO_FEE_ID, NARRATIVE_TITLES, Unit, t2_id, t3_id, t4_id
from core.model import Report
from core.project_file import dumps, loads
from core.sample import load_sample
from core.values import Invalid, parse
from core.xlsx import XlsxImportError, import_xlsx
from core.xlsx import layout as L
from tests.core.build import consistent_report, with_stated_totals
from tests.xlsx.conftest import export, full_report

Writer = Callable[..., Path]


def roundtrip(report: Report, write_export: Writer) -> Report:
    return import_xlsx(write_export(report))


def same(a: Report, b: Report) -> None:
    assert dumps(a) == dumps(b)


def coord(cell_id: str) -> tuple[str, str]:
    sheet, r, c = L.POSITION[cell_id]
    return sheet, L.a1(r, c)


def edit(path: Path, changes: dict[tuple[str, str], object]) -> Path:
    wb = openpyxl.load_workbook(path)
    for (sheet, ref), value in changes.items():
        wb[sheet][ref].value = value
    out = path.with_name(path.stem + "-edited.xlsx")
    wb.save(out)
    return out


def refused(path: Path, *needles: str) -> str:
    with pytest.raises(XlsxImportError) as exc:
        import_xlsx(path)
    message = str(exc.value)
    for needle in needles:
        assert needle in message, message
    return message


# ---------------------------------------------------------------- round trip


def test_sample_round_trip_is_identity(write_export: Writer) -> None:
    report = load_sample()
    same(roundtrip(report, write_export), report)


def test_full_report_round_trip_keeps_decimals_and_meta(write_export: Writer) -> None:
    report = loads(dumps(full_report()))
    back = roundtrip(report, write_export)
    same(back, report)
    assert back.cells[t2_id("fees", "amount")] == Decimal("24252.311082")
    assert str(back.cells[INFO_FEE_ID]) == "1234.50"
    assert back.baseline_in_force == {"regulations": 7, "normative": 31}


def test_stated_totals_and_invalid_entries_survive(write_export: Writer) -> None:
    report = with_stated_totals(consistent_report(random.Random(3)))
    report.stated_totals[t3_id("total", "total")] = 1  # a misprinted total, kept for R2/R3
    report.stated_totals[t4_id("review", "total")] = parse("十一", Unit.COUNT)
    report.cells[t3_id("new", "legal")] = parse("251000元", Unit.COUNT)
    report.cells[t2_id("fees", "amount")] = parse("-5", Unit.WAN_YUAN)
    report = loads(dumps(report))
    back = roundtrip(report, write_export)
    same(back, report)
    assert back.stated_totals[t3_id("total", "total")] == 1
    assert isinstance(back.cells[t3_id("new", "legal")], Invalid)
    assert isinstance(back.stated_totals[t4_id("review", "total")], Invalid)


def test_blank_report_round_trip(write_export: Writer) -> None:
    report = loads(dumps(Report.blank()))
    back = roundtrip(report, write_export)
    same(back, report)
    assert back.cells == {} and back.meta.year is None


def test_empty_paragraphs_at_the_end_survive(write_export: Writer) -> None:
    report = full_report()
    report.narrative.update({"preamble": "", "s1": "\n", "s5": "", "s6": "\n\n"})
    report = loads(dumps(report))
    same(roundtrip(report, write_export), report)


def test_long_paragraph_and_awkward_text_survive(write_export: Writer) -> None:
    report = full_report()
    report.narrative["s1"] = "甲" * 2500 + "\n\n_x0041_ 与 _x005F_ 原样\t保留\x01\r=1+1\n"
    report.meta.agency = "@某局_x000D_"
    report = loads(dumps(report))
    same(roundtrip(report, write_export), report)


# ---------------------------------------------------------------- edits in a spreadsheet


def test_edits_on_the_table_sheets_are_picked_up(write_export: Writer) -> None:
    report = full_report()
    path = write_export(report)
    edited = edit(path, {
        coord(t3_id("public", "natural")): 500,
        coord(t2_id("fees", "amount")): 12.5,
        coord(t4_id("review", "upheld")): None,
        (L.INFO_SHEET, L.a1(L.INFO_FIELD_ROW["meta.agency"], 1)): "另一个局",
    })
    back = import_xlsx(edited)
    assert back.cells[t3_id("public", "natural")] == 500
    assert back.cells[t2_id("fees", "amount")] == Decimal("12.5")
    assert t4_id("review", "upheld") not in back.cells
    assert back.meta.agency == "另一个局"
    assert back.stated_totals == {}  # totals are still formulas: the core recomputes them
    results = compute(back)
    assert results.value(t3_id("public", "total")) == sum(
        back.cells[t3_id("public", c)] for c in ("natural", "business", "research", "nonprofit", "legal", "other"))


def test_paragraph_inserted_in_the_spreadsheet(write_export: Writer) -> None:
    path = write_export(full_report())
    wb = openpyxl.load_workbook(path)
    ws = wb[L.INFO_SHEET]
    rows = [r[0].row for r in ws.iter_rows(min_col=1, max_col=1) if r[0].value == NARRATIVE_TITLES["s5"]]
    ws.insert_rows(rows[0] + 1)
    ws.cell(rows[0] + 1, 2).value = "新增一段。"
    out = path.with_name("inserted.xlsx")
    wb.save(out)
    back = import_xlsx(out)
    assert back.narrative["s5"].split("\n")[:2] == ["（一）存在问题", "新增一段。"]


def test_numbers_typed_as_text_are_read(write_export: Writer) -> None:
    path = write_export(full_report())
    back = import_xlsx(edit(path, {coord(t3_id("new", "natural")): " 42 ", coord(t3_id("new", "business")): "/"}))
    assert back.cells[t3_id("new", "natural")] == 42
    assert t3_id("new", "business") not in back.cells


def test_a_total_overtyped_with_a_number_becomes_a_stated_total(write_export: Writer) -> None:
    path = write_export(full_report())
    back = import_xlsx(edit(path, {coord(t4_id("review", "total")): 1}))
    assert back.stated_totals == {t4_id("review", "total"): 1}


def test_formula_typed_into_an_input_cell_without_a_saved_result_is_refused(write_export: Writer) -> None:
    path = write_export(full_report())
    refused(edit(path, {coord(t3_id("new", "natural")): "=1+2"}), "表三", "D6", "公式")


# ---------------------------------------------------------------- refusals


def test_refuses_a_text_file(tmp_path: Path) -> None:
    p = tmp_path / "notes.xlsx"
    p.write_text("不是工作簿", encoding="utf-8")
    refused(p, "不是 xlsx 工作簿")


def test_refuses_an_old_xls(tmp_path: Path) -> None:
    p = tmp_path / "old.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    refused(p, ".xls")


def test_refuses_a_missing_file(tmp_path: Path) -> None:
    refused(tmp_path / "nope.xlsx", "找不到文件")


def test_refuses_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    p = tmp_path / "a.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("readme.txt", "hello")
    refused(p, "缺少工作簿结构")


def test_refuses_someone_elses_workbook(tmp_path: Path) -> None:
    p = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "数据"
    wb.active["A1"] = "别的表"
    wb.save(p)
    refused(p, "数据", "B1", "不是政府信息公开年报助手导出的工作簿")
    wb = openpyxl.Workbook()
    wb.save(p)
    refused(p, "不是政府信息公开年报助手导出的工作簿")


def test_refuses_a_removed_sheet(write_export: Writer) -> None:
    path = write_export(full_report())
    wb = openpyxl.load_workbook(path)
    del wb["表三"]
    wb.save(path)
    refused(path, "缺少工作表“表三”")


def test_refuses_text_in_a_number_cell(write_export: Writer) -> None:
    path = write_export(full_report())
    msg = refused(edit(path, {coord(t3_id("carried_in", "research")): "十二"}), "表三", "F7", "十二")
    assert "不是整数" in msg


def test_refuses_a_negative_count_and_a_fractional_count(write_export: Writer) -> None:
    path = write_export(full_report())
    refused(edit(path, {coord(t4_id("suit_after", "pending")): -2}), "表四", "N6", "不能为负数")
    refused(edit(path, {coord(t2_id("licensing", "decisions")): 2.5}), "表二", "件数必须是整数")
    refused(edit(path, {coord(t2_id("fees", "amount")): -0.5}), "表二", "金额不能为负数")


def test_refuses_a_merge_that_hides_a_number(write_export: Writer) -> None:
    path = write_export(full_report())
    wb = openpyxl.load_workbook(path)
    wb["表三"].merge_cells("D6:E6")
    wb.save(path)
    refused(path, "表三", "D6:E6", "合并单元格")


def test_refuses_a_moved_row(write_export: Writer) -> None:
    path = write_export(full_report())
    wb = openpyxl.load_workbook(path)
    ws = wb["表三"]
    ws.protection.sheet = False
    ws.insert_rows(7)
    wb.save(path)
    refused(path, "表三", "A7", "插入、删除或移动")


def test_refuses_a_missing_meta_row_and_unknown_kind(write_export: Writer) -> None:
    path = write_export(full_report())
    row = L.INFO_FIELD_ROW["meta.kind"]
    refused(edit(path, {(L.INFO_SHEET, L.a1(row, 1)): "某种类型"}), L.INFO_SHEET, L.a1(row, 1), "报告类型")
    refused(edit(path, {(L.INFO_SHEET, L.a1(row, 0)): None}), "缺少“报告类型”")
    year = L.INFO_FIELD_ROW["meta.year"]
    refused(edit(path, {(L.INFO_SHEET, L.a1(year, 1)): 24}), "报告年度")


def test_refuses_a_zip_bomb_before_opening_it(tmp_path: Path) -> None:
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    assert p.stat().st_size < 1024 * 1024
    refused(p, "压缩炸弹")
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(many, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for i in range(600):
            z.writestr(f"xl/x{i}.xml", "")
    refused(many, "压缩成员")


def test_refuses_an_xml_entity_attack(write_export: Writer, tmp_path: Path) -> None:
    path = write_export(full_report())
    src = zipfile.ZipFile(path)
    out = tmp_path / "laughs.xlsx"
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/workbook.xml":
                text = body.decode()
                body = (bomb + text[text.index("?>") + 2:]).encode()
            dst.writestr(info, body)
    refused(out, "不安全的 XML")


def test_a_damaged_workbook_is_refused_not_a_traceback(write_export: Writer, tmp_path: Path) -> None:
    data = bytearray(export(full_report()))
    out = tmp_path / "damaged.xlsx"
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    with zipfile.ZipFile(out, "w") as dst:
        for info in zf.infolist():
            body = zf.read(info.filename)
            if info.filename == "xl/worksheets/sheet3.xml":
                body = body[: len(body) // 2]
            dst.writestr(info, body)
    refused(out, "damaged.xlsx")


def test_cli_reads_an_edited_workbook_by_labels(write_export: Writer, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    # import-xlsx is an alias of import: what the exact reading refuses is read by labels, kept as typed.
    path = write_export(full_report())
    bad = edit(path, {coord(t3_id("new", "natural")): -1})
    target = tmp_path / "out.gkbg.json"
    assert cli.main(["import-xlsx", str(bad), "-o", str(target)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "工作表“表三”单元格 D6" in out and "不能为负数" in out
    assert str(loads(target.read_text(encoding="utf-8")).get(t3_id("new", "natural"))) == "-1"
    assert cli.main(["import-xlsx", str(path), "-o", str(target)]) == cli.EXIT_OK
    same(loads(target.read_text(encoding="utf-8")), loads(dumps(full_report())))


@pytest.mark.parametrize("typed", [2024.5, -2024, "二〇二四"])
def test_a_bad_year_is_refused_as_a_year_not_as_a_count(write_export: Writer, typed: object) -> None:
    path = write_export(full_report())
    ref = L.a1(L.INFO_FIELD_ROW["meta.year"], 1)
    message = refused(edit(path, {(L.INFO_SHEET, ref): typed}), L.INFO_SHEET, ref, "报告年度应为四位数年份")
    assert "件数" not in message


def test_a_count_with_more_than_15_digits_survives_the_round_trip(write_export: Writer) -> None:
    # Excel and LibreOffice keep 15 significant digits; the figure typed must come back whole.
    report = load_sample()
    report.set(t2_id("licensing", "decisions"), 12345678901234567890)
    report.stated_totals[t4_id("review", "total")] = 98765432109876543
    back = roundtrip(report, write_export)
    same(back, report)
    # A clerk who changes the number in the spreadsheet still gets the new number.
    path = write_export(report)
    edited = import_xlsx(edit(path, {coord(t2_id("licensing", "decisions")): 5}))
    assert edited.cells[t2_id("licensing", "decisions")] == 5


@pytest.mark.parametrize("typed", [1e20, 1.234567890123457e17])
def test_a_huge_amount_typed_in_a_spreadsheet_survives_saving_the_project(write_export: Writer,
                                                                          typed: float) -> None:
    # openpyxl reads such a figure as a float whose repr has an exponent; the project file
    # must still read it back as a number, not as the invalid entry 「1E+20」.
    path = write_export(load_sample())
    report = import_xlsx(edit(path, {coord(t2_id("fees", "amount")): typed}))
    again = loads(dumps(report))
    value = again.cells[t2_id("fees", "amount")]
    assert isinstance(value, Decimal) and value == Decimal(repr(typed))


def test_refuses_a_deleted_table4_row_instead_of_importing_a_blank_table(write_export: Writer) -> None:
    # 表四's data row has no label to check: deleted, it used to import as all blanks.
    path = write_export(full_report())
    wb = openpyxl.load_workbook(path)
    sheet, ref = coord(t4_id("review", "upheld"))
    wb[sheet].delete_rows(wb[sheet][ref].row)
    wb.save(path)
    refused(path, "表四", "第6行", "删除")


def test_refuses_a_reference_excel_turned_into_ref_error(write_export: Writer) -> None:
    # What Excel and WPS leave in 数据 when a referenced row or column is deleted.
    path = write_export(full_report())
    wb = openpyxl.load_workbook(path)
    ws = wb[L.DATA_SHEET]
    row = next(r for r in ws.iter_rows() if r[0].value == t4_id("review", "upheld"))
    cell = row[L.DATA_VALUE_COL]
    cell.value = "=IF(ISBLANK('表四'!#REF!),\"\",'表四'!#REF!)"
    wb.save(path)
    refused(path, L.DATA_SHEET, cell.coordinate, "#REF!", "行政复议")


def test_refuses_a_row_inserted_above_table4_data(write_export: Writer) -> None:
    # What LibreOffice saves after 插入行 above 表四's data row: the figures move down, the
    # 数据 formulas follow them, and the labels above are untouched. It used to import blanks.
    path = write_export(full_report())
    wb = openpyxl.load_workbook(path)
    sheet, ref = coord(t4_id("review", "upheld"))
    row = wb[sheet][ref].row
    wb[sheet].insert_rows(row)
    for r in wb[L.DATA_SHEET].iter_rows():
        if isinstance(r[0].value, str) and r[0].value.startswith("t4."):
            cell = r[L.DATA_VALUE_COL]
            cell.value = cell.value.replace(f"{row})", f"{row + 1})").replace(f"{row},", f"{row + 1},")
    wb.save(path)
    refused(path, "表四", ref, "已移到", f"A{row + 1}")
