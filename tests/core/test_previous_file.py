"""Last year's file is named relative to the report's own file; every writer and reader agrees."""

from __future__ import annotations

from pathlib import Path

from core.carryover import new_from_previous
from core.model import Report
from core.previous_file import locate, name_for, rebase
from core.project_file import resolve_previous


def test_named_relative_to_the_reports_folder(tmp_path: Path) -> None:
    prev = tmp_path / "2025" / "last.gkbg"
    assert name_for(prev, tmp_path / "2026" / "this.gkbg") == str(Path("..") / "2025" / "last.gkbg")
    assert name_for(prev, tmp_path / "2025" / "this.gkbg") == "last.gkbg"
    # No file of its own yet: nothing to be relative to.
    assert name_for(prev, None) == str(prev.resolve())


def test_locate_is_the_inverse(tmp_path: Path) -> None:
    this = tmp_path / "2026" / "this.gkbg"
    prev = tmp_path / "2025" / "last.gkbg"
    assert locate(name_for(prev, this), this).resolve() == prev.resolve()
    assert locate(str(prev), None) == prev
    assert locate("  ", this) is None


def test_save_as_elsewhere_keeps_pointing_at_the_same_file(tmp_path: Path) -> None:
    prev = tmp_path / "a" / "last.gkbg"
    old, new = tmp_path / "a" / "this.gkbg", tmp_path / "b" / "c" / "this.gkbg"
    moved = rebase(name_for(prev, old), old, new)
    assert moved == str(Path("..") / ".." / "a" / "last.gkbg")
    assert locate(moved, new).resolve() == prev.resolve()
    assert rebase(str(prev), None, new) == moved  # an absolute name becomes relative on first save
    assert rebase("last.gkbg", None, new) == "last.gkbg"  # relative to nothing known: kept, not guessed
    assert rebase("", old, new) == ""


def test_new_from_previous_and_project_file_use_the_policy(tmp_path: Path) -> None:
    prev = tmp_path / "last.gkbg"
    report = new_from_previous(Report.blank(), prev, tmp_path / "sub" / "this.gkbg")
    assert report.meta.previous_report == name_for(prev, tmp_path / "sub" / "this.gkbg")
    assert resolve_previous(report, tmp_path / "sub" / "this.gkbg").resolve() == prev.resolve()
