"""JSON → XLSX → JSON is the identity, for generated reports (any text, exact money, blanks,
invalid entries, stated totals)."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.format2021 import CELL, COMPUTED_IDS, INPUT_IDS, NARRATIVE_KEYS, ReportKind, Unit
from core.model import Meta, Report
from core.project_file import dumps, loads
from core.values import parse
from core.xlsx import import_xlsx
from tests.xlsx.conftest import export

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
tricky = st.sampled_from(["_x0041_", "x005F_", "\ue000", "\r", "\x01", "=1+1", "@a", "-", "\t", " ", "\n\n"])
paragraphs = st.lists(st.one_of(texts, tricky, st.just("段" * 1500)), max_size=5).map("".join)
invalid_raw = st.sampled_from(["abc", "2.5", "-3", "251000元", "12件", "1,2,3"])


def money() -> st.SearchStrategy[Decimal]:
    return st.integers(0, 6).flatmap(
        lambda places: st.decimals(min_value=0, max_value=10**12, places=places,
                                   allow_nan=False, allow_infinity=False))


@st.composite
def reports(draw: st.DrawFn) -> Report:
    r = Report()
    r.meta = Meta(agency=draw(texts), year=draw(st.one_of(st.none(), st.integers(1900, 2999))),
                  kind=draw(st.sampled_from(list(ReportKind))), compiler=draw(texts),
                  contact=draw(texts), previous_report=draw(texts),
                  publish_date=draw(st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2999, 12, 31)))))
    r.narrative = {k: draw(paragraphs) for k in NARRATIVE_KEYS}
    for cid in INPUT_IDS:
        unit = CELL[cid].unit
        kind = draw(st.sampled_from(["blank", "value", "value", "value", "invalid"]))
        if kind == "value":
            r.cells[cid] = draw(money()) if unit.is_money else draw(st.integers(0, 10**9))
        elif kind == "invalid":
            v = parse(draw(invalid_raw), unit)
            if v is not None:
                r.cells[cid] = v
    for cid in draw(st.lists(st.sampled_from(COMPUTED_IDS), max_size=4)):
        r.stated_totals[cid] = draw(st.one_of(st.integers(0, 10**6), invalid_raw.map(lambda t: parse(t, Unit.COUNT))))
    r.baseline_in_force = draw(st.dictionaries(st.sampled_from(["regulations", "normative"]), st.integers(0, 999)))
    # What a project file holds: normalised the way load() normalises.
    return loads(dumps(r))


@given(reports(), st.booleans())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_json_xlsx_json_is_identity(report: Report, draft: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.xlsx"
        path.write_bytes(export(report, draft=draft))
        back = import_xlsx(path)
    assert dumps(back) == dumps(report)
