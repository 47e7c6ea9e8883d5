"""Next year's report from last year's: what carries over, and what must not be copied."""

from __future__ import annotations

import os

from core.compute import compute
from core.format2021 import T3_APPLICANT_COLS, t2_id, t3_id
from core.model import Meta, Report
from core.previous_file import name_for


def new_from_previous(previous: Report, previous_path: str | os.PathLike[str] | None = None,
                      new_path: str | os.PathLike[str] | None = None) -> Report:
    """Year advanced, meta kept, 上年结转 from 结转下年度, 现行有效 kept as the starting point.

    The narrative is not copied (X4 penalises copying): the new report starts
    from the customary sub-headings and names last year's file so the wizard
    can show last year's text beside it.
    """
    prev_results = compute(previous)
    report = Report.blank()
    pm = previous.meta
    report.meta = Meta(agency=pm.agency, year=None if pm.year is None else pm.year + 1, kind=pm.kind,
                       compiler=pm.compiler, contact=pm.contact, publish_date=None,
                       previous_report="" if previous_path is None else name_for(previous_path, new_path))
    for col in T3_APPLICANT_COLS:
        v = prev_results.values.get(t3_id("carried_out", col))
        if isinstance(v, int):
            report.cells[t3_id("carried_in", col)] = v
    for row in ("regulations", "normative"):
        v = prev_results.values.get(t2_id(row, "in_force"))
        if isinstance(v, int):
            report.baseline_in_force[row] = v
    return report

