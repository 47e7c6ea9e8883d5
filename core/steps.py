"""The wizard's steps as plain data: no Qt here, so the step logic is tested without a display.

Pages are derived from the format's sections; a step's state comes from the
findings' ``section`` (0 = 基本信息), so the step list and the rules can never
disagree about where a problem lives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.findings import Finding
from core.format2021 import CELL, SECTIONS

META_TITLE = "基本信息"
CHECK_TITLE = "检查与导出"


@dataclass(frozen=True, slots=True)
class Step:
    key: str  # "meta" | "s1".."s6" | "check"
    title: str
    kind: str  # "meta" | "narrative" | "table" | "check"
    section: int | None  # findings' section shown on this page; None for the check page
    narrative_keys: tuple[str, ...] = ()
    table: str | None = None  # "t2" | "t3" | "t4"


def _build_steps() -> tuple[Step, ...]:
    steps = [Step("meta", META_TITLE, "meta", 0)]
    for s in SECTIONS:
        if s.narrative:
            keys = ("preamble", s.key) if s.number == 1 else (s.key,)
            steps.append(Step(s.key, s.heading, "narrative", s.number, narrative_keys=keys))
        else:
            steps.append(Step(s.key, s.heading, "table", s.number, table=f"t{s.number}"))
    steps.append(Step("check", CHECK_TITLE, "check", None))
    return tuple(steps)


STEPS: tuple[Step, ...] = _build_steps()
STEP_INDEX: dict[str, int] = {s.key: i for i, s in enumerate(STEPS)}
_SECTION_STEP: dict[int, int] = {s.section: i for i, s in enumerate(STEPS) if s.section is not None}
CHECK_STEP = STEP_INDEX["check"]


@dataclass(frozen=True, slots=True)
class StepState:
    errors: int = 0
    warnings: int = 0

    @property
    def done(self) -> bool:
        return not self.errors and not self.warnings

    @property
    def summary(self) -> str:
        if self.done:
            return "完成"
        parts = []
        if self.errors:
            parts.append(f"{self.errors} 个错误")
        if self.warnings:
            parts.append(f"{self.warnings} 个提示")
        return "，".join(parts)


def section_of_target(target: str) -> int:
    """The report section a finding's cell reference lives in (0 = 基本信息)."""
    if target.startswith("meta."):
        return 0
    if target.startswith("narrative."):
        key = target.split(".", 1)[1]
        return 1 if key == "preamble" else int(key[1:])
    return CELL[target].section


def step_of_target(target: str) -> int:
    """Index of the page that shows a cell id, ``narrative.<key>`` or ``meta.<field>``."""
    return _SECTION_STEP[section_of_target(target)]


def step_of_section(section: int) -> int:
    return _SECTION_STEP[section]


def step_states(findings: Iterable[Finding]) -> list[StepState]:
    """One state per step; the check page totals everything."""
    errors = [0] * len(STEPS)
    warnings = [0] * len(STEPS)
    for f in findings:
        i = _SECTION_STEP.get(f.section, CHECK_STEP)
        for j in {i, CHECK_STEP}:
            if f.is_error:
                errors[j] += 1
            else:
                warnings[j] += 1
    return [StepState(e, w) for e, w in zip(errors, warnings, strict=True)]


def neighbour(index: int, delta: int) -> int:
    """Back/Next: clamped to the first and last step."""
    return max(0, min(len(STEPS) - 1, index + delta))
