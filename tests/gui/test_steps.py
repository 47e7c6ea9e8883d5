"""The wizard's step data and helpers, without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core import steps
from core.findings import Finding, Severity
from core.format2021 import INFO_FEE_ID, SECTIONS, t3_id
from core.paste import GridIndex, parse_tsv, plan_paste, to_tsv


def test_steps_follow_the_format_sections() -> None:
    keys = [s.key for s in steps.STEPS]
    assert keys == ["meta", *(s.key for s in SECTIONS), "check"]
    assert steps.STEPS[0].title == "基本信息"
    assert steps.STEPS[-1].title == "检查与导出"
    assert [s.table for s in steps.STEPS if s.kind == "table"] == ["t2", "t3", "t4"]
    assert steps.STEPS[1].narrative_keys == ("preamble", "s1")


def test_step_states_count_errors_and_warnings_per_section() -> None:
    findings = [
        Finding("R1", Severity.ERROR, (t3_id("new", "natural"),), "x", 3),
        Finding("R0", Severity.WARNING, (t3_id("new", "legal"),), "y", 3),
        Finding("M1", Severity.ERROR, ("meta.agency",), "z", 0),
    ]
    states = steps.step_states(findings)
    assert states[steps.STEP_INDEX["s3"]].errors == 1
    assert states[steps.STEP_INDEX["s3"]].warnings == 1
    assert states[steps.STEP_INDEX["meta"]].errors == 1
    assert states[steps.STEP_INDEX["s2"]].done
    assert states[steps.CHECK_STEP].errors == 2
    assert states[steps.STEP_INDEX["s3"]].summary == "1 个错误，1 个提示"


def test_targets_map_to_pages() -> None:
    assert steps.step_of_target("meta.year") == 0
    assert steps.step_of_target("narrative.preamble") == steps.STEP_INDEX["s1"]
    assert steps.step_of_target("narrative.s5") == steps.STEP_INDEX["s5"]
    assert steps.step_of_target(INFO_FEE_ID) == steps.STEP_INDEX["s6"]
    assert steps.step_of_target(t3_id("total", "total")) == steps.STEP_INDEX["s3"]
    assert steps.neighbour(0, -1) == 0
    assert steps.neighbour(len(steps.STEPS) - 1, 1) == len(steps.STEPS) - 1


def test_gui_data_modules_do_not_import_qt() -> None:
    code = ("import sys; import core.sentences, core.steps, core.paste; "
            "sys.exit(any(m.startswith('PySide6') for m in sys.modules))")
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


def test_tsv_from_excel_parses_and_round_trips() -> None:
    assert parse_tsv("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_tsv('"1,234"\t5\n') == [["1,234", "5"]]
    assert to_tsv([["1", "2"], ["3", ""]]) == "1\t2\r\n3\t\r\n"


def test_paste_plan_validates_the_whole_block() -> None:
    from core.format2021 import GRIDS

    index = GridIndex(GRIDS["t3"])
    start = index.by_id[t3_id("new", "natural")]
    plan = plan_paste(index, (start.row, start.col), parse_tsv("1,200\t２\r\n3\t4\r\n"))
    assert plan.error == ""
    assert plan.values == {t3_id("new", "natural"): 1200, t3_id("new", "business"): 2,
                           t3_id("carried_in", "natural"): 3, t3_id("carried_in", "business"): 4}
    bad = plan_paste(index, (start.row, start.col), parse_tsv("1\tabc\n"))
    assert bad.values == {} and "abc" in bad.error
    onto_total = plan_paste(index, (start.row, start.col), parse_tsv("1\t2\t3\t4\t5\t6\t21\n"))
    assert onto_total.error == "" and onto_total.totals == {t3_id("new", "total"): 21}
    edges = plan_paste(index, (start.row, start.col), parse_tsv("1\t2\t\t\t\t\t\t\t\r\n\t\r\n"))
    assert edges.error == "" and len(edges.values) == 2
    last = index.by_id[t3_id("carried_out", "natural")]
    below = plan_paste(index, (last.row, last.col), parse_tsv("1\n2\n"))
    assert below.values == {} and "超出" in below.error
