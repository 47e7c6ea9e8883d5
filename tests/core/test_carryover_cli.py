"""New-from-last-year, and the headless CLI as a clerk's script would use it."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from core.carryover import new_from_previous
from core.cli import main
from core.compute import compute
from core.format2021 import T3_APPLICANT_COLS, t2_id, t3_id, t4_id
from core.project_file import load, save
from core.rules import Previous, check
from tests.core.build import consistent_report, zero_report

ROOT = Path(__file__).resolve().parents[2]


def test_new_from_previous_carries_what_it_should(tmp_path: Path) -> None:
    last = consistent_report(random.Random(11), year=2025)
    last.meta.contact = "0394-1234567"
    save(last, tmp_path / "2025.json")
    new = new_from_previous(last, tmp_path / "2025.json", tmp_path / "sub" / "2026.json")
    assert new.meta.year == 2026 and new.meta.agency == last.meta.agency
    assert new.meta.contact == "0394-1234567" and new.meta.publish_date is None
    assert new.meta.previous_report == str(Path("..") / "2025.json")
    res = compute(last)
    for col in T3_APPLICANT_COLS:
        assert new.cells[t3_id("carried_in", col)] == res.value(t3_id("carried_out", col))
    assert new.baseline_in_force == {"regulations": last.cells[t2_id("regulations", "in_force")],
                                     "normative": last.cells[t2_id("normative", "in_force")]}
    assert t3_id("new", "natural") not in new.cells  # this year's figures start blank
    assert all(line.startswith("（") for line in new.narrative["s1"].splitlines())  # headings, not copied text
    assert "X1" not in {f.rule for f in check(new, previous=Previous.of(last))}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_cli_sample_check_new(tmp_path: Path) -> None:
    s = tmp_path / "s.json"
    out = run("sample", "-o", str(s))
    assert out.returncode == 0 and s.exists()
    out = run("check", str(s))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 个错误" in out.stdout and "可以定稿" in out.stdout
    out = run("check", str(s), "--json")
    # The published sample counts its applications in 条 (「收到政府信息公开申请 0 条」): N3's one warning.
    assert out.returncode == 0
    assert [(f["rule"], f["severity"]) for f in json.loads(out.stdout)] == [("N3", "warning")]
    n = tmp_path / "n.json"
    out = run("new", "--from-previous", str(s), "-o", str(n))
    assert out.returncode == 0
    assert load(n).meta.year == 2025 and load(n).meta.previous_report == "s.json"


def test_cli_check_errors_grouped_by_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = zero_report()
    r.cells[t3_id("new", "natural")] = 3
    r.cells[t3_id("carried_in", "natural")] = 1
    r.cells[t3_id("public", "natural")] = 2
    r.cells[t3_id("carried_out", "natural")] = 1
    r.cells[t4_id("review", "upheld")] = 10
    r.cells[t4_id("review", "corrected")] = 1
    r.stated_totals[t4_id("review", "total")] = 0
    save(r, tmp_path / "r.json")
    assert main(["check", str(tmp_path / "r.json")]) == 1
    text = capsys.readouterr().out
    assert text.index("【三、收到和处理政府信息公开申请情况】") < text.index("【四、政府信息公开行政复议、行政诉讼情况】")
    assert "相差 1" in text and "相差 11" in text
    assert main(["check", str(tmp_path / "r.json"), "--json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in found} == {"R1", "R4"}
    assert all({"rule", "severity", "cells", "message"} <= set(f) for f in found)


def test_cli_previous_is_named_or_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = zero_report(2025)
    last.cells[t3_id("carried_out", "natural")] = 4
    last.cells[t3_id("new", "natural")] = 4
    save(last, tmp_path / "last.json")
    this = new_from_previous(last, tmp_path / "last.json", tmp_path / "this.json")
    save(this, tmp_path / "this.json")
    assert main(["check", str(tmp_path / "this.json"), "--json"]) == 0  # named previous, carry-over agrees
    capsys.readouterr()
    other = zero_report(2025)
    save(other, tmp_path / "other.json")
    assert main(["check", str(tmp_path / "this.json"), "--previous", str(tmp_path / "other.json"), "--json"]) == 1
    assert any(f["rule"] == "X1" for f in json.loads(capsys.readouterr().out))


def test_cli_fix_totals(tmp_path: Path) -> None:
    r = zero_report()
    r.cells[t4_id("review", "upheld")] = 10
    r.stated_totals[t4_id("review", "total")] = 0
    save(r, tmp_path / "r.json")
    assert main(["fix-totals", str(tmp_path / "r.json")]) == 0
    assert main(["check", str(tmp_path / "r.json")]) == 0


@pytest.mark.parametrize("args", [["check", "/nonexistent/x.json"], ["check"], ["new", "-o", "x"], ["export", "x.json", "--bogus"]])
def test_cli_unusable_input_exits_2_without_traceback(args: list[str], tmp_path: Path) -> None:
    out = run(*args)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and ("错误" in out.stderr or "参数错误" in out.stderr)


def test_cli_refuses_a_non_report_file(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"hello": 1}', encoding="utf-8")
    out = run("check", str(tmp_path / "x.json"))
    assert out.returncode == 2 and "不是年报项目文件" in out.stderr


def test_cli_output_into_a_closed_pipe_is_not_a_traceback(tmp_path: Path) -> None:
    """`main.py check … | head -1`: the reader went away before we finished talking."""
    import os

    s = tmp_path / "s.gkbg"
    run("sample", "-o", str(s))
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE
    try:
        proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(s)], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr
    assert proc.returncode == 0
