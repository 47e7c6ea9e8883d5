"""Bounded fuzzing in the suite (~200 project files, ~50 workbooks); the big campaign is
`python3 -m tests.reliability.fuzz --projects 10000 --workbooks 1000` (docs/reliability.md)."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.fuzz import Outcome, mutate_project, mutate_workbook, try_project, try_workbook


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def assert_clean(o: Outcome) -> None:
    assert o.crashes == [], o.crashes[0]
    assert o.hangs == 0
    assert o.bad_messages == [], o.bad_messages[0]


@fuzz(200)
@given(rnd=st.randoms(use_true_random=False))
def test_mutated_project_files(rnd: random.Random, tmp_path_factory) -> None:
    o = Outcome()
    try_project(mutate_project(rnd), tmp_path_factory.mktemp("p"), o)
    assert_clean(o)


@fuzz(50)
@given(rnd=st.randoms(use_true_random=False))
def test_mutated_workbooks(rnd: random.Random, tmp_path_factory) -> None:
    o = Outcome()
    try_workbook(mutate_workbook(rnd), tmp_path_factory.mktemp("w"), o)
    assert_clean(o)


def test_fixed_seed_batch_is_mostly_refused_but_not_all(tmp_path: Path) -> None:
    """The mutators bite: most inputs are refused, some still read (so acceptance paths are fuzzed too)."""
    rnd = random.Random(11)
    o = Outcome()
    for _ in range(60):
        try_project(mutate_project(rnd), tmp_path, o)
    assert_clean(o)
    assert o.refused > 0 and o.accepted > 0
