"""Accuracy of the importer on the fixtures: python3 tests/importing/accuracy.py (numbers in docs/import.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from core.compute import compute
from core.format2021 import CELL
from core.importing import ImportResult, import_file
from core.values import display

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixtures() -> list[tuple[Path, dict[str, object]]]:
    out = []
    for truth in sorted(FIXTURES.glob("*.truth.json")):
        stem = truth.name[: -len(".truth.json")]
        src = next(p for p in FIXTURES.glob(stem + ".*") if not p.name.endswith(".truth.json"))
        out.append((src, json.loads(truth.read_text(encoding="utf-8"))))
    return out


def compare(result: ImportResult, truth: dict[str, object]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(wrong cells as (id, truth, read), wrong meta fields)."""
    res = compute(result.report)
    cells = truth["cells"]
    assert isinstance(cells, dict)
    wrong = [(cid, cells[cid], display(res.value(cid))) for cid in CELL if cells[cid] != display(res.value(cid))]
    meta = truth["meta"]
    assert isinstance(meta, dict)
    m = result.report.meta
    bad_meta = []
    if meta["agency"]:
        for key, got in (("agency", m.agency), ("year", m.year), ("kind", m.kind.value)):
            if meta[key] != got:
                bad_meta.append(f"{key}: {meta[key]!r} != {got!r}")
    return wrong, bad_meta


def main() -> None:
    total = right = flagged = docs = 0
    for src, truth in fixtures():
        result = import_file(src)
        wrong, bad_meta = compare(result, truth)
        unsure = result.uncertain_ids()
        unflagged = [w for w in wrong if w[0] not in unsure]
        docs += 1
        total += len(CELL)
        right += len(CELL) - len(wrong)
        flagged += len(wrong) - len(unflagged)
        print(f"{src.name:22} wrong={len(wrong):3} (unflagged {len(unflagged):3}) doubts={len(result.doubts):3} "
              f"meta={bad_meta or 'ok'}", unflagged[:3])
    print(f"{docs} documents, {right}/{total} cells right ({100 * right / total:.2f}%), "
          f"{flagged} wrong cells flagged as uncertain, {total - right - flagged} wrong and unflagged")


if __name__ == "__main__":
    main()
