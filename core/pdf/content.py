"""The document's blocks (core.blocks) as flowables: how each looks on the PDF page."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import KeepTogether, Spacer

from core.blocks import Document, Heading, Paragraph, Table, Title, info_fee_sentence, split_heading
from core.pdf.fonts import FontSet
from core.pdf.page import BODY_SIZE, LINE_PITCH, TITLE_SIZE, TYPE_W
from core.pdf.tables import build_tables
from core.pdf.text import TextBlock

__all__ = ["build_story", "info_fee_sentence", "split_heading"]

_ROLE = {1: "heading1", 2: "heading2"}


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

    def paragraph(self, p: Paragraph) -> TextBlock:
        runs: list[tuple[str, str]] = []
        for run in p.runs:
            runs += self.fonts.runs(run.text, run.role, p.where)
        return self.block(runs)


def build_story(doc: Document, fonts: FontSet) -> list[Any]:
    tb = _Text(fonts)
    story: list[Any] = []
    blocks = doc.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if isinstance(block, Title):
            story.append(tb.title(block.text))
        elif isinstance(block, Heading):
            heading = tb.heading(block.text, _ROLE[block.level], block.where)
            nxt = blocks[i] if i < len(blocks) else None
            if isinstance(nxt, Table):
                i += 1
                tables = build_tables(nxt.grid, nxt.values, fonts, TYPE_W)
                if nxt.grid.key == "t3":
                    # 表三 is read as a whole: it starts on a fresh page rather than break.
                    story.append(KeepTogether([heading, Spacer(1, 4), *tables]))
                else:
                    # Keep the heading with the first block; later blocks may go to the next page.
                    story += [KeepTogether([heading, Spacer(1, 4), tables[0]]),
                              *(KeepTogether([t]) for t in tables[1:])]
                story.append(Spacer(1, LINE_PITCH / 2))
            else:
                story.append(heading)
        elif isinstance(block, Paragraph):
            story.append(tb.paragraph(block))
        else:
            story += build_tables(block.grid, block.values, fonts, TYPE_W)
    return story
