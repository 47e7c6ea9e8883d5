"""A published report remembers where it came from: the 2019 layout of its tables (which no text shows)
is kept in the project file and raised by R10b, naming the table and row."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.findings import Finding
from core.format2021 import RESIDUE_2019_TERMS
from core.importing import import_file
from core.importing.document import Document, Table
from core.importing.result import build
from core.model import Report
from core.project_file import dumps, loads
from core.rules import check

FIXTURES = Path(__file__).parent / "fixtures"


def _table_r10b(report: Report) -> list[Finding]:
    return [f for f in check(report) if f.rule == "R10b" and not any(c.startswith("narrative.") for c in f.cells)]


@pytest.mark.parametrize(("name", "kind"), [("p-2019.pdf", "PDF"), ("h-2019.html", "网页"), ("w-2019.docx", "Word")])
def test_single_row_other_of_2019_raises_r10b_from_the_table(name: str, kind: str) -> None:
    result = import_file(FIXTURES / name)
    report = result.report
    # Not from prose: no 2019 term in the narrative, so the text rule alone would say nothing.
    assert not any(t in text for text in report.narrative.values() for t in RESIDUE_2019_TERMS)
    assert report.provenance is not None
    assert (report.provenance.source, report.provenance.kind) == (name, kind)
    assert [r.key for r in report.provenance.residue_2019] == ["t3.other_single_row"]
    (finding,) = _table_r10b(report)
    assert finding.section == 3
    assert finding.message.startswith("表三（六）其他处理只有一行（2019 年试行格式）")
    assert "第24行" in finding.message and name in finding.message
    assert "t3.other_no_correction.natural" in finding.cells and "t3.other_unpaid.legal" in finding.cells
    assert "t3.other_other.natural" not in finding.cells  # the single row's figures are there


@pytest.mark.parametrize("name", ["p-2019.pdf", "h-2019.html"])
def test_the_residue_survives_the_project_file(name: str) -> None:
    report = import_file(FIXTURES / name).report
    again = loads(dumps(report))
    assert again.provenance == report.provenance
    assert _table_r10b(again) == _table_r10b(report) != []
    assert loads(dumps(again)).provenance == report.provenance


def test_a_2021_report_is_imported_without_residue() -> None:
    report = import_file(FIXTURES / "p-dept.pdf").report
    assert report.provenance is not None and report.provenance.residue_2019 == ()
    assert _table_r10b(report) == []
    assert loads(dumps(report)).provenance == report.provenance


def test_2019_terms_of_table_two_are_raised_naming_table_two_and_the_row() -> None:
    rows = [["第二十条第（一）项"] * 4, ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["规章", "1", "2", "3"], ["第二十条第（九）项"] * 4, ["政府集中采购", "5", "6", "7"]]
    doc = Document("Word", "旧年报.docx", tables=[Table(rows, "表格1")])
    report = build(doc).report
    assert report.provenance is not None
    keys = [r.key for r in report.provenance.residue_2019]
    assert {"t2.col_new_made", "t2.col_new_published", "t2.col_total_published", "t2.row_art20_9"} <= set(keys)
    assert len(keys) == len(set(keys))
    messages = [f.message for f in _table_r10b(report)]
    assert any(m.startswith("表二出现 2019 年试行格式的栏目“本年新制作数量”（表格1 第2行）") for m in messages)
    assert all("旧年报.docx" in m for m in messages)
    assert all(f.section == 2 for f in _table_r10b(report))


def test_a_report_typed_in_has_no_provenance() -> None:
    report = Report.blank()
    assert report.provenance is None
    assert '"imported"' not in dumps(report)


def test_the_warning_goes_once_the_clerk_splits_the_single_row() -> None:
    report = import_file(FIXTURES / "p-2019.pdf").report
    assert _table_r10b(report)
    report.set("t3.other_unpaid.natural", 0)  # a figure typed into a 2021 sub-row: the row is split
    assert _table_r10b(report) == []
    assert loads(dumps(report)).provenance is not None  # still remembered where it came from


def test_our_own_workbook_read_exactly_is_not_marked_imported(tmp_path: Path) -> None:
    import datetime as dt

    from core.compute import compute
    from core.sample import load_sample
    from core.xlsx import export_xlsx

    report = load_sample()
    results = compute(report)
    path = tmp_path / "ours.xlsx"
    path.write_bytes(export_xlsx(report, results, check(report, results), draft=False,
                                 created=dt.datetime(2025, 1, 20)))
    back = import_file(path)
    assert back.exact_workbook and back.report.provenance is None
    by_labels = import_file(FIXTURES / "office-1.xlsx").report
    assert by_labels.provenance is not None and by_labels.provenance.kind == "Excel"


def test_a_file_with_imported_validates_against_the_schema() -> None:
    import json

    import jsonschema

    from core.resources import schema_path

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    data = json.loads(dumps(import_file(FIXTURES / "p-2019.pdf").report))
    assert data["imported"]["residue_2019"][0]["key"] == "t3.other_single_row"
    jsonschema.validate(data, schema)
    data["imported"]["residue_2019"][0]["extra"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
