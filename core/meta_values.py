"""基本信息 fields as typed: 报告年度 and 发布日期 parsed the way clerks write them, and shown back.

Beside ``core.values`` (the cells): a year or date that cannot be one is an ``Invalid`` carrying the
Chinese reason, never an exception, so the wizard can say why and keep what the report holds.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from core.values import Invalid

PARSED_FIELDS = ("year", "publish_date")


def _plain(text: str) -> str:
    """Full-width digits and punctuation as ASCII, spaces gone: ２０２５ 年 is 2025年."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def default_year(today: dt.date) -> int:
    """The year a report begun on ``today`` is about: reports are written from December to March,
    so in December it is this year's, from January to November last year's."""
    return today.year if today.month == 12 else today.year - 1


def parse_year(text: str) -> int | Invalid | None:
    t = _plain(text).removesuffix("年度").removesuffix("年")
    if not t:
        return None
    if t.isdigit() and len(t) == 4:
        return int(t)
    return Invalid(text, "报告年度请填写四位数字，如 2025")


def parse_date(text: str) -> dt.date | Invalid | None:
    # 2025年1月20日 is how a clerk writes a date, and how the report prints it.
    t = _plain(text).replace("/", "-").replace(".", "-").replace("年", "-").replace("月", "-").removesuffix("日")
    if not t:
        return None
    try:
        return dt.date.fromisoformat(t)
    except ValueError:
        parts = t.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            try:
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:
                pass
        return Invalid(text, "发布日期请写作 2025-01-20 或 2025年1月20日")


def parse_meta(name: str, text: str) -> object:
    """The value of meta field ``name`` for ``text``: text fields are kept as typed."""
    if name == "year":
        return parse_year(text)
    if name == "publish_date":
        return parse_date(text)
    return text


def meta_text(value: object) -> str:
    """A meta value as the field shows it (a date as 2025-01-20, so it parses back to itself)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
