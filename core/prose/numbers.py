"""Numbers as reports write them: 20件, 1,234件, 二十一件, 两件, 1.2万条, 7万余次, 42.86%.

Only numbers followed by a unit (or a per-cent sign) are read: a bare number is a date, a phone
number, a document number or a list ordinal far more often than a quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}

COUNT_UNITS = ("件", "条", "宗", "个", "项", "部", "份", "封", "例", "起", "篇", "次", "人次", "场", "家", "人")
MONEY_UNITS = ("万元", "元")
PERCENT = ("%", "％")
# Longest first so that 人次 wins over 人 and 万元 over 元.
_UNITS = sorted(COUNT_UNITS + MONEY_UNITS + PERCENT, key=len, reverse=True)
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS)
_APPROX_BEFORE = ("约", "近", "超过", "逾", "大约")
_NUMBER = re.compile(
    r"(?P<num>(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
    r"\s*(?P<wan>万)?\s*(?P<approx>余|多|左右)?\s*(?P<unit>" + _UNIT_RE + r")?")


@dataclass(frozen=True, slots=True)
class Number:
    start: int  # of the digits
    end: int  # after the unit
    num_end: int  # after the digits (and 万/余)
    value: Decimal
    unit: str
    approx: bool
    text: str  # as written, digits to unit

    @property
    def is_percent(self) -> bool:
        return self.unit in PERCENT


def chinese_value(text: str) -> int | None:
    """二十一 → 21, 两 → 2, 一百零五 → 105, 〇 → 0; None for what is not a numeral."""
    if not text:
        return None
    if all(ch in _CN_DIGITS for ch in text):
        if len(text) == 1:
            return _CN_DIGITS[text]
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))  # 二〇二四 style
    total = 0
    current = 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def _value(num: str) -> Decimal | None:
    if num[0].isdigit():
        digits = num.replace(",", "").replace("，", "")
        if ("," in num or "，" in num) and not re.fullmatch(r"\d{1,3}([,，]\d{3})+(\.\d+)?", num):
            return None  # 「1，2」 is a list, not a thousands separator
        try:
            return Decimal(digits)
        except InvalidOperation:
            return None
    v = chinese_value(num)
    return None if v is None else Decimal(v)


def find_numbers(text: str) -> list[Number]:
    """Numbers with a unit; bare Arabic numbers too, with unit "" (only a few phrases accept them)."""
    out: list[Number] = []
    for m in _NUMBER.finditer(text):
        num = m.group("num")
        start = m.start("num")
        if num[0].isdigit() and start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."):
            continue
        if not num[0].isdigit() and start > 0 and text[start - 1] in "第（(":
            continue  # 「第一」, 「（一）」: ordinals
        value = _value(num)
        if value is None:
            continue
        unit = m.group("unit") or ""
        if not unit and (m.group("wan") or m.group("approx") or not num[0].isdigit()):
            continue
        if m.group("wan"):
            if unit == "元":
                unit = "万元"  # 「12.5万元」: the amount in 万元, as the table keeps it
            else:
                value *= 10000
        before = text[max(0, start - 2):start]
        approx = bool(m.group("approx")) or any(before.endswith(w) for w in _APPROX_BEFORE)
        num_end = m.end("approx") if m.group("approx") else (m.end("wan") if m.group("wan") else m.end("num"))
        out.append(Number(start, m.end(), num_end, value, unit, approx, m.group(0)))
    return out
