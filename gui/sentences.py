"""Sentences with the tables' figures, for 插入数据 on the narrative pages (no Qt).

The figures come from ``Results`` (the core's computed totals), never added up
here; a blank cell is written as 〔未填〕 so the author sees the gap instead of
a silent 0.
"""

from __future__ import annotations

from collections.abc import Callable

from core.compute import Results
from core.format2021 import INFO_FEE_ID, t2_id, t3_id, t4_id
from core.values import Invalid, display

MISSING = "〔未填〕"


def _fig(results: Results, cell_id: str) -> str:
    v = results.value(cell_id)
    if v is None or isinstance(v, Invalid):
        return MISSING
    return display(v)


def applications_sentence(results: Results) -> str:
    new, carried_in, total, carried_out = (
        _fig(results, t3_id(r, "total")) for r in ("new", "carried_in", "total", "carried_out"))
    return (f"全年共收到政府信息公开申请{new}件，上年结转{carried_in}件，"
            f"办结{total}件，结转下年度{carried_out}件。")


def active_disclosure_sentence(results: Results) -> str:
    reg, norm = (_fig(results, t2_id(r, "issued")) for r in ("regulations", "normative"))
    reg_in, norm_in = (_fig(results, t2_id(r, "in_force")) for r in ("regulations", "normative"))
    return (f"本年制发规章{reg}件、行政规范性文件{norm}件，"
            f"现行有效规章{reg_in}件、行政规范性文件{norm_in}件。")


def review_sentence(results: Results) -> str:
    # The two litigation totals are quoted separately: adding them here would be a second sum.
    review, direct, after = (_fig(results, t4_id(g, "total"))
                             for g in ("review", "suit_direct", "suit_after"))
    return (f"全年发生政府信息公开行政复议{review}件，"
            f"行政诉讼未经复议直接起诉{direct}件、复议后起诉{after}件。")


def info_fee_sentence(results: Results) -> str:
    fee = results.value(INFO_FEE_ID)
    if fee is None or isinstance(fee, Invalid):
        return f"本年度收取信息处理费{MISSING}元。"
    if fee == 0:
        return "本年度未收取信息处理费。"
    return f"本年度收取信息处理费{display(fee)}元。"


def period_sentence(year: int | None) -> str:
    """The statistics-period sentence R10 looks for, for the report's year."""
    y = MISSING if year is None else str(year)
    return f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"


SENTENCES: tuple[tuple[str, Callable[[Results], str]], ...] = (
    ("依申请公开情况", applications_sentence),
    ("主动公开情况", active_disclosure_sentence),
    ("行政复议、行政诉讼情况", review_sentence),
    ("信息处理费收取情况", info_fee_sentence),
)


def default_sentence(key: str, results: Results, year: int | None = None) -> str:
    """The sentence 插入数据 writes on the narrative page ``key`` unless another is chosen."""
    if key == "preamble":
        return period_sentence(year)
    if key == "s6":
        return info_fee_sentence(results)
    return applications_sentence(results)
