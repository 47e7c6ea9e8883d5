"""R6 and the N rules: what a reviewer checks in the prose (docs/rules.md, docs/narrative.md).

R6  a number the prose states must equal the table quantity it quotes (core.prose.recognise);
    a number the app generated and the author unlinked is an error once it no longer matches;
    a field whose cells are blank prints 〔未填〕 and is reported.
N1  a sub-heading with nothing under it.
N2  the title the prose quotes: 「工作报告」, 「政务信息公开」, another agency's name.
N3  units: applications counted in 条/宗/个; 万元 and 元 confused.
N4  length guidance per section, when the report sets it (off by default).

Everything reads the narrative as printed (``core.fields``), and each paragraph's recognition is
cached, so a keystroke re-reads one paragraph.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from core.compute import Results
from core.fields import MISSING, Field, Span, Unlinked, render_spans
from core.findings import Finding, Severity
from core.format2021 import NARRATIVE_KEYS, NARRATIVE_TITLES, SECTION_BY_KEY, Unit
from core.model import Report
from core.prose.recognise import Claim, recognise
from core.quantities import (
    QUANTITIES,
    QUANTITY,
    SHARE_PREFIX,
    field_name,
    field_sources,
    field_value,
    format_number,
    share,
)

W = Severity.WARNING
E = Severity.ERROR
PART_NAMES = {"preamble": "前言", "s1": "第一部分", "s5": "第五部分", "s6": "第六部分"}
_WRONG_COUNT_UNITS = ("条", "宗", "个")


def section_of(key: str) -> int:
    return 1 if key == "preamble" else int(key[1])


@dataclass(frozen=True, slots=True)
class ProseIssue:
    """A finding anchored in the text, for the editor: underline [start, end) of the printed text.

    The finding's first cell is the narrative section, so the findings panel jumps to the sentence.
    """

    key: str
    start: int
    end: int
    finding: Finding
    fix_key: str | None = None  # the quantity a live field would quote (the quick fix)
    fix_end: int | None = None  # end of the digits to replace (the unit stays)


@dataclass(frozen=True, slots=True)
class Paragraph:
    key: str
    number: int  # 1-based among the non-empty paragraphs of the section
    start: int  # offset in the printed section text
    text: str


def paragraphs(text: str, key: str) -> Iterator[Paragraph]:
    pos = 0
    n = 0
    for line in text.split("\n"):
        if line.strip():
            n += 1
            yield Paragraph(key, n, pos, line)
        pos += len(line) + 1


def _where(p: Paragraph) -> str:
    return f"{PART_NAMES[p.key]}第{p.number}段"


def _fmt(v: Decimal | int) -> str:
    if isinstance(v, Decimal):
        v = v.normalize() if v == v.to_integral_value() else v
        return format(v, "f")
    return str(v)


def _matches(claim: Claim, key: str, results: Results) -> bool | None:
    """True/False when the table decides, None when the table quantity is blank."""
    if key.startswith(SHARE_PREFIX):
        exact = share(results, key[len(SHARE_PREFIX):])
        if exact is None:
            return None
        exponent = claim.value.as_tuple().exponent
        digits = -exponent if isinstance(exponent, int) else 0
        # 42.86% for 42.857…: the stated digits, rounded or cut, and nothing finer.
        return abs(exact - claim.value) < Decimal(1).scaleb(-max(digits, 0))
    q = QUANTITY[key]
    v = q.value(results)
    if v is None:
        return None
    stated = claim.value
    if q.unit is Unit.WAN_YUAN and claim.unit == "元":
        stated = stated / 10000
    elif q.unit is Unit.YUAN and claim.unit == "万元":
        stated = stated * 10000
    return Decimal(v) == stated


def _quantity_text(key: str, results: Results) -> tuple[str, Decimal | None]:
    if key.startswith(SHARE_PREFIX):
        s = share(results, key[len(SHARE_PREFIX):])
        return field_name(key), None if s is None else s
    v = QUANTITY[key].value(results)
    return QUANTITY[key].label, None if v is None else Decimal(v)


def _claim_cells(keys: tuple[str, ...]) -> tuple[str, ...]:
    cells: list[str] = []
    for k in keys:
        for c in field_sources(k):
            if c not in cells:
                cells.append(c)
    return tuple(cells)


def _mismatch_message(p: Paragraph, claim: Claim, results: Results) -> str:
    parts = []
    for key in claim.keys:
        label, value = _quantity_text(key, results)
        assert value is not None
        if key.startswith(SHARE_PREFIX):
            parts.append(f"{label}为 {_fmt(value.quantize(Decimal('0.01')))}%")
        else:
            unit = QUANTITY[key].unit
            stated = claim.value
            if unit is Unit.WAN_YUAN and claim.unit == "元":
                stated /= 10000
            elif unit is Unit.YUAN and claim.unit == "万元":
                stated *= 10000
            parts.append(f"{label}为 {_fmt(value)}，相差 {_fmt(abs(stated - value))}")
    said = f"“{claim.quote}”"
    if len(parts) == 1:
        return f"{_where(p)}：{said}，但{parts[0]}"
    return f"{_where(p)}：{said}（“办理”可指两种数），但{'；'.join(parts)}，都不相符"


def _quantity_values(results: Results) -> tuple[object, ...]:
    """Every quantity's value: what a section's issues depend on besides its text."""
    return tuple(q.value(results) for q in QUANTITIES)


_SECTION_CACHE: dict[tuple[str, str, tuple[object, ...]], tuple[ProseIssue, ...]] = {}
_CACHE_MAX = 64


def prose_issues(report: Report, results: Results) -> list[ProseIssue]:
    """R6 and N3 findings with their place in the printed text.

    Cached per section on (text, table quantities): the wizard asks twice per keystroke (the
    check and the editor's underlines), and a keystroke changes one section.
    """
    values = _quantity_values(results)
    out: list[ProseIssue] = []
    for key in NARRATIVE_KEYS:
        source = report.narrative.get(key, "")
        if not source.strip():
            continue
        ck = (key, source, values)
        issues = _SECTION_CACHE.get(ck)
        if issues is None:
            issues = tuple(_section_issues(key, source, results))
            if len(_SECTION_CACHE) >= _CACHE_MAX:
                _SECTION_CACHE.clear()
            _SECTION_CACHE[ck] = issues
        out.extend(issues)
    return out


def _section_issues(key: str, source: str, results: Results) -> Iterator[ProseIssue]:
    text, spans = render_spans(source, results)
    paras = list(paragraphs(text, key))
    starts = [p.start for p in paras]
    yield from _field_issues(key, paras, starts, spans, results)
    span_starts = [sp.start for sp in spans]
    for p in paras:
        reading = recognise(p.text)
        if not reading.claims and not reading.sums:
            continue
        lo = bisect.bisect_left(span_starts, p.start)
        hi = bisect.bisect_left(span_starts, p.start + len(p.text) + 1)
        local = spans[lo:hi]
        for claim in reading.claims:
            a, b = claim.start + p.start, claim.end + p.start
            if any(sp.start < b and a < sp.end for sp in local):
                continue  # a field's own number: checked through its binding
            yield from _claim_issues(p, claim, results)
        for sm in reading.sums:
            f = Finding("R6", W, (f"narrative.{key}",),
                        f"{_where(p)}：“{sm.quote}”，其中所列各项之和为 {_fmt(sm.parts)}，超过总数 "
                        f"{_fmt(sm.whole)}，相差 {_fmt(sm.parts - sm.whole)}", section_of(key))
            yield ProseIssue(key, p.start + sm.start, p.start + sm.end, f)


def _claim_issues(p: Paragraph, claim: Claim, results: Results) -> Iterator[ProseIssue]:
    key = p.key
    first = QUANTITY.get(claim.keys[0])
    start, end = p.start + claim.start, p.start + claim.end
    if first is not None and not claim.zero:
        if first.family in ("t3", "t3col") and claim.unit in _WRONG_COUNT_UNITS:
            f = Finding("N3", W, (f"narrative.{key}",),
                        f"{_where(p)}：“{claim.quote}”：政府信息公开申请的计量单位是“件”，不是“{claim.unit}”",
                        section_of(key))
            yield ProseIssue(key, start, end, f)
        if first.unit.is_money and claim.unit and claim.unit != first.unit.value:
            f = Finding("N3", W, (f"narrative.{key}", *first.cells),
                        f"{_where(p)}：“{claim.quote}”：{first.name.split('（')[0]}的单位是"
                        f"{first.unit.value}（{'表二' if first.unit is Unit.WAN_YUAN else '第六部分'}），"
                        f"不是{claim.unit}：行政事业性收费以万元计，信息处理费以元计", section_of(key))
            yield ProseIssue(key, start, end, f)
    if claim.keys == ("s6.info_fee",) and claim.zero and key == "s6":
        return  # 六's 「未收取信息处理费」 against the amount is R8's
    verdicts = [_matches(claim, k, results) for k in claim.keys]
    if any(v is None for v in verdicts) or any(verdicts):
        return
    f = Finding("R6", W, (f"narrative.{key}", *_claim_cells(claim.keys)), _mismatch_message(p, claim, results),
                section_of(key))
    fix = None if claim.zero else claim.keys[0]
    num_end = _digits_end(p.text, claim)
    yield ProseIssue(key, start, end, f, None if claim.zero else fix,
                     None if claim.zero else p.start + num_end)


def _digits_end(paragraph: str, claim: Claim) -> int:
    i = claim.start
    while i < claim.end and (paragraph[i].isdigit() or paragraph[i] in ".,，" or paragraph[i] in "零〇一二两三四五六七八九十百千万"):
        i += 1
    return i


def _field_issues(key: str, paras: list[Paragraph], starts: list[int], spans: tuple[Span, ...],
                  results: Results) -> Iterator[ProseIssue]:
    for span in spans:
        seg = span.segment
        p = paras[max(0, bisect.bisect_right(starts, span.start) - 1)] if paras else Paragraph(key, 1, 0, "")
        if isinstance(seg, Field):
            if field_value(results, seg.key) is None:
                f = Finding("R6", W, (f"narrative.{key}", *field_sources(seg.key)),
                            f"{_where(p)}：数据字段“{field_name(seg.key)}”引用的单元格为空白，打印为{MISSING}："
                            "请在表格中填写", section_of(key))
                yield ProseIssue(key, span.start, span.end, f)
        elif isinstance(seg, Unlinked):
            yield from _unlinked_issue(key, p, span, seg, results)


def _unlinked_issue(key: str, p: Paragraph, span: Span, seg: Unlinked,
                    results: Results) -> Iterator[ProseIssue]:
    live = field_value(results, seg.key)
    if live is None:
        return
    stated = seg.text.strip().replace(",", "")
    try:
        same = Decimal(stated) == Decimal(live)
    except ArithmeticError:
        same = False
    if same:
        return
    name = field_name(seg.key)
    try:
        diff = f"，相差 {_fmt(abs(Decimal(stated) - Decimal(live)))}"
    except ArithmeticError:
        diff = ""
    f = Finding("R6", E, (f"narrative.{key}", *field_sources(seg.key)),
                f"{_where(p)}：“{seg.text}”是程序生成后解除链接的数字，但{name}现为 {format_number(live)}{diff}：",
                section_of(key))
    f = Finding(f.rule, f.severity, f.cells, f.message + "请改回数据字段或更正", f.section)
    yield ProseIssue(key, span.start, span.end, f, seg.key, span.end)


def r6(report: Report, results: Results) -> list[Finding]:
    return [i.finding for i in prose_issues(report, results)]


# ---------------------------------------------------------------- N1 empty sub-headings

_SUBHEAD = re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]+\s*[）)]")
_RUN_IN_END = re.compile(r"[。：:]")


def _heading_only(line: str) -> bool:
    if not _SUBHEAD.match(line):
        return False
    rest = line.strip()
    m = _RUN_IN_END.search(rest)
    if m is None:
        return len(rest) <= 40
    return not rest[m.end():].strip()


def empty_subheadings(text: str) -> list[str]:
    """Sub-headings (（一）…) with no text before the next sub-heading or the end."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    out: list[str] = []
    for i, line in enumerate(lines):
        if not _heading_only(line):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is None or _SUBHEAD.match(nxt):
            out.append(line)
    return out


def n1(texts: dict[str, str]) -> Iterator[Finding]:
    for key in NARRATIVE_KEYS:
        if key not in SECTION_BY_KEY:
            continue
        text = texts.get(key, "")
        empty = empty_subheadings(text)
        if not text.strip() or not empty:
            continue  # an empty section is R9's / the page's business
        if len(empty) == len([ln for ln in text.split("\n") if ln.strip()]):
            continue  # nothing written yet: only the seeded sub-headings
        names = "”“".join(e.rstrip("。：:") for e in empty)
        yield Finding("N1", W, (f"narrative.{key}",),
                      f"{NARRATIVE_TITLES[key]}：小标题“{names}”下没有内容：请补写，或删去该小标题",
                      section_of(key))


# ---------------------------------------------------------------- N2 title and scope

_WORK_REPORT = re.compile(r"政府信息公开工作报告|政务信息公开工作年度报告|政务信息公开年度报告")
_TITLE_WORDS = "政府信息公开工作年度报告"
_QUOTED_TITLE = re.compile(r"([\u4e00-\u9fff（）()]{2,40}?)(\d{4})\s*年度?政府信息公开工作年度报告")
_AGENCY_END = ("局", "委", "办", "厅", "院", "府", "会", "中心", "处", "所", "站", "区", "县", "市", "镇", "乡",
               "街道", "公司", "部", "署", "室", "馆", "队")
_LEADING_VERBS = re.compile(r"^.*?(?:现将|特将|公布|发布|编制|编制了|形成|特向社会公布|是|为|本报告为|根据|即)")


def _quoted_titles(text: str) -> Iterator[re.Match[str]]:
    # Only around the title words: the regex's backward reach is slow over a whole long section.
    i = text.find(_TITLE_WORDS)
    while i >= 0:
        head = max(0, i - 50)
        m = _QUOTED_TITLE.search(text, head, i + len(_TITLE_WORDS))
        if m is not None:
            yield m
        i = text.find(_TITLE_WORDS, i + 1)


def n2(report: Report, texts: dict[str, str]) -> Iterator[Finding]:
    agency = report.meta.agency.strip()
    for key in NARRATIVE_KEYS:
        text = texts.get(key, "")
        if not text:
            continue
        where = NARRATIVE_TITLES[key]
        for m in _WORK_REPORT.finditer(text):
            right = "政府信息公开工作年度报告"
            yield Finding("N2", W, (f"narrative.{key}",),
                          f"{where}：“{m.group(0)}”不是规定的名称，应为“{right}”", section_of(key))
        if not agency:
            continue
        for m in _quoted_titles(text):
            name = _LEADING_VERBS.sub("", m.group(1))
            if not name.endswith(_AGENCY_END) or len(name) < 3:
                continue
            if name == agency or agency.endswith(name) or name.endswith(agency):
                continue
            yield Finding("N2", W, (f"narrative.{key}", "meta.agency"),
                          f"{where}：提到“{name}{m.group(2)}年政府信息公开工作年度报告”，但机关名称是“{agency}”",
                          section_of(key))


# ---------------------------------------------------------------- N4 length guidance


def char_count(text: str) -> int:
    """Characters as a clerk counts them: whitespace and line breaks excluded."""
    return len("".join(text.split()))


def subsection_counts(text: str) -> list[tuple[str, int]]:
    """Characters under each sub-heading (「（一）…」), the text before the first one as 「开头」."""
    out: list[tuple[str, int]] = []
    name, n = "开头", 0
    for line in text.split("\n"):
        m = _SUBHEAD.match(line)
        if m is not None:
            if n or name != "开头":
                out.append((name, n))
            head = line.strip()
            end = _RUN_IN_END.search(head)
            name = head[:end.start()] if end is not None and end.start() <= 40 else head[:20]
            n = char_count(line)
        else:
            n += char_count(line)
    if n or name != "开头":
        out.append((name, n))
    return out


def n4(limits: dict[str, int], texts: dict[str, str]) -> Iterator[Finding]:
    for key, limit in limits.items():
        if key not in NARRATIVE_KEYS or limit <= 0:
            continue
        n = char_count(texts.get(key, ""))
        if n > limit:
            yield Finding("N4", W, (f"narrative.{key}",),
                          f"{NARRATIVE_TITLES[key]}：{n} 字，超过本报告设定的 {limit} 字，多 {n - limit} 字",
                          section_of(key))


# ---------------------------------------------------------------- N5 unprintable characters


def n5(texts: dict[str, str], test: Callable[[str], bool], *, final: bool) -> Iterator[Finding]:
    """Characters no available font has (they would print as 〓); ``test(ch) -> bool``."""
    for key in NARRATIVE_KEYS:
        text = texts.get(key, "")
        bad = sorted(ch for ch in set(text) if not ch.isspace() and not test(ch))
        if bad:
            shown = "”“".join(f"{ch}（U+{ord(ch):04X}）" for ch in bad[:5])
            more = f"等 {len(bad)} 个字符" if len(bad) > 5 else ""
            yield Finding("N5", E if final else W, (f"narrative.{key}",),
                          f"{NARRATIVE_TITLES[key]}：“{shown}”{more}没有可用字体，打印时会显示为〓：请改用常用字或安装字库",
                          section_of(key))


def font_printable() -> Callable[[str], bool]:
    """``printable(ch)`` for N5 from the PDF's fonts (loads them: call at export, not per keystroke):
    the export's own decision, level-3 faces (the optional font package, SimSun-ExtB …) included."""
    from core.pdf.fonts import choose_fonts

    return choose_fonts().can_print


_PRINTABLE: dict[str, bool] = {}
_FONT_TEST: list[Callable[[str], bool]] = []


def default_printable(ch: str) -> bool:
    """What ``check`` uses for N5: every GB2312 character is in the bundled and the official fonts;
    only for the others are the PDF fonts loaded (once) and asked."""
    known = _PRINTABLE.get(ch)
    if known is not None:
        return known
    try:
        ch.encode("gb2312")
        ok = True
    except UnicodeEncodeError:
        if not _FONT_TEST:
            try:
                _FONT_TEST.append(font_printable())
            except Exception:  # no fonts at all: the PDF export says so itself
                _FONT_TEST.append(lambda _ch: True)
        ok = _FONT_TEST[0](ch)
    _PRINTABLE[ch] = ok
    return ok
