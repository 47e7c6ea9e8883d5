"""Property tests: consistent reports are clean, one changed cell breaks exactly its rules,
save → load is the identity."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.format2021 import CELL, INPUT_IDS, TABLE_INPUT_IDS, rules_of_cell
from core.model import Meta, Report
from core.project_file import dumps, loads
from core.rules import check
from core.values import parse
from tests.core.build import consistent_report, with_stated_totals

seeds = st.integers(min_value=0, max_value=2**32 - 1)
ARITH = {"R1", "R2", "R3", "R4"}


def error_rules(report: Report) -> set[str]:
    return {f.rule for f in check(report) if f.is_error}


@given(seeds)
@settings(max_examples=60, deadline=None)
def test_random_consistent_reports_raise_no_error(seed: int) -> None:
    assert error_rules(consistent_report(random.Random(seed))) == set()
    assert error_rules(with_stated_totals(consistent_report(random.Random(seed)))) == set()


count_cells = [cid for cid in TABLE_INPUT_IDS if cid.startswith(("t3.", "t4."))]


@given(seeds, st.sampled_from(count_cells), st.integers(min_value=1, max_value=50), st.booleans())
@settings(max_examples=200, deadline=None)
def test_changing_one_cell_raises_exactly_its_rules(seed: int, cid: str, delta: int, stated: bool) -> None:
    base = consistent_report(random.Random(seed))
    if stated:
        base = with_stated_totals(base)
    base.cells[cid] = base.cells[cid] + delta  # type: ignore[operator]
    assert error_rules(base) & ARITH == rules_of_cell(cid, totals_stated=stated)


stated_total_cells = [c.id for c in CELL.values() if c.computed]


@given(seeds, st.sampled_from(stated_total_cells), st.integers(min_value=1, max_value=50))
@settings(max_examples=100, deadline=None)
def test_changing_one_printed_total_raises_exactly_its_rules(seed: int, cid: str, delta: int) -> None:
    report = with_stated_totals(consistent_report(random.Random(seed)))
    report.stated_totals[cid] = report.stated_totals[cid] + delta  # type: ignore[operator]
    assert error_rules(report) & ARITH == rules_of_cell(cid, totals_stated=True)


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    r = consistent_report(random.Random(draw(seeds)))
    r.meta = Meta(agency=draw(texts), year=draw(st.one_of(st.none(), st.integers(2021, 2100))),
                  compiler=draw(texts), contact=draw(texts))
    for key in r.narrative:
        r.narrative[key] = draw(texts).replace("\r", "")
    for cid in draw(st.lists(st.sampled_from(INPUT_IDS), max_size=8)):
        choice = draw(st.integers(0, 2))
        if choice == 0:
            r.cells.pop(cid, None)
        elif choice == 1:
            bad = parse(draw(st.sampled_from(["-3", "2.5", "251000元", "abc"])), CELL[cid].unit)
            if bad is not None:
                r.cells[cid] = bad
        elif CELL[cid].unit.is_money:
            r.cells[cid] = draw(st.decimals(min_value=0, max_value=10**9, places=draw(st.integers(0, 6)),
                                            allow_nan=False, allow_infinity=False))
    if draw(st.booleans()):
        r.stated_totals["t4.review.total"] = draw(st.integers(0, 999))
    return r


@given(reports())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_save_load_is_identity(report: Report) -> None:
    text = dumps(report)
    again = loads(text)
    assert dumps(again) == text
    assert again.meta == report.meta
    assert again.narrative == report.narrative
    assert {k: str(v) for k, v in again.cells.items()} == {k: str(v) for k, v in report.cells.items()}
    for cid, v in report.cells.items():
        if isinstance(v, Decimal):
            assert again.cells[cid] == v and str(again.cells[cid]) == str(v)
    assert {f.message for f in check(again)} == {f.message for f in check(report)}
