"""The format-version policy: keys checked for the declared version, migrations in order,
newer files refused. ``test_migration_pattern`` is the test to copy when adding a version."""

from __future__ import annotations

import json
from typing import Any

import pytest

from core import file_versions as fv
from core.project_file import FORMAT_VERSION, ProjectFileError, dumps, loads
from core.sample import load_sample


def sample_dict() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dumps(load_sample()))
    return data


def test_every_old_version_has_a_migration() -> None:
    assert fv.missing_migrations() == []
    assert set(fv.KEYS) == set(range(1, FORMAT_VERSION + 1))


def test_written_files_use_only_keys_of_the_current_version() -> None:
    fv.check_keys(sample_dict(), FORMAT_VERSION)


def test_newer_version_refused_with_upgrade_hint() -> None:
    d = sample_dict()
    d["format_version"] = FORMAT_VERSION + 1
    with pytest.raises(ProjectFileError, match="请升级本程序"):
        loads(json.dumps(d))


@pytest.mark.parametrize("where", ["", "meta", "narrative", "baseline_in_force", "cells"])
def test_unknown_key_refused_naming_it_at_every_level(where: str) -> None:
    d = sample_dict()
    node = d if not where else d[where]
    node["Cells" if not where else "typo_key"] = 1
    with pytest.raises(ProjectFileError) as info:
        loads(json.dumps(d))
    named = "Cells" if not where else f"{where}.typo_key"
    assert named in str(info.value)


def test_duplicate_key_refused_naming_it() -> None:
    text = dumps(load_sample()).replace('"agency":', '"agency": "甲", "agency":', 1)
    with pytest.raises(ProjectFileError, match="“agency” 出现了不止一次"):
        loads(text)


def test_migration_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    """How version N+1 is added: keys extended, a migration from N, the current version bumped.
    Copy this test for a real new version, with a real version-N file as input."""
    new = FORMAT_VERSION + 1

    def migrate(data: dict[str, Any]) -> dict[str, Any]:
        data["meta"]["note"] = "迁移时补上的默认值"
        return data

    keys = {**fv.KEYS, new: fv.extend(fv.KEYS[FORMAT_VERSION], meta={"note"})}
    steps = {**fv.MIGRATIONS, FORMAT_VERSION: migrate}
    old = sample_dict()
    up = fv.upgrade(old, FORMAT_VERSION, current=new, migrations=steps)
    assert up["format_version"] == new and up["meta"]["note"] == "迁移时补上的默认值"
    fv.check_keys(up, new, keys)
    with pytest.raises(fv.UnknownKey):  # the new key is not allowed in a file that declares the old version
        fv.check_keys(up, FORMAT_VERSION, keys)


def test_version_1_file_with_token_lookalike_text_loads_as_the_same_text() -> None:
    """1 → 2: a version-1 narrative that happens to contain ``{{t3.new}}`` is literal text, not a field."""
    from core.compute import compute
    from core.fields import render_text

    d = sample_dict()
    d["format_version"] = 1
    d.pop("prose_limits", None)
    d["narrative"]["s5"] = "模板里写着{{t3.new}}，原样保留"
    report = loads(json.dumps(d, ensure_ascii=False))
    assert render_text(report, compute(report), "s5") == "模板里写着{{t3.new}}，原样保留"
    again = loads(dumps(report))
    assert render_text(again, compute(again), "s5") == "模板里写着{{t3.new}}，原样保留"


def test_version_1_file_refuses_a_version_2_key() -> None:
    d = sample_dict()
    d["format_version"] = 1
    d["prose_limits"] = {}
    with pytest.raises(ProjectFileError, match="prose_limits"):
        loads(json.dumps(d, ensure_ascii=False))


def test_version_2_file_loads_unchanged_as_version_3() -> None:
    """2 → 3: a version-2 file (no ``imported``) means exactly what it did."""
    d = sample_dict()
    d["format_version"] = 2
    report = loads(json.dumps(d, ensure_ascii=False))
    assert report.provenance is None
    assert report.cells == load_sample().cells and report.narrative == load_sample().narrative
    again = json.loads(dumps(report))
    assert again["format_version"] == FORMAT_VERSION == 3 and "imported" not in again


def test_version_2_file_refuses_the_version_3_key() -> None:
    d = sample_dict()
    d["format_version"] = 2
    d["imported"] = {"source": "年报.pdf", "kind": "PDF", "residue_2019": []}
    with pytest.raises(ProjectFileError, match="imported"):
        loads(json.dumps(d, ensure_ascii=False))


def test_migration_2_to_3_adds_nothing() -> None:
    d = sample_dict()
    d["format_version"] = 2
    up = fv.upgrade(d, 2, current=3)
    assert up["format_version"] == 3 and "imported" not in up
    fv.check_keys(up, 3)


@pytest.mark.parametrize(("imported", "named"), [
    ([], "imported"),
    ({"source": "a.pdf", "kind": "PDF", "residue_2019": {}}, "imported.residue_2019"),
    ({"source": "a.pdf", "kind": "PDF", "residue_2019": ["x"]}, "imported.residue_2019[0]"),
    ({"source": "a.pdf", "kind": "PDF", "residue_2019": [{"key": "", "text": ""}]}, "imported.residue_2019[0].key"),
    ({"source": "a.pdf", "kind": "PDF", "residue_2019": [{"key": "k", "txt": ""}]}, "imported.residue_2019[0].txt"),
    ({"source": 3, "kind": "PDF"}, "imported.source"),
    ({"source": "a.pdf", "typo": 1}, "imported.typo"),
])
def test_bad_imported_refused_naming_the_field(imported: object, named: str) -> None:
    d = sample_dict()
    d["imported"] = imported
    with pytest.raises(ProjectFileError) as info:
        loads(json.dumps(d, ensure_ascii=False))
    assert named in str(info.value)
