"""The bundle ships the pinned Qt stack, takes only QtPdf from PySide6-Addons, and says what glibc it needs."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from tests.packaging.packaging_checks import Build

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import glibc_floor  # noqa: E402

WANTED_FROM_ADDONS = {"QtPdf", "QtPdfWidgets", "libQt6Pdf", "libQt6PdfWidgets"}


def addons_names() -> set[str]:
    """Module and library stems the PySide6-Addons wheel installs (QtCharts, libQt6Pdf, …)."""
    files = metadata.files("PySide6-Addons") or []
    stems = set()
    for f in files:
        name = Path(str(f)).name
        if name.endswith(".so") or ".so." in name or name.endswith((".pyd", ".dll")):
            stems.add(re.split(r"\.(?:abi3|so|pyd|dll)", name)[0])
    return stems


def test_only_qtpdf_comes_from_addons(build: Build) -> None:
    addons = addons_names()
    assert addons >= WANTED_FROM_ADDONS  # the pinned Addons wheel is the one QtPdf comes from
    bundled = {re.split(r"\.(?:abi3|so|pyd|dll)", p.name)[0] for p in build.bundle.rglob("*") if p.is_file()}
    extra = sorted((bundled & addons) - WANTED_FROM_ADDONS)
    assert not extra, f"PySide6-Addons parts in the bundle besides QtPdf: {extra}"
    assert bundled >= WANTED_FROM_ADDONS


def test_bundle_carries_the_pinned_pyside(build: Build) -> None:
    """The About dialog and the drift guard read these versions in the bundle."""
    infos = {p.name.lower().removesuffix(".dist-info") for p in (build.bundle / "_internal").glob("*.dist-info")}
    for dist in ("PySide6-Essentials", "PySide6-Addons", "shiboken6"):
        assert f"{dist.lower().replace('-', '_')}-{metadata.version(dist)}" in infos, sorted(infos)


def test_deb_depends_on_the_glibc_the_bundle_needs(build: Build) -> None:
    top, by_file = glibc_floor.floor(build.bundle)
    assert len(by_file) > 50  # every ELF was read: the executable, Python, Qt, the extension modules
    fields = subprocess.run(["dpkg-deb", "-f", str(build.deb), "Depends"], capture_output=True, text=True,
                            check=True).stdout
    assert f"libc6 (>= {glibc_floor.dotted(top)})" in fields
    print(f"bundle needs glibc ≥ {glibc_floor.dotted(top)} ({len(by_file)} ELF files)")
