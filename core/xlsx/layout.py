"""Where things are in the workbook: shared by the writer and the reader.

The table sheets are rendered from ``format2021.GRIDS``; this module only adds
the two title rows above each grid and the layout of the two sheets that are
not tables (基本信息与正文, 数据). Keeping every position here means the reader
looks exactly where the writer wrote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from core.format2021 import (
    CELL,
    GRIDS,
    INFO_FEE_ID,
    INFO_FEE_LABEL,
    NARRATIVE_KEYS,
    NARRATIVE_TITLES,
    T2_BLOCKS,
    T3_APPLICANT_COLS,
    T3_INPUT_ROWS,
    T3_LEAF_ROWS,
    T4_GROUPS,
    T4_PARTS,
    Grid,
    GridCell,
    t3_id,
    t4_id,
)

# ---------------------------------------------------------------- sheets

TABLE_SHEETS: dict[str, str] = {"t2": "表二", "t3": "表三", "t4": "表四"}
INFO_SHEET = "基本信息与正文"
DATA_SHEET = "数据"
FINDINGS_SHEET = "检查结果"
REQUIRED_SHEETS: tuple[str, ...] = (INFO_SHEET, *TABLE_SHEETS.values(), DATA_SHEET)

GRID_TOP = 2  # row 0: report title, row 1: section heading, then the grid
LANDSCAPE = frozenset({"t3", "t4"})
DRAFT_MARK = "草稿"

# ---------------------------------------------------------------- 数据 marker
# Rows at the top of 数据 that identify the workbook as ours (key in A, value in B).
MARKER_KEY = "format"
MARKER_VALUE = "gov-info-disclosure-annual-report.xlsx"
WORKBOOK_VERSION = 1
DATA_HEADER = ("编号", "名称", "单位", "数值", "导出时的值（文本，供精确还原）")
DATA_VALUE_COL = 3  # D: formula referencing the table sheets, with the exported value cached
DATA_EXACT_COL = 4  # E: the exported value as text (money keeps every digit)

# ---------------------------------------------------------------- 基本信息与正文


@dataclass(frozen=True, slots=True)
class InfoField:
    key: str  # "meta.agency", "baseline.regulations", "s6.info_fee"
    label: str
    kind: str  # "text" | "year" | "kind" | "date" | "count" | "money"


def _baseline_label(row: str) -> str:
    block = T2_BLOCKS[0]
    rlabel = dict(block.rows)[row]
    in_force = block.column_labels[block.columns.index("in_force")]
    return f"上年{in_force}（{rlabel}）"


INFO_FIELDS: tuple[InfoField, ...] = (
    InfoField("meta.agency", "机关名称", "text"),
    InfoField("meta.year", "报告年度", "year"),
    InfoField("meta.kind", "报告类型", "kind"),
    InfoField("meta.compiler", "编制单位", "text"),
    InfoField("meta.contact", "联系方式", "text"),
    InfoField("meta.publish_date", "发布日期", "date"),
    InfoField("meta.previous_report", "上年报告项目文件", "text"),
    InfoField("baseline.regulations", _baseline_label("regulations"), "count"),
    InfoField("baseline.normative", _baseline_label("normative"), "count"),
    InfoField(INFO_FEE_ID, INFO_FEE_LABEL, "money"),
)
INFO_FIELD_TOP = 3  # row 0 title, row 1 notice, row 2 "基本信息" heading
INFO_META_HEADING = "基本信息"
INFO_TEXT_HEADING = "正文（每段一行；可在段落之间插入行）"
INFO_TEXT_TOP = INFO_FIELD_TOP + len(INFO_FIELDS) + 1  # heading row of the narrative
# Column A of a row that continues the paragraph above (a paragraph longer than one cell holds).
CONTINUATION = "（接上行）"
# Below the last paragraph, so that empty rows a spreadsheet keeps at the end are not read as text.
TEXT_END = "（正文到此结束）"
NARRATIVE_BY_TITLE = {NARRATIVE_TITLES[k]: k for k in NARRATIVE_KEYS}
INFO_FIELD_ROW = {f.key: INFO_FIELD_TOP + i for i, f in enumerate(INFO_FIELDS)}
INFO_FIELD_BY_LABEL = {f.label: f for f in INFO_FIELDS}

# ---------------------------------------------------------------- positions


def grid_position(cell: GridCell) -> tuple[int, int]:
    return GRID_TOP + cell.row, cell.col


def _positions() -> dict[str, tuple[str, int, int]]:
    pos: dict[str, tuple[str, int, int]] = {}
    for key, grid in GRIDS.items():
        for gc in grid.value_cells():
            assert gc.cell_id is not None
            pos[gc.cell_id] = (TABLE_SHEETS[key], *grid_position(gc))
    pos[INFO_FEE_ID] = (INFO_SHEET, INFO_FIELD_ROW[INFO_FEE_ID], 1)
    return pos


# cell id -> (sheet, row, col), zero-based
POSITION: dict[str, tuple[str, int, int]] = _positions()
assert set(POSITION) == set(CELL)


def a1(row: int, col: int) -> str:
    letters = ""
    c = col + 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def sheet_ref(sheet: str, row: int, col: int) -> str:
    return f"'{sheet}'!{a1(row, col)}"


def merge_ref(grid_key: str, cell: GridCell) -> str:
    r, c = grid_position(cell)
    return f"{a1(r, c)}:{a1(r + cell.rowspan - 1, c + cell.colspan - 1)}"


# ---------------------------------------------------------------- totals as formulas
# The same sums as core.compute, spelled over input cells so that a spreadsheet
# recalculates them. A total of nothing but blanks stays blank (blank is not zero).


def _total_sources() -> dict[str, tuple[str, ...]]:
    src: dict[str, tuple[str, ...]] = {}
    for row in T3_INPUT_ROWS:
        src[t3_id(row, "total")] = tuple(t3_id(row, c) for c in T3_APPLICANT_COLS)
    for col in T3_APPLICANT_COLS:
        src[t3_id("total", col)] = tuple(t3_id(r, col) for r in T3_LEAF_ROWS)
    # 总计 of 总计 sums the leaf block directly: equal to the core's sum of the
    # column totals, and independent of any total a file states.
    src[t3_id("total", "total")] = tuple(t3_id(r, c) for r in T3_LEAF_ROWS for c in T3_APPLICANT_COLS)
    for gkey, _ in T4_GROUPS:
        src[t4_id(gkey, "total")] = tuple(t4_id(gkey, c) for c in T4_PARTS)
    return src


TOTAL_SOURCES = _total_sources()
assert set(TOTAL_SOURCES) == {c.id for c in CELL.values() if c.computed}


def _range_of(ids: tuple[str, ...]) -> str:
    cells = [POSITION[i] for i in ids]
    rows = sorted({r for _, r, _ in cells})
    cols = sorted({c for _, _, c in cells})
    rect = {(r, c) for r in rows for c in cols}
    contiguous = rows == list(range(rows[0], rows[-1] + 1)) and cols == list(range(cols[0], cols[-1] + 1))
    if contiguous and rect == {(r, c) for _, r, c in cells}:
        return f"{a1(rows[0], cols[0])}:{a1(rows[-1], cols[-1])}"
    return ",".join(a1(r, c) for _, r, c in cells)


def total_formula(cell_id: str) -> str:
    rng = _range_of(TOTAL_SOURCES[cell_id])
    return f'=IF(COUNT({rng})=0,"",SUM({rng}))'


# ---------------------------------------------------------------- text escaping
# OOXML stores a control character as "_xHHHH_" and a literal "_xHHHH_" as
# "_x005F_xHHHH_". openpyxl only strips every "x005F_" and never decodes the
# rest, so "_x0001_" typed by a clerk and a real U+0001 read back the same.
# The writer therefore never lets such text reach the file: the few sequences
# involved are replaced by a private-use marker (U+E000) and a code letter.
# Ordinary text, Chinese and ASCII alike, is written unchanged.

ESC = "\ue000"
_ENCODE = re.compile("\ue000|_x|x005F_|[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]")
_DECODE = re.compile("\ue000(e|u|f|c[0-9A-F]{4})")
_CODES = {ESC: "e", "_x": "u", "x005F_": "f"}
_TEXTS = {"e": ESC, "u": "_x", "f": "x005F_"}


def _encode(m: re.Match[str]) -> str:
    found = m.group(0)
    code = _CODES.get(found)
    return ESC + (code if code is not None else f"c{ord(found):04X}")


def escape_text(text: str) -> str:
    return _ENCODE.sub(_encode, text)


def unescape_text(text: str) -> str:
    if ESC not in text:
        return text

    def back(m: re.Match[str]) -> str:
        code = m.group(1)
        return _TEXTS[code] if len(code) == 1 else chr(int(code[1:], 16))

    return _DECODE.sub(back, text)


def text_width(text: str) -> int:
    """Display width in Excel column units: CJK characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table_grid(key: str) -> Grid:
    return GRIDS[key]
