"""Build resources/sample-zhoukou-gxj-2024.gkbg.json from the published seed report.

The seed (shared/seed/zhoukou-gxj-2024.txt) is the text of 周口市工业和信息化局's
published 2024 report. Narrative paragraphs are taken verbatim; the tables'
numbers are read in the order the format prints them. Run once; the output is
committed:

    python tools/make_sample.py ../shared/seed/zhoukou-gxj-2024.txt
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.format2021 import (
    INFO_FEE_ID,
    SECTIONS,
    T3_APPLICANT_COLS,
    T3_INPUT_ROWS,
    T4_GROUPS,
    T4_PARTS,
    t2_id,
    t3_id,
    t4_id,
)
from core.model import Meta, Report
from core.project_file import save
from core.resources import sample_path

NUMS = re.compile(r"^(.*?)((?:\t\s*\d+(?:\.\d+)?\s*)+)\t*$")


def paragraphs(block: str) -> str:
    return "\n".join(p.strip() for p in block.strip().splitlines() if p.strip())


def build(seed: str) -> Report:
    lines = seed.splitlines()
    text = seed
    heads = [s.heading for s in SECTIONS]
    pos = [text.index(h) for h in heads]
    bodies = [text[pos[i] + len(heads[i]): pos[i + 1] if i + 1 < len(pos) else len(text)]
              for i in range(len(heads))]
    report = Report.blank()
    report.meta = Meta(agency="周口市工业和信息化局", year=2024, compiler="周口市工业和信息化局")
    report.narrative = {"preamble": "", "s1": paragraphs(bodies[0]), "s5": paragraphs(bodies[4]),
                        "s6": paragraphs(bodies[5])}

    table2 = {"规章": "regulations", "行政规范性文件": "normative", "行政许可": "licensing",
              "行政处罚": "penalty", "行政强制": "enforcement", "行政事业性收费": "fees"}
    t3_rows: list[list[int]] = []
    t4_row: list[int] | None = None
    for line in lines:
        cells = [c.strip() for c in line.split("\t")]
        label = cells[0]
        numbers = [c for c in cells[1:] if c]
        if label in table2 and numbers:
            row = table2[label]
            if row in ("regulations", "normative"):
                for col, v in zip(("issued", "repealed", "in_force"), numbers, strict=True):
                    report.cells[t2_id(row, col)] = int(v)
            elif row == "fees":
                report.cells[t2_id(row, "amount")] = Decimal(numbers[0])
            else:
                report.cells[t2_id(row, "decisions")] = int(numbers[0])
            continue
        nums = [c for c in cells if re.fullmatch(r"\d+", c)]
        if len(nums) == 7 and len(cells) > 7:
            t3_rows.append([int(n) for n in nums])
        elif len(nums) == 15:
            t4_row = [int(n) for n in nums]
    if len(t3_rows) != 25 or t4_row is None:
        raise SystemExit(f"seed tables not found: {len(t3_rows)} rows of 表三")
    for key, row in zip(("new", "carried_in", *T3_INPUT_ROWS[2:-1], "total", "carried_out"), t3_rows,
                        strict=True):
        if key == "total":
            continue
        for col, v in zip(T3_APPLICANT_COLS, row, strict=False):
            report.cells[t3_id(key, col)] = v
    for g, (gkey, _) in enumerate(T4_GROUPS):
        for j, col in enumerate(T4_PARTS):
            report.cells[t4_id(gkey, col)] = t4_row[g * 5 + j]
    # 六 says 未收取信息处理费: the structured amount is 0 元.
    report.cells[INFO_FEE_ID] = Decimal(0)
    return report


if __name__ == "__main__":
    seed_file = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/seed/zhoukou-gxj-2024.txt")
    report = build(seed_file.read_text(encoding="utf-8"))
    save(report, sample_path(), backup=False)
    print(f"wrote {sample_path()}")
