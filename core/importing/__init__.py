"""Import a published report (PDF, Word, web page, text) or a workbook of any layout (docs/import.md).

``import_file(path)`` reads the file by its content, not its name: one reader per format
reduces it to a ``Document`` (paragraphs and tables of strings), then one matcher maps the
tables onto the official grids and one splitter cuts the text into meta and narrative.
The import report says where each table was found, which cells are uncertain and what is
missing; a file that cannot be used at all raises ``ImportRefused`` with a Chinese message.
"""

from __future__ import annotations

from pathlib import Path

from core.importing.document import Document, ImportRefused
from core.importing.result import ImportResult, build

__all__ = ["Document", "ImportRefused", "ImportResult", "import_bytes", "import_file"]


def import_bytes(data: bytes, name: str, *, path: Path | None = None) -> ImportResult:
    from core.importing.sniff import read_document

    try:
        doc, own = read_document(data, name, path=path)
        return build(doc, own)
    except ImportRefused:
        raise
    except (Exception, RecursionError) as exc:
        # A document no reader was made for can trip a library anywhere: a refusal, never a traceback.
        raise ImportRefused(f"文件“{name}”无法读取（{type(exc).__name__}）；请另存为 .docx 或带文字层的 PDF 后再试") from exc


def import_file(path: Path | str) -> ImportResult:
    from core.importing.containers import MAX_FILE_BYTES
    from core.reading import read_limited

    path = Path(path)
    data = read_limited(path, MAX_FILE_BYTES, "年报文件", ImportRefused)
    return import_bytes(data, path.name, path=path)
