"""What the About dialog and the installers say about the program: name, version, bundled parts, licences.

Qt-free, so the CLI, the packaging scripts and the tests can read it too.
"""

from __future__ import annotations

import platform
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import metadata
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


@cache
def version() -> str:
    """The program's version: pyproject.toml is the single source; a bundle carries a copy of it."""
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
)

# Font file name prefix -> (display name, what it is used for). All are OFL-1.1 subsets.
_FONT_FAMILIES: tuple[tuple[str, str, str], ...] = (
    ("NotoSerifSC-Bold", "Noto Serif CJK SC Bold（思源宋体 粗体）子集", "PDF 标题"),
    ("NotoSerifSC", "Noto Serif CJK SC（思源宋体）子集", "PDF 正文"),
    ("NotoSansSC", "Noto Sans CJK SC（思源黑体）子集", "PDF 表格与界面"),
    ("LXGWWenKai", "LXGW WenKai（霞鹜文楷）子集", "楷体文字"),
)
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


def libraries() -> list[Component]:
    python = Component(
        name="Python", purpose="运行环境", licence="PSF-2.0",
        licence_files=("Python-PSF-2.0.txt",), version=platform.python_version(),
    )
    return [python] + [
        Component(name=name, purpose=purpose, licence=spdx, licence_files=files, version=_dist_version(*dists))
        for dists, name, purpose, spdx, files in _LIBRARIES
    ]


def fonts() -> list[Component]:
    """The fonts actually present in resources/fonts, one entry per family."""
    folder = resources_dir() / "fonts"
    if not folder.is_dir():
        return []
    found: dict[str, Component] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in _FONT_SUFFIXES:
            continue
        for prefix, name, purpose in _FONT_FAMILIES:
            if path.stem.startswith(prefix):
                found.setdefault(prefix, Component(name, purpose, "OFL-1.1", ("OFL-1.1.txt",)))
                break
        else:
            found.setdefault(path.stem, Component(path.stem, "字体", "OFL-1.1", ("OFL-1.1.txt",)))
    return list(found.values())


def fonts_readme() -> str | None:
    """resources/fonts/README.md (how the subsets were made), when the font build wrote one."""
    readme = resources_dir() / "fonts" / "README.md"
    try:
        return readme.read_text(encoding="utf-8")
    except OSError:
        return None


def licence_text(file_name: str) -> str | None:
    if not re.fullmatch(r"[A-Za-z0-9_.\-]+", file_name):
        return None
    try:
        return (resources_dir() / "licenses" / file_name).read_text(encoding="utf-8")
    except OSError:
        return None


def components() -> list[Component]:
    return libraries() + fonts()


def summary() -> str:
    """Plain-text credits, for the About dialog's copy button and `--version`-style output."""
    lines = [f"{APP_NAME} {version()}", HOMEPAGE_NOTE, "", "随附的软件和字体："]
    for c in components():
        ver = f" {c.version}" if c.version else ""
        lines.append(f"  {c.name}{ver}（{c.purpose}）：{c.licence}")
    return "\n".join(lines)
