"""Small helpers shared by the benchmarks: medians, not means (the machines are noisy)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], *, repeat: int, number: int = 1, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - t0) / number)
    return statistics.median(samples)


def report(name: str, seconds: float, target: float | None = None, baseline: float | None = None) -> None:
    unit, scale = ("ms", 1e3) if seconds >= 1e-3 else ("µs", 1e6)
    line = f"{name:<58} {seconds * scale:10.3f} {unit}"
    if target is not None:
        line += f"   target ≤ {target * scale:g} {unit} {'OK' if seconds <= target else 'MISSED'}"
    if baseline:
        line += f"   ×{seconds / baseline:.1f} baseline"
    print(line, flush=True)
