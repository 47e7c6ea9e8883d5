"""The format is declared once: one more 表三 row, added to a copy of ``core/format2021.py``, reaches
every surface (the wizard's grid, the PDF, the workbook both ways, the rule messages) with nothing
else edited. Run in a fresh interpreter, since every module reads the format when imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ADDED = '_leaf("deny_extra", "9.测试新增的不予公开情形", "deny"),'

SCRIPT = r'''
import importlib.util, io, sys, tempfile
from pathlib import Path

# A copy of the format with one more row under （三）不予公开: 9 rows there, 22 result rows.
source = Path("core/format2021.py").read_text(encoding="utf-8")
anchor = '_leaf("deny_query", "8.属于行政查询事项", "deny"),'
assert source.count(anchor) == 1, "the anchor row moved: update this test"
source = source.replace(anchor, anchor + "\n    " + ADDED)
import core
spec = importlib.util.spec_from_loader("core.format2021", loader=None, origin="core/format2021.py")
fmt = importlib.util.module_from_spec(spec)
sys.modules["core.format2021"] = fmt
exec(compile(source, "core/format2021.py", "exec"), fmt.__dict__)
core.format2021 = fmt

from core.format2021 import GRID_T3, T3_LEAF_ROWS, Role, t3_id
from core.model import Report
from core.compute import compute
from core.rules import check
from core.findings import RULES

assert len(T3_LEAF_ROWS) == 22
extra = t3_id("deny_extra", "natural")
deny = next(c for c in GRID_T3.cells if c.group == "deny")
assert deny.rowspan == 9
heading = next(c for c in GRID_T3.cells if c.role is Role.HEADING)
assert heading.rowspan == 23  # 22 result rows and （七）总计

# Rule messages count the rows of the format.
report = Report.blank()
report.cells[extra] = 1
report.stated_totals[t3_id("total", "natural")] = 5
results = compute(report)
findings = check(report, results)
r2 = [f for f in findings if f.rule == "R2"]
assert r2 and "22项办理结果之和为 1" in r2[0].message, r2
assert extra in r2[0].cells
assert "22项" in next(r.title for r in RULES if r.id == "R2")

# The wizard's grid: the new row is editable, the group keeps its centred label and subtotal.
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.document import Document
from gui.grid_model import GridModel
doc = Document()
doc.load_report(report, None)
model = GridModel(GRID_T3, doc)
assert model.rowCount() == GRID_T3.n_rows
index = model.index_of(extra)
assert index.isValid() and model.flags(index) & Qt.ItemFlag.ItemIsEditable
assert model.data(index) == "1"
group = model.index(deny.row, deny.col)
assert model.data(group, Qt.ItemDataRole.TextAlignmentRole) == Qt.AlignmentFlag.AlignCenter
assert "小计 1" in model.data(group)
assert model.data(model.index(heading.row, heading.col), Qt.ItemDataRole.TextAlignmentRole) \
    == Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
row_label = model.index(index.row(), 2)
assert model.data(row_label) == "9.测试新增的不予公开情形"

# The PDF prints the row.
import pdfplumber
from core.pdf import export_pdf
pdf = export_pdf(report, results, findings, draft=True)
with pdfplumber.open(io.BytesIO(pdf.data)) as doc_pdf:
    text = "".join(page.extract_text() or "" for page in doc_pdf.pages)
assert "测试新增的不予公开情形" in text.replace("\n", "")

# The workbook writes the row, merges the group over 9 rows, and reads the value back.
import openpyxl
from core.xlsx import export_xlsx, import_xlsx
data = export_xlsx(report, results, findings, draft=True)
book = openpyxl.load_workbook(io.BytesIO(data))
sheet = book["表三"]
labels = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
assert "9.测试新增的不予公开情形" in labels
merged = [m for m in sheet.merged_cells.ranges if sheet.cell(m.min_row, m.min_col).value == "（三）不予公开"]
assert merged and merged[0].max_row - merged[0].min_row + 1 == 9, merged
assert sheet.cell(merged[0].min_row, merged[0].min_col).alignment.horizontal == "center"
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "r.xlsx"
    path.write_bytes(data)
    assert import_xlsx(path).cells[extra] == 1
print("ok")
'''


def test_one_more_table3_row_reaches_every_surface() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = f"ADDED = {ADDED!r}\n" + SCRIPT
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=False, timeout=120)
    assert run.returncode == 0 and run.stdout.strip().endswith("ok"), run.stderr[-3000:]
