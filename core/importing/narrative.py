"""The text of a published report: title → meta, preamble and sections 一–六 → narrative.

Page furniture (page numbers, a header or footer repeated on every page) is dropped and
printed lines are re-joined into paragraphs before the text is split at the section
headings the format declares (``SECTIONS``).
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from core.format2021 import NARRATIVE_KEYS, SECTIONS, ReportKind
from core.importing.document import Paragraph
from core.importing.labels import norm

TITLE_TAIL = "政府信息公开工作年度报告"
_PAGE_NUMBER = re.compile(r"^[-—–－_\s]*(?:第\s*)?\d{1,3}\s*(?:页)?(?:\s*/\s*\d+|\s*共\s*\d+\s*页)?[-—–－_\s]*$")
_NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(r"^([一二三四五六七八九十])\s*[、.．,，]\s*(.*)$")
_SUBHEADING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])")
_END = tuple("。！？；：!?;:")
_TITLE = re.compile(r"^(?P<agency>.*?)(?P<year>(?:19|20)\d{2})年(?:度)?" + TITLE_TAIL)
_TITLE_YEAR_FIRST = re.compile(r"^(?P<year>(?:19|20)\d{2})年(?:度)?(?P<agency>.+?)" + TITLE_TAIL)
# 「某市教育局政府信息公开工作2023年度报告」, 「某市教育局关于2023年度政府信息公开工作的报告」
_TITLE_YEAR_INSIDE = re.compile(r"^(?P<agency>.+?)(?:关于)?(?:政府信息公开工作)?(?P<year>(?:19|20)\d{2})年度?"
                                r"(?:政府信息公开工作)?(?:的)?(?:年度)?报告$")
_PERIOD = re.compile(r"统计期限[^。]*?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")


@dataclass(slots=True)
class Text:
    title: str = ""
    title_where: str = ""
    agency: str = ""
    year: int | None = None
    kind: ReportKind | None = None  # a guess from the agency's name
    narrative: dict[str, str] = field(default_factory=lambda: dict.fromkeys(NARRATIVE_KEYS, ""))
    headings: dict[str, str] = field(default_factory=dict)  # "s1" -> where its heading was found
    notes: list[str] = field(default_factory=list)


def _clean(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Without page numbers and without page headers/footers (short lines printed on many pages)."""
    counts = Counter(norm(p.text) for p in paragraphs if p.line and len(norm(p.text)) <= 40)
    repeated = {t for t, n in counts.items() if n >= 3}
    out = []
    seen: set[str] = set()
    for p in paragraphs:
        text = unicodedata.normalize("NFKC", p.text).strip()
        if not text or _PAGE_NUMBER.match(text):
            continue
        key = norm(p.text)
        if p.line and key in repeated:
            # A running header that is the title: the first one is the title itself.
            if TITLE_TAIL not in key or key in seen:
                continue
            seen.add(key)
        out.append(p)
    return out


def _is_heading_like(text: str) -> bool:
    return len(text) <= 40 and bool(_SUBHEADING.match(text)) and not text.rstrip().endswith(_END)


def _join_lines(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Printed lines back into paragraphs: a line continues the one before unless that one ended a
    sentence or was a heading, or this one starts a heading."""
    out: list[Paragraph] = []
    for p in paragraphs:
        text = p.text.strip()
        if out and p.line and out[-1].line and not p.joined and not out[-1].joined:
            prev = out[-1].text
            if (not prev.endswith(_END) and not _is_heading_like(prev) and not _HEADING.match(prev)
                    and not _SUBHEADING.match(text) and not _HEADING.match(text) and TITLE_TAIL not in prev):
                sep = " " if prev[-1:].isascii() and text[:1].isascii() and prev[-1:].isalnum() else ""
                out[-1] = Paragraph(prev + sep + text, out[-1].where, line=True)
                continue
        out.append(Paragraph(text, p.where, p.line, p.joined))
    return out


def section_of(text: str) -> int | None:
    """The number of the section this line is the heading of, or None."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = _HEADING.match(t)
    if not m or len(t) > 40:
        return None
    number = _NUMERALS.index(m.group(1)) + 1
    if number > len(SECTIONS):
        return None
    want = norm(SECTIONS[number - 1].heading.split("、", 1)[1])
    got = norm(m.group(2))
    if got.startswith(want) or (want.startswith(got) and len(got) >= 4):
        return number
    # Retitled headings: 「一、政府信息公开总体情况」, 「五、存在的主要问题和改进措施」.
    if want in got and len(got) <= len(want) + 10:
        return number
    return number if difflib.SequenceMatcher(None, got, want).ratio() >= 0.65 else None


_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})(?=年)")


def _arabic_years(text: str) -> str:
    """「二〇二三年」 → 「2023年」: some titles write the year in Chinese numerals."""
    return _CN_YEAR.sub(lambda m: m.group(1).translate(_CN_DIGITS), text)


def _title(paragraphs: list[Paragraph], limit: int, out: Text) -> int:
    """Index of the last paragraph of the title (−1 if none); fills agency/year.

    The title ends at the first paragraph completing 「…政府信息公开工作年度报告」; it starts
    as late as possible (a site's breadcrumb or the office's name above it is not the title)
    but may run over up to three printed lines."""
    for k in range(min(limit, 15)):
        window = norm("".join(p.text for p in paragraphs[max(k - 1, 0):k + 1]))
        if TITLE_TAIL not in window and not ("政府信息公开" in window and window.endswith("报告")):
            continue
        for i in range(k, max(k - 3, -1), -1):
            joined = _arabic_years(norm("".join(p.text for p in paragraphs[i:k + 1])))
            m = _TITLE.match(joined) or _TITLE_YEAR_FIRST.match(joined) or _TITLE_YEAR_INSIDE.match(joined)
            if m and m.group("agency") and len(m.group("agency")) <= 40:
                out.title = "".join(p.text.strip() for p in paragraphs[i:k + 1])
                out.title_where = paragraphs[i].where
                out.agency = m.group("agency").strip().removesuffix("关于")
                out.year = int(m.group("year"))
                return k
    return -1


GOVERNMENT_SUFFIX = norm(ReportKind.GOVERNMENT.label).removeprefix("本级")  # 「人民政府」


def guess_kind(agency: str) -> ReportKind:
    """A government's own report is titled with the government's name (「某某县人民政府」); a
    department's (「某某县人民政府办公室」, 「某市教育局」) with its own."""
    return ReportKind.GOVERNMENT if norm(agency).endswith(GOVERNMENT_SUFFIX) else ReportKind.DEPARTMENT


def split(paragraphs: list[Paragraph]) -> Text:
    out = Text()
    paras = _join_lines(_clean(paragraphs))
    starts: list[tuple[int, int]] = []  # (index, section number)
    current = 0
    for i, p in enumerate(paras):
        n = section_of(p.text)
        if n is not None and n > current:
            starts.append((i, n))
            out.headings[SECTIONS[n - 1].key] = p.where
            current = n
    first = starts[0][0] if starts else len(paras)
    end_title = _title(paras, first, out)
    if out.year is None:
        for p in paras:
            m = _PERIOD.search(unicodedata.normalize("NFKC", p.text))
            if m:
                out.year = int(m.group(1))
                out.notes.append(f"标题中未找到报告年度，按{p.where}的统计期限取 {out.year} 年（请核对）")
                break
    if out.agency:
        out.kind = guess_kind(out.agency)
    preamble = [p.text for p in paras[end_title + 1:first]]
    out.narrative["preamble"] = "\n".join(preamble)
    bounds = [*starts, (len(paras), 0)]
    for (i, n), (j, _) in itertools.pairwise(bounds):
        key = SECTIONS[n - 1].key
        if key in out.narrative:
            out.narrative[key] = "\n".join(p.text for p in paras[i + 1:j])
    missing = [s.heading for s in SECTIONS if s.key not in out.headings]
    if missing and starts:
        out.notes.append("未找到以下章节标题：" + "、".join(missing))
    return out
