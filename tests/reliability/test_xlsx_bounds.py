"""The import reads only what the layout defines: far cells and huge unused sheets cost nothing;
every damaged or out-of-range value is refused naming the sheet and the cell."""

from __future__ import annotations

import re
import time
import warnings
from pathlib import Path

import pytest

from core.xlsx import XlsxImportError, import_xlsx
from tests.reliability.workbooks import sample_export, with_big_unused_sheet, with_far_cell

REPRO = Path(__file__).parent / "repro"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def export() -> bytes:
    return sample_export()


def timed_import(path: Path, budget: float) -> object:
    start = time.monotonic()
    try:
        return import_xlsx(path)
    finally:
        assert time.monotonic() - start < budget


def test_far_cell_costs_nothing(export: bytes, tmp_path: Path) -> None:
    path = tmp_path / "far.xlsx"
    path.write_bytes(with_far_cell(export))
    report = timed_import(path, 5.0)  # was 17 s and 1.2 GB
    assert report is not None


def test_million_cells_in_an_unused_sheet_cost_nothing(export: bytes, tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    path.write_bytes(with_big_unused_sheet(export))
    timed_import(path, 5.0)  # was 11 s and 489 MB


@pytest.mark.parametrize(("name", "where"), [
    ("int400.xlsx", "表三”单元格 D11"),
    ("version_inf.xlsx", "数据”单元格 B2"),
    ("shared_oob.xlsx", "单元格 I24"),
    ("surrogate.xlsx", "单元格 B17"),
])
def test_reproducers_refused_naming_sheet_and_cell(name: str, where: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing of openpyxl's may leak, not even a warning
        with pytest.raises(XlsxImportError) as info:
            timed_import(REPRO / name, 5.0)
    message = str(info.value)
    assert where in message and CJK.search(message)
    assert "Error" not in message


def test_far_cell_reproducer_imports(tmp_path: Path) -> None:
    report = timed_import(REPRO / "far_cell.xlsx", 5.0)
    assert report is not None


def test_text_beyond_the_row_bound_is_refused_not_cut(export: bytes, tmp_path: Path, monkeypatch) -> None:
    from core.xlsx import reader

    monkeypatch.setattr(reader, "INFO_MAX_ROWS", 20)  # the sample's text ends on a later row
    path = tmp_path / "long.xlsx"
    path.write_bytes(export)
    with pytest.raises(XlsxImportError, match="超过 20 行"):
        import_xlsx(path)
