"""XLSX export and import (docs/xlsx.md).

The writer (XlsxWriter) and the reader (openpyxl) are imported on first use:
an export never pays for openpyxl, an import never for XlsxWriter.
"""

from __future__ import annotations

import datetime
import pathlib

from core.compute import Results
from core.findings import Finding
from core.model import Report


class XlsxImportError(Exception):
    """A workbook that cannot be imported; ``str()`` is a Chinese message naming the sheet, the cell
    and the problem."""


def export_xlsx(report: Report, results: Results, findings: list[Finding], *, draft: bool,
                created: datetime.datetime | None = None) -> bytes:
    from core.xlsx.writer import export_xlsx as _export

    return _export(report, results, findings, draft=draft, created=created)


def import_xlsx(path: pathlib.Path) -> Report:
    from core.xlsx.reader import import_xlsx as _import

    return _import(path)


__all__ = ["XlsxImportError", "export_xlsx", "import_xlsx"]
