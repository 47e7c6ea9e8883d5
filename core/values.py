"""Cell values: what a clerk types or a file carries, normalised.

A cell holds ``None`` (blank — never the same as 0), an ``int`` count, a
``Decimal`` amount, or an ``Invalid`` that keeps the raw text so that nothing
typed is lost and R5 can say what is wrong with it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from core.format2021 import Unit


@dataclass(frozen=True, slots=True)
class Invalid:
    raw: str
    reason: str  # Chinese, e.g. 「不能为负数」

    def __str__(self) -> str:
        return self.raw


CellValue = int | Decimal | Invalid | None


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A number in a file that no value can be (thousands of digits, ``1e99999``, ``NaN``), kept as
    text so that the loader can name the field instead of failing inside ``int()`` or ``Decimal``."""

    text: str
    reason: str


# Bounds of a value: far beyond any report (a count of 10^30), far below where int() and Decimal
# stop (4,300 digits; exponents that make every operation InvalidOperation).
MAX_DIGITS = 30
# Money is at most exact to the 分: 万元 with six decimals. More digits are not an amount
# (「1E-12 元」 printed by a message is what they become).
MAX_PLACES = 6

# Written by clerks for "nothing", but the format wants 0: R0 treats them as blank.
BLANK_MARKERS = frozenset({"", "/", "／", "—", "——", "-", "－", "无", "空", "N/A", "n/a"})
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_INT = re.compile(r"^\+?\d+$")
_DEC = re.compile(r"^\+?(\d+(\.\d*)?|\.\d+)$")


def normalise_text(text: str) -> str:
    """Full-width digits/signs to ASCII, surrounding (also full-width) spaces removed."""
    text = unicodedata.normalize("NFKC", text).strip()
    return text.replace("，", ",").replace("。", ".") if text else text


def parse(text: str, unit: Unit) -> CellValue:
    """Parse typed or pasted text into a cell value. Never raises."""
    raw = text
    text = normalise_text(text)
    if text in BLANK_MARKERS:
        return None
    # The cell's own unit typed after the number (「12件」, 「150元」, 「3.5万元」) says nothing new;
    # any other unit (「251000元」 in a 万元 cell) stays invalid so R5/R7b can point at it.
    if text.endswith(unit.value) and len(text) > len(unit.value):
        text = text[: -len(unit.value)].rstrip()
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if text.startswith("-") and text[1:].replace(".", "", 1).isdigit():
        return Invalid(raw.strip(), "不能为负数")
    if unit is Unit.COUNT:
        if _INT.match(text):
            if len(text.lstrip("+").lstrip("0")) > MAX_DIGITS:
                return Invalid(raw.strip(), f"位数过多（超过 {MAX_DIGITS} 位），不是件数")
            return int(text.lstrip("+"))
        if _DEC.match(text):
            return Invalid(raw.strip(), "件数必须是整数")
        return Invalid(raw.strip(), _not_a_number(text, unit))
    if _DEC.match(text):
        whole, _, frac = text.lstrip("+").partition(".")
        if len(whole.lstrip("0")) > MAX_DIGITS:
            return Invalid(raw.strip(), f"位数过多（整数部分超过 {MAX_DIGITS} 位），不是金额")
        if len(frac.rstrip("0")) > MAX_PLACES:
            return Invalid(raw.strip(), f"小数位数过多：最多 {MAX_PLACES} 位（万元精确到分）")
        try:
            return Decimal(text.lstrip("+"))
        except InvalidOperation:  # pragma: no cover - regex already guards
            pass
    return Invalid(raw.strip(), _not_a_number(text, unit))


def _not_a_number(text: str, unit: Unit) -> str:
    if "元" in text or "万" in text:
        return f"只填数字，单位已是{unit.value}，不要写“元”“万”等字样"
    return "不是数字" if unit is not Unit.COUNT else "不是整数"


def from_json(value: object, unit: Unit) -> CellValue:
    """A value as stored in a project file (int, decimal string, null or raw text)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return Invalid(str(value).lower(), "不是数字")
    if isinstance(value, Unreadable):
        return Invalid(value.text, value.reason)
    if isinstance(value, int):
        if value < 0:
            return Invalid(str(value), "不能为负数")
        if value >= 10 ** MAX_DIGITS:
            return Invalid(str(value), f"位数过多（超过 {MAX_DIGITS} 位）")
        return value if unit is Unit.COUNT else Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return Invalid(str(value), "不是数字")
        return parse(format(value, "f"), unit)
    if isinstance(value, float):  # pragma: no cover - files are read with parse_float=Decimal
        return parse(repr(value), unit)
    if isinstance(value, str):
        return parse(value, unit)
    return Invalid(str(value), "不是数字")


def to_json(value: CellValue) -> int | str | None:
    """Counts as JSON integers; money as decimal strings so no digit is ever rounded."""
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")  # never "1E-7": exponent notation is not a value on reading back
    return value.raw


def display(value: CellValue) -> str:
    """How a value is printed: exactly the digits entered, blank as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def number(value: CellValue) -> int | Decimal | None:
    """The numeric part of a value: blanks and invalid entries count as absent."""
    if value is None or isinstance(value, Invalid):
        return None
    return value
