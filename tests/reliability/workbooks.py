"""Pathological workbooks made from a real export, for the XLSX hardening tests and the fuzzer."""

from __future__ import annotations

import io
import random
import re
import zipfile

from core.compute import compute
from core.rules import check
from core.sample import load_sample
from core.xlsx import export_xlsx


def sample_export() -> bytes:
    report = load_sample()
    results = compute(report)
    return export_xlsx(report, results, check(report, results), draft=True)


def sheet_member(data: bytes, title: str) -> str:
    """The zip member holding sheet ``title`` (through workbook.xml and its relationships)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        wb = zf.read("xl/workbook.xml").decode()
        rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet name="{re.escape(title)}" sheetId="\d+" r:id="(rId\d+)"', wb)
    assert rid is not None, title
    target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
    assert target is not None
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def replace_member(data: bytes, member: str, body: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, body if info.filename == member else src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def read_member(data: bytes, member: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(member)


def with_far_cell(data: bytes, sheet: str = "数据", ref: str = "E1048576") -> bytes:
    member = sheet_member(data, sheet)
    xml = read_member(data, member).decode()
    row = re.sub(r"\D", "", ref)
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>远处</t></is></c></row>'
    xml = xml.replace("</sheetData>", cell + "</sheetData>")
    xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{ref}"/>', xml)
    return replace_member(data, member, xml.encode())


def with_big_unused_sheet(data: bytes, cells: int = 1_100_000, sheet: str = "检查结果") -> bytes:
    """``cells`` numbers filling the findings sheet, which the import never needs."""
    member = sheet_member(data, sheet)
    rnd = random.Random(7)
    cols = 20
    rows = []
    for r in range(1, cells // cols + 1):
        rows.append(f'<row r="{r}">' + "".join(
            f'<c r="{chr(65 + c)}{r}"><v>{rnd.randrange(10**9)}</v></c>' for c in range(cols)) + "</row>")
    xml = read_member(data, member).decode()
    head = xml[: xml.index("<sheetData")]
    tail = xml[xml.index("</sheetData>") + len("</sheetData>"):] if "</sheetData>" in xml else "</worksheet>"
    head = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:T{cells // cols}"/>', head)
    body = head + "<sheetData>" + "".join(rows) + "</sheetData>" + tail
    return replace_member(data, member, body.encode())
