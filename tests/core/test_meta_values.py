"""报告年度 and 发布日期 as clerks type them; the year a new report is about."""

from __future__ import annotations

import datetime as dt

import pytest

from core.meta_values import default_year, meta_text, parse_date, parse_meta, parse_year
from core.values import Invalid


@pytest.mark.parametrize(("typed", "year"), [("2025", 2025), ("２０２５ 年", 2025), ("2025年度", 2025), ("", None)])
def test_year(typed: str, year: int | None) -> None:
    assert parse_year(typed) == year


@pytest.mark.parametrize("typed", ["25", "二〇二五", "2025x"])
def test_not_a_year_says_why(typed: str) -> None:
    value = parse_year(typed)
    assert isinstance(value, Invalid) and "四位数字" in value.reason and value.raw == typed


@pytest.mark.parametrize(("typed", "date"), [("2025-01-20", dt.date(2025, 1, 20)),
                                             ("2025年1月20日", dt.date(2025, 1, 20)),
                                             ("２０２５－０２－０３", dt.date(2025, 2, 3)),
                                             ("2025/2/3", dt.date(2025, 2, 3)), ("2025.2.3", dt.date(2025, 2, 3))])
def test_date(typed: str, date: dt.date) -> None:
    assert parse_date(typed) == date
    assert parse_date(meta_text(date)) == date


def test_not_a_date_says_why() -> None:
    value = parse_date("2025-02-30")
    assert isinstance(value, Invalid) and "2025年1月20日" in value.reason
    assert parse_date(" ") is None


def test_text_fields_are_kept_as_typed() -> None:
    assert parse_meta("agency", " 某局 ") == " 某局 "
    assert parse_meta("year", "2026") == 2026
    assert meta_text(None) == "" and meta_text(2026) == "2026"


@pytest.mark.parametrize(("today", "year"), [(dt.date(2026, 12, 1), 2026), (dt.date(2026, 12, 31), 2026),
                                             (dt.date(2027, 1, 1), 2026), (dt.date(2026, 11, 30), 2025)])
def test_default_year_december_is_this_years_report(today: dt.date, year: int) -> None:
    assert default_year(today) == year
