"""M1, R0, R8, R9: what must be there."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from core.compute import Results
from core.findings import Finding, Severity
from core.format2021 import CELL, INFO_FEE_ID, SECTION_BY_KEY, TABLE_INPUT_IDS, t3_id
from core.model import Report
from core.prose.recognise import Claim, recognise
from core.values import Invalid

_TABLE_NAMES = {"t2": ("表二", 2), "t3": ("表三", 3), "t4": ("表四", 4)}


def m1(report: Report) -> Iterator[Finding]:
    meta = report.meta
    if not meta.agency.strip():
        yield Finding("M1", Severity.ERROR, ("meta.agency",), "未填写机关名称：报告标题无法生成", 0)
    if meta.year is None:
        yield Finding("M1", Severity.ERROR, ("meta.year",), "未填写报告年度", 0)
    elif meta.year < 2021:
        yield Finding("M1", Severity.ERROR, ("meta.year",),
                      f"报告年度 {meta.year} 早于2021年：2021年格式（国办公开办函〔2021〕30号）"
                      "适用于2021年及以后的年度报告", 0)


def r0(report: Report, *, final: bool) -> Iterator[Finding]:
    sev = Severity.ERROR if final else Severity.WARNING
    blanks: dict[str, list[str]] = {}
    cells = report.cells
    for cid in TABLE_INPUT_IDS:
        if cells.get(cid) is None:
            blanks.setdefault(cid[:2], []).append(cid)
    for table, ids in blanks.items():
        name, section = _TABLE_NAMES[table]
        first = CELL[ids[0]].label.split(" ", 1)[1]
        more = f"等 {len(ids)} 个单元格" if len(ids) > 1 else ""
        yield Finding("R0", sev, tuple(ids),
                      f"{name}有 {len(ids)} 个空白单元格（{first}{more}）：没有数据请填 0，空白不等于 0", section)


_FEE_WORDS = re.compile(r"信息处理费")
_NOTICE_WORDS = ("收费通知", "缴纳", "缴费")


_S6_SUBHEADINGS = frozenset(SECTION_BY_KEY["s6"].subheadings)


def _fee_claims(text: str) -> list[Claim]:
    """What 六's prose says about the 信息处理费, read by R6's recogniser."""
    return [c for line in text.split("\n") for c in recognise(line).claims if c.keys == ("s6.info_fee",)]


def r8(texts: dict[str, str], res: Results) -> Iterator[Finding]:
    # The seeded sub-heading names 信息处理费 itself: only the author's own sentences count.
    text = "\n".join(ln for ln in texts.get("s6", "").splitlines()
                     if ln.strip() not in _S6_SUBHEADINGS)
    fee = res.values.get(INFO_FEE_ID)
    mentions = bool(_FEE_WORDS.search(text))
    stated = _fee_claims(text)
    amounts = [c for c in stated if not c.zero]
    if fee is None and not mentions:
        yield Finding("R8", Severity.WARNING, (INFO_FEE_ID, "narrative.s6"),
                      "第六部分未说明信息处理费收取情况：请填写收取金额（元），未收取填 0，并在正文中说明", 6)
    elif fee is None and stated:
        said = f"收取信息处理费 {amounts[0].value} {amounts[0].unit}" if amounts else "未收取信息处理费"
        yield Finding("R8", Severity.WARNING, (INFO_FEE_ID, "narrative.s6"),
                      f"第六部分正文写明{said}，但“信息处理费（元）”一栏为空白：请填写金额（未收取填 0）", 6)
    if isinstance(fee, Decimal) and fee > 0 and any(c.value == 0 for c in stated):
        yield Finding("R8", Severity.WARNING, (INFO_FEE_ID, "narrative.s6"),
                      f"信息处理费填写为 {fee} 元，但第六部分正文说未收取信息处理费，请核对", 6)
    unpaid = res.values.get(t3_id("other_unpaid", "total"))
    if isinstance(unpaid, int) and unpaid > 0 and not isinstance(fee, Invalid):
        charged = (isinstance(fee, Decimal) and fee > 0) or any(c.value > 0 for c in amounts)
        if not charged and not any(w in text for w in _NOTICE_WORDS):
            yield Finding("R8", Severity.WARNING,
                          (t3_id("other_unpaid", "total"), INFO_FEE_ID, "narrative.s6"),
                          f"表三“申请人逾期未按收费通知要求缴纳费用”为 {unpaid} 件，说明发出过收费通知，"
                          "但第六部分未说明信息处理费的收取或收费通知情况", 6)


_SUBHEADINGS = frozenset(SECTION_BY_KEY["s5"].subheadings)
_EMPTY_WORDS = re.compile(r"^[\s。．.、，,;；:：]*(无|暂无|没有|无。|无其他)?[\s。．.、，,;；:：]*$")


def r9(texts: dict[str, str]) -> Iterator[Finding]:
    text = texts.get("s5", "")
    body = "\n".join(line for line in text.splitlines() if line.strip() not in _SUBHEADINGS)
    if _EMPTY_WORDS.match(body):
        what = "为空" if not body.strip() else f"只写了“{body.strip()}”"
        yield Finding("R9", Severity.WARNING, ("narrative.s5",),
                      f"第五部分（存在的主要问题及改进情况）{what}：应写明存在的问题和改进措施", 5)
