"""A block copied from the office's Excel template, 总计 column and （七）总计 row included (no Qt)."""

from __future__ import annotations

from core.compute import compute
from core.format2021 import CELL, GRIDS, T3_APPLICANT_COLS, TABLE_IDS, t3_id
from core.model import Report
from core.paste import GridIndex, blank_inputs, parse_tsv, plan_paste, stated_changes
from core.rules import check
from core.values import Invalid

T3 = GridIndex(GRIDS["t3"])
T4 = GridIndex(GRIDS["t4"])


def _apply(report: Report, index: GridIndex, start_id: str, tsv: str) -> dict[str, object]:
    start = index.by_id[start_id]
    plan = plan_paste(index, (start.row, start.col), parse_tsv(tsv))
    assert plan.error == ""
    stated = stated_changes(report, plan)
    for cid, v in plan.values.items():
        report.set(cid, v)
    for cid, sv in stated.items():
        if sv is None:
            report.stated_totals.pop(cid, None)
        else:
            report.stated_totals[cid] = sv
    return stated


def test_total_column_that_adds_up_is_accepted_and_computed() -> None:
    report = Report.blank()
    stated = _apply(report, T3, t3_id("new", "natural"), "1\t2\t0\t0\t0\t0\t3\r\n")
    assert stated == {}
    assert report.stated_totals == {}
    assert compute(report).value(t3_id("new", "total")) == 3


def test_total_that_differs_becomes_a_finding_at_that_cell() -> None:
    report = Report.blank()
    _apply(report, T3, t3_id("new", "natural"), "1\t2\t0\t0\t0\t0\t30\r\n4\t0\t0\t0\t0\t0\t4\r\n")
    total = t3_id("new", "total")
    assert report.stated_totals == {total: 30}  # the agreeing row is computed, the other kept as printed
    results = compute(report)
    assert results.value(total) == 30 and results.computed[total] == 3
    at_cell = [f for f in check(report, results) if total in f.cells and f.rule in {"R2", "R3", "R4"}]
    assert at_cell and "30" in at_cell[0].message


def test_grand_total_row_and_corner_are_checked() -> None:
    report = Report.blank()
    row = t3_id("total", "natural")
    block = "\t".join(["5"] * len(T3_APPLICANT_COLS)) + "\t30\r\n"
    start = T3.by_id[row]
    plan = plan_paste(T3, (start.row, start.col), parse_tsv(block))
    assert plan.error == "" and plan.values == {}  # the whole row is computed
    assert set(plan.totals) == {t3_id("total", c) for c in (*T3_APPLICANT_COLS, "total")}
    stated = stated_changes(report, plan)
    assert stated[row] == 5  # blank leaves compute to nothing: the printed 5 is kept
    assert stated[t3_id("total", "total")] == 30


def test_a_paste_that_agrees_drops_an_earlier_stated_total() -> None:
    report = Report.blank()
    total = t3_id("new", "total")
    report.stated_totals[total] = 99
    stated = _apply(report, T3, t3_id("new", "natural"), "1\t2\t0\t0\t0\t0\t3\r\n")
    assert stated == {total: None} and total not in report.stated_totals


def test_table4_total_column_and_invalid_total_refused() -> None:
    report = Report.blank()
    stated = _apply(report, T4, "t4.review.upheld", "1\t2\t0\t0\t3\r\n")
    assert stated == {}
    start = T4.by_id["t4.review.upheld"]
    bad = plan_paste(T4, (start.row, start.col), parse_tsv("1\t2\t0\t0\t三\r\n"))
    assert bad.values == {} and "三" in bad.error


def test_blank_inputs_skip_text_and_totals() -> None:
    report = Report.blank()
    report.set(t3_id("new", "natural"), 4)
    report.set(t3_id("new", "business"), Invalid("八个", "不是数字"))
    ids = blank_inputs(report, "t3")
    assert t3_id("new", "natural") not in ids and t3_id("new", "business") not in ids
    assert all(not CELL[c].computed for c in ids)
    assert len(ids) == sum(1 for c in TABLE_IDS["t3"] if not CELL[c].computed) - 2
    assert "t2.fees.amount" in blank_inputs(report, "t2") and CELL["t2.fees.amount"].unit is not None


def test_journal_replays_a_paste_that_sets_and_drops_printed_totals() -> None:
    from core import journal

    report = Report.blank()
    report.stated_totals[t3_id("new", "total")] = 99
    journal.apply(report, journal.cells_op({t3_id("new", "natural"): 3}))
    journal.apply(report, journal.stated_op({t3_id("new", "total"): None, t3_id("carried_in", "total"): 7}))
    assert report.stated_totals == {t3_id("carried_in", "total"): 7}
