"""Versions of the project file format, and how an older file becomes the current one.

Policy (docs/project-file.md): every change to the file format bumps ``FORMAT_VERSION`` with a
tested migration. A file is checked against the keys of the version it *declares* (an unknown
or misspelt key is refused, naming it: silently ignoring ``"Cells"`` and then saving would drop
the data), then migrated one version at a time up to the current one, then validated.
A file from a newer version is refused with 「请升级本程序」.

Adding version N+1 is a change in this module only (plus reading the new fields in
``core.project_file``):

1. ``KEYS[N + 1] = _keys(KEYS[N], meta={"new_field"}, ...)``  (what N+1 files may hold);
2. ``MIGRATIONS[N] = _n_to_n_plus_1``: a function taking a version-N dict (already key-checked)
   and returning the version-N+1 dict (set ``format_version``, add defaults, rename keys);
3. ``FORMAT_VERSION = N + 1``;
4. copy ``tests/core/test_file_versions.py::test_migration_pattern`` for the new step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from core.format2021 import NARRATIVE_KEYS

FORMAT_VERSION = 3  # 2: narrative texts may hold live fields; prose_limits (docs/narrative.md)
# 3: ``imported``, where an imported report came from and the 2019 layout its tables showed (docs/import.md)

# Per version: the allowed keys of the top-level object ("") and of each nested object with
# fixed keys. Objects keyed by data (``cells``: cell ids) are checked where they are read.
Keys = Mapping[str, frozenset[str]]

_V1: Keys = {
    "": frozenset({"format", "format_version", "template", "saved_by", "meta", "narrative", "cells",
                   "baseline_in_force"}),
    "meta": frozenset({"agency", "year", "kind", "compiler", "contact", "publish_date", "previous_report"}),
    "narrative": frozenset(NARRATIVE_KEYS),
    "baseline_in_force": frozenset({"regulations", "normative"}),
}


def extend(base: Keys, **added: set[str]) -> Keys:
    """The keys of a new version: ``base`` plus ``added`` per object ("top" for the top level)."""
    out = dict(base)
    for obj, keys in added.items():
        name = "" if obj == "top" else obj
        out[name] = frozenset(out.get(name, frozenset()) | keys)
    return out


KEYS: dict[int, Keys] = {1: _V1, 2: extend(_V1, top={"prose_limits"})}
KEYS[3] = extend(KEYS[2], top={"imported"}, imported={"source", "kind", "residue_2019"})

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """1 → 2: version 1 had no fields, so its texts are literal (core.fields escapes token look-alikes)."""
    from core.fields import migrate_1_to_2

    return dict(migrate_1_to_2(data))

def _2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """2 → 3: nothing to change; a version-2 file was not imported (or does not remember it): no ``imported``."""
    return data


# from_version -> function turning a from_version dict into a from_version + 1 dict.
MIGRATIONS: dict[int, Migration] = {1: _1_to_2, 2: _2_to_3}


class UnknownKey(Exception):
    def __init__(self, field: str, allowed: frozenset[str]) -> None:
        super().__init__(field)
        self.field = field
        self.allowed = allowed


def check_keys(data: Mapping[str, Any], version: int, keys: dict[int, Keys] | None = None) -> None:
    """Raise UnknownKey for the first key (sorted) that ``version`` does not define, at any level."""
    spec = (keys or KEYS)[version]
    for obj, allowed in sorted(spec.items()):
        node = data if obj == "" else data.get(obj)
        if not isinstance(node, Mapping):
            continue  # a wrong type is the validator's to name
        unknown = sorted(k for k in node if k not in allowed)
        if unknown:
            raise UnknownKey(f"{obj}.{unknown[0]}" if obj else unknown[0], allowed)


def upgrade(data: dict[str, Any], version: int, *, current: int = FORMAT_VERSION,
            migrations: Mapping[int, Migration] | None = None) -> dict[str, Any]:
    """``data`` (declared ``version``) migrated step by step to ``current``."""
    steps = MIGRATIONS if migrations is None else migrations
    for v in range(version, current):
        data = steps[v](data)
        data["format_version"] = v + 1
    return data


def missing_migrations() -> list[int]:
    """Versions without a step to the next one (a test keeps this empty)."""
    return [v for v in range(1, FORMAT_VERSION) if v not in MIGRATIONS]
