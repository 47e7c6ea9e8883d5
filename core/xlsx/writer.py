"""Render a report as an XLSX workbook (XlsxWriter: formulas with cached values).

Choices documented in docs/xlsx.md:
- a computed total is a formula over the input cells on its sheet, cached with
  the value the core prints; a total *stated* by the file that disagrees with
  the sum is written as the stated number (not a formula) with a comment, so
  every reader — recalculating or not — shows the same figure the PDF prints;
- text is always written as a string, never as a formula;
- money keeps its exact digits in 数据 (column E) as well as being a number.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import xlsxwriter

from core import __version__
from core.compute import Results
from core.findings import SECTION_NAMES, Finding
from core.format2021 import (
    CELL,
    CELLS,
    GRIDS,
    NARRATIVE_KEYS,
    NARRATIVE_TITLES,
    Align,
    GridCell,
    ReportKind,
    Unit,
)
from core.model import Report
from core.project_file import FORMAT_ID, FORMAT_VERSION, TEMPLATE
from core.values import CellValue, Invalid, display, to_json
from core.xlsx import layout as L

FONT = "宋体"
TITLE_FONT = "黑体"
_XLSX_ALIGN = {Align.LEFT: "left", Align.CENTRE: "center", Align.RIGHT: "right"}
LINE_PT = 15.0  # height of one line of 11 pt CJK text
MAX_ROW_PT = 409.0  # Excel's limit
PARAGRAPH_CHUNK = 1000  # characters per cell of a long paragraph (row height limit, 32767-char cell limit)
INJECTION_LEADS = ("=", "+", "-", "@", "\t", "\r")
COMPUTED_FILL = "#F2F2F2"
STATED_FILL = "#FCE4D6"
EXCEL_EPOCH = dt.date(1899, 12, 30)

_COUNT_RULE = {"validate": "integer", "criteria": ">=", "value": 0,
               "input_title": "件数", "input_message": "填写非负整数；没有数据填 0",
               "error_title": "输入有误", "error_message": "这里只能填非负整数（件数）。没有数据请填 0。"}


def _money_rule(unit: Unit) -> dict[str, Any]:
    return {"validate": "decimal", "criteria": ">=", "value": 0,
            "input_title": f"金额（{unit.value}）", "input_message": f"填写非负数，单位为{unit.value}",
            "error_title": "输入有误", "error_message": f"这里只能填非负数，单位是{unit.value}，不要写“元”“万”等字样。"}


class _Formats:
    """XlsxWriter formats, created once per distinct set of properties."""

    def __init__(self, wb: Any) -> None:
        self._wb = wb
        self._cache: dict[tuple[tuple[str, Any], ...], Any] = {}

    def get(self, **props: Any) -> Any:
        base: dict[str, Any] = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}
        base.update(props)
        key = tuple(sorted(base.items()))
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._wb.add_format(base)
            self._cache[key] = fmt
        return fmt

    def title(self) -> Any:
        return self.get(font_name=TITLE_FONT, font_size=16, bold=True, align="center", text_wrap=True)

    def heading(self) -> Any:
        return self.get(font_name=TITLE_FONT, font_size=12, bold=True, align="left")


@dataclass(frozen=True, slots=True)
class _Ctx:
    wb: Any
    fmts: _Formats
    report: Report
    results: Results
    draft: bool
    created: dt.datetime


def _decimals(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    return min(max(0, -exp), 20) if isinstance(exp, int) else 0


def _number_format(value: CellValue, unit: Unit) -> str:
    if unit is Unit.COUNT:
        return "0"
    places = _decimals(value) if isinstance(value, Decimal) else 2
    return "0" if places == 0 else "0." + "0" * places


def _as_number(value: Decimal) -> float | None:
    f = float(value)
    return f if math.isfinite(f) and abs(f) < 1e300 else None


def write_text(ws: Any, fmts: _Formats, r: int, c: int, text: str, **props: Any) -> None:
    """Text is always a string; a leading = + - @ tab or CR also gets Excel's quote prefix,
    so that editing the cell in Excel keeps it text."""
    if not text:
        ws.write_blank(r, c, None, fmts.get(**props))
        return
    if text.startswith(INJECTION_LEADS):
        props["quote_prefix"] = True
    ws.write_string(r, c, L.escape_text(text), fmts.get(**props))


def write_value(ws: Any, fmts: _Formats, r: int, c: int, value: CellValue, *, unit: Unit, **props: Any) -> None:
    props.setdefault("num_format", _number_format(value, unit))
    if value is None:
        ws.write_blank(r, c, None, fmts.get(**props))
    elif isinstance(value, Invalid):
        write_text(ws, fmts, r, c, value.raw, **props)
    elif isinstance(value, Decimal):
        f = _as_number(value)
        if f is None:
            write_text(ws, fmts, r, c, display(value), **props)
        else:
            ws.write_number(r, c, f, fmts.get(**props))
    elif abs(value) >= 1e300:
        # Beyond what a spreadsheet number can hold (a pasted string of digits): kept as
        # text, which the importer reads back as the same count.
        write_text(ws, fmts, r, c, display(value), **props)
    else:
        ws.write_number(r, c, value, fmts.get(**props))


def _cached(value: CellValue) -> int | float | str:
    """What a formula cell shows to a reader that does not recalculate."""
    if value is None:
        return ""
    if isinstance(value, Invalid):
        return L.escape_text(value.raw)
    if isinstance(value, Decimal):
        f = _as_number(value)
        return display(value) if f is None else f
    return display(value) if abs(value) >= 1e300 else value


def _print_setup(ws: Any, *, landscape: bool, draft: bool, repeat: tuple[int, int] | None = None) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.6, right=0.6, top=0.8, bottom=0.8)
    if draft:
        ws.set_header(f"&C&14{L.DRAFT_MARK}")
    ws.set_footer("&C第 &P 页，共 &N 页")
    if repeat is not None:
        ws.repeat_rows(*repeat)


def _protect(ws: Any, **extra: bool) -> None:
    # No password: protection prevents accidents (overtyping a formula), not attacks.
    ws.protect("", {"format_columns": True, "format_rows": True, **extra})


def _title(report: Report, draft: bool) -> str:
    return report.meta.title + (f"（{L.DRAFT_MARK}）" if draft else "")


def _lines(text: str, width: float) -> int:
    # Spreadsheets fit a little less than the nominal width: err towards a taller row.
    return max(1, math.ceil(L.text_width(text) / max(width * 0.92 - 1.0, 1.0)))


# ---------------------------------------------------------------- table sheets


def _table_sheet(ctx: _Ctx, key: str) -> None:
    fmts, report, draft = ctx.fmts, ctx.report, ctx.draft
    grid = GRIDS[key]
    ws = ctx.wb.add_worksheet(L.TABLE_SHEETS[key])
    scale = {"t2": 12.0, "t3": 10.5, "t4": 9.5}[key]
    widths = [w * scale for w in grid.col_weights]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)

    last_col = grid.n_cols - 1
    ws.merge_range(0, 0, 0, last_col, "", fmts.title())
    write_text(ws, fmts, 0, 0, _title(report, draft), **_title_props())
    ws.set_row(0, LINE_PT * _lines(_title(report, draft), sum(widths) / 1.5) + 12)
    ws.merge_range(1, 0, 1, last_col, "", fmts.heading())
    write_text(ws, fmts, 1, 0, grid.title, **_heading_props())
    ws.set_row(1, 22)

    needed: dict[int, float] = {}
    validations: list[tuple[int, int, Unit]] = []
    border = {"border": 1, "text_wrap": True}
    for gc in grid.cells:
        r, c = L.grid_position(gc)
        span_w = sum(widths[gc.col:gc.col + gc.colspan])
        if gc.kind == "value":
            assert gc.cell_id is not None
            _value_cell(ctx, ws, gc, validations)
            continue
        align = _XLSX_ALIGN[gc.alignment]
        props: dict[str, Any] = {**border, "align": align}
        if gc.kind == "caption":
            props.update(bold=True, align="left", bg_color="#FFFFFF")
        if gc.rowspan > 1 or gc.colspan > 1:
            ws.merge_range(r, c, r + gc.rowspan - 1, c + gc.colspan - 1, "", fmts.get(**props))
        write_text(ws, fmts, r, c, gc.text, **props)
        height = LINE_PT * _lines(gc.text, span_w) + 5
        if gc.rowspan == 1:
            needed[r] = max(needed.get(r, 20.0), height)
        else:
            # A tall merged label: share its height among the rows it spans.
            share = height / gc.rowspan
            for rr in range(r, r + gc.rowspan):
                needed[rr] = max(needed.get(rr, 20.0), share)
    for r, h in needed.items():
        ws.set_row(r, min(h, MAX_ROW_PT))
    for r in range(L.GRID_TOP, L.GRID_TOP + grid.n_rows):
        if r not in needed:
            ws.set_row(r, 20)

    for r, c, unit in validations:
        ws.data_validation(r, c, r, c, _COUNT_RULE if unit is Unit.COUNT else _money_rule(unit))

    top = L.GRID_TOP + grid.header_rows
    ws.freeze_panes(top, 3 if key == "t3" else 0)
    repeat = (L.GRID_TOP, top - 1) if grid.header_rows else None
    _print_setup(ws, landscape=key in L.LANDSCAPE, draft=draft, repeat=repeat)
    _protect(ws)


def _title_props() -> dict[str, Any]:
    return {"font_name": TITLE_FONT, "font_size": 16, "bold": True, "align": "center", "text_wrap": True}


def _heading_props() -> dict[str, Any]:
    return {"font_name": TITLE_FONT, "font_size": 12, "bold": True, "align": "left"}


def _value_cell(ctx: _Ctx, ws: Any, gc: GridCell, validations: list[tuple[int, int, Unit]]) -> None:
    fmts, results = ctx.fmts, ctx.results
    assert gc.cell_id is not None
    cell_id = gc.cell_id
    r, c = L.grid_position(gc)
    rowspan, colspan = gc.rowspan, gc.colspan
    spec = CELL[cell_id]
    value = results.value(cell_id)
    props: dict[str, Any] = {"border": 1, "align": "center", "num_format": _number_format(value, spec.unit)}
    if spec.computed and not results.is_stated(cell_id):
        props.update(locked=True, bg_color=COMPUTED_FILL)
    elif spec.computed:
        props.update(locked=False, bg_color=STATED_FILL)
    else:
        props.update(locked=False)
    if rowspan > 1 or colspan > 1:
        ws.merge_range(r, c, r + rowspan - 1, c + colspan - 1, "", fmts.get(**props))
    if spec.computed and not results.is_stated(cell_id):
        ws.write_formula(r, c, L.total_formula(cell_id), fmts.get(**props), _cached(value))
        return
    write_value(ws, fmts, r, c, value, unit=spec.unit, **props)
    validations.append((r, c, spec.unit))
    if spec.computed:
        computed = results.computed.get(cell_id)
        ws.write_comment(r, c, f"此合计按原报告所载数值填写，与各项之和（{display(computed) or '空白'}）不符。"
                               "在本程序中使用“用计算值替换合计”可改为自动计算。",
                         {"x_scale": 2, "y_scale": 1.2})


# ---------------------------------------------------------------- 基本信息与正文


def _info_sheet(ctx: _Ctx) -> None:
    fmts, report, results, draft, created = ctx.fmts, ctx.report, ctx.results, ctx.draft, ctx.created
    ws = ctx.wb.add_worksheet(L.INFO_SHEET)
    label_w, text_w = 30.0, 96.0
    ws.set_column(0, 0, label_w)
    ws.set_column(1, 1, text_w)
    ws.merge_range(0, 0, 0, 1, "", fmts.title())
    write_text(ws, fmts, 0, 0, _title(report, draft), **_title_props())
    ws.set_row(0, 30)
    notice = (f"本工作簿由政府信息公开年报助手 {__version__} 于 {created:%Y-%m-%d %H:%M} 导出"
              + ("，为草稿，数据尚未定稿" if draft else "")
              + "。白色单元格可填写，灰色为自动计算；“数据”工作表供导入和汇总使用，请勿修改。")
    ws.merge_range(1, 0, 1, 1, "", fmts.get(text_wrap=True, font_color="#595959"))
    write_text(ws, fmts, 1, 0, notice, text_wrap=True, font_color="#595959")
    ws.set_row(1, LINE_PT * _lines(notice, label_w + text_w) + 4)
    write_text(ws, fmts, L.INFO_FIELD_TOP - 1, 0, L.INFO_META_HEADING, **_heading_props())
    ws.set_row(L.INFO_FIELD_TOP - 1, 24)

    meta = report.meta
    border: dict[str, Any] = {"border": 1}
    for f in L.INFO_FIELDS:
        r = L.INFO_FIELD_ROW[f.key]
        write_text(ws, fmts, r, 0, f.label, **border, bold=True)
        inp: dict[str, Any] = {**border, "locked": False, "align": "left"}
        if f.kind == "text":
            write_text(ws, fmts, r, 1, getattr(meta, f.key.split(".", 1)[1]), **inp, num_format="@", text_wrap=True)
        elif f.kind == "year":
            write_value(ws, fmts, r, 1, meta.year, unit=Unit.COUNT, **inp)
            ws.data_validation(r, 1, r, 1, {"validate": "integer", "criteria": "between", "minimum": 1900,
                                            "maximum": 2999, "error_title": "输入有误",
                                            "error_message": "请填写四位数年份，如 2024。"})
        elif f.kind == "kind":
            write_text(ws, fmts, r, 1, meta.kind.label, **inp)
            ws.data_validation(r, 1, r, 1, {"validate": "list", "source": [k.label for k in ReportKind],
                                            "error_title": "输入有误", "error_message": "请从列表中选择报告类型。"})
        elif f.kind == "date":
            fmt = fmts.get(**inp, num_format="yyyy-mm-dd")
            if meta.publish_date is None:
                ws.write_blank(r, 1, None, fmt)
            else:
                ws.write_datetime(r, 1, dt.datetime.combine(meta.publish_date, dt.time()), fmt)
            ws.data_validation(r, 1, r, 1, {"validate": "date", "criteria": ">=",
                                            "value": dt.date(1900, 1, 1), "error_title": "输入有误",
                                            "error_message": "请填写日期，如 2025-01-20。"})
        elif f.kind == "count":
            row = f.key.split(".", 1)[1]
            write_value(ws, fmts, r, 1, report.baseline_in_force.get(row), unit=Unit.COUNT, **inp)
            ws.data_validation(r, 1, r, 1, _COUNT_RULE)
        else:  # money: 信息处理费
            spec = CELL[f.key]
            write_value(ws, fmts, r, 1, results.value(f.key), unit=spec.unit, **inp)
            ws.data_validation(r, 1, r, 1, _money_rule(spec.unit))
        ws.set_row(r, 20)

    write_text(ws, fmts, L.INFO_TEXT_TOP, 0, L.INFO_TEXT_HEADING, **_heading_props())
    ws.set_row(L.INFO_TEXT_TOP, 30)
    r = L.INFO_TEXT_TOP + 1
    para_props: dict[str, Any] = {"border": 1, "locked": False, "text_wrap": True, "align": "left",
                                  "valign": "top", "num_format": "@"}
    for key in NARRATIVE_KEYS:
        first = True
        for paragraph in report.narrative.get(key, "").split("\n"):
            chunks = [paragraph[i:i + PARAGRAPH_CHUNK]
                      for i in range(0, len(paragraph), PARAGRAPH_CHUNK)] or [""]
            for n, chunk in enumerate(chunks):
                label = NARRATIVE_TITLES[key] if first else (L.CONTINUATION if n else "")
                write_text(ws, fmts, r, 0, label, border=1, bold=first, valign="top", text_wrap=True)
                write_text(ws, fmts, r, 1, chunk, **para_props)
                ws.set_row(r, min(MAX_ROW_PT, LINE_PT * _lines(chunk, text_w) + 6))
                first = False
                r += 1
    write_text(ws, fmts, r, 0, L.TEXT_END, font_color="#808080")
    ws.freeze_panes(L.INFO_FIELD_TOP - 1, 0)
    _print_setup(ws, landscape=False, draft=draft)
    # Inserting rows between paragraphs is allowed: the reader reads the narrative row by row.
    _protect(ws, insert_rows=True, delete_rows=True)


# ---------------------------------------------------------------- 数据


def _meta_exact(report: Report, key: str) -> str:
    meta = report.meta
    name = key.split(".", 1)[1]
    if key == "meta.year":
        return "" if meta.year is None else str(meta.year)
    if key == "meta.kind":
        return meta.kind.value
    if key == "meta.publish_date":
        return meta.publish_date.isoformat() if meta.publish_date else ""
    if key.startswith("baseline."):
        v = report.baseline_in_force.get(name)
        return "" if v is None else str(v)
    value = getattr(meta, name)
    assert isinstance(value, str)
    return value


def _meta_cached(report: Report, f: L.InfoField) -> int | float | str:
    meta = report.meta
    if f.kind == "year":
        return "" if meta.year is None else meta.year
    if f.kind == "kind":
        return meta.kind.label
    if f.kind == "date":
        return "" if meta.publish_date is None else (meta.publish_date - EXCEL_EPOCH).days
    if f.kind == "count":
        v = report.baseline_in_force.get(f.key.split(".", 1)[1])
        return "" if v is None else v
    return L.escape_text(_meta_exact(report, f.key))


def _data_sheet(ctx: _Ctx) -> None:
    fmts, report, results, draft, created = ctx.fmts, ctx.report, ctx.results, ctx.draft, ctx.created
    ws = ctx.wb.add_worksheet(L.DATA_SHEET)
    for c, w in enumerate((30, 60, 8, 16, 30)):
        ws.set_column(c, c, w)
    head: list[tuple[str, str | int]] = [
        (L.MARKER_KEY, L.MARKER_VALUE),
        ("workbook_version", L.WORKBOOK_VERSION),
        ("project_format", FORMAT_ID),
        ("project_format_version", FORMAT_VERSION),
        ("template", TEMPLATE),
        ("draft", "true" if draft else "false"),
        ("created", created.isoformat(timespec="seconds")),
        ("title", report.meta.title),
    ]
    plain = fmts.get()
    for r, (k, v) in enumerate(head):
        ws.write_string(r, 0, k, plain)
        if isinstance(v, int):
            ws.write_number(r, 1, v, plain)
        else:
            write_text(ws, fmts, r, 1, v)
    r = len(head) + 1
    bold = fmts.get(bold=True, bottom=1)
    for c, text in enumerate(L.DATA_HEADER):
        ws.write_string(r, c, text, bold)
    header_row = r
    r += 1
    for f in L.INFO_FIELDS:
        if f.key in CELL:
            continue
        ref = L.sheet_ref(L.INFO_SHEET, L.INFO_FIELD_ROW[f.key], 1)
        ws.write_string(r, 0, f.key, plain)
        write_text(ws, fmts, r, 1, f.label)
        fmt = fmts.get(num_format="yyyy-mm-dd") if f.kind == "date" else plain
        ws.write_formula(r, L.DATA_VALUE_COL, f'=IF(ISBLANK({ref}),"",{ref})', fmt, _meta_cached(report, f))
        write_text(ws, fmts, r, L.DATA_EXACT_COL, _meta_exact(report, f.key))
        r += 1
    for spec in CELLS:
        sheet, row, col = L.POSITION[spec.id]
        ref = L.sheet_ref(sheet, row, col)
        value = results.value(spec.id)
        ws.write_string(r, 0, spec.id, plain)
        write_text(ws, fmts, r, 1, spec.label)
        ws.write_string(r, 2, spec.unit.value, plain)
        formula = ref if spec.computed and not results.is_stated(spec.id) else f'IF(ISBLANK({ref}),"",{ref})'
        num = fmts.get(num_format=_number_format(value, spec.unit))
        ws.write_formula(r, L.DATA_VALUE_COL, f"={formula}", num, _cached(value))
        exact = to_json(value)
        write_text(ws, fmts, r, L.DATA_EXACT_COL, "" if exact is None else str(exact))
        r += 1
    ws.freeze_panes(header_row + 1, 1)
    ws.autofilter(header_row, 0, r - 1, len(L.DATA_HEADER) - 1)
    _print_setup(ws, landscape=True, draft=draft)
    _protect(ws, autofilter=True, sort=True)


# ---------------------------------------------------------------- 检查结果


def _findings_sheet(wb: Any, fmts: _Formats, findings: list[Finding], draft: bool) -> None:
    ws = wb.add_worksheet(L.FINDINGS_SHEET)
    for c, w in enumerate((8, 8, 24, 90)):
        ws.set_column(c, c, w)
    bold = fmts.get(bold=True, border=1, align="center")
    for c, text in enumerate(("规则", "类别", "所在部分", "说明")):
        ws.write_string(0, c, text, bold)
    if not findings:
        write_text(ws, fmts, 1, 0, "导出时检查未发现问题。")
    for r, f in enumerate(findings, start=1):
        cell: dict[str, Any] = {"border": 1, "text_wrap": True}
        write_text(ws, fmts, r, 0, f.rule, **cell)
        write_text(ws, fmts, r, 1, f.severity.label, **cell,
                   font_color="#C00000" if f.is_error else "#000000")
        write_text(ws, fmts, r, 2, SECTION_NAMES.get(f.section, ""), **cell)
        write_text(ws, fmts, r, 3, f.message, **cell)
        ws.set_row(r, LINE_PT * _lines(f.message, 90) + 4)
    ws.freeze_panes(1, 0)
    _print_setup(ws, landscape=False, draft=draft)
    _protect(ws)


# ---------------------------------------------------------------- workbook


def export_xlsx(report: Report, results: Results, findings: list[Finding], *, draft: bool,
                created: dt.datetime | None = None) -> bytes:
    created = created or dt.datetime.now().replace(microsecond=0)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_numbers": False, "strings_to_urls": False})
    wb.set_properties({
        "title": _title(report, draft),
        "subject": "政府信息公开工作年度报告（2021年格式）",
        "author": report.meta.compiler or report.meta.agency,
        "company": report.meta.agency,
        "comments": f"政府信息公开年报助手 {__version__} 导出" + ("（草稿）" if draft else ""),
        "created": created,
    })
    wb.set_custom_property("gkbg_format", L.MARKER_VALUE)
    ctx = _Ctx(wb, _Formats(wb), report, results, draft, created)
    _info_sheet(ctx)
    for key in GRIDS:
        _table_sheet(ctx, key)
    _findings_sheet(wb, ctx.fmts, findings, draft)
    _data_sheet(ctx)
    wb.close()
    return buf.getvalue()
