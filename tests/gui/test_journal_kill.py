"""A bounded sample of the kill -9 harness (tools/journal_kill.py): the wizard edited through the
keyboard in a child process, SIGKILLed at random moments; every committed edit is restored.
The ≥100-kill run and its figures: docs/reliability-journal.md."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.journal_kill import run  # noqa: E402

KILLS = 10


def test_no_committed_edit_is_lost_to_kill_9() -> None:
    figures = run(KILLS, seed=20261201, longest=1.0)
    assert figures.kills == KILLS
    assert figures.committed > 10 * KILLS  # the children did edit: typing, undo, redo, compactions
    assert figures.failures == [] and figures.lost == 0
