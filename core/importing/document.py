"""What every reader reduces a document to: paragraphs and tables of strings, with their places.

Readers know a file format; they know nothing of the report format. The matcher
(``core.importing.matcher``) and the narrative splitter (``core.importing.narrative``)
read only these shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportRefused(Exception):
    """A document that cannot be imported at all; ``str()`` is a Chinese message naming the reason."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    where: str  # 「第2页」, 「第14行」, 「段落5」
    line: bool = False  # printed on a page (PDF, pasted text): page furniture possible
    joined: bool = False  # the reader already rebuilt whole paragraphs from the printed lines


@dataclass(slots=True)
class Table:
    """A table as a grid of strings.

    ``dense``: positions are meaningful (a real table: a merged cell's text is repeated in
    every position it covers). Otherwise the rows are loose tokens (text pasted from a page):
    only their order means something.
    """

    rows: list[list[str]]
    where: str  # 「第3页 表格2」
    dense: bool = True
    row_where: list[str] = field(default_factory=list)  # per row, when rows come from different places

    def place(self, r: int, c: int | None = None) -> str:
        base = self.row_where[r] if r < len(self.row_where) and self.row_where[r] else f"{self.where} 第{r + 1}行"
        return base if c is None or not self.dense else f"{base}第{c + 1}列"


@dataclass(slots=True)
class Document:
    kind: str  # 「PDF」「Word」「网页」「文本」「Excel」
    name: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    pages: int = 0
    notes: list[str] = field(default_factory=list)  # what the reader itself noticed
    # Set by a reader whose format names them (our own workbook's 基本信息与正文): label -> text.
    meta: dict[str, str] = field(default_factory=dict)
    narrative: dict[str, str] | None = None
