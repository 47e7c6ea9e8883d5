"""Check the interpreter build_interpreter.sh made: it runs, and it has every module the bundle uses.

    LD_LIBRARY_PATH=PREFIX/lib PREFIX/bin/python3.11 check_interpreter.py CPYTHON_BUILD_LOG

Run by that interpreter. CPython's build does not fail when an optional module cannot be built (it lists
it and goes on), so the log's lists are read, and anything missing beyond the modules named in ALLOWED
fails the build.
"""

import re
import sys

# Never used by the app or its libraries: TLS (no network; no OpenSSL headers are given, and the bundle
# leaves ssl out anyway), the databases, Tk, the terminal modules, NIS, uuid's C part (uuid falls back).
ALLOWED = {
    "_ssl", "_hashlib", "_sqlite3", "_tkinter", "_dbm", "_gdbm", "readline", "_curses", "_curses_panel",
    "nis", "_uuid", "_crypt", "ossaudiodev", "spwd",
}
HEADINGS = (
    "The necessary bits to build these optional modules were not found:",
    "Failed to build these modules:",
    "Following modules built successfully but were removed because they could not be imported:",
)


def missing_modules(log: str) -> set[str]:
    missing: set[str] = set()
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.strip() in HEADINGS:
            for following in lines[i + 1:]:
                if not following.strip() or following.startswith("To find the necessary bits"):
                    break
                missing.update(following.split())
    return missing


def main() -> int:
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        unexpected = sorted(missing_modules(f.read()) - ALLOWED)
    if unexpected:
        print(f"check_interpreter: modules not built: {', '.join(unexpected)}", file=sys.stderr)
        return 1
    # What the bundle uses: ctypes (pypdfium2's loader, PyInstaller's build), compression (zip: XLSX and
    # DOCX; PDF streams), decimal (money), xml (openpyxl, python-docx), the CJK codecs (GBK/GB 18030 text),
    # hashlib's built-in digests (reportlab, openpyxl), subprocess (the render worker, LibreOffice).
    import _codecs_cn  # noqa: F401
    import _decimal  # noqa: F401 - the C decimal, not the slow pure-Python fallback
    import _elementtree  # noqa: F401
    import _posixsubprocess  # noqa: F401
    import bz2
    import ctypes
    import hashlib
    import lzma
    import pyexpat  # noqa: F401
    import unicodedata
    import zlib
    from decimal import Decimal
    from xml.etree import ElementTree

    assert ctypes.CDLL(None).strlen(b"gov") == 3
    for codec in (zlib, bz2, lzma):
        assert codec.decompress(codec.compress(b"x" * 1000)) == b"x" * 1000
    assert "𠀀中文".encode("gb18030").decode("gb18030") == "𠀀中文"
    assert hashlib.sha256(b"").hexdigest().startswith("e3b0c442")
    assert hashlib.md5(b"", usedforsecurity=False).hexdigest().startswith("d41d8cd9")
    assert Decimal("0.1") + Decimal("0.2") == Decimal("0.3")
    assert ElementTree.fromstring("<a>年报</a>").text == "年报"
    assert unicodedata.east_asian_width("中") == "W"
    assert re.fullmatch(r"\d+", "2026")
    print(f"check_interpreter: {sys.version.split()[0]} at {sys.prefix}: every module the bundle uses works")
    return 0


if __name__ == "__main__":
    sys.exit(main())
