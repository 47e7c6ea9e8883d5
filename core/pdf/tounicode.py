"""Text extraction for characters outside the BMP (CJK Extension B–F) in reportlab's PDFs.

reportlab 5.1 writes each ToUnicode entry as ``<%04X>``: U+20000 becomes the
five-digit ``<20000>``, which is not UTF-16BE, so pdftotext, copy-paste and
screen readers lose every Extension B–F character (the glyph itself prints).
The PDF reference wants a surrogate pair (``<D840DC00>``). ``install`` swaps
reportlab's helper for one that writes them; BMP entries are unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase import ttfonts

_original = ttfonts.makeToUnicodeCMap


def _utf16_hex(cp: int) -> str:
    if cp <= 0xFFFF:
        return f"{cp:04X}"
    cp -= 0x10000
    return f"{0xD800 + (cp >> 10):04X}{0xDC00 + (cp & 0x3FF):04X}"


def make_to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    text: str = _original(fontname, subset)
    if all(cp <= 0xFFFF for cp in subset):
        return text
    head, _, _rest = text.partition(f"{len(subset)} beginbfchar\n")
    tail = "\nendbfchar" + text.rpartition("\nendbfchar")[2]
    entries = "\n".join(f"<{i:02X}> <{_utf16_hex(cp)}>" for i, cp in enumerate(subset))
    return f"{head}{len(subset)} beginbfchar\n{entries}{tail}"


def install() -> None:
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
