"""Fuzzing the two file readers: project files and workbooks, mutated from the built-in sample.

Oracle, for every input: the reader either returns a report that can be checked, saved and read
back, or refuses with its typed error (ProjectFileError / XlsxImportError) whose message is
Chinese and carries no English exception text; the CLI answers 0, 1 or 2 and never says
「内部错误」; and each input finishes within its time budget (a SIGALRM timer turns a hang into
a counted failure, so a campaign never stalls).

The mutators take a ``random.Random``: the in-suite tests (test_fuzz.py) draw it from
hypothesis, the big campaign from a seed:

    python3 -m tests.reliability.fuzz --projects 10000 --workbooks 1000
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import functools
import io
import json
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.cli import main as cli_main
from core.project_file import ProjectFileError, dumps, loads
from core.rules import check
from core.sample import load_sample
from core.xlsx import XlsxImportError, import_xlsx

CJK = re.compile(r"[\u4e00-\u9fff]")
# Text of Python's and the libraries' exceptions that must never reach the clerk.
ENGLISH = re.compile(r"Traceback|Error\b|Exception|Errno|Expecting|Unterminated|Invalid |Unexpected|"
                     r"float\b|denied|No space|too long|UserWarning|codec|surrogates|object has no")
PROJECT_BUDGET = 2.0  # seconds per project file
WORKBOOK_BUDGET = 5.0  # seconds per workbook


class Hang(Exception):
    pass


@contextlib.contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Raise Hang if the block runs longer than ``seconds`` (main thread, POSIX)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(_sig: int, _frame: object) -> None:
        raise Hang()

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@dataclass
class Outcome:
    tried: int = 0
    accepted: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)  # an exception other than the typed refusal
    hangs: int = 0
    bad_messages: list[str] = field(default_factory=list)  # refused, but not in Chinese
    slowest: float = 0.0

    def ok(self) -> bool:
        return not self.crashes and not self.hangs and not self.bad_messages


def message_ok(message: str) -> bool:
    return bool(CJK.search(message)) and not ENGLISH.search(message)


# ---------------------------------------------------------------- project files

SAMPLE_TEXT = dumps(load_sample())

_NASTY_VALUES: list[Any] = [
    None, True, -1, 0, 2**31, 10**29, 10**31, "9" * 5000, 1.5, -0.0, "1e309", "NaN", "", " ", "²", "٣",
    "１２", "1,234", "-3", "0.000000000001", "12件", "\ud800", "\udfff\ud800", "\u0000", "\ue000c D800",
    [], {}, [1, [2, [3]]], {"a": {"b": {}}}, "a" * 300, "../" * 100, "2024-02-30", "2024-13-01",
]
_RAW_TOKENS = ["1e99999999999999999999", "NaN", "Infinity", "-Infinity", "9" * 5000, "1E-12", "-0",
               '"\\ud800"', '"\\udc00\\ud800"', '"\\u0000"', "[" * 3000, "{}" * 10, "\ufeff", "\"\\x41\"",
               "tru", "nul", "0x10", "+1", ".5", "1.", "01"]


def mutate_project(rnd: random.Random) -> bytes:
    """A sample project file, damaged in one to three ways (bytes or structure)."""
    if rnd.random() < 0.5:
        data: Any = json.loads(SAMPLE_TEXT)
        for _ in range(rnd.randint(1, 3)):
            _mutate_structure(data, rnd)
        text = json.dumps(data, ensure_ascii=rnd.random() < 0.3, indent=rnd.choice([None, 2]))
        if rnd.random() < 0.3:
            text = _mutate_text(text, rnd)
        return text.encode("utf-8", "surrogatepass")
    text = SAMPLE_TEXT
    for _ in range(rnd.randint(1, 3)):
        text = _mutate_text(text, rnd)
    raw = text.encode("utf-8", "surrogatepass")
    for _ in range(rnd.randint(0, 2)):
        raw = _mutate_bytes(raw, rnd)
    return raw


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, (*prefix, i)))
    return out


def _mutate_structure(data: Any, rnd: random.Random) -> None:
    paths = [p for p in _paths(data) if p]
    path = rnd.choice(paths)
    parent = data
    for k in path[:-1]:
        parent = parent[k]
    key = path[-1]
    op = rnd.randrange(7)
    if op == 0:
        parent[key] = copy.deepcopy(rnd.choice(_NASTY_VALUES))
    elif op == 1 and isinstance(parent, dict):
        del parent[key]
    elif op == 2 and isinstance(parent, dict):  # a misspelt or unknown key
        value = parent.pop(key)
        parent[rnd.choice([str(key).capitalize(), str(key) + "s", str(key)[:-1], "extra", "Cells"])] = value
    elif op == 3:
        parent[key] = rnd.randint(-(10**40), 10**40)
    elif op == 4 and isinstance(parent, dict):
        parent[f"新字段{rnd.randrange(9)}"] = copy.deepcopy(rnd.choice(_NASTY_VALUES))
    elif op == 5:
        parent[key] = "".join(chr(rnd.randrange(0x20, 0x3000)) for _ in range(rnd.randint(0, 40)))
    else:
        parent[key] = {"format_version": rnd.choice([0, 2, 999, -1, "1"])} if rnd.random() < 0.2 else [parent[key]]


def _mutate_text(text: str, rnd: random.Random) -> str:
    op = rnd.randrange(8)
    pos = rnd.randrange(len(text) + 1)
    if op == 0:  # a JSON value replaced by a raw token
        m = list(re.finditer(r":\s*(-?\d+|\"[^\"]*\"|null|true|false)", text))
        if m:
            hit = rnd.choice(m)
            return text[: hit.start(1)] + rnd.choice(_RAW_TOKENS) + text[hit.end(1):]
    if op == 1:  # a key doubled
        m = list(re.finditer(r"\"([a-z_0-9.]+)\":", text))
        if m:
            hit = rnd.choice(m)
            return text[: hit.start()] + f'"{hit.group(1)}": 1, ' + text[hit.start():]
    if op == 2:
        return text[:pos]
    if op == 3:
        end = min(len(text), pos + rnd.randint(1, 200))
        return text[:pos] + text[end:]
    if op == 4:
        return "\ufeff" * rnd.randint(1, 3) + text
    if op == 5:
        return text[:pos] + rnd.choice([*_RAW_TOKENS, "\\", '"', "{", "}", ",", ":", "\x00", "\t"]) + text[pos:]
    if op == 6:
        a = rnd.randrange(len(text) + 1)
        return text[:pos] + text[a: a + rnd.randint(1, 500)] + text[pos:]
    return text.replace('"format_version": 1', f'"format_version": {rnd.choice(["2", "0", "1.0", "null", "true"])}')


def _mutate_bytes(raw: bytes, rnd: random.Random) -> bytes:
    b = bytearray(raw)
    op = rnd.randrange(4)
    if not b:
        return bytes(b)
    i = rnd.randrange(len(b))
    if op == 0:
        b[i] ^= 1 << rnd.randrange(8)
    elif op == 1:
        b[i:i] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 8)))
    elif op == 2:
        b[i:i] = rnd.choice([b"\xff\xfe", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\xc0\x80", b"\x80"])
    else:
        del b[i: i + rnd.randint(1, 16)]
    return bytes(b)


def try_project(raw: bytes, workdir: Path, outcome: Outcome) -> None:
    outcome.tried += 1
    start = time.monotonic()
    try:
        with budget(PROJECT_BUDGET):
            _project_oracle(raw, workdir, outcome)
    except Hang:
        outcome.hangs += 1
    except Exception:
        outcome.crashes.append(_snippet(raw) + "\n" + traceback.format_exc(limit=4))
    outcome.slowest = max(outcome.slowest, time.monotonic() - start)


def _project_oracle(raw: bytes, workdir: Path, outcome: Outcome) -> None:
    try:
        report = loads(raw, name="fuzz.gkbg")
    except ProjectFileError as exc:
        outcome.refused += 1
        if not message_ok(str(exc)):
            outcome.bad_messages.append(str(exc)[:300])
    else:
        outcome.accepted += 1
        check(report)
        again = loads(dumps(report).encode("utf-8"))  # what was accepted can be saved and read back
        if dumps(again) != dumps(report):
            raise AssertionError("save and reload changed the report")
    path = workdir / "fuzz.gkbg"
    path.write_bytes(raw)
    status, err = run_cli(["check", str(path)])
    if status not in (0, 1, 2) or "内部错误" in err or (status == 2 and not message_ok(err)):
        raise AssertionError(f"check exited {status}: {err[:300]}")
    if status != 2:
        status, err = run_cli(["fix-totals", str(path), "-o", str(workdir / "fixed.gkbg")])
        if status != 0:
            raise AssertionError(f"fix-totals of a readable file exited {status}: {err[:300]}")


def run_cli(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli_main(argv)
    return status, err.getvalue()


def _snippet(raw: bytes) -> str:
    return repr(raw[:200]) + ("…" if len(raw) > 200 else "")


# ---------------------------------------------------------------- workbooks

@functools.cache
def sample_xlsx() -> bytes:
    from tests.reliability.workbooks import sample_export

    return sample_export()


_CELL_VALUES = ["1" + "0" * 400, "1e309", "-1e309", "NaN", "-5", "2.5", "1E-12", "99999999999999999999999999999999",
                "abc", "", "0x1F", "1e-400", "4.9e-324", "0" * 500 + "1", "1" * 5000]


def mutate_workbook(rnd: random.Random) -> bytes:
    import zipfile

    from tests.reliability.workbooks import read_member, replace_member

    data = sample_xlsx()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [n for n in zf.namelist() if n.endswith(".xml")]
    for _ in range(rnd.randint(1, 3)):
        if rnd.random() < 0.1:
            b = bytearray(data)
            i = rnd.randrange(len(b))
            b[i] ^= 1 << rnd.randrange(8)
            data = bytes(b)
            break  # the zip itself is damaged now: no member can be rewritten
        sheets = [m for m in members if "worksheets/" in m]
        member = rnd.choice(sheets if rnd.random() < 0.8 else members)
        try:
            xml = read_member(data, member).decode("utf-8")
        except Exception:
            continue
        xml = _mutate_xml(xml, rnd, member)
        data = replace_member(data, member, xml.encode("utf-8", "surrogatepass"))
    return data


def _mutate_xml(xml: str, rnd: random.Random, member: str) -> str:
    op = rnd.randrange(10)
    values = list(re.finditer(r"<v>([^<]*)</v>", xml))
    if op <= 2 and values:  # a stored value replaced
        hit = rnd.choice(values)
        return xml[: hit.start(1)] + rnd.choice(_CELL_VALUES) + xml[hit.end(1):]
    if op == 3 and values:  # a shared-string index out of range / a type changed
        hit = rnd.choice(values)
        cell_start = xml.rfind("<c ", 0, hit.start())
        head = xml[cell_start: hit.start()]
        new_head = re.sub(r' t="[^"]*"', "", head).replace("<c ", f'<c t="{rnd.choice(["s", "b", "e", "str", "n", "d"])}" ', 1)
        return xml[:cell_start] + new_head + str(rnd.choice([10**6, -1, 3, 1])) + xml[hit.end(1):]
    if op == 4:  # a far cell
        row = rnd.choice([1048576, 100000, 5000, 300])
        col = rnd.choice(["E", "XFD", "A", "B"])
        cell = f'<row r="{row}"><c r="{col}{row}" t="inlineStr"><is><t>远</t></is></c></row>'
        return xml.replace("</sheetData>", cell + "</sheetData>")
    if op == 5:  # text with half a character, via the writer's own escape or the XML one
        texts = list(re.finditer(r"<t[^>]*>([^<]*)</t>", xml))
        if texts:
            hit = rnd.choice(texts)
            bad = rnd.choice(["\ue000cD800", "_xD800_", "\ue000cDFFF", "\ue000e", "\ue000z", "&#1;", "\x00"])
            return xml[: hit.end(1)] + bad + xml[hit.end(1):]
    if op == 6:  # merges: overlapping, huge, nonsense
        ref = rnd.choice(["A1:XFD1048576", "C8:D9", "Z:Z", "A0:B1", "B7:B7", "AAAA1:B2"])
        if "<mergeCells" in xml:
            return re.sub(r"<mergeCells[^>]*>", lambda m: m.group(0) + f'<mergeCell ref="{ref}"/>', xml, count=1)
        return xml.replace("</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>')
    if op == 7:  # a DTD
        return re.sub(r"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or "") + '<!DOCTYPE x [<!ENTITY a "b">]>', xml, count=1)
    if op == 8:  # truncated or a chunk removed
        pos = rnd.randrange(len(xml) + 1)
        return xml[:pos] if rnd.random() < 0.5 else xml[:pos] + xml[pos + rnd.randint(1, 400):]
    rows = list(re.finditer(r"<row [^>]*>.*?</row>", xml, re.DOTALL))  # a row deleted or duplicated
    if rows:
        hit = rnd.choice(rows)
        return xml[: hit.start()] + (hit.group(0) * 2 if rnd.random() < 0.5 else "") + xml[hit.end():]
    return xml


def try_workbook(data: bytes, workdir: Path, outcome: Outcome) -> None:
    outcome.tried += 1
    start = time.monotonic()
    path = workdir / "fuzz.xlsx"
    path.write_bytes(data)
    try:
        with budget(WORKBOOK_BUDGET):
            _workbook_oracle(path, outcome)
    except Hang:
        outcome.hangs += 1
    except Exception:
        outcome.crashes.append(traceback.format_exc(limit=6))
    outcome.slowest = max(outcome.slowest, time.monotonic() - start)


def _workbook_oracle(path: Path, outcome: Outcome) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an English warning reaching the clerk counts as a failure
        try:
            report = import_xlsx(path)
        except XlsxImportError as exc:
            outcome.refused += 1
            if not message_ok(str(exc)):
                outcome.bad_messages.append(str(exc)[:300])
            return
    outcome.accepted += 1
    check(report)
    loads(dumps(report).encode("utf-8"))  # an accepted import can be saved (no half characters)


# ---------------------------------------------------------------- campaign


def campaign(kind: str, count: int, seed: int, make: Callable[[random.Random], bytes],
             attempt: Callable[[bytes, Path, Outcome], None]) -> Outcome:
    outcome = Outcome()
    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            attempt(make(rnd), Path(tmp), outcome)
            if (i + 1) % 1000 == 0:
                print(f"  {kind}: {i + 1} tried, {len(outcome.crashes)} crashes, {outcome.hangs} hangs", flush=True)
    return outcome


def report_outcome(kind: str, o: Outcome, seconds: float) -> None:
    print(f"{kind}: {o.tried} tried, {o.accepted} accepted, {o.refused} refused, {len(o.crashes)} crashes, "
          f"{o.hangs} hangs, {len(o.bad_messages)} non-Chinese messages, slowest {o.slowest:.2f} s, "
          f"{seconds:.0f} s in all")
    for c in o.crashes[:3]:
        print(c)
    for m in o.bad_messages[:3]:
        print("  message:", m)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="fuzz the project-file and workbook readers")
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--workbooks", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args(argv)
    ok = True
    for kind, count, make, attempt in (("project files", args.projects, mutate_project, try_project),
                                       ("workbooks", args.workbooks, mutate_workbook, try_workbook)):
        if count <= 0:
            continue
        started = time.monotonic()
        o = campaign(kind, count, args.seed, make, attempt)
        report_outcome(kind, o, time.monotonic() - started)
        ok = ok and o.ok()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
