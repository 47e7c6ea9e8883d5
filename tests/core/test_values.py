from __future__ import annotations

from decimal import Decimal

import pytest

from core.format2021 import Unit
from core.values import Invalid, display, from_json, parse, to_json


@pytest.mark.parametrize(("text", "expected"), [
    ("12", 12), (" 12 ", 12), ("１２", 12), ("\u300012\u3000", 12), ("1,234", 1234), ("１，２３４", 1234),
    ("+5", 5), ("0", 0), ("", None), ("/", None), ("—", None), ("无", None),
])
def test_count_parsing(text: str, expected: int | None) -> None:
    assert parse(text, Unit.COUNT) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("-1", "负数"), ("2.5", "整数"), ("abc", "整数"), ("251000元", "元"), ("1,23", "整数"),
])
def test_count_refusals(text: str, reason: str) -> None:
    v = parse(text, Unit.COUNT)
    assert isinstance(v, Invalid) and reason in v.reason and v.raw == text


def test_money_keeps_every_decimal() -> None:
    assert parse("24252.311082", Unit.WAN_YUAN) == Decimal("24252.311082")
    assert display(parse("0.50", Unit.WAN_YUAN)) == "0.50"
    assert display(parse("96171.6", Unit.WAN_YUAN)) == "96171.6"
    assert parse("１２.５", Unit.YUAN) == Decimal("12.5")
    assert isinstance(parse("-0.5", Unit.WAN_YUAN), Invalid)


def test_json_round_trip() -> None:
    for v, unit in ((12, Unit.COUNT), (Decimal("24252.311082"), Unit.WAN_YUAN), (None, Unit.COUNT)):
        assert from_json(to_json(v), unit) == v
    bad = from_json(-3, Unit.COUNT)
    assert isinstance(bad, Invalid) and to_json(bad) == "-3"
    assert isinstance(from_json(True, Unit.COUNT), Invalid)
    assert from_json(7, Unit.WAN_YUAN) == Decimal(7)


def test_the_cells_own_unit_may_be_typed() -> None:
    assert parse("12件", Unit.COUNT) == 12
    assert parse("150元", Unit.YUAN) == Decimal(150)
    assert parse("3.5万元", Unit.WAN_YUAN) == Decimal("3.5")
    wrong = parse("251000元", Unit.WAN_YUAN)  # 元 in the 万元 cell: the classic mistake, kept visible
    assert isinstance(wrong, Invalid) and "万元" in wrong.reason
    assert isinstance(parse("件", Unit.COUNT), Invalid)
