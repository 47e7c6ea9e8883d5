"""The edit journal: framing, torn tails, replay, the compaction (generation) rule, bounded reading."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core import journal as jr
from core.compute import compute
from core.format2021 import CELL, INPUT_IDS, NARRATIVE_KEYS, ReportKind
from core.model import Report
from core.project_file import dumps, loads
from core.values import CellValue, Invalid, parse
from tests.core.build import consistent_report


def with_wrong_totals(seed: int) -> Report:
    """As if typed in from a published report whose printed totals disagree with its rows."""
    r = consistent_report(random.Random(seed))
    wrong = [(cid, v) for cid, v in compute(r).computed.items() if isinstance(v, int)][:3]
    r.stated_totals = {cid: v + 1 for cid, v in wrong}
    return r


class Live:
    """A report edited the way the GUI's commands do it, each edit and undo/redo journalled."""

    def __init__(self, report: Report, path: Path) -> None:
        self.snapshot = dumps(report).encode("utf-8")
        # The report as read back: totals stated equal to the computed ones are not kept by a file.
        self.report = loads(self.snapshot)
        self.writer = jr.JournalWriter(path)
        self.writer.start(self.snapshot, 1)
        self.done: list[tuple[str, str, object, object]] = []
        self.undone: list[tuple[str, str, object, object]] = []

    def _set(self, kind: str, key: str, value: object) -> None:
        r = self.report
        if kind == "cell":
            self.writer.append(jr.cells_op({key: value}))  # type: ignore[dict-item]
            r.set(key, value)  # type: ignore[arg-type]
        elif kind == "text":
            assert isinstance(value, str)
            self.writer.append(jr.text_op(key, r.narrative[key], value))
            r.set_text(key, value)
        elif kind == "meta":
            self.writer.append(jr.meta_op(key, value))
            setattr(r.meta, key, value)
        elif kind == "adopt":
            if value is None:
                self.writer.append(jr.adopt_op())
                r.adopt_computed_totals()
            else:
                assert isinstance(value, dict)
                self.writer.append(jr.stated_op(value))
                r.stated_totals.update(value)

    def edit(self, kind: str, key: str, new: object) -> None:
        r = self.report
        old: object = {"cell": lambda: r.cells.get(key), "text": lambda: r.narrative[key],
                       "meta": lambda: getattr(r.meta, key), "adopt": lambda: dict(r.stated_totals)}[kind]()
        if kind == "adopt":
            new = None
        self._set(kind, key, new)
        self.done.append((kind, key, old, new))
        self.undone.clear()

    def undo(self) -> None:
        if self.done:
            kind, key, old, _new = step = self.done.pop()
            self._set(kind, key, old)
            self.undone.append(step)

    def redo(self) -> None:
        if self.undone:
            kind, key, _old, new = step = self.undone.pop()
            self._set(kind, key, new)
            self.done.append(step)


def replayed(live: Live) -> jr.Replayed:
    live.writer.sync()
    return jr.replay(live.snapshot, jr.read(live.writer.path))


# ---------------------------------------------------------------- splices

@pytest.mark.parametrize(("old", "new", "expected"), [
    ("", "a", (0, 0, "a")),
    ("abc", "abcd", (3, 0, "d")),
    ("abcd", "abc", (3, 1, "")),
    ("abc", "axc", (1, 1, "x")),
    ("aaaa", "aaaaa", (4, 0, "a")),
    ("一二三", "一二四三", (2, 0, "四")),
    ("same", "same", (4, 0, "")),
    ("abc", "", (0, 3, "")),
])
def test_splice_is_the_smallest_change(old: str, new: str, expected: tuple[int, int, str]) -> None:
    assert jr.splice(old, new) == expected


@given(st.text(max_size=60), st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_splice_turns_old_into_new(old: str, new: str) -> None:
    start, delete, insert = jr.splice(old, new)
    assert old[:start] + insert + old[start + delete:] == new


def test_a_keystroke_in_a_long_section_is_recorded_as_one_character(tmp_path: Path) -> None:
    text = "政府信息公开" * 4000  # 24,000 characters
    op = jr.text_op("s1", text, text[:10_000] + "改" + text[10_000:])
    assert (op["s"], op["d"], op["i"]) == (10_000, 0, "改")
    assert len(jr._frame(op)) < 100


# ---------------------------------------------------------------- replay

def test_every_kind_of_edit_and_its_undo_replays(tmp_path: Path) -> None:
    live = Live(with_wrong_totals(3), tmp_path / "j")
    cid = INPUT_IDS[0]
    live.edit("cell", cid, 17)
    live.edit("cell", INPUT_IDS[5], Decimal("12.50"))
    live.edit("cell", INPUT_IDS[6], Invalid("12x", "不是数字"))
    live.edit("cell", INPUT_IDS[7], None)
    live.edit("text", "s1", "第一段\n第二段")
    live.edit("text", "s1", "第一段\n第二段改")
    live.edit("meta", "agency", "某某局")
    live.edit("meta", "year", 2024)
    live.edit("meta", "kind", ReportKind.GOVERNMENT)
    live.edit("meta", "publish_date", dt.date(2025, 1, 20))
    live.edit("adopt", "", None)
    assert not live.report.stated_totals
    out = replayed(live)
    assert dumps(out.report) == dumps(live.report)
    assert out.applied == 11 and not out.stale and not out.problem
    for _ in range(11):
        live.undo()
    assert live.report.stated_totals
    assert dumps(replayed(live).report) == dumps(live.report) == live.snapshot.decode()
    live.redo()
    live.redo()
    assert dumps(replayed(live).report) == dumps(live.report)
    assert replayed(live).applied == 24


cells = st.sampled_from(INPUT_IDS[:40])
values: st.SearchStrategy[CellValue] = st.one_of(
    st.none(), st.integers(0, 10**6), st.decimals(0, 10**6, places=2).map(Decimal),
    st.sampled_from([Invalid("1,2", "不是数字"), Invalid("x", "不是数字")]))
texts = st.text(alphabet="政府信息公开年报 \n12ab", max_size=40)
edits = st.one_of(
    st.tuples(st.just("cell"), cells, values),
    st.tuples(st.just("text"), st.sampled_from(NARRATIVE_KEYS), texts),
    st.tuples(st.just("meta"), st.sampled_from(["agency", "contact"]), texts),
    st.tuples(st.just("meta"), st.just("year"), st.one_of(st.none(), st.integers(1990, 2100))),
    st.tuples(st.just("adopt"), st.just(""), st.none()),
    st.tuples(st.just("undo"), st.just(""), st.none()),
    st.tuples(st.just("redo"), st.just(""), st.none()),
)


@given(st.integers(0, 2**16), st.lists(edits, max_size=40))
@example(0, [("cell", "t2.fees.amount", 0)])  # a money cell typed as 0 is Decimal 0, live and replayed
@settings(max_examples=120, deadline=None)
def test_replayed_equals_live_for_random_edits_undo_and_redo(tmp_path_factory: pytest.TempPathFactory,
                                                             seed: int, steps: list[tuple[str, str, object]]) -> None:
    live = Live(with_wrong_totals(seed), tmp_path_factory.mktemp("j") / "j")
    for kind, key, value in steps:
        if kind == "undo":
            live.undo()
        elif kind == "redo":
            live.redo()
        elif kind == "cell" and isinstance(value, (int, Decimal)):
            # What typing gives (core.values.parse): money cells hold Decimal, counts int.
            live.edit(kind, key, parse(str(value), CELL[key].unit))
        else:
            live.edit(kind, key, value)
    out = replayed(live)
    assert dumps(out.report) == dumps(live.report)
    assert out.applied == live.writer.count


# ---------------------------------------------------------------- torn and corrupt files

def _states(tmp_path: Path, n: int) -> tuple[Live, list[str]]:
    live = Live(Report.blank(), tmp_path / "j")
    states = [dumps(live.report)]
    for i in range(n):
        live.edit("text", "s5", live.report.narrative["s5"] + f"第{i}句。")
        states.append(dumps(live.report))
    return live, states


def test_a_torn_tail_is_dropped_at_every_cut(tmp_path: Path) -> None:
    live, states = _states(tmp_path, 6)
    data = live.writer.path.read_bytes()
    ends = [len(jr.MAGIC)]
    while ends[-1] < len(data):
        ends.append(ends[-1] + jr._FRAME.size + jr._FRAME.unpack_from(data, ends[-1])[0])
    ends.pop(0)  # the header's end
    assert len(ends) == 7
    for cut in range(ends[0], len(data) + 1):
        journal = jr.parse(data[:cut])
        out = jr.replay(live.snapshot, journal)
        whole = sum(1 for e in ends[1:] if e <= cut)
        assert out.applied == whole  # a whole prefix of the edits, never half of one
        assert dumps(out.report) == states[whole]
        assert journal.dropped_bytes == cut - ends[whole]
        assert ("不完整" in out.problem) == (journal.dropped_bytes > 0)


def test_a_flipped_byte_drops_that_record_and_the_rest(tmp_path: Path) -> None:
    live, states = _states(tmp_path, 5)
    data = bytearray(live.writer.path.read_bytes())
    data[-30] ^= 0x40  # inside the last record's payload
    out = jr.replay(live.snapshot, jr.parse(bytes(data)))
    assert out.applied == 4 and dumps(out.report) == states[4]
    assert "不完整" in out.problem


def test_a_journal_of_another_snapshot_is_not_applied(tmp_path: Path) -> None:
    live, _ = _states(tmp_path, 3)
    other = Report.blank()
    other.narrative["s5"] = "另一份报告"
    out = jr.replay(dumps(other).encode(), jr.read(live.writer.path))
    assert out.stale and out.applied == 0 and dumps(out.report) == dumps(other)


def test_a_record_that_does_not_fit_stops_replay_with_a_chinese_note(tmp_path: Path) -> None:
    live, states = _states(tmp_path, 2)
    live.writer.append({"t": "text", "k": "s5", "s": 0, "d": 10_000, "i": "", "n": 0})
    live.edit("cell", INPUT_IDS[0], 9)
    out = replayed(live)
    assert out.applied == 2 and dumps(out.report) == states[2]
    assert out.problem == "修改记录第 3 条无法使用：正文修改与已有正文对不上；其后的修改未能恢复"


def test_unusable_journals_are_refused_in_chinese(tmp_path: Path) -> None:
    p = tmp_path / "j"
    p.write_bytes(b"{}")
    with pytest.raises(jr.JournalError, match="不是本程序的修改记录文件"):
        jr.read(p)
    p.write_bytes(jr.MAGIC)
    with pytest.raises(jr.JournalError, match="缺少文件头"):
        jr.read(p)
    p.write_bytes(jr.MAGIC + jr._frame({"journal": jr.JOURNAL_ID, "version": 99}))
    with pytest.raises(jr.JournalError, match="请升级"):
        jr.read(p)
    with pytest.raises(jr.JournalError, match="超过 64 MB"):
        jr.parse(b"\0" * (jr.MAX_JOURNAL_BYTES + 1))
    with pytest.raises(jr.JournalError, match="找不到文件"):
        jr.read(tmp_path / "missing")


@pytest.mark.parametrize("op", [
    {"t": "cells", "v": {"t3.total.total": 1}},  # a computed cell
    {"t": "cells", "v": {"nope": 1}},
    {"t": "cells", "v": {INPUT_IDS[0]: [1]}},
    {"t": "text", "k": "s1", "s": 5, "d": 1000, "i": "x", "n": 1},
    {"t": "text", "k": "zz", "s": 0, "d": 0, "i": "x", "n": 1},
    {"t": "meta", "f": "year", "v": "二〇二四"},
    {"t": "meta", "f": "kind", "v": "x"},
    {"t": "meta", "f": "__class__", "v": 1},
    {"t": "drop-table"},
    "text",
])
def test_bad_records_are_refused_without_changing_the_report(op: object) -> None:
    report = Report.blank()
    before = dumps(report)
    with pytest.raises(jr.JournalError, match="修改记录第 7 条无法使用"):
        jr.apply(report, op, 7)
    assert dumps(report) == before


# ---------------------------------------------------------------- compaction

def test_compaction_cut_short_never_applies_records_twice(tmp_path: Path) -> None:
    live, _ = _states(tmp_path, 3)
    # The autosave was rewritten with the three edits in it, then the process died before the
    # journal restarted: the old journal's base is the old snapshot, so it is not applied again.
    new_snapshot = dumps(live.report).encode()
    out = jr.replay(new_snapshot, jr.read(live.writer.path))
    assert out.stale and out.applied == 0 and dumps(out.report) == dumps(live.report)
    # After the restart the new generation applies to the new snapshot.
    live.writer.start(new_snapshot, 2)
    live.snapshot = new_snapshot
    live.edit("text", "s5", "重写")
    out = replayed(live)
    assert jr.read(live.writer.path).generation == 2 and out.applied == 1
    assert out.report.narrative["s5"] == "重写"


def test_records_are_on_disk_after_each_append_without_sync(tmp_path: Path) -> None:
    live = Live(Report.blank(), tmp_path / "j")
    live.edit("cell", INPUT_IDS[0], 5)
    # No sync, no close: what a process killed now leaves behind.
    out = jr.replay(live.snapshot, jr.read(live.writer.path))
    assert out.applied == 1 and out.report.cells[INPUT_IDS[0]] == 5
    assert out.last_edit is not None
