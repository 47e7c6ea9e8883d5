"""The import's outcome: the report, and the import report that says where everything came from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from core.compute import compute
from core.format2021 import (
    CELL,
    INFO_FEE_ID,
    RESIDUE_2019_KEYS,
    RESIDUE_2019_OTHER_SINGLE_ROW,
    SECTIONS,
    T3_ROW,
    ReportKind,
)
from core.importing.document import Document, ImportRefused
from core.importing.matcher import OTHER_SINGLE_ROW, Doubt, Match, match
from core.importing.narrative import Text, split
from core.model import Provenance, Report, Residue
from core.values import display, parse

TABLE_NAMES = {"t2": "表二（主动公开）", "t3": "表三（依申请公开）", "t4": "表四（复议诉讼）"}
_FEE = re.compile(r"信息处理费[^。；]*?(\d[\d,]*(?:\.\d+)?)\s*元")
_NO_FEE = re.compile(r"(?:未|没有|无|不)收取[^。；]{0,6}信息处理费|信息处理费[^。；]{0,6}(?:为|是)?\s*(?:0|零)\s*元")


@dataclass(slots=True)
class ImportResult:
    report: Report
    document: Document
    match: Match
    text: Text
    kind_guessed: bool = True
    extra_doubts: list[Doubt] = field(default_factory=list)
    exact_workbook: bool = False

    @property
    def doubts(self) -> list[Doubt]:
        return self.match.doubts + self.extra_doubts

    def uncertain_ids(self) -> set[str]:
        return {d.cell_id for d in self.doubts if d.cell_id}

    def lines(self) -> list[str]:
        """The import report, in Chinese, one line each."""
        doc, m, t, r = self.document, self.match, self.text, self.report
        out = [f"导入：{doc.name}（{doc.kind}" + (f"，{doc.pages} 页" if doc.pages else "") + "）"]
        if self.exact_workbook:
            out.append("本程序导出的工作簿，各单元格按原位置读取。")
        out.append(f"标题：{t.title}（{t.title_where}）" if t.title else "标题：未找到「……年政府信息公开工作年度报告」")
        kind = r.meta.kind.label + ("（按机关名称推测，请核对）" if self.kind_guessed else "")
        out.append(f"机关名称：{r.meta.agency or '未找到'}；报告年度：{r.meta.year or '未找到'}；报告类型：{kind}")
        found = [s.heading for s in SECTIONS if s.key in t.headings]
        out.append("章节标题：" + ("、".join(f"{s.heading}（{t.headings[s.key]}）" for s in SECTIONS
                                         if s.key in t.headings) if found else "未找到"))
        for key, name in TABLE_NAMES.items():
            n = sum(1 for cid in m.read if CELL[cid].table == key)
            total = sum(1 for c in CELL.values() if c.table == key)
            out.append(f"{name}：" + (f"在{m.tables[key]}找到，读到 {n}/{total} 个单元格" if key in m.tables else "未找到"))
        doubts = self.doubts
        if doubts:
            out.append(f"不确定的单元格（{len(doubts)} 处，请核对）：")
            out += [f"  - {d.where}：{d.reason}" for d in doubts]
        missing = m.not_found()
        if missing:
            out.append(f"未找到的单元格（{len(missing)} 个，导入后为空白）：")
            by_table: dict[str, list[str]] = {}
            for cid in missing:
                by_table.setdefault(CELL[cid].table, []).append(CELL[cid].label)
            for key, labels in by_table.items():
                if len(labels) == sum(1 for c in CELL.values() if c.table == key):
                    out.append(f"  - {TABLE_NAMES[key]}：整张表未找到")
                else:
                    out += [f"  - {label}" for label in labels]
        if r.stated_totals:
            out.append(f"印刷的合计与计算值不同（{len(r.stated_totals)} 处，已按印刷值保留，检查时报告）：")
            for cid, v in r.stated_totals.items():
                out.append(f"  - {CELL[cid].label}：印刷 {display(v)}，计算 {display(compute(r).computed.get(cid))}")
        if m.residue_2019:
            out.append("2019 年试行格式的内容：" + "、".join(m.residue_2019))
        notes = m.notes + t.notes + doc.notes
        if notes:
            out.append("说明：")
            out += [f"  - {n}" for n in notes]
        return out


def _fee(text: Text) -> tuple[str | None, str]:
    s6 = unicodedata.normalize("NFKC", text.narrative.get("s6", ""))
    m = _FEE.search(s6)
    if m:
        return m.group(1), f"六、其他需要报告的事项：从“{m.group(0)}”读取"
    m2 = _NO_FEE.search(s6)
    if m2:
        return "0", f"六、其他需要报告的事项：“{m2.group(0)}”读作 0 元"
    return None, ""


def _apply_own_info(doc: Document, report: Report) -> bool:
    """Meta and narrative our own workbook names by label; returns whether the kind is still a guess."""
    meta = report.meta
    if doc.narrative is not None:
        report.narrative.update(doc.narrative)
    agency = doc.meta.get("meta.agency")
    if agency:
        meta.agency = agency
    year = doc.meta.get("meta.year", "")
    if year.isdigit():
        meta.year = int(year)
    for kind in ReportKind:
        if doc.meta.get("meta.kind") == kind.label:
            meta.kind = kind
            return False
    return True


def residue_found(m: Match) -> tuple[Residue, ...]:
    """The 2019 layout the tables showed, by key, each described with its table and row (R10b)."""
    out: list[Residue] = []
    for term in m.residue_2019:
        where = m.residue_where.get(term, "")
        at = f"（{where}）" if where else ""
        if term == OTHER_SINGLE_ROW:
            subrows = "”“".join(T3_ROW[k].label.split("、")[0] for k in ("other_no_correction", "other_unpaid"))
            out.append(Residue(RESIDUE_2019_OTHER_SINGLE_ROW,
                               f"表三（六）其他处理只有一行（2019 年试行格式）{at}：其数字已记入“{T3_ROW['other_other'].label}”，"
                               f"2021 年格式的“{subrows}”两行留空，请按 2021 年格式分列"))
            continue
        key = RESIDUE_2019_KEYS.get(term)
        if key is not None and all(r.key != key for r in out):
            out.append(Residue(key, f"表二出现 2019 年试行格式的栏目“{term}”{at}：2021 年格式中没有对应项，未导入"))
    return tuple(out)


def build(doc: Document, own: Report | None = None) -> ImportResult:
    m = match(doc)
    text = split(doc.paragraphs)
    if own is not None:
        # Our own data read back at its own positions, as from a project file: nothing imported to remember.
        return ImportResult(own, doc, m, text, kind_guessed=False, exact_workbook=True)
    if not text.title and not m.tables and len(text.headings) < 2:
        raise ImportRefused(f"文件“{doc.name}”不是政府信息公开工作年度报告：没有找到年报标题、章节标题，"
                            "也没有找到表二、表三、表四")
    report = Report.blank(seeded=False)
    report.provenance = Provenance(doc.name, doc.kind, residue_found(m))
    report.meta.agency = text.agency
    report.meta.year = text.year
    report.meta.kind = text.kind or ReportKind.DEPARTMENT
    report.narrative.update(text.narrative)
    kind_guessed = True
    if doc.narrative is not None or doc.meta:
        kind_guessed = _apply_own_info(doc, report)
    for cid, value in m.cells.items():
        report.set(cid, value)
    result = ImportResult(report, doc, m, text, kind_guessed=kind_guessed)
    raw, where = _fee(text)
    fee = doc.meta.get(INFO_FEE_ID)
    if fee is not None:
        report.set(INFO_FEE_ID, parse(fee, CELL[INFO_FEE_ID].unit))
    elif raw is not None:
        report.set(INFO_FEE_ID, parse(raw, CELL[INFO_FEE_ID].unit))
        result.extra_doubts.append(Doubt(INFO_FEE_ID, where, "信息处理费是从正文推断的，请核对"))
    computed = compute(report).computed
    report.stated_totals = {cid: v for cid, v in m.printed_totals.items()
                            if v is not None and v != computed.get(cid)}
    return result
