"""D1, R7, R7b, R10, R10b: figures and text that are probably wrong (warnings)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

from core.compute import Results
from core.findings import Finding, Severity
from core.format2021 import (
    CELLS,
    NARRATIVE_KEYS,
    NARRATIVE_TITLES,
    RESIDUE_2019_OTHER_SINGLE_ROW,
    RESIDUE_2019_TERMS,
    t2_id,
)
from core.model import Report
from core.values import Invalid

W = Severity.WARNING
FEE_ID = t2_id("fees", "amount")
# 100亿元 in 万元: no agency's administrative fees come near it, but 元 typed into the 万元 cell do.
FEE_SUSPICIOUS_WAN = Decimal(1_000_000)


def d1(report: Report) -> Iterator[Finding]:
    meta = report.meta
    if meta.publish_date is None or meta.year is None:
        return
    month, day = meta.kind.deadline_month_day
    deadline = dt.date(meta.year + 1, month, day)
    if meta.publish_date > deadline:
        late = (meta.publish_date - deadline).days
        yield Finding("D1", W, ("meta.publish_date",),
                      f"发布日期 {meta.publish_date:%Y年%m月%d日} 晚于{meta.kind.label}报告的法定期限 "
                      f"{deadline:%Y年%m月%d日}（条例第四十九条），晚 {late} 天", 0)


def r7(report: Report, res: Results, base: dict[str, int]) -> Iterator[Finding]:
    for row, name in (("regulations", "规章"), ("normative", "行政规范性文件")):
        prev = base.get(row)
        issued = res.values.get(t2_id(row, "issued"))
        repealed = res.values.get(t2_id(row, "repealed"))
        if prev is None or not isinstance(issued, int) or not isinstance(repealed, int):
            continue
        if repealed > prev + issued:
            yield Finding("R7", W, (t2_id(row, "repealed"), t2_id(row, "issued")),
                          f"表二 {name}：本年废止 {repealed} 件，超过上年现行有效 {prev} + 本年制发 {issued} "
                          f"= {prev + issued} 件，多出 {repealed - prev - issued} 件", 2)


def r7b(res: Results) -> Iterator[Finding]:
    fee = res.values.get(FEE_ID)
    if isinstance(fee, Decimal) and fee >= FEE_SUSPICIOUS_WAN:
        yield Finding("R7b", W, (FEE_ID,),
                      f"行政事业性收费 {fee} 万元（即 {fee * 10000:,.0f} 元）数额异常大：单位是万元，"
                      "是否按元填写了？", 2)
    elif isinstance(fee, Invalid) and ("元" in fee.raw or "," in fee.raw):
        yield Finding("R7b", W, (FEE_ID,),
                      f"行政事业性收费填写为“{fee.raw}”：该栏单位是万元，只填数字", 2)


_SPACES = re.compile(r"\s+")
_PERIOD = re.compile(r"(\d{4})年1月1日(?:起)?至(\d{4})年12月31日")
_SELF_TITLE = re.compile(r"(\d{4})年(?:度)?政府信息公开工作年度报告")
_OPENING_YEAR = re.compile(r"^(\d{4})年")
# Sentences that state what happened in the statistics period: 「2023年，我局…」, 「2023年度共…」,
# 「截至2023年12月31日」, 「2023年全年」. (「含2023年转至今年办理的」 names another year on purpose.)
_PERIOD_YEARS = (
    re.compile(r"(?:^|(?<=[。；;\n]))(?:[（(][一二三四五六七八九十]+[）)][^。]{0,12}?[。．.]?)?"
               r"(?P<y>\d{4})年度?(?:[，,]|全年|以来|共|我|本|全)"),
    re.compile(r"截至(?P<y>\d{4})年(?:12月|底|年底)"),
)


def r10(report: Report, texts: dict[str, str]) -> Iterator[Finding]:
    year = report.meta.year
    if year is None:
        return
    period_found = False
    for key in NARRATIVE_KEYS:
        text = _SPACES.sub("", texts.get(key, ""))
        if not text:
            continue
        where = NARRATIVE_TITLES[key]
        for m in _PERIOD.finditer(text):
            period_found = True
            years = {int(m.group(1)), int(m.group(2))}
            if years != {year}:
                yield Finding("R10", W, (f"narrative.{key}",),
                              f"{where}：统计期限写的是 {m.group(1)}年1月1日至{m.group(2)}年12月31日，"
                              f"报告年度是 {year} 年", _section(key))
        for m in _SELF_TITLE.finditer(text):
            if int(m.group(1)) != year:
                yield Finding("R10", W, (f"narrative.{key}",),
                              f"{where}：提到“{m.group(0)}”，但本报告是 {year} 年度的", _section(key))
        opening = _OPENING_YEAR.match(text)
        if key == "s1" and opening and int(opening.group(1)) != year:
            yield Finding("R10", W, ("narrative.s1",),
                          f"一、总体情况 开头写的是“{opening.group(0)}”，报告年度是 {year} 年：是否沿用了上年的文字？", 1)
        seen: set[str] = set()
        for m in (m for rx in _PERIOD_YEARS for m in rx.finditer(text)):
            if int(m.group("y")) == year or (key == "s1" and m.start("y") == 0):
                continue
            said = text[m.start("y"):m.end()]
            if said in seen:
                continue
            seen.add(said)
            yield Finding("R10", W, (f"narrative.{key}",),
                          f"{where}：“{said}”说的是 {m.group('y')} 年，报告年度是 {year} 年：统计期限内的情况应写本年度",
                          _section(key))
    if not period_found:
        yield Finding("R10", W, ("narrative.preamble", "narrative.s1"),
                      f"正文未写明统计期限，通常写作“本报告中所列数据的统计期限自{year}年1月1日起至"
                      f"{year}年12月31日止。”", 1)


def r10b(texts: dict[str, str]) -> Iterator[Finding]:
    # Only 2019-only terms: 「其他处理2件」 is the 2021 （六） group total in normal 2021 wording.
    for key in NARRATIVE_KEYS:
        text = texts.get(key, "")
        if not text:
            continue
        found = [t for t in RESIDUE_2019_TERMS if t in text]
        if found:
            yield Finding("R10b", W, (f"narrative.{key}",),
                          f"{NARRATIVE_TITLES[key]}：出现2019年试行格式的栏目“{'”“'.join(found)}”，"
                          "2021年格式已取消或调整", _section(key))


# The cells a 2019 single-row （六）其他处理 leaves blank: the two 2021 sub-rows it lacks.
_OTHER_SUBROWS = tuple(c.id for c in CELLS if c.table == "t3" and not c.computed
                       and c.row in ("other_no_correction", "other_unpaid"))


def r10b_tables(report: Report) -> Iterator[Finding]:
    """R10b from the tables' layout: what the importer found (``report.provenance``), which no text shows."""
    p = report.provenance
    if p is None:
        return
    for residue in p.residue_2019:
        cells = _OTHER_SUBROWS if residue.key == RESIDUE_2019_OTHER_SINGLE_ROW else ()
        if cells and any(report.cells.get(c) is not None for c in cells):
            continue  # the clerk has split the single row into the 2021 sub-rows: nothing left to say
        section = 3 if residue.key.startswith("t3.") else 2
        yield Finding("R10b", W, cells, f"{residue.text}（导入自“{p.source}”）", section)


def _section(key: str) -> int:
    return 1 if key == "preamble" else int(key[1])
