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
import warnings
import zipfile
import zlib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import defusedxml  # noqa: F401  (fails loudly here if missing)
import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.cell.read_only import EMPTY_CELL

from core.compute import compute
from core.fields import escape
from core.format2021 import CELL, CELLS, GRIDS, NARRATIVE_KEYS, NARRATIVE_TITLES, ReportKind, Unit
from core.model import Meta, Report
from core.reading import read_limited, zip_members
from core.values import MAX_DIGITS, CellValue, Invalid, parse
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
    # Checked before openpyxl decompresses anything (core.reading.zip_members)
    infos = zip_members(data, name, XlsxImportError, not_zip=f"文件“{name}”不是 xlsx 工作簿（无法作为 zip 压缩包打开）",
                        max_members=MAX_MEMBERS, max_uncompressed=MAX_UNCOMPRESSED, max_ratio=MAX_RATIO)
    _refuse_dtds(data, name, infos)
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/workbook") for n in names):
        raise XlsxImportError(f"文件“{name}”不是 xlsx 工作簿（缺少工作簿结构）")
    return data


def _refuse_dtds(data: bytes, name: str, infos: list[zipfile.ZipInfo]) -> None:
    """No part of a workbook has a DTD; one is how entity-expansion and external-entity attacks start.
    Checked on every XML part before any parser sees it (a DTD must come before the root element)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in infos:
            if not info.filename.endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with zf.open(info) as fh:
                    head = fh.read(8192)
            except Exception:  # damaged member: openpyxl's turn to refuse it, naming the file
                continue
            probe = head.replace(b"\x00", b"").upper()
            if b"<!DOCTYPE" in probe or b"<!ENTITY" in probe:
                raise XlsxImportError(f"文件“{name}”含有不安全的 XML 内容（实体定义或外部引用），已拒绝")


def _open(data: bytes, name: str, *, data_only: bool) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's English UserWarnings are not for the clerk
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
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
        raise XlsxImportError(f"文件“{name}”已损坏或不是有效的 xlsx 工作簿，无法读取（{_exc_name(exc)}）") from None


def _exc_name(exc: BaseException) -> str:
    return {"IndexError": "编号超出范围", "KeyError": "缺少部件", "ValueError": "数值无效",
            "TypeError": "结构无效", "OverflowError": "数值过大"}.get(type(exc).__name__, "结构无效")


# ---------------------------------------------------------------- cells

# How far each sheet is read: the layout's extent, never the sheet's own claim. A cell at
# E1048576 or a million cells elsewhere cost nothing: the parser stops at the last row we need.
_GRID_EXTENT = {key: (max(L.grid_position(gc)[0] + gc.rowspan for gc in grid.cells),
                      max(L.grid_position(gc)[1] + gc.colspan for gc in grid.cells))
                for key, grid in GRIDS.items()}
DATA_MAX_ROWS = 5000  # the 数据 sheet holds one row per cell and field (~230), rows inserted by a clerk too
INFO_MAX_ROWS = 50_000  # 基本信息与正文: one row per paragraph
MAX_MERGES = 5000

_Cell = tuple[Any, str]  # value, data type ("f" formula, "s" text, "n" number, …)
_EMPTY: _Cell = (None, "n")


class _Sheet:
    """The cells of one sheet inside the bounds the layout defines."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.cells: dict[tuple[int, int], _Cell] = {}
        self.last_row = 0  # number (1-based) of the last row present in the file, within the bounds
        self.rows = 0  # rows read

    def get(self, row: int, col: int) -> _Cell:
        return self.cells.get((row, col), _EMPTY)


class _Book:
    """The workbook read in read-only mode, one bounded pass per sheet; formulas' cached
    values (a second pass) only if an input cell holds a formula."""

    def __init__(self, data: bytes, name: str) -> None:
        self.data = data
        self.name = name
        self.wb = _open(data, name, data_only=False)
        self._cached: Any = None
        self._sheets: dict[str, _Sheet] = {}
        self._cached_sheets: dict[str, _Sheet] = {}
        self._bounds: dict[str, tuple[int, int, str | None]] = {L.DATA_SHEET: (DATA_MAX_ROWS, L.DATA_EXACT_COL + 1, None),
                                                                L.INFO_SHEET: (INFO_MAX_ROWS, 2, L.TEXT_END)}
        for key, (rows, cols) in _GRID_EXTENT.items():
            self._bounds[L.TABLE_SHEETS[key]] = (rows + 1, cols + 1, None)

    @property
    def sheetnames(self) -> list[str]:
        return list(self.wb.sheetnames)

    def sheet(self, title: str) -> _Sheet:
        if title not in self.wb.sheetnames:
            raise XlsxImportError(f"工作簿缺少工作表“{title}”（可能被删除或改名），无法导入")
        if title not in self._sheets:
            self._sheets[title] = self._read(self.wb, title)
        return self._sheets[title]

    def _read(self, wb: Any, title: str) -> _Sheet:
        rows, cols, until = self._bounds[title]
        sheet = _Sheet(title)
        ws = wb[title]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for r, row in enumerate(ws.iter_rows(min_row=1, max_row=rows, max_col=cols), start=0):
                    sheet.rows = r + 1
                    present = False
                    for c, cell in enumerate(row[:cols]):
                        if cell is EMPTY_CELL:
                            continue
                        present = True
                        value = cell.value
                        if value is None:
                            continue
                        if isinstance(value, str):
                            _check_text(value, title, r, c)
                        sheet.cells[(r, c)] = (value, str(cell.data_type))
                    if present:
                        sheet.last_row = r + 1
                    if until is not None and _text(sheet.get(r, 0)[0]).strip() == until:
                        break
        except XlsxImportError:
            raise
        except Exception as exc:  # a damaged cell: find which one, in our own bounded pass
            raise self._locate(ws, title, exc) from None
        return sheet

    def _locate(self, ws: Any, title: str, exc: Exception) -> XlsxImportError:
        shared = len(getattr(ws, "_shared_strings", None) or ())
        found = _find_bad_cell(self.data, getattr(ws, "_worksheet_path", ""), shared)
        if found is not None:
            ref, problem = found
            where = f"单元格 {ref}" if ref else ""
            return XlsxImportError(f"文件“{self.name}”工作表“{title}”{where}：{problem}，工作簿已损坏，无法导入")
        return XlsxImportError(f"文件“{self.name}”工作表“{title}”已损坏，无法读取（{_exc_name(exc)}）")

    def merges(self, title: str) -> list[tuple[int, int, int, int, str]]:
        """Merged ranges of a sheet, 0-based (r0, c0, r1, c1, "A1:B2"): read-only mode does not read them."""
        ws = self.wb[title]
        return _merged_ranges(self.data, getattr(ws, "_worksheet_path", ""), title)

    def value(self, sheet: str, row: int, col: int) -> Any:
        """The cell's value; a formula a clerk typed is replaced by the result the spreadsheet saved."""
        value, kind = self.sheet(sheet).get(row, col)
        if kind != "f":
            return value
        if self._cached is None:
            self._cached = _open(self.data, self.name, data_only=True)
        if sheet not in self._cached_sheets:
            self._cached_sheets[sheet] = self._read(self._cached, sheet)
        result = self._cached_sheets[sheet].get(row, col)[0]
        if result is None:
            raise _fail(sheet, L.a1(row, col), "是公式，但工作簿没有保存计算结果；请在 Excel/WPS 中打开并保存一次，或直接填写数字")
        return result

    def is_formula(self, sheet: str, row: int, col: int) -> bool:
        return self.sheet(sheet).get(row, col)[1] == "f"


def _check_text(value: str, sheet: str, r: int, c: int) -> None:
    """Half a character (a lone surrogate, from an ``_xD800_``-style escape) can be held by no file:
    accepted, it would make every later save fail."""
    text = L.unescape_text(value) if L.ESC in value else value
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _fail(sheet, L.a1(r, c), f"含有无效字符（U+{ord(text[exc.start]):04X}，半个字符），"
                    "请在 Excel/WPS 中删去该字符后再导入") from None


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _iter_sheet(data: bytes, member: str, tags: tuple[str, ...]) -> Any:
    """Elements of one sheet's XML, parsed incrementally (DTDs were refused in _read_checked)."""
    from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped,unused-ignore]

    wanted = {_NS + t for t in tags}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        name = member.lstrip("/")
        if name not in zf.namelist():
            return
        with zf.open(name) as fh:
            for _, elem in iterparse(fh, events=("end",), forbid_dtd=True):
                if elem.tag in wanted:
                    yield elem
                if elem.tag == _NS + "row":
                    elem.clear()


def _merged_ranges(data: bytes, member: str, title: str) -> list[tuple[int, int, int, int, str]]:
    out: list[tuple[int, int, int, int, str]] = []
    try:
        for elem in _iter_sheet(data, member, ("mergeCell", "row")):
            if elem.tag != _NS + "mergeCell":
                continue
            ref = str(elem.get("ref", ""))
            m = _RANGE.fullmatch(ref)
            if m is None:
                raise _fail(title, "", f"合并单元格范围“{_clip(ref)}”无效，工作簿已损坏")
            r0, c0 = int(m.group(2)) - 1, _col(m.group(1))
            r1, c1 = (int(m.group(4)) - 1, _col(m.group(3))) if m.group(3) else (r0, c0)
            out.append((min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1), ref))
            if len(out) > MAX_MERGES:
                raise _fail(title, "", f"合并单元格超过 {MAX_MERGES} 处，不是本程序导出的表格")
    except XlsxImportError:
        raise
    except Exception:
        raise _fail(title, "", "已损坏，无法读取合并单元格") from None
    return out


_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?")


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _find_bad_cell(data: bytes, member: str, shared: int) -> tuple[str, str] | None:
    """The first cell whose stored value openpyxl cannot read, and why (for the refusal's wording):
    (cell reference or "", problem)."""
    from xml.etree.ElementTree import ParseError

    try:
        for elem in _iter_sheet(data, member, ("c", "row")):
            if elem.tag == _NS + "row":
                r = str(elem.get("r", "1"))
                if not (r.isascii() and r.isdigit() and 1 <= int(r) <= 1048576):
                    return "", f"行号“{_clip(r)}”无效"
                continue
            ref = str(elem.get("r", ""))
            if ref and not _ADDRESS.fullmatch(ref):
                return "", f"单元格地址“{_clip(ref)}”无效"
            kind = elem.get("t", "n")
            v = elem.find(_NS + "v")
            text = (v.text or "").strip() if v is not None else ""
            if not text:
                continue
            problem = _stored_value_problem(kind, text, shared)
            if problem:
                return ref, problem
    except ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        return "", f"XML 结构损坏（第 {line} 行第 {col} 列）"
    except (zipfile.BadZipFile, zlib.error, EOFError):
        return "", "压缩数据已损坏（校验失败）"
    except Exception:
        return None
    return None


_ADDRESS = re.compile(r"[A-Z]{1,3}[1-9]\d{0,6}")


def _stored_value_problem(kind: str, text: str, shared: int) -> str:
    if kind == "s":
        if not (text.isascii() and text.isdigit()):
            return f"共享字符串编号“{_clip(text)}”不是整数"
        if int(text) >= shared:
            return f"共享字符串编号 {_clip(text)} 超出范围（工作簿只有 {shared} 个）"
    elif kind == "b":
        if text not in ("0", "1", "true", "false"):
            return f"逻辑值“{_clip(text)}”无效"
    elif kind == "d":
        try:
            dt.datetime.fromisoformat(text)
        except ValueError:
            return f"日期“{_clip(text)}”无效"
    elif kind in ("n", ""):
        digits = sum(ch.isdigit() for ch in text)
        if digits > 4000:
            return f"数字有 {digits} 位，过长"
        try:
            float(text)
        except ValueError:
            return f"“{_clip(text)}”不是数字"
    return ""


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
    exponent = d.as_tuple().exponent  # an int for every finite number
    return Decimal(format(d, "f")) if isinstance(exponent, int) and exponent > 0 else d


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
            raise _fail(sheet, ref, f"{kind}不能为负数（{_clip(_text(raw))}）")
        if raw >= 10 ** MAX_DIGITS:
            raise _fail(sheet, ref, f"数字“{_clip(_text(raw))}”位数过多（超过 {MAX_DIGITS} 位）")
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
    if ws.get(0, 1)[0] != L.MARKER_VALUE or ws.get(0, 0)[0] != L.MARKER_KEY:
        raise _fail(L.DATA_SHEET, "B1", "缺少本程序的标记，这不是政府信息公开年报助手导出的工作簿")
    version = ws.get(1, 1)[0]
    if (isinstance(version, bool) or not isinstance(version, (int, float))
            or (isinstance(version, float) and not math.isfinite(version)) or int(version) != version):
        raise _fail(L.DATA_SHEET, "B2", f"工作簿版本号“{_clip(version)}”无效")
    if version > L.WORKBOOK_VERSION:
        raise _fail(L.DATA_SHEET, "B2", f"工作簿由更新版本的程序导出（版本 {_clip(version)}），请升级本程序后再导入")
    if version < 1:
        raise _fail(L.DATA_SHEET, "B2", f"工作簿版本号“{_clip(version)}”无效")


def _exact_values(book: _Book) -> dict[str, str]:
    """数据 column E: each exported value as text, by cell id or meta key."""
    ws = book.sheet(L.DATA_SHEET)
    out: dict[str, str] = {}
    for r in range(ws.rows):
        key = ws.get(r, 0)[0]
        if isinstance(key, str) and (key in CELL or "." in key):
            out[key] = _text(ws.get(r, L.DATA_EXACT_COL)[0])
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
        found = _text(ws.get(r, c)[0])
        if _norm(found) != _norm(gc.text):
            shown = f"“{_clip(found)}”" if found else "空白"
            raise _fail(sheet, L.a1(r, c), f"应为“{_clip(gc.text)}”，实际是{shown}。"
                        "表格的行列被插入、删除或移动过，无法确定数据位置，请恢复原样后再导入")
    # 表四's only data row carries no label: deleted, it would import as a blank table.
    last = max(L.grid_position(gc)[0] + gc.rowspan for gc in grid.cells)
    if ws.last_row < last:
        rows = f"第{last}行" if ws.last_row + 1 == last else f"第{ws.last_row + 1}～{last}行"
        raise XlsxImportError(f"工作表“{sheet}”{rows}不见了：表格的行被删除过，其中的数字已丢失；请恢复原样后再导入")
    allowed: dict[tuple[int, int], tuple[int, int]] = {}
    for gc in grid.value_cells():
        r, c = L.grid_position(gc)
        allowed[(r, c)] = (gc.rowspan, gc.colspan)
    value_at = {pos for gc in grid.value_cells() for pos in [L.grid_position(gc)]}
    seen: list[tuple[int, int, int, int, str]] = []
    for r0, c0, r1, c1, coord in book.merges(sheet):
        for pr0, pc0, pr1, pc1, other in seen:
            if r0 <= pr1 and pr0 <= r1 and c0 <= pc1 and pc0 <= c1:
                raise _fail(sheet, coord, f"合并单元格与 {other} 重叠，工作簿已损坏")
        seen.append((r0, c0, r1, c1, coord))
        # The value cells inside the range (not every cell of it: a range can span a whole sheet).
        covered = sorted(pos for pos in value_at if r0 <= pos[0] <= r1 and c0 <= pos[1] <= c1)
        if not covered:
            continue
        if covered == [(r0, c0)] and allowed[(r0, c0)] == (r1 - r0 + 1, c1 - c0 + 1):
            continue
        raise _fail(sheet, coord, "合并单元格覆盖了数据单元格，合并会隐藏其中的数字；请取消合并并核对数据后再导入")


_REF = re.compile(r"!\$?([A-Z]{1,3})\$?(\d+)")
TABLE_SHEET_NAMES = frozenset(L.TABLE_SHEETS.values())


def _check_references(book: _Book) -> None:
    """The 数据 sheet's formulas show which table lost or moved cells, even where no label moved.

    Excel and WPS turn a reference to a deleted row or column into #REF!, and move it with a
    row or column inserted inside a table: a figure no longer where the grid puts it would
    otherwise be read as blank.
    """
    ws = book.sheet(L.DATA_SHEET)
    for r in range(ws.rows):
        key, formula = ws.get(r, 0)[0], ws.get(r, L.DATA_VALUE_COL)[0]
        coordinate = L.a1(r, L.DATA_VALUE_COL)
        if not isinstance(key, str) or not isinstance(formula, str) or not formula.startswith("="):
            continue
        spec = CELL.get(key)
        if "#REF!" in formula.upper():
            where = f"（{spec.label}）" if spec is not None else ""
            raise _fail(L.DATA_SHEET, coordinate, f"公式引用的单元格{where}已被删除（#REF!）："
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
    for r in range(ws.rows):
        a = _text(ws.get(r, 0)[0]).strip()
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
        narrative.append((r, a, _text(book.value(L.INFO_SHEET, r, 1))))
    if not ended and ws.rows >= INFO_MAX_ROWS and ws.last_row >= INFO_MAX_ROWS:
        # More text than any report: refused rather than cut short without a word.
        raise _fail(L.INFO_SHEET, "", f"超过 {INFO_MAX_ROWS} 行且没有“{L.TEXT_END}”标记，不是本程序导出的正文")
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
    if L.DATA_SHEET not in book.sheetnames:
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
