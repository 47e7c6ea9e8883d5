"""Read a workbook this program exported (possibly edited in Excel, WPS or LibreOffice) back into a Report.

Authoritative: the table sheets (表二/表三/表四) for the numbers and 基本信息与正文
for meta, narrative and 信息处理费 — that is where a clerk edits. The 数据 sheet
identifies the workbook and keeps each exported value as text, used only to
restore money to its exact digits (and invalid entries to their raw text) when
the table cell still holds what was exported.

Nothing is half-applied: a new Report is built and returned only when every
sheet read cleanly; any problem raises XlsxImportError before that.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import defusedxml  # type: ignore[import-untyped]  # noqa: F401  (fails loudly here if missing)
import openpyxl  # type: ignore[import-untyped]
from defusedxml import DefusedXmlException

from core.compute import compute
from core.fields import escape
from core.format2021 import CELL, CELLS, GRIDS, NARRATIVE_KEYS, NARRATIVE_TITLES, ReportKind, Unit
from core.model import Meta, Report
from core.reading import read_limited
from core.values import CellValue, Invalid, parse
from core.xlsx import XlsxImportError
from core.xlsx import layout as L

# openpyxl parses XML through defusedxml only when it is installed and not switched off:
# refuse to run without that guard against entity-expansion and external-entity attacks.
if not openpyxl.DEFUSEDXML:  # pragma: no cover - depends on the environment
    raise ImportError("openpyxl 未启用 defusedxml（请安装 defusedxml，且不要设置 OPENPYXL_DEFUSEDXML=False）")

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 500
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 200  # a member that expands more than this is a zip bomb, not a spreadsheet
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _fail(sheet: str, cell: str, problem: str) -> XlsxImportError:
    where = f"工作表“{sheet}”" + (f"单元格 {cell}" if cell else "")
    return XlsxImportError(f"{where}：{problem}")


def _clip(value: object) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"


# ---------------------------------------------------------------- the container


def _read_checked(path: Path) -> bytes:
    name = path.name
    data = read_limited(path, MAX_FILE_BYTES, "本程序导出的工作簿", XlsxImportError)
    if data.startswith(OLE_MAGIC):
        raise XlsxImportError(f"文件“{name}”是旧版 Excel（.xls）格式或已加密，请在 Excel/WPS 中另存为 .xlsx 后再导入")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise XlsxImportError(f"文件“{name}”不是 xlsx 工作簿（无法作为 zip 压缩包打开）") from None
    # Checked before openpyxl decompresses anything: zipfile never inflates a member past its
    # declared size, so the declared sizes bound the memory an import can take.
    if len(infos) > MAX_MEMBERS:
        raise XlsxImportError(f"文件“{name}”包含 {len(infos)} 个压缩成员，超过上限 {MAX_MEMBERS}，已拒绝（疑似压缩炸弹）")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise XlsxImportError(f"文件“{name}”解压后有 {total // 1024 // 1024} MB，超过上限 50 MB，已拒绝（疑似压缩炸弹）")
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise XlsxImportError(f"文件“{name}”中的“{info.filename}”压缩比异常（{info.file_size // max(info.compress_size, 1)} 倍），"
                                  "已拒绝（疑似压缩炸弹）")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/workbook") for n in names):
        raise XlsxImportError(f"文件“{name}”不是 xlsx 工作簿（缺少工作簿结构）")
    return data


def _open(data: bytes, name: str, *, data_only: bool) -> Any:
    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only, keep_links=False)
    except DefusedXmlException:
        raise XlsxImportError(f"文件“{name}”含有不安全的 XML 内容（实体定义或外部引用），已拒绝") from None
    except XlsxImportError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        cause: BaseException | None = exc
        while cause is not None:  # openpyxl wraps the parser's refusal in a ValueError
            if isinstance(cause, DefusedXmlException):
                raise XlsxImportError(f"文件“{name}”含有不安全的 XML 内容（实体定义或外部引用），已拒绝") from None
            cause = cause.__cause__ or cause.__context__
        raise XlsxImportError(f"文件“{name}”已损坏或不是有效的 xlsx 工作簿，无法读取（{type(exc).__name__}）") from None


# ---------------------------------------------------------------- cells


class _Book:
    """The loaded workbook plus the cached values of formulas, loaded only if an input cell needs them."""

    def __init__(self, data: bytes, name: str) -> None:
        self.data = data
        self.name = name
        self.wb = _open(data, name, data_only=False)
        self._cached: Any = None

    def sheet(self, title: str) -> Any:
        if title not in self.wb.sheetnames:
            raise XlsxImportError(f"工作簿缺少工作表“{title}”（可能被删除或改名），无法导入")
        return self.wb[title]

    def value(self, sheet: str, row: int, col: int) -> Any:
        """The cell's value; a formula a clerk typed is replaced by the result the spreadsheet saved."""
        cell = self.wb[sheet].cell(row + 1, col + 1)
        if cell.data_type != "f":
            return cell.value
        if self._cached is None:
            self._cached = _open(self.data, self.name, data_only=True)
        result = self._cached[sheet].cell(row + 1, col + 1).value
        if result is None:
            raise _fail(sheet, L.a1(row, col), "是公式，但工作簿没有保存计算结果；请在 Excel/WPS 中打开并保存一次，或直接填写数字")
        return result

    def is_formula(self, sheet: str, row: int, col: int) -> bool:
        return bool(self.wb[sheet].cell(row + 1, col + 1).data_type == "f")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return L.unescape_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _money(value: float | int, exact: str) -> Decimal:
    """The entered decimal: the exported text if the cell still holds that number, else the number itself."""
    try:
        original = Decimal(exact) if exact else None
    except InvalidOperation:
        original = None
    if original is not None and original.is_finite():
        f = float(original)
        # LibreOffice writes 15 significant digits: accept the last-digit difference that causes.
        if f == value or math.isclose(f, value, rel_tol=1e-13, abs_tol=0.0):
            return original
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 2**53):
        return Decimal(int(value))
    # repr(1e20) is '1e+20': a Decimal with a positive exponent is saved as 「1E+20」,
    # which the project file no longer reads as a number. Keep it in plain digits.
    d = Decimal(repr(value))
    return Decimal(format(d, "f")) if d.as_tuple().exponent > 0 else d  # type: ignore[operator]


def _count(value: float | int, exact: str) -> int:
    """The entered count: a spreadsheet keeps 15 significant digits, the exported text all of them."""
    if exact.isascii() and exact.isdigit() and math.isclose(int(exact), value, rel_tol=1e-13, abs_tol=0.0):
        return int(exact)
    return int(value)


def _cell_value(raw: Any, unit: Unit, exact: str, sheet: str, ref: str) -> CellValue:
    """A value as the table holds it. Text is accepted only if it reads as a number or a blank, or is
    exactly the invalid entry the program exported; anything else is refused."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise _fail(sheet, ref, f"应为数字，实际是逻辑值 {_text(raw)}")
    if isinstance(raw, (dt.datetime, dt.date, dt.time)):
        raise _fail(sheet, ref, f"应为数字，实际是日期/时间 {_text(raw)}（请把单元格格式改为“常规”或“数值”）")
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise _fail(sheet, ref, "不是有效数字")
        if raw < 0:
            kind = "件数" if unit is Unit.COUNT else "金额"
            raise _fail(sheet, ref, f"{kind}不能为负数（{_text(raw)}）")
        if unit is Unit.COUNT:
            if isinstance(raw, float) and not raw.is_integer():
                raise _fail(sheet, ref, f"件数必须是整数（{raw}）")
            return _count(raw, exact)
        return _money(raw, exact)
    text = _text(raw)
    if text == "":
        return None
    value = parse(text, unit)
    if isinstance(value, Invalid):
        if text.strip() == exact and exact:
            return value  # the program exported this entry as it was typed: keep it for R5
        raise _fail(sheet, ref, f"“{_clip(text)}”{value.reason}")
    return value


# ---------------------------------------------------------------- sheets


def _check_marker(book: _Book) -> None:
    ws = book.sheet(L.DATA_SHEET)
    if book.wb[L.DATA_SHEET].cell(1, 2).value != L.MARKER_VALUE or ws.cell(1, 1).value != L.MARKER_KEY:
        raise _fail(L.DATA_SHEET, "B1", "缺少本程序的标记，这不是政府信息公开年报助手导出的工作簿")
    version = ws.cell(2, 2).value
    if not isinstance(version, (int, float)) or int(version) != version:
        raise _fail(L.DATA_SHEET, "B2", f"工作簿版本号“{_clip(version)}”无效")
    if int(version) > L.WORKBOOK_VERSION:
        raise _fail(L.DATA_SHEET, "B2", f"工作簿由更新版本的程序导出（版本 {int(version)}），请升级本程序后再导入")


def _exact_values(book: _Book) -> dict[str, str]:
    """数据 column E: each exported value as text, by cell id or meta key."""
    ws = book.wb[L.DATA_SHEET]
    out: dict[str, str] = {}
    for row in ws.iter_rows(min_row=1, max_col=L.DATA_EXACT_COL + 1, values_only=True):
        key = row[0]
        if isinstance(key, str) and (key in CELL or "." in key):
            out[key] = _text(row[L.DATA_EXACT_COL])
    return out


def _norm(text: str) -> str:
    return "".join(text.split())


def _check_layout(book: _Book, key: str) -> None:
    """The labels still where the grid puts them, and no merge hiding a number: otherwise a moved row
    would be read as another row's figures."""
    grid = GRIDS[key]
    sheet = L.TABLE_SHEETS[key]
    ws = book.sheet(sheet)
    for gc in grid.cells:
        if gc.kind == "value":
            continue
        r, c = L.grid_position(gc)
        found = _text(ws.cell(r + 1, c + 1).value)
        if _norm(found) != _norm(gc.text):
            shown = f"“{_clip(found)}”" if found else "空白"
            raise _fail(sheet, L.a1(r, c), f"应为“{_clip(gc.text)}”，实际是{shown}。"
                        "表格的行列被插入、删除或移动过，无法确定数据位置，请恢复原样后再导入")
    # 表四's only data row carries no label: deleted, it would import as a blank table.
    last = max(L.grid_position(gc)[0] + gc.rowspan for gc in grid.cells)
    if ws.max_row < last:
        rows = f"第{last}行" if ws.max_row + 1 == last else f"第{ws.max_row + 1}～{last}行"
        raise XlsxImportError(f"工作表“{sheet}”{rows}不见了：表格的行被删除过，其中的数字已丢失；请恢复原样后再导入")
    allowed: dict[tuple[int, int], tuple[int, int]] = {}
    for gc in grid.value_cells():
        r, c = L.grid_position(gc)
        allowed[(r, c)] = (gc.rowspan, gc.colspan)
    value_at = {pos for gc in grid.value_cells() for pos in [L.grid_position(gc)]}
    seen: list[tuple[int, int, int, int, str]] = []
    for rng in ws.merged_cells.ranges:
        r0, c0, r1, c1 = rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1
        for pr0, pc0, pr1, pc1, other in seen:
            if r0 <= pr1 and pr0 <= r1 and c0 <= pc1 and pc0 <= c1:
                raise _fail(sheet, rng.coord, f"合并单元格与 {other} 重叠，工作簿已损坏")
        seen.append((r0, c0, r1, c1, rng.coord))
        covered = [(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) in value_at]
        if not covered:
            continue
        if covered == [(r0, c0)] and allowed[(r0, c0)] == (r1 - r0 + 1, c1 - c0 + 1):
            continue
        raise _fail(sheet, rng.coord, "合并单元格覆盖了数据单元格，合并会隐藏其中的数字；请取消合并并核对数据后再导入")


_REF = re.compile(r"!\$?([A-Z]{1,3})\$?(\d+)")
TABLE_SHEET_NAMES = frozenset(L.TABLE_SHEETS.values())


def _check_references(book: _Book) -> None:
    """The 数据 sheet's formulas show which table lost or moved cells, even where no label moved.

    Excel and WPS turn a reference to a deleted row or column into #REF!, and move it with a
    row or column inserted inside a table: a figure no longer where the grid puts it would
    otherwise be read as blank.
    """
    ws = book.wb[L.DATA_SHEET]
    for row in ws.iter_rows(min_col=1, max_col=L.DATA_VALUE_COL + 1):
        key, cell = row[0].value, row[L.DATA_VALUE_COL]
        formula = cell.value
        if not isinstance(key, str) or not isinstance(formula, str) or not formula.startswith("="):
            continue
        spec = CELL.get(key)
        if "#REF!" in formula.upper():
            where = f"（{spec.label}）" if spec is not None else ""
            raise _fail(L.DATA_SHEET, cell.coordinate, f"公式引用的单元格{where}已被删除（#REF!）："
                        "表格的行列被删除过，无法确定数据位置，请恢复原样后再导入")
        pos = L.POSITION.get(key)
        if spec is None or pos is None or pos[0] not in TABLE_SHEET_NAMES:
            continue
        m = _REF.search(formula)
        expected = L.a1(pos[1], pos[2])
        if m is not None and m.group(1) + m.group(2) != expected:
            raise _fail(pos[0], expected, f"“{spec.label}”已移到 {m.group(1)}{m.group(2)}："
                        "表格的行列被插入、删除或移动过，无法确定数据位置，请恢复原样后再导入")


def _read_tables(book: _Book, exact: dict[str, str]) -> tuple[dict[str, CellValue], dict[str, CellValue]]:
    cells: dict[str, CellValue] = {}
    stated: dict[str, CellValue] = {}
    for key in GRIDS:
        _check_layout(book, key)
    for spec in CELLS:
        sheet, r, c = L.POSITION[spec.id]
        if spec.table == "s6":
            continue
        if spec.computed and book.is_formula(sheet, r, c):
            continue  # a live total: the core computes it
        raw = book.value(sheet, r, c)
        v = _cell_value(raw, spec.unit, exact.get(spec.id, ""), sheet, L.a1(r, c))
        if spec.computed:
            stated[spec.id] = v
        elif v is not None:
            cells[spec.id] = v
    return cells, stated


def _info_rows(book: _Book) -> tuple[dict[str, int], list[tuple[int, str, str]], bool]:
    """Rows of 基本信息与正文: meta fields by key, then (row, column A, column B) of the narrative."""
    ws = book.sheet(L.INFO_SHEET)
    fields: dict[str, int] = {}
    narrative: list[tuple[int, str, str]] = []
    in_text = False
    ended = False
    for r, row in enumerate(ws.iter_rows(min_row=1, max_col=2), start=0):
        a = _text(row[0].value).strip() if row else ""
        if not in_text:
            f = L.INFO_FIELD_BY_LABEL.get(a)
            if f is not None and f.key not in fields:
                fields[f.key] = r
            if a == L.INFO_TEXT_HEADING:
                in_text = True
            continue
        if a == L.TEXT_END:
            ended = True
            break
        b = row[1] if len(row) > 1 else None
        value = book.value(L.INFO_SHEET, r, 1) if b is not None and b.data_type == "f" else (
            b.value if b is not None else None)
        narrative.append((r, a, _text(value)))
    for f in L.INFO_FIELDS:
        if f.key not in fields:
            raise _fail(L.INFO_SHEET, "", f"缺少“{f.label}”一行（A 列应有此标签），无法导入")
    if not in_text:
        raise _fail(L.INFO_SHEET, "", f"缺少“{L.INFO_TEXT_HEADING}”一行，找不到正文")
    return fields, narrative, ended


def _read_narrative(rows: list[tuple[int, str, str]], ended: bool) -> dict[str, str]:
    paragraphs: dict[str, list[str]] = {}
    current: str | None = None
    while not ended and rows and not rows[-1][1] and not rows[-1][2]:
        rows = rows[:-1]  # the end marker was deleted: blank rows at the end are not text
    for r, a, b in rows:
        key = L.NARRATIVE_BY_TITLE.get(a)
        if key is not None:
            if key in paragraphs:
                raise _fail(L.INFO_SHEET, L.a1(r, 0), f"“{a}”出现了两次")
            current = key
            paragraphs[key] = [b]
            continue
        if current is None:
            if a or b:
                raise _fail(L.INFO_SHEET, L.a1(r, 0), "正文各部分应以 A 列的部分标题开始（如“一、总体情况”）")
            continue
        if a == L.CONTINUATION:
            paragraphs[current][-1] += b
        elif a:
            raise _fail(L.INFO_SHEET, L.a1(r, 0), f"“{_clip(a)}”不是正文部分的标题；续写的段落 A 列应留空")
        else:
            paragraphs[current].append(b)
    out: dict[str, str] = {}
    for key in NARRATIVE_KEYS:
        if key not in paragraphs:
            raise _fail(L.INFO_SHEET, "A 列", f"缺少正文部分“{NARRATIVE_TITLES[key]}”")
        # The sheet holds the printed text (fields as numbers): literal text in the project file.
        out[key] = escape("\n".join(paragraphs[key]))
    return out


def _read_info(book: _Book, exact: dict[str, str], report: Report) -> None:
    fields, narrative_rows, ended = _info_rows(book)
    sheet = L.INFO_SHEET
    meta = Meta()
    for f in L.INFO_FIELDS:
        r = fields[f.key]
        ref = L.a1(r, 1)
        raw = book.value(sheet, r, 1)
        name = f.key.split(".", 1)[1]
        if f.kind == "text":
            setattr(meta, name, _text(raw))
        elif f.kind == "year":
            # A year is not a count: 「件数必须是整数」 would puzzle the clerk who typed 2024.5.
            try:
                year = _cell_value(raw, Unit.COUNT, "", sheet, ref)
            except XlsxImportError:
                year = Invalid(_text(raw), "")
            if year is not None and (not isinstance(year, int) or not 1900 <= year <= 2999):
                raise _fail(sheet, ref, f"报告年度应为四位数年份，实际是“{_clip(_text(raw))}”")
            meta.year = year if isinstance(year, int) else None
        elif f.kind == "kind":
            text = _text(raw).strip()
            by_label = {k.label: k for k in ReportKind}
            by_value = {k.value: k for k in ReportKind}
            kind = by_label.get(text) or by_value.get(text)
            if kind is None:
                raise _fail(sheet, ref, f"报告类型应为“{'”或“'.join(by_label)}”，实际是“{_clip(text)}”")
            meta.kind = kind
        elif f.kind == "date":
            meta.publish_date = _date(raw, sheet, ref)
        elif f.kind == "count":
            v = _cell_value(raw, Unit.COUNT, "", sheet, ref)
            if isinstance(v, int):
                report.baseline_in_force[name] = v
        else:
            v = _cell_value(raw, CELL[f.key].unit, exact.get(f.key, ""), sheet, ref)
            if v is not None:
                report.cells[f.key] = v
    report.meta = meta
    report.narrative = _read_narrative(narrative_rows, ended)


def _date(raw: Any, sheet: str, ref: str) -> dt.date | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        text = raw.strip().replace("/", "-").replace(".", "-")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        for fmt in ("%Y年%m月%d日", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise _fail(sheet, ref, f"“{_clip(_text(raw))}”不是日期，应写作 2025-01-20")


# ---------------------------------------------------------------- entry point


def import_xlsx(path: Path) -> Report:
    path = Path(path)
    data = _read_checked(path)
    book = _Book(data, path.name)
    if L.DATA_SHEET not in book.wb.sheetnames:
        raise XlsxImportError(f"文件“{path.name}”不是政府信息公开年报助手导出的工作簿（缺少“{L.DATA_SHEET}”工作表及其标记）")
    _check_marker(book)
    for title in L.REQUIRED_SHEETS:
        book.sheet(title)
    _check_references(book)
    exact = _exact_values(book)
    report = Report()
    report.cells, stated = _read_tables(book, exact)
    _read_info(book, exact, report)
    computed = compute(report).computed
    report.stated_totals = {cid: v for cid, v in stated.items() if v is not None and v != computed.get(cid)}
    return report
