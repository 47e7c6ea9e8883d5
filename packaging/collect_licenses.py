"""Copy the licence texts of everything the bundle ships into resources/licenses/.

Run on the build machine after upgrading a bundled library: ``python packaging/collect_licenses.py``.
The texts come from the installed distributions (dist-info), the Python installation, Debian's
common-licenses and the Debian font packages' copyright files; the result is committed so the
About dialog and the installers never depend on what happens to be installed.
"""

from __future__ import annotations

import sys
import sysconfig
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "licenses"

# output file -> (distribution, licence file name inside its dist-info / package)
FROM_DISTRIBUTIONS = {
    "reportlab-BSD-3-Clause.txt": ("reportlab", "LICENSE"),
    "Pillow-MIT-CMU.txt": ("pillow", "LICENSE"),
    "openpyxl-MIT.txt": ("openpyxl", "LICENCE.rst"),
    "et_xmlfile-MIT.txt": ("et_xmlfile", "LICENCE.rst"),
    "XlsxWriter-BSD-2-Clause.txt": ("XlsxWriter", "LICENSE.txt"),
    "defusedxml-PSF-2.0.txt": ("defusedxml", "LICENSE"),
    # the importer of published reports (docs/import.md)
    "pdfplumber-MIT.txt": ("pdfplumber", "LICENSE.txt"),
    "pdfminer.six-MIT.txt": ("pdfminer.six", "LICENSE"),
    "python-docx-MIT.txt": ("python-docx", "LICENSE"),
    "lxml-BSD-3-Clause.txt": ("lxml", "LICENSE.txt"),
    "cryptography-Apache-2.0.txt": ("cryptography", "LICENSE.APACHE"),
    "cryptography-BSD-3-Clause.txt": ("cryptography", "LICENSE.BSD"),
    "charset-normalizer-MIT.txt": ("charset-normalizer", "LICENSE"),
    "typing_extensions-PSF-2.0.txt": ("typing_extensions", "LICENSE"),
}
FROM_FILES = {
    "LGPL-3.0.txt": Path("/usr/share/common-licenses/LGPL-3"),
    # The LGPL-3.0 is a set of additional permissions on top of the GPL-3.0: both texts must ship.
    "GPL-3.0.txt": Path("/usr/share/common-licenses/GPL-3"),
}
FONT_COPYRIGHTS = {
    "Noto CJK (思源宋体 / 思源黑体)": (
        Path("/usr/share/doc/fonts-noto-cjk/copyright"),
        "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.",
    ),
    "LXGW WenKai (霞鹜文楷)": (
        Path("/usr/share/doc/fonts-lxgw-wenkai/copyright"),
        "Copyright 2021-2022 lxgw <calxgw2018@gmail.com>, with Reserved Font Names \"霞鹜\" and \"LXGW\".",
    ),
}


def dist_file(dist: str, name: str) -> str:
    files = metadata.files(dist) or []
    for f in files:
        if f.name == name and ("dist-info" in str(f.parent) or "licenses" in str(f.parent)):
            return f.read_text(encoding="utf-8")
    raise SystemExit(f"{dist}: licence file {name} not found in its metadata")


def ofl_text(copyright_file: Path) -> str:
    """The OFL body from a Debian machine-readable copyright file (continuation lines, '.' = blank)."""
    lines = copyright_file.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "SIL OPEN FONT LICENSE Version 1.1" in line) - 1
    body = []
    for line in lines[start:]:
        if body and not line.startswith(" "):
            break
        text = line[1:] if line.startswith(" ") else line
        body.append("" if text == "." else text)
    return "\n".join(body).strip() + "\n"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for out, (dist, name) in FROM_DISTRIBUTIONS.items():
        (OUT / out).write_text(dist_file(dist, name), encoding="utf-8")
    for out, src in FROM_FILES.items():
        (OUT / out).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    (OUT / "Python-PSF-2.0.txt").write_text(python_licence.read_text(encoding="utf-8"), encoding="utf-8")

    notices, ofl = [], ""
    for family, (path, notice) in FONT_COPYRIGHTS.items():
        notices.append(f"{family}: {notice}")
        ofl = ofl or ofl_text(path)
    header = (
        "The fonts bundled in resources/fonts are subsets of the following fonts, "
        "redistributed under the SIL Open Font License 1.1:\n\n" + "\n".join(notices) + "\n\n"
    )
    (OUT / "OFL-1.1.txt").write_text(header + ofl, encoding="utf-8")
    print(f"licence texts written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
