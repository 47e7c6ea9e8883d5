"""The report as one format-free sequence of blocks, read by every writer (PDF, DOCX, HTML).

Each writer decides only how a block looks on its medium and where pages break;
what is printed — the title, the preamble, six sections with their run-in
sub-headings, the three official tables with every figure through
``core.values.display``, the 信息处理费 sentence, the draft mark — is decided
here once, so a changed sentence or a new sub-heading reaches every format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from core.compute import Results
from core.format2021 import GRIDS, INFO_FEE_ID, SECTIONS, Grid, Unit
from core.model import Report
from core.values import Invalid, display

DRAFT_MARK = "草稿"
DRAFT_NOTE = f"{DRAFT_MARK}　未经审核，不得印发"
SUBJECT = "政府信息公开工作年度报告（2021年格式）"
INFO_FEE_WORD = "信息处理费"

# 「一、」 headings and 「（一）」 headings, as clerks type them (full- or half-width brackets).
_H1 = re.compile(r"^[一二三四五六七八九十]+、")
_H2 = re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[）)]")
_RUN_IN_END = "。：:"
_RUN_IN_MAX = 40  # a run-in heading longer than this is really the paragraph itself
# Characters no document format can carry (XML 1.0 forbids them; a PDF prints them as boxes).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def page_number_text(n: int) -> str:
    """GB/T 9704 7.5: 「— 1 —」, an em dash each side."""
    return f"— {n} —"


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    role: str  # "body" | "heading1" | "heading2" | "title"


@dataclass(frozen=True, slots=True)
class Title:
    text: str

    @property
    def lines(self) -> list[str]:
        return title_lines(self.text)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1: 「一、」 黑体; 2: 「（一）」 楷体
    text: str
    where: str  # for font notes: 「一、总体情况 第2段」


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: tuple[Run, ...]  # a run-in heading is the first run
    where: str

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True, slots=True)
class Table:
    grid: Grid
    values: Mapping[str, str]  # cell id -> the figure as printed (display())


Block = Title | Heading | Paragraph | Table


@dataclass(slots=True)
class Document:
    title: str
    agency: str
    draft: bool
    blocks: list[Block]
    removed: list[tuple[str, str]] = field(default_factory=list)  # (character, where) not printable

    @property
    def property_title(self) -> str:
        """The title the file's properties carry; a draft says so there too."""
        return f"{self.title}（{DRAFT_MARK}）" if self.draft else self.title

    def notes(self) -> list[str]:
        """Chinese lines for the clerk about characters left out of every export."""
        by_where: dict[str, list[str]] = {}
        for ch, where in self.removed:
            by_where.setdefault(where, []).append(f"U+{ord(ch):04X}")
        return [f"已去掉控制字符：{where}中的 {'、'.join(dict.fromkeys(codes))}（不可打印，任何文档格式都不能保存）"
                for where, codes in by_where.items()]


TITLE_EMS = 20.0  # 156 mm of 二号 (22 pt): 20 full-width characters a line
_TITLE_TAIL = "政府信息公开工作年度报告"
_YEAR = re.compile(r"(\d{4}|\s+)年" + _TITLE_TAIL + "$")
# Inside an agency name: after the places it starts with (河南省/周口市/川汇区/) and after a
# body that another follows (…管理局/市容环境卫生管理中心).
_PLACES = re.compile(r"^(?:[^省]{2,7}?(?:省|自治区))?(?:[^市州盟]{2,7}?(?:市|自治州|地区|盟))?"
                     r"(?:[^县区旗]{1,7}?(?:县|区|旗))?")
_BODY_END = re.compile(r"(?:局|委员会|办公室|办公厅|厅|人民政府|中心|委)")


def _agency_breaks(text: str, end: int) -> set[int]:
    out: set[int] = set()
    m = _PLACES.match(text[:end])
    if m and m.end():
        pos = 0
        for level in re.finditer(r"省|自治区|市|自治州|地区|盟|县|区|旗", m.group()):
            if level.end() > pos and (level.end() == m.end() or text[level.end()] not in "市"):
                out.add(level.end())
                pos = level.end()
    out |= {b.end() for b in _BODY_END.finditer(text, 0, end) if b.end() < end}
    return {p for p in out if 0 < p < end}


def _ems(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def title_lines(text: str, max_ems: float = TITLE_EMS) -> list[str]:
    """The title broken as GB/T 9704 7.3.1 asks: words whole, lines balanced and symmetric.

    Breaks fall on phrase boundaries — after the agency name, before 政府信息公开工作年度报告,
    between 政府信息公开 and 工作年度报告 — and, only if the agency alone is too long, after a
    place name inside it (河南省 / 周口市). Of the fewest lines that fit, the most even set
    wins, a line longer than the one below it (an inverted trapezoid) costing extra.
    """
    text = text.strip()
    if _ems(text) <= max_ems:
        return [text]
    strong: set[int] = set()
    m = _YEAR.search(text)
    if m:
        strong |= {m.start(), m.end() - len(_TITLE_TAIL), len(text) - len("工作年度报告")}
        agency_end = m.start()
    else:
        agency_end = len(text)
    weak = _agency_breaks(text, agency_end)
    cands = sorted((strong | weak) - {0, len(text)})
    best: tuple[tuple[float, ...], list[str]] | None = None
    for n_breaks in range(1, 4):
        for cuts in combinations(cands, n_breaks):
            bounds = [0, *cuts, len(text)]
            lines = [text[a:b].strip() for a, b in pairwise(bounds)]
            widths = [_ems(line) for line in lines]
            if max(widths) > max_ems or min(widths) == 0:
                continue
            mean = sum(widths) / len(widths)
            uneven = sum(abs(w - mean) for w in widths)
            inverted = sum(max(0.0, a - b) for a, b in pairwise(widths)) if len(lines) == 2 else 0
            score = (len(lines), sum(c in weak and c not in strong for c in cuts), uneven + 0.5 * inverted)
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None:
            return best[1]
    # No phrase boundary works (one long word): even pieces that fit.
    n = int(-(-_ems(text) // max_ems))
    size = -(-len(text) // n)
    return [text[i:i + size] for i in range(0, len(text), size)]


def _text_of(block: Block) -> str:
    if isinstance(block, Title | Heading | Paragraph):
        return block.text
    return "".join(block.values.values())


def font_notes(doc: Document) -> list[str]:
    """What the reader of a DOCX or HTML file needs installed for the report's rare characters.

    A PDF embeds its fonts; Word, WPS and a browser draw with the reader's own. Characters outside
    GB2312 are missing from 仿宋_GB2312/楷体_GB2312; outside GBK, from Windows' 仿宋/楷体/宋体 too.
    """
    beyond_gb2312: dict[str, None] = {}
    beyond_gbk: dict[str, None] = {}
    for block in doc.blocks:
        for ch in _text_of(block):
            if ord(ch) < 0x2E80 or ch in beyond_gb2312 or ch in beyond_gbk:
                continue
            try:
                ch.encode("gb2312")
            except UnicodeEncodeError:
                try:
                    ch.encode("gbk")
                    beyond_gb2312[ch] = None
                except UnicodeEncodeError:
                    beyond_gbk[ch] = None
    notes = []
    if beyond_gb2312:
        notes.append(f"生僻字：{'、'.join(beyond_gb2312)} 不在 GB2312 字库中，仿宋_GB2312、楷体_GB2312 显示不了，"
                     "请在 Word/WPS 中使用 仿宋、楷体（Windows 自带，含 GBK 汉字）")
    if beyond_gbk:
        notes.append(f"生僻字：{'、'.join(beyond_gbk)} 超出 GBK，常用字体显示不了；打开文件的电脑需装有含这些字的字体"
                     "（如 Windows 自带的 SimSun-ExtB），否则显示为方框，请核对")
    return notes


def section_text(report: Report, results: Results, key: str) -> str:
    """The printable text of a narrative section ("preamble", "s1", "s5", "s6").

    Every writer reads narrative text through here, so live fields in the prose
    become printed numbers in one place.
    """
    from core.fields import render_text

    return render_text(report, results, key)


def split_heading(line: str) -> tuple[str, str, str] | None:
    """(role, heading, rest) when the line starts with 「一、」 or 「（一）」, else None.

    The sample writes run-in headings: 「(一) 主动公开情况。加强……」 — the heading ends
    at the first 。 or ：. A short line without one is a heading on its own.
    """
    m = _H1.match(line)
    role = "heading1"
    if m is None:
        m = _H2.match(line)
        role = "heading2"
    if m is None:
        return None
    window = line[m.end():m.end() + _RUN_IN_MAX]
    ends = [i for i in (window.find(c) for c in _RUN_IN_END) if i >= 0]
    if ends:
        cut = m.end() + min(ends) + 1
        return role, line[:cut], line[cut:]
    if len(line) <= _RUN_IN_MAX:
        return role, line, ""
    return role, line[:m.end()], line[m.end():]


def paragraphs(text: str) -> list[str]:
    # Clerks indent with 「　　」 or spaces; the style indents, so strip theirs.
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            if line.strip()]


def info_fee_sentence(text: str, results: Results) -> str | None:
    """The sentence to add to 六 when its text does not state the 信息处理费 entered.

    The amount is part of the report (第五十条, 国办函〔2020〕109号): it must be
    printed even when the clerk only entered it in the field.
    """
    value = results.value(INFO_FEE_ID)
    if value is None:
        return None
    shown = display(value)
    if isinstance(value, Invalid):
        return None if shown in text else f"本年度收取{INFO_FEE_WORD}：{shown}。"
    if value == 0:
        return None if INFO_FEE_WORD in text else f"本年度未收取{INFO_FEE_WORD}。"
    if INFO_FEE_WORD in text and shown in text:
        return None
    return f"本年度共收取{INFO_FEE_WORD}{shown}{Unit.YUAN.value}。"


class _Builder:
    def __init__(self) -> None:
        self.removed: list[tuple[str, str]] = []

    def clean(self, text: str, where: str) -> str:
        if _UNPRINTABLE.search(text) is None:
            return text.replace("\t", " ")
        self.removed += [(m.group(), where) for m in _UNPRINTABLE.finditer(text)]
        return _UNPRINTABLE.sub("", text).replace("\t", " ")

    def narrative(self, lines: list[str], name: str) -> list[Block]:
        out: list[Block] = []
        for n, line in enumerate(lines, 1):
            where = f"{name} 第{n}段"
            line = self.clean(line, where)
            if not line.strip():
                continue
            head = split_heading(line)
            if head is None:
                out.append(Paragraph((Run(line, "body"),), where))
                continue
            role, heading, rest = head
            if not rest:
                out.append(Heading(1 if role == "heading1" else 2, heading, where))
                continue
            out.append(Paragraph((Run(heading, role), Run(rest, "body")), where))
        return out


def build_document(report: Report, results: Results, *, draft: bool) -> Document:
    b = _Builder()
    title = b.clean(report.meta.title, "标题")
    blocks: list[Block] = [Title(title)]
    blocks += b.narrative(paragraphs(section_text(report, results, "preamble")), "前言")
    for section in SECTIONS:
        blocks.append(Heading(1, section.heading, section.heading))
        if section.narrative:
            text = section_text(report, results, section.key)
            lines = paragraphs(text)
            if section.number == 6:
                extra = info_fee_sentence(text, results)
                if extra:
                    lines.append(extra)
            blocks += b.narrative(lines, section.heading)
        else:
            grid = GRIDS[f"t{section.number}"]
            values = {c.cell_id: b.clean(display(results.value(c.cell_id)), section.heading)
                      for c in grid.value_cells() if c.cell_id is not None}
            blocks.append(Table(grid, values))
    return Document(title=title, agency=b.clean(report.meta.agency, "机关名称"), draft=draft,
                    blocks=blocks, removed=b.removed)


def plain_text(doc: Document) -> str:
    """The document as plain text (the clipboard's text/plain beside the HTML)."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Title | Heading):
            out.append(block.text)
        elif isinstance(block, Paragraph):
            out.append("　　" + block.text)
        else:
            out += table_text_rows(block)
    return "\n".join(out) + "\n"


def table_text(block: Table) -> dict[tuple[int, int], str]:
    """Each grid cell's printed text at its top-left position."""
    return {(c.row, c.col): (block.values.get(c.cell_id, "") if c.cell_id else c.text)
            for c in block.grid.cells}


def table_text_rows(block: Table) -> list[str]:
    texts = table_text(block)
    rows: list[str] = []
    for r in range(block.grid.n_rows):
        cells = [texts[(r, c)] for c in range(block.grid.n_cols) if (r, c) in texts]
        rows.append("\t".join(cells))
    return rows
