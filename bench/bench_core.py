"""Core: full recheck of a filled report; load + check of 1,000 report files."""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import median_seconds, report
from core.compute import compute
from core.project_file import load, save
from core.rules import check
from core.sample import load_sample
from core.sentences import PARAGRAPHS
from tests.core.build import consistent_report


def main() -> None:
    filled = consistent_report(random.Random(2026))
    baseline = median_seconds(lambda: json.loads(json.dumps({"a": list(range(201))})), repeat=200, number=20)
    report("baseline: json round trip of 201 ints", baseline)
    report("compute totals of a filled report", median_seconds(lambda: compute(filled), repeat=300, number=20))
    t = median_seconds(lambda: check(filled), repeat=300, number=20)
    report("full recheck (compute + every rule), filled report", t, target=0.5e-3, baseline=baseline)
    t_final = median_seconds(lambda: check(filled, final=True), repeat=300, number=20)
    report("full recheck, final mode", t_final, target=0.5e-3)
    # R6 reads every paragraph of the prose: recognition is cached per paragraph, so a recheck after
    # a cell edit re-reads nothing and a keystroke re-reads one paragraph.
    sample = load_sample()
    sample_res = compute(sample)
    report("full recheck with R6 of the sample (prose cached)",
           median_seconds(lambda: check(sample), repeat=300, number=20), target=1e-3)
    prose = consistent_report(random.Random(2027))
    prose.narrative["s1"] = "\n".join(make(compute(prose)) for _, make in PARAGRAPHS) + "\n" + sample.narrative["s1"]
    report("full recheck, filled report + generated paragraphs",
           median_seconds(lambda: check(prose), repeat=300, number=20), target=1e-3)
    counter = iter(range(10**9))

    def uncached() -> None:
        sample.narrative["s5"] = sample.narrative["s5"] + str(next(counter) % 10)
        check(sample, sample_res)
    report("recheck after a keystroke (one paragraph re-read)", median_seconds(uncached, repeat=300, number=5),
           target=1e-3)

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(1000):
            p = Path(tmp) / f"r{i:04d}.gkbg.json"
            save(consistent_report(random.Random(i)), p, backup=False)
            paths.append(p)

        def load_and_check_all() -> None:
            for p in paths:
                check(load(p))

        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            load_and_check_all()
            runs.append(time.perf_counter() - t0)
        runs.sort()
        report("load + check of 1,000 report files (median of 5)", runs[2], target=1.0)


if __name__ == "__main__":
    main()
