"""R1–R5: the arithmetic the form prints and implies (errors)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

from core.compute import Results
from core.findings import Finding, Severity
from core.format2021 import (
    CELLS,
    T3_ALL_COLS,
    T3_APPLICANT_COLS,
    T3_COL_LABEL,
    T3_LEAF_ROWS,
    T3_ROW,
    T4_COL_LABEL,
    T4_GROUP_LABEL,
    T4_GROUPS,
    T4_PARTS,
    TABLE3_ROWS,
    t3_id,
    t4_id,
)
from core.values import Invalid

E = Severity.ERROR
_T3_SHORT = {"new": "新收", "carried_in": "上年结转", "total": "办理结果总计", "carried_out": "结转下年度"}

def _int(v: object) -> int | None:
    return v if isinstance(v, int) else None

def _row_name(row: str) -> str:
    r = T3_ROW[row]
    return r.label.split("（区分")[0]

def r1(res: Results) -> Iterator[Finding]:
    vals = res.values
    for col in T3_ALL_COLS:
        ids = [t3_id(r, col) for r in ("new", "carried_in", "total", "carried_out")]
        a, b, c, d = (_int(vals.get(i)) for i in ids)
        if a is None or b is None or c is None or d is None:
            continue
        if a + b != c + d:
            yield Finding("R1", E, tuple(ids),
                          f"表三 {T3_COL_LABEL[col]}列：新收 {a} + 上年结转 {b} = {a + b}，"
                          f"但办理结果总计 {c} + 结转下年度 {d} = {c + d}，相差 {abs(a + b - c - d)}", 3)

# (total id, part ids) for every printed total, built once: the checks run on every keystroke.
_R2_SUMS = tuple((col, t3_id("total", col), tuple(t3_id(r, col) for r in T3_LEAF_ROWS)) for col in T3_ALL_COLS)
_R3_SUMS = tuple((row.key, t3_id(row.key, "total"), tuple(t3_id(row.key, c) for c in T3_APPLICANT_COLS))
                 for row in TABLE3_ROWS)
_R4_SUMS = tuple((gkey, t4_id(gkey, "total"), tuple(t4_id(gkey, c) for c in T4_PARTS)) for gkey, _ in T4_GROUPS)


def _mismatch(vals: Mapping[str, object], total_id: str,
              part_ids: tuple[str, ...]) -> tuple[int, int, list[int | None]] | None:
    """(printed total, sum of the parts, the parts) when a printed total disagrees with its parts."""
    total = _int(vals.get(total_id))
    if total is None:
        return None
    parts = [_int(vals.get(i)) for i in part_ids]
    s = sum(p for p in parts if p is not None)
    return None if s == total else (total, s, parts)


def r2(res: Results) -> Iterator[Finding]:
    for col, tid, leaf_ids in _R2_SUMS:
        if found := _mismatch(res.values, tid, leaf_ids):
            total, s, _ = found
            yield Finding("R2", E, (tid, *leaf_ids),
                          f"表三 {T3_COL_LABEL[col]}列：（七）总计 {total}，但{len(leaf_ids)}项办理结果之和为 {s}，"
                          f"相差 {abs(total - s)}", 3)


def r3(res: Results) -> Iterator[Finding]:
    for row, tid, ids in _R3_SUMS:
        if found := _mismatch(res.values, tid, ids):
            total, s, _ = found
            yield Finding("R3", E, (tid, *ids),
                          f"表三 “{_row_name(row)}”行：总计 {total}，但六类申请人之和为 {s}，"
                          f"相差 {abs(total - s)}", 3)


def r4(res: Results) -> Iterator[Finding]:
    for gkey, tid, ids in _R4_SUMS:
        if found := _mismatch(res.values, tid, ids):
            total, s, parts = found
            terms = " + ".join(f"{T4_COL_LABEL[c][-2:]} {p if p is not None else '空'}"
                               for c, p in zip(T4_PARTS, parts, strict=True))
            yield Finding("R4", E, (*ids, tid),
                          f"表四 {T4_GROUP_LABEL[gkey]}：{terms} = {s}，但总计 {total}，相差 {abs(total - s)}", 4)


def r5(res: Results) -> Iterator[Finding]:
    vals = res.values
    for spec in CELLS:
        v = vals.get(spec.id)
        if isinstance(v, Invalid):
            yield Finding("R5", E, (spec.id,), f"{spec.label}：“{v.raw}”无效，{v.reason}", spec.section)
        elif isinstance(v, Decimal) and not spec.unit.is_money:  # pragma: no cover - parser prevents
            yield Finding("R5", E, (spec.id,), f"{spec.label}：“{v}”无效，件数必须是整数", spec.section)
        elif isinstance(v, int) and v < 0:
            yield Finding("R5", E, (spec.id,), f"{spec.label}：{v} 无效，不能为负数", spec.section)

