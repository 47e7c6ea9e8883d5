"""The report being written: meta, narrative texts and cell values."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

from core.format2021 import (
    CELL,
    COMPUTED_IDS,
    INPUT_IDS,
    NARRATIVE_KEYS,
    SECTION_BY_KEY,
    ReportKind,
)
from core.values import CellValue


@dataclass(slots=True)
class Meta:
    agency: str = ""  # 机关名称
    year: int | None = None  # 报告年度
    kind: ReportKind = ReportKind.DEPARTMENT
    compiler: str = ""  # 编制单位
    contact: str = ""  # 联系方式
    publish_date: dt.date | None = None  # 发布日期
    previous_report: str = ""  # path of last year's project file, relative to this one

    @property
    def title(self) -> str:
        year = "    " if self.year is None else str(self.year)
        return f"{self.agency}{year}年政府信息公开工作年度报告"


def seeded_narrative(key: str) -> str:
    """A new report's text for a narrative section: its customary sub-headings, one per paragraph."""
    if key == "preamble":
        return ""
    return "\n".join(SECTION_BY_KEY[key].subheadings)


@dataclass(frozen=True, slots=True)
class Residue:
    """One piece of 2019 试行格式 layout found in an imported table: a short key and a Chinese description
    naming the table and row (R10b reports it)."""

    key: str
    text: str


@dataclass(slots=True)
class Provenance:
    """Where an imported report came from (core.importing): kept in the project file as ``imported``."""

    source: str  # the file name
    kind: str  # the document kind as the importer read it: 「PDF」「Word」「网页」「文本」「Excel」
    residue_2019: tuple[Residue, ...] = ()


@dataclass(slots=True)
class Report:
    meta: Meta = field(default_factory=Meta)
    narrative: dict[str, str] = field(default_factory=lambda: dict.fromkeys(NARRATIVE_KEYS, ""))
    # Input cells only; a missing key is a blank cell.
    cells: dict[str, CellValue] = field(default_factory=dict)
    # Totals printed in a file (e.g. a published report typed in) that differ
    # from the computed ones. Kept so that R2/R3/R4 can report them.
    stated_totals: dict[str, CellValue] = field(default_factory=dict)
    # Last year's 现行有效件数 (keys "regulations", "normative"), kept by "new from
    # last year" so R7/X2 still work when last year's file is not at hand.
    baseline_in_force: dict[str, int] = field(default_factory=dict)
    # Length guidance some provinces set (总体情况 ≤ 1,000 字): narrative key → most characters.
    # Empty (the default): no length check (N4).
    prose_limits: dict[str, int] = field(default_factory=dict)
    # Set by the importer (and kept in the file): a table's 2019 layout is a finding (R10b) no prose shows.
    provenance: Provenance | None = None

    @classmethod
    def blank(cls, *, seeded: bool = True) -> Report:
        report = cls()
        if seeded:
            report.narrative = {k: seeded_narrative(k) for k in NARRATIVE_KEYS}
        return report

    def get(self, cell_id: str) -> CellValue:
        if CELL[cell_id].computed:
            raise KeyError(f"{cell_id} is computed: read it from the results")
        return self.cells.get(cell_id)

    def set(self, cell_id: str, value: CellValue) -> None:
        spec = CELL[cell_id]
        if spec.computed:
            raise KeyError(f"{cell_id} is computed and cannot be set")
        if value is None:
            self.cells.pop(cell_id, None)
        else:
            self.cells[cell_id] = value

    def set_text(self, key: str, text: str) -> None:
        if key not in NARRATIVE_KEYS:
            raise KeyError(key)
        self.narrative[key] = text

    def adopt_computed_totals(self) -> list[str]:
        """Drop the stated totals so the computed ones apply; returns the ids replaced."""
        replaced = sorted(self.stated_totals)
        self.stated_totals.clear()
        return replaced

    def copy(self) -> Report:
        return copy.deepcopy(self)

    def blank_cells(self) -> list[str]:
        return [cid for cid in INPUT_IDS if self.cells.get(cid) is None]


assert set(COMPUTED_IDS).isdisjoint(INPUT_IDS)
