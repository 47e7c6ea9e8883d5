"""The document's blocks (core.blocks) as flowables: how each looks on the PDF page."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from core.blocks import Document, Heading, Paragraph, Table, Title, info_fee_sentence, split_heading
from core.pdf.fonts import FontSet
from core.pdf.page import BODY_SIZE, LINE_PITCH, TITLE_SIZE, TYPE_W
from core.pdf.tables import GridTable, build_tables
from core.pdf.text import TextBlock

__all__ = ["build_story", "info_fee_sentence", "split_heading"]

_ROLE = {1: "heading1", 2: "heading2"}
# GB/T 9704's grid: 28 characters of 三号 on a 156 mm line (442.2 pt / 28 = 15.79 pt a character).
TRACKING = TYPE_W / 28 - BODY_SIZE
KEEP_LINES = 2  # a heading stays with the first two lines of what follows it


class _Text:
    """Builds the text blocks of one export: body, headings, title."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts

    def block(self, runs: list[tuple[str, str]], *, keep_with_next: bool = False) -> TextBlock:
        return TextBlock(runs, size=BODY_SIZE, leading=LINE_PITCH, indent=2 * (BODY_SIZE + TRACKING),
                         keep_with_next=keep_with_next, tracking=TRACKING)

    def title(self, lines: list[str]) -> list[TextBlock]:
        """One centred block a line, broken where core.blocks.title_lines says (GB/T 9704 7.3.1)."""
        out = []
        primary = self.fonts.roles["title"].name
        for n, text in enumerate(lines):
            runs = self.fonts.runs(text, "title", "标题")
            # A character from the regular rare-character face is drawn bold like its neighbours.
            embolden = frozenset(f for f, _ in runs if f != primary)
            last = n == len(lines) - 1
            # One blank line of the grid under the title, as GB/T 9704 sets it.
            out.append(TextBlock(runs, size=TITLE_SIZE, leading=LINE_PITCH * 1.25, align="center",
                                 space_after=LINE_PITCH * 0.75 if last else 0.0, keep_with_next=not last,
                                 embolden=embolden))
        return out

    def heading(self, text: str, role: str, where: str) -> TextBlock:
        return self.block(self.fonts.runs(text, role, where))

    def paragraph(self, p: Paragraph) -> TextBlock:
        runs: list[tuple[str, str]] = []
        for run in p.runs:
            runs += self.fonts.runs(run.text, run.role, p.where)
        return self.block(runs)


def _lead_height(table: Any) -> float:
    """What of a table must stand under its heading: 表二's first block whole; 表三 and 表四
    their header rows and two more."""
    if isinstance(table, GridTable):
        return table.lead_height(TYPE_W)
    return float(table.wrap(TYPE_W, 1e6)[1])


def build_story(doc: Document, fonts: FontSet) -> list[Any]:
    """Flowables; a heading is never left at a page foot without two lines (or rows) after it.

    A heading carries a conditional page break for itself plus what must follow it, instead
    of ``keepWithNext``: reportlab keeps a heading with the *whole* next flowable, so a long
    opening paragraph or 表三 moved with its heading and left a page nearly empty.
    """
    tb = _Text(fonts)
    story: list[Any] = []
    blocks = doc.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if isinstance(block, Title):
            story += tb.title(block.lines)
        elif isinstance(block, Heading):
            heading = tb.heading(block.text, _ROLE[block.level], block.where)
            _, h = heading.wrap(TYPE_W, 1e6)
            nxt = blocks[i] if i < len(blocks) else None
            if isinstance(nxt, Table):
                i += 1
                tables = build_tables(nxt.grid, nxt.values, fonts, TYPE_W)
                first = tables[0]
                story += [CondPageBreak(h + 4 + _lead_height(first) + 1), heading, Spacer(1, 4),
                          first, *(KeepTogether([t]) for t in tables[1:]), Spacer(1, LINE_PITCH / 2)]
            else:
                # Headings in a row (五、 then （一）存在问题) stand or go together with two lines.
                chain = h
                j = i
                while j < len(blocks) and isinstance(blocks[j], Heading):
                    chain += LINE_PITCH
                    j += 1
                story += [CondPageBreak(chain + KEEP_LINES * LINE_PITCH + 0.5), heading]
        elif isinstance(block, Paragraph):
            story.append(tb.paragraph(block))
        else:
            story += build_tables(block.grid, block.values, fonts, TYPE_W)
    return story
