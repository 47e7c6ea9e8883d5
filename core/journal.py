"""The edit journal: every committed edit appended to a file beside the autosave, so none is lost.

The autosave (a project-file snapshot) is written every 30 s; the journal holds what happened since.
Each edit is a small diff in the project file's own JSON representation, never a snapshot: a cell id
and its new value, a text splice ``(start, delete, insert)`` for narrative typing, a meta field and
its value, the adoption of computed totals (and its undo). Undo and redo are recorded the same way,
as the diff they apply, so replaying the records in order rebuilds exactly the state on screen.

File layout (docs/reliability-journal.md)::

    MAGIC, then frames: [length: u32 BE][crc32 of payload: u32 BE][payload: UTF-8 JSON]

The first frame is the header: the generation and the SHA-256 of the snapshot the records apply to.
A torn or corrupt tail (a kill mid-write, a disk that lost the last block) fails its length or CRC
and is dropped with everything after it. Compaction writes a new snapshot and then restarts the
journal with that snapshot's digest: a crash between the two leaves an old journal whose base
digest no longer matches the snapshot, so its records (already in the snapshot) are not applied
twice. A journal whose digest does match applies to that exact snapshot byte for byte, whichever
generation wrote it, so a digest is a stronger rule than a bare counter.

Writes go straight to the file with ``os.write`` (a killed process loses nothing the kernel has);
``sync`` (fsync, against power loss) is the caller's to schedule, at most ``SYNC_INTERVAL`` apart.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import struct
import time
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from core.format2021 import CELL, NARRATIVE_KEYS, ReportKind
from core.model import Report
from core.values import CellValue, from_json, to_json

MAGIC = b"GKBG-JOURNAL 1\n"
JOURNAL_ID = "gkbg-journal"
VERSION = 1
_FRAME = struct.Struct(">II")
MAX_RECORD_BYTES = 8 * 1024 * 1024  # a paste of a whole table or a 20,000-character section is far below
MAX_JOURNAL_BYTES = 64 * 1024 * 1024  # compaction every 30 s keeps a real journal in kilobytes
MAX_RECORDS = 2_000_000
SYNC_INTERVAL = 0.2  # seconds: the longest an appended record waits for fsync

META_TEXT_FIELDS = ("agency", "compiler", "contact", "previous_report")
META_FIELDS = (*META_TEXT_FIELDS, "year", "kind", "publish_date")


class JournalError(Exception):
    """A journal that cannot be used; ``str()`` is a Chinese message for the clerk."""


def digest(data: bytes) -> str:
    import hashlib  # here: loading OpenSSL (~2 ms) waits for the first journal, not the window's start

    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- diffs

def cells_op(values: dict[str, CellValue]) -> dict[str, Any]:
    return {"t": "cells", "v": {cid: to_json(v) for cid, v in values.items()}}


def _common_prefix(a: str, b: str, limit: int) -> int:
    """Length of the common prefix of a and b, at most ``limit``: slice comparisons run in C."""
    if a[:limit] == b[:limit]:
        return limit
    lo, hi = 0, limit  # a[:lo] == b[:lo] and a[:hi] != b[:hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    la, lb = len(a), len(b)
    if a[la - limit:] == b[lb - limit:]:
        return limit
    lo, hi = 0, limit
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[la - mid:la - lo] == b[lb - mid:lb - lo]:
            lo = mid
        else:
            hi = mid
    return lo


def splice(old: str, new: str) -> tuple[int, int, str]:
    """The smallest ``(start, delete, insert)`` that turns old into new: a keystroke is one character."""
    limit = min(len(old), len(new))
    start = _common_prefix(old, new, limit)
    tail = _common_suffix(old[start:], new[start:], limit - start) if limit > start else 0
    return start, len(old) - start - tail, new[start:len(new) - tail]


def text_op(key: str, old: str, new: str) -> dict[str, Any]:
    start, delete, insert = splice(old, new)
    # The resulting length lets replay notice a splice that does not fit the text it lands on.
    return {"t": "text", "k": key, "s": start, "d": delete, "i": insert, "n": len(new)}


def meta_json(name: str, value: object) -> object:
    if isinstance(value, ReportKind):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def meta_op(name: str, value: object) -> dict[str, Any]:
    return {"t": "meta", "f": name, "v": meta_json(name, value)}


def adopt_op() -> dict[str, Any]:
    return {"t": "adopt"}


def stated_op(stated: dict[str, CellValue]) -> dict[str, Any]:
    """Printed totals set (the undo of an adoption, a pasted template block); None removes one."""
    return {"t": "stated", "v": {cid: to_json(v) for cid, v in stated.items()}}


def _bad(n: int, what: str) -> JournalError:
    return JournalError(f"修改记录第 {n} 条无法使用：{what}")


def _cell_value(n: int, cid: object, value: object, *, computed: bool) -> tuple[str, CellValue]:
    spec = CELL.get(cid) if isinstance(cid, str) else None
    if spec is None or spec.computed != computed:
        raise _bad(n, f"单元格编号“{cid}”不是{'合计' if computed else '可填写的'}单元格")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, str))):
        raise _bad(n, f"单元格 {cid} 的值类型不对")
    assert isinstance(cid, str)
    return cid, from_json(value, spec.unit)


def _meta_value(n: int, name: str, value: object) -> object:
    if name in META_TEXT_FIELDS:
        if not isinstance(value, str):
            raise _bad(n, f"基本信息 {name} 应为文本")
        return value
    if name == "year":
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9999):
            return value
        raise _bad(n, "年度应为整数")
    if name == "kind":
        try:
            return ReportKind(value)
        except ValueError:
            raise _bad(n, f"报告类型“{value}”未知") from None
    if name == "publish_date":
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise _bad(n, f"发布日期“{value}”不是日期") from None
    raise _bad(n, f"基本信息字段“{name}”未知")


def apply(report: Report, op: object, n: int = 0) -> None:
    """Apply one diff to the report; JournalError (nothing changed) if it does not fit."""
    if not isinstance(op, dict):
        raise _bad(n, "格式不对")
    kind = op.get("t")
    if kind in {"cells", "stated"}:
        values = op.get("v")
        if not isinstance(values, dict):
            raise _bad(n, "缺少单元格的值")
        parsed = [_cell_value(n, cid, v, computed=kind == "stated") for cid, v in values.items()]
        if kind == "cells":
            for cid, v in parsed:
                report.set(cid, v)
        else:
            for cid, v in parsed:  # None: that printed total was dropped (a paste that agrees with it)
                if v is None:
                    report.stated_totals.pop(cid, None)
                else:
                    report.stated_totals[cid] = v
    elif kind == "text":
        key, start, delete, insert, length = (op.get(k) for k in ("k", "s", "d", "i", "n"))
        if key not in NARRATIVE_KEYS:
            raise _bad(n, f"正文部分“{key}”未知")
        assert isinstance(key, str)
        old = report.narrative.get(key, "")
        if not (isinstance(start, int) and isinstance(delete, int) and isinstance(insert, str)
                and start >= 0 and delete >= 0 and start + delete <= len(old)
                and length == len(old) - delete + len(insert)):
            raise _bad(n, "正文修改与已有正文对不上")
        report.set_text(key, old[:start] + insert + old[start + delete:])
    elif kind == "meta":
        name = op.get("f")
        if name not in META_FIELDS:
            raise _bad(n, f"基本信息字段“{name}”未知")
        assert isinstance(name, str)
        setattr(report.meta, name, _meta_value(n, name, op.get("v")))
    elif kind == "adopt":
        report.adopt_computed_totals()
    else:
        raise _bad(n, f"未知的修改类型“{kind}”")


# ---------------------------------------------------------------- writing

def _frame(obj: dict[str, Any]) -> bytes:
    payload = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _FRAME.pack(len(payload), zlib.crc32(payload)) + payload


class JournalWriter:
    """One journal file, appended to by one session.

    ``start`` replaces whatever journal was there (atomically: a temp file holding the header,
    fsynced, then renamed over), so a journal is never a header short. ``append`` writes one frame
    with a single ``os.write`` on an O_APPEND descriptor.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.generation = 0
        self.count = 0
        self.last_edit: float | None = None
        self.unsynced_since: float | None = None

    @property
    def active(self) -> bool:
        return self._fd is not None

    def start(self, base: bytes, generation: int) -> None:
        self.close()
        header = {"journal": JOURNAL_ID, "version": VERSION, "generation": generation,
                  "base": digest(base), "created": round(time.time(), 3)}
        data = MAGIC + _frame(header)
        from core.atomic import write_atomic

        self.path.parent.mkdir(parents=True, exist_ok=True)
        # The one atomic writer (exclusive temp, fsync, replace); the journal is private like the autosave.
        write_atomic(self.path, data, force=True, mode=0o600)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
        self.generation, self.count, self.last_edit, self.unsynced_since = generation, 0, None, None

    def append(self, op: dict[str, Any]) -> None:
        """Record one edit; fsyncs here only if the previous records have waited too long."""
        if self._fd is None:
            raise JournalError("修改记录文件没有打开")
        now = time.time()
        frame = _frame({"n": self.count + 1, "at": round(now, 3), "op": op})
        written = os.write(self._fd, frame)
        if written != len(frame):  # a full disk: a short write is a torn tail; say so now
            raise OSError(28, "磁盘空间不足，修改记录没有写完整")
        self.count += 1
        self.last_edit = now
        if self.unsynced_since is None:
            self.unsynced_since = now
        elif now - self.unsynced_since >= SYNC_INTERVAL:
            self.sync()

    def sync(self) -> None:
        if self._fd is not None and self.unsynced_since is not None:
            os.fsync(self._fd)
        self.unsynced_since = None

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                self.sync()
            os.close(self._fd)
            self._fd = None

    def remove(self) -> None:
        self.close()
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)


# ---------------------------------------------------------------- reading

@dataclass(slots=True)
class Journal:
    header: dict[str, Any]
    records: list[dict[str, Any]] = field(default_factory=list)
    dropped_bytes: int = 0  # a torn or corrupt tail, not used

    @property
    def generation(self) -> int:
        g = self.header.get("generation")
        return g if isinstance(g, int) else 0

    @property
    def base(self) -> str:
        return str(self.header.get("base", ""))

    @property
    def last_edit(self) -> float | None:
        if not self.records:
            return None
        at = self.records[-1].get("at")
        return float(at) if isinstance(at, (int, float, Decimal)) else None


def parse(data: bytes, name: str = "修改记录") -> Journal:
    if len(data) > MAX_JOURNAL_BYTES:
        raise JournalError(f"{name}有 {len(data) // 1024 // 1024} MB，超过 {MAX_JOURNAL_BYTES // 1024 // 1024} MB "
                           "上限，不予使用")
    if not data.startswith(MAGIC):
        raise JournalError(f"{name}不是本程序的修改记录文件")
    pos = len(MAGIC)
    frames: list[dict[str, Any]] = []
    while pos < len(data):
        if len(frames) > MAX_RECORDS:
            raise JournalError(f"{name}超过 {MAX_RECORDS} 条，不予使用")
        if pos + _FRAME.size > len(data):
            break
        length, crc = _FRAME.unpack_from(data, pos)
        end = pos + _FRAME.size + length
        if length > MAX_RECORD_BYTES or end > len(data):
            break
        payload = data[pos + _FRAME.size:end]
        if zlib.crc32(payload) != crc:
            break
        try:
            obj = json.loads(payload.decode("utf-8"), parse_float=Decimal)
        except (UnicodeDecodeError, ValueError, RecursionError):
            break
        if not isinstance(obj, dict):
            break
        if frames and obj.get("n") != len(frames):  # records are numbered 1, 2, … after the header
            break
        frames.append(obj)
        pos = end
    if not frames or frames[0].get("journal") != JOURNAL_ID:
        raise JournalError(f"{name}缺少文件头，不予使用")
    if frames[0].get("version") != VERSION:
        raise JournalError(f"{name}由其他版本的程序写入（版本 {frames[0].get('version')}），请升级本程序")
    return Journal(frames[0], frames[1:], len(data) - pos)


def read(path: Path) -> Journal:
    """The journal at path; JournalError (Chinese) if it is missing, too big or not a journal."""
    from core.reading import read_limited

    return parse(read_limited(path, MAX_JOURNAL_BYTES, "修改记录文件", JournalError), name=f"修改记录“{path.name}”")


@dataclass(slots=True)
class Replayed:
    report: Report
    applied: int = 0  # records applied on top of the snapshot
    last_edit: float | None = None  # unix time of the last applied record
    stale: bool = False  # the journal belongs to an older snapshot (compaction was cut short)
    problem: str = ""  # a Chinese note when records had to be left out


def replay(snapshot: bytes, journal: Journal | None, *, name: str = "自动保存") -> Replayed:
    """The snapshot with the journal's records applied in order, as far as they fit."""
    from core.project_file import loads

    report = loads(snapshot, name=name)
    if journal is None:
        return Replayed(report)
    if journal.base != digest(snapshot):
        return Replayed(report, stale=True)
    out = Replayed(report)
    if journal.dropped_bytes:
        out.problem = f"修改记录末尾有 {journal.dropped_bytes} 字节不完整（写入时中断），已略去"
    for rec in journal.records:
        n = rec.get("n", 0)
        try:  # apply checks a record whole before changing anything
            apply(report, rec.get("op"), n if isinstance(n, int) else 0)
        except (JournalError, KeyError, ValueError) as exc:
            out.problem = f"{exc}；其后的修改未能恢复"
            break
        out.applied += 1
        at = rec.get("at")
        out.last_edit = float(at) if isinstance(at, (int, float, Decimal)) else out.last_edit
    return out


__all__ = ["Journal", "JournalError", "JournalWriter", "Replayed", "adopt_op", "apply", "cells_op",
           "digest", "meta_op", "parse", "read", "replay", "splice", "stated_op", "text_op"]
