"""Every reproducer of /work/shared/repro (copied into tests/reliability/repro) gets a Chinese
refusal (exit 2) or a correct result, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.cli import main

REPRO = Path(__file__).parent / "repro"
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"Traceback|Error\b|Errno|Exception|Unexpected|Expecting|Invalid|float\b|denied")

EXPECTED = {  # file: (exit status of check, text the output must hold)
    "int5000.gkbg": (1, "位数过多"),
    "exp.gkbg": (2, "cells.t3.new.natural"),
    "prev300.gkbg": (0, "跳过跨年度检查"),
    "year_sup.gkbg": (2, "meta.year"),
    "typo.gkbg": (2, "Cells"),
    "nan.gkbg": (2, "meta.contact"),
    "bom2.gkbg": (0, "检查结果"),
    "far.gkbg": (0, "检查结果"),
    "fee1e-12.gkbg": (1, "小数位数过多"),
    "counts1e16.gkbg": (1, "检查结果"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_project_reproducer(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, text = EXPECTED[name]
    assert main(["check", str(REPRO / name)]) == status
    out = capsys.readouterr()
    both = out.out + out.err
    assert text in both
    assert "1E-12" not in both
    assert not ENGLISH.search(out.err), out.err
    assert CJK.search(both)


def test_typo_file_not_rewritten_without_data(tmp_path: Path) -> None:
    target = tmp_path / "typo.gkbg"
    target.write_bytes((REPRO / "typo.gkbg").read_bytes())
    assert main(["fix-totals", str(target)]) == 2
    assert target.read_bytes() == (REPRO / "typo.gkbg").read_bytes()
