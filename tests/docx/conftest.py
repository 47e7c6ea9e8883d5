"""DOCX tests: exports of the sample and a filled report, and LibreOffice with the bundled fonts."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from core.compute import compute
from core.docx import export_docx
from core.model import Report
from core.resources import resources_dir

os.environ.setdefault("GKBG_CACHE_DIR", tempfile.mkdtemp(prefix="gkbg-test-cache-"))
CREATED = dt.datetime(2025, 1, 20, 9, 0, 0)


def docx_of(report: Report, *, draft: bool = False, created: dt.datetime = CREATED) -> bytes:
    return export_docx(report, compute(report), [], draft=draft, created=created)


@pytest.fixture(scope="session")
def lo_pdf(tmp_path_factory: pytest.TempPathFactory) -> Callable[[bytes, str], Path]:
    """DOCX bytes → the PDF LibreOffice makes of them, the bundled fonts standing in for 仿宋 & co."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed")
    base = tmp_path_factory.mktemp("lo-docx")
    conf = base / "fonts.conf"
    conf.write_text((Path(__file__).parent / "fonts.conf.in").read_text(encoding="utf-8")
                    .replace("@FONTS@", str(resources_dir() / "fonts"))
                    .replace("@CACHE@", str(base / "fc-cache")), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(base)}

    def convert(data: bytes, name: str) -> Path:
        src = base / f"{name}.docx"
        src.write_bytes(data)
        proc = subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation={(base / 'profile').as_uri()}",
             "--convert-to", "pdf", "--outdir", str(base), str(src)],
            capture_output=True, text=True, timeout=180, check=False, env=env)
        out = base / f"{name}.pdf"
        assert out.exists(), f"LibreOffice failed: {proc.returncode} {proc.stdout} {proc.stderr}"
        return out

    return convert
