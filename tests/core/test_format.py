"""The declared format against the reference text, verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.format2021 import (
    CELLS,
    COMPUTED_IDS,
    GRIDS,
    SECTIONS,
    T2_BLOCKS,
    T3_NOTE,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TABLE_IDS,
)

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "format-2021.md"


def test_cell_counts() -> None:
    assert len(TABLE_IDS["t3"]) == 175
    assert len(TABLE_IDS["t4"]) == 15
    assert len(TABLE_IDS["t2"]) == 10
    assert len({c.id for c in CELLS}) == len(CELLS)
    # 表三: 25 totals in the 总计 column + 6 in the （七）总计 row; 表四: 3
    assert len([c for c in COMPUTED_IDS if c.startswith("t3.")]) == 31
    assert len([c for c in COMPUTED_IDS if c.startswith("t4.")]) == 3


def test_grids_tile_without_overlap() -> None:
    for grid in GRIDS.values():
        seen: set[tuple[int, int]] = set()
        for c in grid.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    assert (r, k) not in seen
                    seen.add((r, k))
        assert len(seen) == grid.n_rows * grid.n_cols
        assert len(grid.col_weights) == grid.n_cols
    ids = {c.cell_id for g in GRIDS.values() for c in g.value_cells()}
    assert ids == {c.id for c in CELLS if c.table in ("t2", "t3", "t4")}


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/ reference not beside the checkout")
def test_labels_are_verbatim_from_the_reference() -> None:
    ref = REFERENCE.read_text(encoding="utf-8")
    for s in SECTIONS:
        assert s.heading in ref
    for b in T2_BLOCKS:
        assert b.caption in ref
        for label in b.column_labels:
            assert label in ref
        for _, label in b.rows:
            assert label in ref
    for row in TABLE3_ROWS:
        assert row.label.split(".", 1)[-1] in ref, row.label
    for _, label in TABLE3_COLUMNS:
        assert label in ref
    assert T3_NOTE in ref


def test_generated_docs_are_current() -> None:
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("make_docs", root / "tools" / "make_docs.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert (root / "docs" / "cell-ids.md").read_text(encoding="utf-8") == mod.cell_ids()
    assert (root / "docs" / "rules.md").read_text(encoding="utf-8") == mod.rules()
