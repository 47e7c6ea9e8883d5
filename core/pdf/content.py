"""The report's content as flowables: title, preamble, six sections, narrative and tables."""

from __future__ import annotations

import re
from typing import Any

from reportlab.platypus import KeepTogether, Spacer

from core.compute import Results
from core.fields import render_text
from core.format2021 import GRIDS, INFO_FEE_ID, SECTIONS, Unit
from core.model import Report
from core.pdf.fonts import FontSet
from core.pdf.page import BODY_SIZE, LINE_PITCH, TITLE_SIZE, TYPE_W
from core.pdf.tables import build_tables
from core.pdf.text import TextBlock
from core.values import Invalid, display

# 「一、」 headings and 「（一）」 headings, as clerks type them (full- or half-width brackets).
_H1 = re.compile(r"^[一二三四五六七八九十]+、")
_H2 = re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[）)]")
_RUN_IN_END = "。：:"
_RUN_IN_MAX = 40  # a run-in heading longer than this is really the paragraph itself
INFO_FEE_WORD = "信息处理费"


class _Text:
    """Builds the text blocks of one export: body, headings, title."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts

    def block(self, runs: list[tuple[str, str]], *, keep_with_next: bool = False) -> TextBlock:
        return TextBlock(runs, size=BODY_SIZE, leading=LINE_PITCH, indent=2 * BODY_SIZE,
                         keep_with_next=keep_with_next)

    def title(self, text: str) -> TextBlock:
        runs = self.fonts.runs(text, "title", "标题")
        # One blank line of the grid under the title, as GB/T 9704 sets it.
        return TextBlock(runs, size=TITLE_SIZE, leading=LINE_PITCH * 1.25, align="center",
                         space_after=LINE_PITCH * 0.75)

    def heading(self, text: str, role: str, where: str) -> TextBlock:
        return self.block(self.fonts.runs(text, role, where), keep_with_next=True)

    def body(self, text: str, where: str) -> TextBlock:
        return self.block(self.fonts.runs(text, "body", where))


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


def _paragraphs(text: str) -> list[str]:
    # Clerks indent with 「　　」 or spaces; the style indents, so strip theirs.
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            if line.strip()]


def _narrative(lines: list[str], name: str, tb: _Text) -> list[Any]:
    out: list[Any] = []
    for n, line in enumerate(lines, 1):
        where = f"{name} 第{n}段"
        head = split_heading(line)
        if head is None:
            out.append(tb.body(line, where))
            continue
        role, heading, rest = head
        if not rest:
            out.append(tb.heading(heading, role, where))
            continue
        runs = tb.fonts.runs(heading, role, where) + tb.fonts.runs(rest, "body", where)
        out.append(tb.block(runs))
    return out


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


def build_story(report: Report, results: Results, fonts: FontSet) -> list[Any]:
    tb = _Text(fonts)
    story: list[Any] = [tb.title(report.meta.title)]
    story += _narrative(_paragraphs(render_text(report, results, "preamble")), "前言", tb)
    for section in SECTIONS:
        heading = tb.heading(section.heading, "heading1", section.heading)
        if section.narrative:
            text = render_text(report, results, section.key)
            lines = _paragraphs(text)
            if section.number == 6:
                extra = info_fee_sentence(text, results)
                if extra:
                    lines.append(extra)
            story.append(heading)
            story += _narrative(lines, section.heading, tb)
        else:
            grid = GRIDS[f"t{section.number}"]
            tables = build_tables(grid, results, fonts, TYPE_W)
            if grid.key == "t3":
                # 表三 is read as a whole: it starts on a fresh page rather than break.
                story.append(KeepTogether([heading, Spacer(1, 4), *tables]))
            else:
                # Keep the heading with the first block; later blocks may go to the next page.
                story += [KeepTogether([heading, Spacer(1, 4), tables[0]]), *(KeepTogether([t]) for t in tables[1:])]
            story.append(Spacer(1, LINE_PITCH / 2))
    return story
