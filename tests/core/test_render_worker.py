"""core.render_worker: the document view's renderer, spoken to over stdin/stdout like the wizard does."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from core.project_file import dumps
from core.render_worker import answer, decode, encode, serve
from core.sample import load_sample

ROOT = Path(__file__).resolve().parents[2]


def test_frames_round_trip_and_wait_for_their_end() -> None:
    frame = encode({"id": 7, "draft": True}, "报告".encode())
    assert decode(frame[:-1]) is None
    header, body, used = decode(frame + b"rest")  # type: ignore[misc]
    assert header == {"id": 7, "draft": True} and body.decode() == "报告" and used == len(frame)


def test_a_report_renders_to_pdf_and_garbage_is_a_chinese_answer() -> None:
    project = dumps(load_sample()).encode("utf-8")
    inp = io.BytesIO(encode({"id": 1, "draft": True}, project) + encode({"id": 2}, b"{oops"))
    out = io.BytesIO()
    assert serve(inp, out) == 0  # end of input ends the loop
    data = out.getvalue()
    first = decode(data)
    assert first is not None
    header, body, used = first
    assert header["id"] == 1 and header["ok"] and header["pages"] >= 3 and body.startswith(b"%PDF")
    second = decode(data[used:])
    assert second is not None
    assert second[0]["id"] == 2 and not second[0]["ok"] and "预览的报告" in second[0]["error"]


def test_the_module_runs_as_a_process() -> None:
    project = dumps(load_sample()).encode("utf-8")
    out = subprocess.run([sys.executable, "-m", "core.render_worker"], cwd=ROOT,
                         input=encode({"id": 3, "draft": False}, project), capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr
    frame = decode(out.stdout)
    assert frame is not None and frame[0]["ok"] and frame[1].startswith(b"%PDF")


def test_answer_never_raises() -> None:
    header, body, _ = decode(answer({"id": 4}, b"\xff\xfe"))  # type: ignore[misc]
    assert not header["ok"] and not body
