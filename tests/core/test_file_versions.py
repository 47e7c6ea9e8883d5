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
