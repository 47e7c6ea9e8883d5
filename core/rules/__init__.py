"""Every consistency rule of the format, run together.

``check`` returns findings, never raises for bad data: a report full of
nonsense gets a long list of findings, not a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.compute import Results, compute
from core.fields import rendered_narrative
from core.findings import Finding
from core.format2021 import t2_id
from core.model import Report
from core.rules import across_years, arithmetic, completeness, plausibility, prose


@dataclass(frozen=True, slots=True)
class Previous:
    """Last year's report, with its results, for the X rules."""

    report: Report
    results: Results

    @classmethod
    def of(cls, report: Report) -> Previous:
        return cls(report, compute(report))


def baseline_in_force(report: Report, previous: Previous | None) -> dict[str, int]:
    if previous is not None:
        base: dict[str, int] = {}
        for row in ("regulations", "normative"):
            v = previous.results.values.get(t2_id(row, "in_force"))
            if isinstance(v, int):
                base[row] = v
        return base
    return report.baseline_in_force


def check(report: Report, results: Results | None = None, *, previous: Previous | None = None,
          final: bool = False, printable: Callable[[str], bool] | None = None) -> list[Finding]:
    """Every rule. ``printable(ch)`` replaces the fonts' coverage N5 asks (tests)."""
    res = compute(report) if results is None else results
    base = baseline_in_force(report, previous)
    # The narrative as printed: every rule reads the same rendered text (core.fields).
    texts = rendered_narrative(report, res)
    out: list[Finding] = []
    out.extend(completeness.m1(report))
    out.extend(plausibility.d1(report))
    out.extend(completeness.r0(report, final=final))
    out.extend(arithmetic.r1(res))
    out.extend(arithmetic.r2(res))
    out.extend(arithmetic.r3(res))
    out.extend(arithmetic.r4(res))
    out.extend(arithmetic.r5(res))
    out.extend(plausibility.r7(report, res, base))
    out.extend(plausibility.r7b(res))
    out.extend(prose.r6(report, res))
    out.extend(completeness.r8(texts, res))
    out.extend(completeness.r9(texts))
    out.extend(plausibility.r10(report, texts))
    out.extend(plausibility.r10b(texts))
    out.extend(plausibility.r10b_tables(report))
    out.extend(prose.n1(texts))
    out.extend(prose.n2(report, texts))
    out.extend(prose.n4(report.prose_limits, texts))
    out.extend(prose.n5(texts, printable or prose.default_printable, final=final))
    if previous is not None:
        out.extend(across_years.x1(report, res, previous.report, previous.results))
        out.extend(across_years.x3(res, previous.results))
        out.extend(across_years.x4(texts, rendered_narrative(previous.report, previous.results)))
    out.extend(across_years.x2(res, base))
    out.sort(key=lambda f: f.section)
    return out


def ready_for_final(findings: list[Finding], report: Report) -> bool:
    """No errors and no blank cells: what a final (non-draft) export requires.

    N5 (a character no font can print) is a warning while drafting and an error for final: it
    blocks a final export like R0's blank cells do.
    """
    return not any(f.is_error or f.rule == "N5" for f in findings) and not report.blank_cells()


__all__ = ["Previous", "baseline_in_force", "check", "ready_for_final"]
