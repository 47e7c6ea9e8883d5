"""What the About dialog and the installers say about the program: name, version, bundled parts, licences.

Qt-free, so the CLI, the packaging scripts and the tests can read it too.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core import __version__ as _core_version
from core.resources import resources_dir

APP_NAME = "政府信息公开年报助手"
APP_ID = "cn.gov.disclosure-report"  # reverse-domain id of the Linux package (统信UOS /opt/apps/<appid>)
EXECUTABLE = "gov-report"
DISTRIBUTION = "gov-disclosure-report"  # the name in pyproject.toml
VERSION_FILE = "VERSION"  # written into the bundle's resources by the PyInstaller spec
HOMEPAGE_NOTE = "本程序在本机运行，不联网，不上传任何数据。"

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Component:
    """A bundled library or font and the licence it is redistributed under."""

    name: str
    purpose: str  # what it does for the clerk, in Chinese
    licence: str  # SPDX expression
    licence_files: tuple[str, ...]  # names in resources/licenses/
    version: str | None = None
    file: str | None = None  # for fonts: the file in resources/fonts


@cache
def version() -> str:
    """The program's version: pyproject.toml is the single source; a bundle carries a copy of it."""
    # Imported here, not at the top: the window's start imports this module for APP_ID, and
    # importlib.metadata with tomllib cost ~24 ms there (the 关于 dialog is the only reader).
    import tomllib
    from importlib import metadata

    pyproject = _SOURCE_ROOT / "pyproject.toml"
    if pyproject.is_file():
        try:
            with pyproject.open("rb") as f:
                declared = tomllib.load(f).get("project", {}).get("version")
        except (OSError, tomllib.TOMLDecodeError):
            declared = None
        if isinstance(declared, str) and declared:
            return declared
    stamped = resources_dir() / VERSION_FILE
    if stamped.is_file():
        text = stamped.read_text(encoding="utf-8").strip()
        if text:
            return text
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return _core_version


def _dist_version(*names: str) -> str | None:
    from importlib import metadata

    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


# (distribution names to ask for the version, display name, purpose, SPDX, licence files)
_LIBRARIES: tuple[tuple[tuple[str, ...], str, str, str, tuple[str, ...]], ...] = (
    (("PySide6-Essentials", "PySide6"), "Qt 6 / Qt for Python (PySide6)", "图形界面、PDF 预览",
     "LGPL-3.0-only", ("LGPL-3.0.txt", "GPL-3.0.txt")),
    (("reportlab",), "ReportLab", "生成 PDF", "BSD-3-Clause", ("reportlab-BSD-3-Clause.txt",)),
    (("pillow", "Pillow"), "Pillow", "图像处理，供 ReportLab 使用", "MIT-CMU", ("Pillow-MIT-CMU.txt",)),
    (("openpyxl",), "openpyxl", "读取 XLSX 工作簿", "MIT", ("openpyxl-MIT.txt",)),
    (("et_xmlfile",), "et_xmlfile", "XLSX 读写，供 openpyxl 使用", "MIT", ("et_xmlfile-MIT.txt",)),
    (("XlsxWriter", "xlsxwriter"), "XlsxWriter", "生成 XLSX 工作簿", "BSD-2-Clause",
     ("XlsxWriter-BSD-2-Clause.txt",)),
    (("defusedxml",), "defusedxml", "安全解析 XML", "PSF-2.0", ("defusedxml-PSF-2.0.txt",)),
    (("pdfplumber",), "pdfplumber", "导入已发布的 PDF 年报（表格）", "MIT", ("pdfplumber-MIT.txt",)),
    (("pdfminer.six",), "pdfminer.six", "读取 PDF 文字，供 pdfplumber 使用", "MIT", ("pdfminer.six-MIT.txt",)),
    (("python-docx",), "python-docx", "导入 Word 年报", "MIT", ("python-docx-MIT.txt",)),
    (("lxml",), "lxml", "导入网页年报、解析 Word 文档", "BSD-3-Clause", ("lxml-BSD-3-Clause.txt",)),
    (("cryptography",), "cryptography", "读取 PDF 加密信息，供 pdfminer.six 使用", "Apache-2.0 OR BSD-3-Clause",
     ("cryptography-Apache-2.0.txt", "cryptography-BSD-3-Clause.txt")),
    (("charset-normalizer", "charset_normalizer"), "charset-normalizer", "识别文字编码，供 pdfminer.six 使用",
     "MIT", ("charset-normalizer-MIT.txt",)),
    (("typing_extensions", "typing-extensions"), "typing_extensions", "供 python-docx 使用", "PSF-2.0",
     ("typing_extensions-PSF-2.0.txt",)),
)

# What each bundled font file does for the clerk (the README's role column is for developers).
_FONT_PURPOSES: dict[str, str] = {
    "NotoSerifSC-GB2312.ttf": "PDF 正文和表格，代替仿宋、宋体",
    "NotoSerifSC-Bold-GB2312.ttf": "PDF 标题，代替小标宋",
    "NotoSansSC-GB2312.ttf": "PDF 一级标题，代替黑体",
    "NotoSansSC-Regular-GB2312.ttf": "界面文字，系统没有中文字体时使用",
    "LXGWWenKai-GB2312.ttf": "PDF 二级标题，代替楷体",
    "NotoSerifSC-Ext.ttf": "GB2312 以外的生僻字",
}
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
_FONT_NOTICES = "fonts/LICENSE-OFL.txt"  # written by tools/make_fonts.py: copyright notices + OFL text
_README_ROW = re.compile(r"^\|\s*`(?P<file>[^`]+)`\s*\|\s*(?P<name>[^|]*?)\s*\|\s*(?P<source>[^|]*?)\s*\|")


def libraries() -> list[Component]:
    from platform import python_version  # here: ``platform`` costs ~1 ms of the window's start

    python = Component(
        name="Python", purpose="运行环境", licence="PSF-2.0",
        licence_files=("Python-PSF-2.0.txt",), version=python_version(),
    )
    found = [(entry, _dist_version(*entry[0])) for entry in _LIBRARIES]
    # The bundle leaves out what it does not ship (cryptography: packaging/hooks/rthook_no_cryptography.py);
    # a checkout lists everything it was given.
    frozen = bool(getattr(sys, "frozen", False))
    return [python] + [
        Component(name=name, purpose=purpose, licence=spdx, licence_files=files, version=version)
        for (_dists, name, purpose, spdx, files), version in found
        if version is not None or not frozen
    ]


def _readme_rows() -> dict[str, tuple[str, str | None]]:
    """file -> (font name, source version) from the table in resources/fonts/README.md."""
    rows: dict[str, tuple[str, str | None]] = {}
    in_files = False
    for line in (fonts_readme() or "").splitlines():
        if line.startswith("## "):
            in_files = line.strip() == "## Files"
        m = _README_ROW.match(line) if in_files else None
        if m is None:
            continue
        name = re.sub(r"\s*\([^)]*\)", "", m.group("name").replace("*", "")).strip()
        ver = re.search(r"\b(\d+\.\d{2,3})\b", m.group("source"))
        rows[m.group("file")] = (name, ver.group(1) if ver else None)
    return rows


def fonts() -> list[Component]:
    """The font files actually present in resources/fonts, named as resources/fonts/README.md names them."""
    folder = resources_dir() / "fonts"
    if not folder.is_dir():
        return []
    described = _readme_rows()
    licence = (_FONT_NOTICES,) if (resources_dir() / _FONT_NOTICES).is_file() else ("OFL-1.1.txt",)
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in _FONT_SUFFIXES:
            continue
        name, ver = described.get(path.name, (path.stem, None))
        purpose = _FONT_PURPOSES.get(path.name, "字体")
        found.append(Component(name, purpose, "OFL-1.1", licence, ver, path.name))
    return found


def fonts_readme() -> str | None:
    """resources/fonts/README.md (how the subsets were made), when the font build wrote one."""
    readme = resources_dir() / "fonts" / "README.md"
    try:
        return readme.read_text(encoding="utf-8")
    except OSError:
        return None


def licence_text(file_name: str) -> str | None:
    """A licence text by its name in resources/licenses/, or "fonts/…" for the notices next to the fonts."""
    if not re.fullmatch(r"(fonts/)?[A-Za-z0-9_.\-]+", file_name) or ".." in file_name:
        return None
    base = resources_dir() if file_name.startswith("fonts/") else resources_dir() / "licenses"
    try:
        return (base / file_name).read_text(encoding="utf-8")
    except OSError:
        return None


def components() -> list[Component]:
    return libraries() + fonts()


def summary() -> str:
    """Plain-text credits, for the About dialog's copy button and `--version`-style output."""
    lines = [f"{APP_NAME} {version()}", HOMEPAGE_NOTE, "", "随附的软件和字体："]
    for c in components():
        ver = f" {c.version}" if c.version else ""
        file = f"，{c.file}" if c.file else ""
        lines.append(f"  {c.name}{ver}（{c.purpose}{file}）：{c.licence}")
    return "\n".join(lines)
