"""GridModel keeps Qt's item-model contract (pytest-qt's qtmodeltester) for every table, while edits,
undo and a new report change what it shows."""

from __future__ import annotations

import pytest

from core.format2021 import GRIDS, t3_id
from core.sample import load_sample
from gui.document import Document
from gui.grid_model import GridModel


@pytest.mark.parametrize("key", sorted(GRIDS))
def test_grid_model_follows_the_model_contract(qtmodeltester, key: str) -> None:
    doc = Document()
    doc.load_report(load_sample(), None)
    model = GridModel(GRIDS[key], doc)
    qtmodeltester.check(model, force_py=True)
    doc.set_cells({t3_id("new", "natural"): 99}, "test")
    doc.undo_stack.undo()
    doc.load_report(load_sample(), None)
    qtmodeltester.check(model, force_py=True)
