"""Regenerate docs/cell-ids.md and docs/rules.md from the format declaration (python tools/make_docs.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.findings import RULES  # noqa: E402
from core.format2021 import CELLS  # noqa: E402


def cell_ids() -> str:
    lines = [
        "# Cell ids",
        "",
        "Every numeric cell of the 2021 format has a stable id `<table>.<row>.<column>`, used by the project",
        "file, the XLSX 数据 sheet, findings and the wizard. Generated from `core/format2021.py` by",
        "`python tools/make_docs.py`; ids never change meaning once released.",
        "",
        "- `t2.*` 表二 (主动公开), `t3.*` 表三 (依申请), `t4.*` 表四 (复议、诉讼), `s6.info_fee` 六 信息处理费.",
        "- computed cells (表三 总计 column and （七）总计 row, 表四 总计) are written as printed and",
        "  compared with the computed value on load.",
        "",
        "| id | label | unit | computed |",
        "|---|---|---|---|",
    ]
    lines += [f"| `{c.id}` | {c.label} | {c.unit.value} | {'是' if c.computed else ''} |" for c in CELLS]
    return "\n".join(lines) + "\n"


def rules() -> str:
    lines = ["# Rules", "", "Generated from `core/findings.py` by `python tools/make_docs.py`. E = error (blocks a final",
             "export, never saving or a draft), W = warning.", "", "| id | severity | rule |", "|---|---|---|"]
    lines += [f"| {r.id} | {r.severity} | {r.title} |" for r in RULES]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (ROOT / "docs" / "cell-ids.md").write_text(cell_ids(), encoding="utf-8")
    (ROOT / "docs" / "rules.md").write_text(rules(), encoding="utf-8")
