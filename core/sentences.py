"""Standard paragraphs with the tables' figures as live fields, for 插入数据 (no Qt).

Every number is a field (``core.fields``) bound to a quantity of ``core.quantities``: it prints
the current value, so the paragraph cannot go stale when a table changes. The wording follows the
format's vocabulary. What the paragraph *says* (e.g. 「未收到政府信息公开申请」 when nothing was
received) is chosen from the figures at the time of insertion; if the tables change later, R6
reads the words like any typed sentence.

Percentages are shares of （七）总计, printed with two decimals, rounded half up
(``core.quantities.SHARE_PLACES``).
"""

from __future__ import annotations

from collections.abc import Callable

from core.compute import Results
from core.fields import MISSING, token
from core.quantities import QUANTITY, share_key


def _f(key: str) -> str:
    return token(key)


def _v(results: Results, key: str) -> int | None:
    v = QUANTITY[key].value(results)
    return None if v is None else int(v)


def active_disclosure_paragraph(results: Results) -> str:
    """一（一）主动公开: 表二's counts."""
    return (f"本年度制发规章{_f('t2.regulations.issued')}件、行政规范性文件{_f('t2.normative.issued')}件，"
            f"废止规章{_f('t2.regulations.repealed')}件、行政规范性文件{_f('t2.normative.repealed')}件，"
            f"现行有效规章{_f('t2.regulations.in_force')}件、行政规范性文件{_f('t2.normative.in_force')}件。"
            f"本年度作出行政许可决定{_f('t2.licensing')}件，行政处罚决定{_f('t2.penalty')}件，"
            f"行政强制决定{_f('t2.enforcement')}件；收取行政事业性收费{_f('t2.fees')}万元。")


_RESULT_GROUPS = (("t3.public", "予以公开"), ("t3.partial", "部分公开"), ("t3.deny", "不予公开"),
                  ("t3.unable", "无法提供"), ("t3.reject", "不予处理"), ("t3.other", "其他处理"))


def applications_paragraph(results: Results) -> str:
    """一（二）依申请公开: 表三's flow, the result groups and the shares of （七）总计."""
    new, carried_in, total = (_v(results, k) for k in ("t3.new", "t3.carried_in", "t3.total"))
    if new == 0 and carried_in == 0:
        return "本年度未收到政府信息公开申请，无上年结转的政府信息公开申请。"
    if new == 0:
        head = (f"本年度未收到政府信息公开申请；上年结转政府信息公开申请{_f('t3.carried_in')}件，"
                f"本年度办结{_f('t3.total')}件，结转下年度继续办理{_f('t3.carried_out')}件。")
    else:
        head = (f"本年度共收到政府信息公开申请{_f('t3.new')}件，上年结转政府信息公开申请{_f('t3.carried_in')}件，"
                f"本年度办结{_f('t3.total')}件，结转下年度继续办理{_f('t3.carried_out')}件。")
    if not total:
        return head
    parts = "，".join(f"{name}{_f(key)}件" for key, name in _RESULT_GROUPS)
    shares = (f"予以公开和部分公开的共{_f('t3.public_partial')}件，"
              f"占办结总数的{_f(share_key('t3.public_partial'))}%。")
    return f"{head}办结的申请中，{parts}。{shares}"


def review_paragraph(results: Results) -> str:
    """四: 行政复议 and 行政诉讼 (直接起诉 + 复议后起诉)."""
    review, suits = _v(results, "t4.review"), _v(results, "t4.litigation")
    if review == 0 and suits == 0:
        return "本年度未发生因政府信息公开引起的行政复议、行政诉讼情况。"
    return (f"本年度因政府信息公开引起的行政复议{_f('t4.review')}件，行政诉讼{_f('t4.litigation')}件"
            f"（其中未经复议直接起诉{_f('t4.suit_direct')}件，复议后起诉{_f('t4.suit_after')}件）。")


def info_fee_paragraph(results: Results) -> str:
    """六 信息处理费: 元; 「未收取」 when 0."""
    if QUANTITY["s6.info_fee"].value(results) == 0:
        return "本年度未收取政府信息公开信息处理费。"
    return f"本年度共收取政府信息公开信息处理费{_f('s6.info_fee')}元。"


def period_sentence(year: int | None) -> str:
    """The statistics-period sentence R10 looks for (the year is the report's, not a table figure)."""
    y = MISSING if year is None else str(year)
    return f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"


PARAGRAPHS: tuple[tuple[str, Callable[[Results], str]], ...] = (
    ("主动公开情况（表二）", active_disclosure_paragraph),
    ("依申请公开情况（表三）", applications_paragraph),
    ("行政复议、行政诉讼情况（表四）", review_paragraph),
    ("信息处理费收取情况", info_fee_paragraph),
)


def default_paragraph(key: str, results: Results, year: int | None = None) -> str:
    """What 插入数据 writes on the narrative page ``key`` unless another paragraph is chosen."""
    if key == "preamble":
        return period_sentence(year)
    if key == "s6":
        return info_fee_paragraph(results)
    return applications_paragraph(results)
