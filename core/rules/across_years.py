"""X1–X4: this year's report against last year's."""

from __future__ import annotations

import re
from collections.abc import Iterator

from core.compute import Results
from core.findings import Finding, Severity
from core.format2021 import (
    CELL,
    NARRATIVE_TITLES,
    SECTION_BY_KEY,
    T3_ALL_COLS,
    T3_COL_LABEL,
    T3_ROW,
    T4_GROUPS,
    t2_id,
    t3_id,
    t4_id,
)
from core.model import Report

W = Severity.WARNING

# Figures compared year on year by X3: the headline numbers, not every leaf.
X3_IDS: tuple[str, ...] = (
    *(t2_id(r, c) for r in ("regulations", "normative") for c in ("issued", "repealed", "in_force")),
    t2_id("licensing", "decisions"), t2_id("penalty", "decisions"), t2_id("enforcement", "decisions"),
    *(t3_id(r, "total") for r in ("new", "carried_in", "public", "partial", "total", "carried_out")),
    *(t4_id(g, "total") for g, _ in T4_GROUPS),
)
X3_MIN = 10  # below this a ×5 change is noise (1 → 5 applications)
X4_LIMIT = 0.5
X4_MIN_SHINGLES = 40
_SHINGLE = 6


def x1(report: Report, res: Results, prev: Report, prev_res: Results) -> Iterator[Finding]:
    same_agency = report.meta.agency.strip() == prev.meta.agency.strip()
    sev = Severity.ERROR if same_agency else W
    if not same_agency:
        yield Finding("X1", W, ("meta.agency",),
                      f"上年报告的机关名称是“{prev.meta.agency}”，与本年“{report.meta.agency}”不同："
                      "结转数不作为错误处理", 0)
    if prev.meta.year is not None and report.meta.year is not None and prev.meta.year != report.meta.year - 1:
        yield Finding("X1", W, ("meta.previous_report",),
                      f"所选上年报告是 {prev.meta.year} 年度的，本报告是 {report.meta.year} 年度的", 0)
    for col in T3_ALL_COLS:
        cid = t3_id("carried_in", col)
        now = res.values.get(cid)
        before = prev_res.values.get(t3_id("carried_out", col))
        if isinstance(now, int) and isinstance(before, int) and now != before:
            yield Finding("X1", sev, (cid,),
                          f"表三 {T3_COL_LABEL[col]}列：上年结转 {now} 件，但上年报告“结转下年度继续办理”为 "
                          f"{before} 件，相差 {abs(now - before)}", 3)


def x2(res: Results, base: dict[str, int]) -> Iterator[Finding]:
    for row, name in (("regulations", "规章"), ("normative", "行政规范性文件")):
        prev = base.get(row)
        ids = [t2_id(row, c) for c in ("issued", "repealed", "in_force")]
        issued, repealed, in_force = (res.values.get(i) for i in ids)
        if prev is None or not all(isinstance(v, int) for v in (issued, repealed, in_force)):
            continue
        assert isinstance(issued, int) and isinstance(repealed, int) and isinstance(in_force, int)
        expected = prev + issued - repealed
        if in_force != expected:
            yield Finding("X2", W, (ids[2], ids[0], ids[1]),
                          f"表二 {name}：现行有效 {in_force} 件，但上年现行有效 {prev} + 本年制发 {issued} − "
                          f"本年废止 {repealed} = {expected} 件，相差 {abs(in_force - expected)}"
                          "（如因清理等原因不一致，请在正文中说明）", 2)


def x3(res: Results, prev_res: Results) -> Iterator[Finding]:
    for cid in X3_IDS:
        now = res.values.get(cid)
        before = prev_res.values.get(cid)
        if not isinstance(now, int) or not isinstance(before, int) or max(now, before) < X3_MIN:
            continue
        if now >= 5 * before or before >= 5 * now:
            spec = CELL[cid]
            label = spec.label if spec.table != "t3" else f"表三 {T3_ROW[spec.row].label.split('（区分')[0]}"
            yield Finding("X3", W, (cid,),
                          f"{label}：本年 {now}，上年 {before}，变化超过5倍：统计口径（本级/全市）是否一致？",
                          spec.section)


# Punctuation and spaces only: digits stay, so a sentence restating this year's figures in last
# year's words is not "copied" (comparing the skeleton left without digits made it 53 % alike).
_NON_TEXT = re.compile(r"[\s，。、；：！？“”‘’（）()《》〈〉,.;:!?\"'\-—]+")


def _shingles(text: str, skip: frozenset[str]) -> set[str]:
    lines = [ln for ln in text.splitlines() if ln.strip() not in skip]
    flat = _NON_TEXT.sub("", "".join(lines))
    return {flat[i:i + _SHINGLE] for i in range(max(0, len(flat) - _SHINGLE + 1))}


def similarity(text: str, previous: str, skip: frozenset[str] = frozenset()) -> float | None:
    """Share of this year's text found in last year's (0..1); None when too short to judge."""
    a = _shingles(text, skip)
    if len(a) < X4_MIN_SHINGLES:
        return None
    b = _shingles(previous, skip)
    return len(a & b) / len(a)


def x4(texts: dict[str, str], previous: dict[str, str]) -> Iterator[Finding]:
    for key in ("preamble", "s1", "s5", "s6"):
        skip = frozenset(SECTION_BY_KEY[key].subheadings) if key in SECTION_BY_KEY else frozenset()
        ratio = similarity(texts.get(key, ""), previous.get(key, ""), skip)
        if ratio is not None and ratio > X4_LIMIT:
            yield Finding("X4", W, (f"narrative.{key}",),
                          f"{NARRATIVE_TITLES[key]}：与上年报告的文字 {ratio:.0%} 相同（超过50%），"
                          "内容雷同会被通报扣分，请按本年实际情况撰写", 1 if key == "preamble" else int(key[1]))
