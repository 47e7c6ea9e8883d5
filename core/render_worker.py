"""The PDF renderer in a process of its own, for the wizard's live document view.

reportlab is pure Python and holds the GIL for the whole of a render (25–90 ms here): run in a
thread of the GUI process, it would stall every keystroke typed meanwhile. So the wizard starts this
module once (``python -m core.render_worker``, or the bundled program with ``--render-worker``) and
sends it the report; the process stays up between requests, so fonts are loaded only once.

Protocol on stdin/stdout, one frame per message: two big-endian uint32 lengths (header, body), then
a UTF-8 JSON header and the body bytes.

- request:  header ``{"id": n, "draft": bool}``, body the project file (``core.project_file.dumps``)
- response: header ``{"id": n, "ok": true, "pages": k}`` and the PDF bytes, or
  ``{"id": n, "ok": false, "error": "<Chinese message>"}`` and an empty body.

A report the renderer cannot use is an answer (``ok: false``), never the end of the process.
Qt-free: the wizard talks to it through ``QProcess``.
"""

from __future__ import annotations

import json
import os
import struct
import sys
from typing import Any, BinaryIO

RENDER_FLAG = "--render-worker"  # the bundled program runs this module when given this flag
_LENGTHS = struct.Struct(">II")
MAX_FRAME = 64 * 1024 * 1024  # a project file is tens of kilobytes; anything near this is garbage


def encode(header: dict[str, Any], body: bytes = b"") -> bytes:
    head = json.dumps(header, ensure_ascii=False).encode("utf-8")
    return _LENGTHS.pack(len(head), len(body)) + head + body


def decode(buffer: bytes) -> tuple[dict[str, Any], bytes, int] | None:
    """The first complete frame in ``buffer``: (header, body, bytes used), or None if incomplete."""
    if len(buffer) < _LENGTHS.size:
        return None
    head_len, body_len = _LENGTHS.unpack_from(buffer)
    if head_len > MAX_FRAME or body_len > MAX_FRAME:
        raise ValueError("frame too large")
    end = _LENGTHS.size + head_len + body_len
    if len(buffer) < end:
        return None
    head = json.loads(buffer[_LENGTHS.size:_LENGTHS.size + head_len].decode("utf-8"))
    return head, bytes(buffer[_LENGTHS.size + head_len:end]), end


def _read_exactly(stream: BinaryIO, n: int) -> bytes | None:
    chunks = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(stream: BinaryIO) -> tuple[dict[str, Any], bytes] | None:
    """The next frame from a blocking stream; None at end of input."""
    lengths = _read_exactly(stream, _LENGTHS.size)
    if lengths is None:
        return None
    head_len, body_len = _LENGTHS.unpack(lengths)
    if head_len > MAX_FRAME or body_len > MAX_FRAME:
        return None
    head = _read_exactly(stream, head_len) if head_len else b""
    body = _read_exactly(stream, body_len) if body_len else b""
    if head is None or body is None:
        return None
    return json.loads(head.decode("utf-8")), body


def render(project: bytes, *, draft: bool) -> tuple[bytes, int]:
    """PDF bytes and page count for a project file's bytes; raises with a Chinese message."""
    from core.compute import compute
    from core.pdf import export_pdf
    from core.project_file import loads

    report = loads(project, name="预览的报告")
    result = export_pdf(report, compute(report), [], draft=draft)
    return result.data, result.pages


def answer(header: dict[str, Any], body: bytes) -> bytes:
    """The response frame to one request frame."""
    request_id = header.get("id")
    try:
        data, pages = render(body, draft=bool(header.get("draft", True)))
    except Exception as exc:  # any failure is the answer to this request, not the end of the worker
        from core.project_file import ProjectFileError

        text = str(exc) if isinstance(exc, ProjectFileError) else f"生成预览时出错：{exc}"
        return encode({"id": request_id, "ok": False, "error": text})
    return encode({"id": request_id, "ok": True, "pages": pages}, data)


def serve(inp: BinaryIO, out: BinaryIO) -> int:
    """Answer requests until stdin closes (the wizard quit or restarted the worker)."""
    while True:
        frame = read_frame(inp)
        if frame is None:
            return 0
        header, body = frame
        out.write(answer(header, body))
        out.flush()


def main() -> int:
    # A windowed (no console) bundle may start with sys.stdin/stdout None even though the wizard
    # gave it pipes: read and write the descriptors themselves then.
    inp = sys.stdin.buffer if sys.stdin is not None else os.fdopen(0, "rb")
    out = sys.stdout.buffer if sys.stdout is not None else os.fdopen(1, "wb")
    return serve(inp, out)


if __name__ == "__main__":
    sys.exit(main())
