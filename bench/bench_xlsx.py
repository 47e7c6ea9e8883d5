"""XLSX: export of the built-in sample (target ≤ 100 ms) and its import (target ≤ 200 ms), in-process.

The baseline, measured in the same run, is the floor each library imposes: an
empty workbook written by XlsxWriter, and the same empty workbook read by openpyxl.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import median_seconds, report
from core.compute import compute
from core.rules import check
from core.sample import load_sample
from core.xlsx import export_xlsx, import_xlsx


def _empty_workbook() -> bytes:
    import xlsxwriter  # type: ignore[import-untyped]

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.add_worksheet("Sheet1").write_number(0, 0, 1)
    wb.close()
    return buf.getvalue()


def main() -> None:
    import openpyxl  # type: ignore[import-untyped]

    sample = load_sample()
    results = compute(sample)
    findings = check(sample, results, final=True)

    base_write = median_seconds(_empty_workbook, repeat=30)
    report("baseline: XlsxWriter, workbook with one cell", base_write)
    t_export = median_seconds(lambda: export_xlsx(sample, results, findings, draft=False), repeat=30)
    report("export_xlsx of the sample", t_export, target=0.100, baseline=base_write)

    empty = _empty_workbook()
    base_read = median_seconds(lambda: openpyxl.load_workbook(io.BytesIO(empty)), repeat=30)
    report("baseline: openpyxl, load a one-cell workbook", base_read)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.xlsx"
        path.write_bytes(export_xlsx(sample, results, findings, draft=False))
        t_import = median_seconds(lambda: import_xlsx(path), repeat=30)
        report("import_xlsx of the exported sample", t_import, target=0.200, baseline=base_read)
        print(f"   exported workbook: {path.stat().st_size / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
