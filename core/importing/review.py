"""导入修改稿: a DOCX or PDF back from 领导审签, as a list of changes to review (no Qt).

The returned document is imported like any published report, then compared with the open
report as it prints: narrative paragraph by paragraph (difflib over the paragraphs of each
part, so an inserted paragraph does not mark every later one as changed) and every input cell
the import found. Nothing is applied here: ``edits`` turns the changes the clerk accepted
into new narrative texts and cell values, which the wizard applies as one undoable step.

What is not compared: white space inside a paragraph (a PDF's text layer loses the space at
a line break), a part the import did not find at all (a lost heading must not read as
"delete the whole part"), cells the import did not find, and the printed totals (they follow
from the cells; a changed total with unchanged cells is listed as a note).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from core.compute import compute
from core.fields import escape, render_text
from core.format2021 import CELL, NARRATIVE_KEYS, NARRATIVE_TITLES
from core.importing.result import ImportResult
from core.model import Report
from core.values import CellValue, display


@dataclass(frozen=True, slots=True)
class TextChange:
    key: str  # narrative part
    start: int  # the report's paragraphs [start, end) are replaced by ``new``
    end: int
    old: tuple[str, ...]  # as printed now
    new: tuple[str, ...]  # as in the returned document

    @property
    def where(self) -> str:
        title = NARRATIVE_TITLES[self.key]
        if self.start == self.end:
            return f"{title} 第 {self.start} 段之后（新增）"
        span = f"第 {self.start + 1} 段" if self.end == self.start + 1 else f"第 {self.start + 1}–{self.end} 段"
        return f"{title} {span}" + ("（删除）" if not self.new else "")

    @property
    def before(self) -> str:
        return "\n".join(self.old)

    @property
    def after(self) -> str:
        return "\n".join(self.new)


@dataclass(frozen=True, slots=True)
class CellChange:
    cell_id: str
    old: CellValue
    new: CellValue
    doubt: str = ""  # the import was unsure of this reading: say so beside it

    @property
    def where(self) -> str:
        return CELL[self.cell_id].label

    @property
    def before(self) -> str:
        return display(self.old) or "（空白）"

    @property
    def after(self) -> str:
        return (display(self.new) or "（空白）") + (f"（不确定：{self.doubt}）" if self.doubt else "")


Change = TextChange | CellChange


@dataclass(slots=True)
class Review:
    source: str
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Chinese: what was not compared, and why


@dataclass(slots=True)
class Edits:
    narrative: dict[str, str] = field(default_factory=dict)  # part -> its whole new stored text
    cells: dict[str, CellValue] = field(default_factory=dict)


def spans(old: str, new: str) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    """Both texts cut into (changed, text) runs, by characters: what to mark in each."""
    before: list[tuple[bool, str]] = []
    after: list[tuple[bool, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if i2 > i1:
            before.append((op != "equal", old[i1:i2]))
        if j2 > j1:
            after.append((op != "equal", new[j1:j2]))
    return before, after


def _paragraphs(text: str) -> list[str]:
    return text.split("\n") if text else []


def _bare(paragraph: str) -> str:
    return "".join(paragraph.split())


def review(report: Report, returned: ImportResult) -> Review:
    """The differences between ``report`` and the document that came back, in reading order."""
    results = compute(report)
    new_report = returned.report
    out = Review(returned.document.name)
    for key in NARRATIVE_KEYS:
        new = _paragraphs(new_report.narrative.get(key, "").strip())
        if not new:
            out.notes.append(f"修改稿中没有找到“{NARRATIVE_TITLES[key]}”，这一部分未比较")
            continue
        old = _paragraphs(render_text(report, results, key))
        if len(old) != len(_paragraphs(report.narrative.get(key, ""))):  # cannot happen; never misplace text
            if old != new:
                out.changes.append(TextChange(key, 0, len(_paragraphs(report.narrative.get(key, ""))),
                                              tuple(old), tuple(new)))
            continue
        # White space is compared away: a PDF's text layer drops the space a line break fell on
        # (「12 月底」 read back as 「12月底」), and a leader's edit is never only spacing.
        matcher = difflib.SequenceMatcher(None, [_bare(p) for p in old], [_bare(p) for p in new], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                out.changes.append(TextChange(key, i1, i2, tuple(old[i1:i2]), tuple(new[j1:j2])))
    doubts = {d.cell_id: d.reason for d in returned.doubts if d.cell_id}
    found = returned.match.read
    for cid, spec in CELL.items():
        if spec.computed or spec.table == "s6" or cid not in found:
            continue
        old_v, new_v = report.get(cid), new_report.get(cid)
        if type(old_v) is not type(new_v) or display(old_v) != display(new_v):
            out.changes.append(CellChange(cid, old_v, new_v, doubts.get(cid, "")))
    missing = [cid for cid in CELL if not CELL[cid].computed and CELL[cid].table != "s6" and cid not in found]
    if missing:
        out.notes.append(f"修改稿中有 {len(missing)} 个单元格没有找到，这些单元格未比较")
    return out


def review_file(report: Report, path: Path | str) -> Review:
    """Import ``path`` (ImportRefused when it cannot be read) and compare it with ``report``."""
    from core.importing import import_file

    return review(report, import_file(path))


def edits(report: Report, accepted: list[Change]) -> Edits:
    """What the accepted changes make of ``report``: whole new texts per part, and cell values."""
    out = Edits()
    by_key: dict[str, list[TextChange]] = {}
    for change in accepted:
        if isinstance(change, CellChange):
            out.cells[change.cell_id] = change.new
        else:
            by_key.setdefault(change.key, []).append(change)
    for key, changes in by_key.items():
        # Stored paragraphs keep their fields ({{…}}); a replaced paragraph becomes the leader's
        # literal text. The stored text has the printed text's paragraphs, one for one.
        stored = _paragraphs(report.narrative.get(key, ""))
        for change in sorted(changes, key=lambda c: c.start, reverse=True):
            stored[change.start:change.end] = [escape(p) for p in change.new]
        out.narrative[key] = "\n".join(stored)
    return out


__all__ = ["CellChange", "Change", "Edits", "Review", "TextChange", "edits", "review", "review_file", "spans"]
