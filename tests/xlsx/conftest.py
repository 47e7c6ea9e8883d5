"""Fixtures for the XLSX tests: a fully filled report, exporting, LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from core.compute import compute
from core.format2021 import CELL, INFO_FEE_ID, INPUT_IDS, Unit, t2_id
from core.model import Meta, Report
from core.rules import check, ready_for_final
from core.xlsx import export_xlsx

CREATED = dt.datetime(2025, 1, 20, 9, 30)


def full_report() -> Report:
    """Every input cell filled with a distinct non-zero number, money with exact decimals."""
    r = Report.blank()
    r.meta = Meta(agency="某市某局", year=2024, compiler="某市某局办公室", contact="0394-1234567",
                  publish_date=dt.date(2025, 1, 20))
    r.narrative["preamble"] = "根据条例第五十条编制本报告。"
    r.narrative["s1"] = "（一）主动公开\n全年主动公开信息312条。\n\n（二）依申请公开"
    r.narrative["s5"] = "（一）存在问题\n无\n（二）改进措施\n加强培训。"
    r.narrative["s6"] = "本年度收取信息处理费1234.50元。"
    n = 1
    for cid in INPUT_IDS:
        if CELL[cid].unit is Unit.COUNT:
            r.cells[cid] = n
            n += 1
    r.cells[t2_id("fees", "amount")] = Decimal("24252.311082")
    r.cells[INFO_FEE_ID] = Decimal("1234.50")
    r.baseline_in_force = {"regulations": 7, "normative": 31}
    return r


def export(report: Report, *, draft: bool | None = None) -> bytes:
    results = compute(report)
    findings = check(report, results, final=True)
    if draft is None:
        draft = not ready_for_final(findings, report)
    return export_xlsx(report, results, findings, draft=draft, created=CREATED)


@pytest.fixture
def write_export(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(10**6))

    def _write(report: Report, *, draft: bool | None = None, name: str | None = None) -> Path:
        path = tmp_path / (name or f"export-{next(counter)}.xlsx")
        path.write_bytes(export(report, draft=draft))
        return path

    return _write


def strip_cached_values(data: bytes) -> bytes:
    """The same workbook with every formula's cached value removed: what a reader sees afterwards
    can only come from recalculation."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = body.decode("utf-8")
                text = re.sub(r'(<c [^>]*?) t="str"', r"\1", text)
                text = re.sub(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1", text)
                body = text.encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue()


# ---------------------------------------------------------------- LibreOffice


@pytest.fixture(scope="session")
def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI 中必须安装 LibreOffice（soffice），XLSX 的重算测试不能跳过")
        pytest.skip("soffice not installed")
    return exe


@pytest.fixture(scope="session")
def lo_convert(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path, str], Path]:
    """Open a file in LibreOffice headless (which recalculates it) and save it as ``fmt``."""
    profile = tmp_path_factory.mktemp("lo-profile")

    def _convert(src: Path, fmt: str = "xlsx") -> Path:
        outdir = src.parent / f"lo-{fmt}-{src.stem}"
        outdir.mkdir(exist_ok=True)
        proc = subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
             "--convert-to", fmt, "--outdir", str(outdir), str(src)],
            capture_output=True, text=True, timeout=180, check=False)
        out = outdir / f"{src.stem}.{fmt}"
        assert out.exists(), f"LibreOffice failed: {proc.returncode} {proc.stdout} {proc.stderr}"
        return out

    return _convert
