"""kill -9 during project saves (bounded run; the big one is `python3 -m tests.reliability.killsave`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.reliability.killsave import run


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_hundred_kills_leave_no_torn_file_and_no_litter(tmp_path: Path) -> None:
    f = run(100, tmp_path, seed=3, max_delay=0.02)
    assert f.kills == 100
    assert (f.torn, f.lost, f.torn_backups) == (0, 0, 0), f.problems[:3]
    assert f.litter_after_sweep == 0
    assert f.kills_mid_write > 0  # the kills did land inside saves
