"""Hand-built reports for the core's tests."""

from __future__ import annotations

import random
from decimal import Decimal

from core.compute import compute
from core.format2021 import (
    INFO_FEE_ID,
    T3_APPLICANT_COLS,
    T3_LEAF_ROWS,
    T4_GROUPS,
    T4_PARTS,
    TABLE_INPUT_IDS,
    t2_id,
    t3_id,
    t4_id,
)
from core.model import Meta, Report

S1 = ("2025年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。"
      "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。\n（一）主动公开\n全年主动公开信息312条。")
S5 = "（一）存在问题\n信息公开的及时性还有差距。\n（二）改进措施\n加强培训，完善审核机制。"
S6 = "本年度未收取信息处理费。"


def zero_report(year: int = 2025) -> Report:
    r = Report.blank()
    r.meta = Meta(agency="某市某局", year=year)
    r.narrative.update({"s1": S1.replace("2025", str(year)), "s5": S5, "s6": S6})
    for cid in TABLE_INPUT_IDS:
        r.cells[cid] = Decimal(0) if cid == t2_id("fees", "amount") else 0
    r.cells[INFO_FEE_ID] = Decimal(0)
    return r


def consistent_report(rng: random.Random, year: int = 2025) -> Report:
    """Random figures that satisfy every error rule."""
    r = zero_report(year)
    for col in T3_APPLICANT_COLS:
        leaves = {row: rng.randint(0, 40) for row in T3_LEAF_ROWS}
        done = sum(leaves.values())
        carried_in = rng.randint(0, min(done, 20))
        carried_out = rng.randint(0, 20)
        for row, v in leaves.items():
            r.cells[t3_id(row, col)] = v
        r.cells[t3_id("carried_in", col)] = carried_in
        r.cells[t3_id("new", col)] = done + carried_out - carried_in
        r.cells[t3_id("carried_out", col)] = carried_out
    for g, _ in T4_GROUPS:
        for c in T4_PARTS:
            r.cells[t4_id(g, c)] = rng.randint(0, 9)
    for row in ("regulations", "normative"):
        issued, repealed = rng.randint(0, 30), rng.randint(0, 10)
        r.cells[t2_id(row, "issued")] = issued
        r.cells[t2_id(row, "repealed")] = repealed
        r.cells[t2_id(row, "in_force")] = rng.randint(repealed, 200)
    for row in ("licensing", "penalty", "enforcement"):
        r.cells[t2_id(row, "decisions")] = rng.randint(0, 5000)
    r.cells[t2_id("fees", "amount")] = Decimal(rng.randint(0, 10**8)) / Decimal(10 ** rng.randint(0, 6))
    return r


def with_stated_totals(r: Report) -> Report:
    """As if typed in from a published report that prints every total, all correct."""
    out = r.copy()
    res = compute(out)
    out.stated_totals = dict(res.computed)
    return out


def filled_sample() -> Report:
    """The built-in sample with a distinct, non-zero figure in every count cell and exact-decimal money:
    every printed figure can be told apart from every other (the PDF, DOCX and HTML export tests)."""
    from core import format2021 as f21
    from core.sample import load_sample

    report = load_sample()
    for n, cid in enumerate(f21.INPUT_IDS):
        if f21.CELL[cid].unit is f21.Unit.COUNT:
            report.set(cid, 1000 + 7 * n)
    report.set("t2.fees.amount", Decimal("59237.2449"))
    report.set(f21.INFO_FEE_ID, Decimal("250.50"))
    return report
