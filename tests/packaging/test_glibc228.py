"""The release bundle starts on glibc 2.28 (统信UOS 20) and 2.31 (麒麟 V10): measured, and used in bullseye.

The first tests check the checker itself and run everywhere. The ones marked ``glibc228`` need the release
build (``packaging/build.sh``, the default: the interpreter of packaging/glibc228/build_interpreter.sh),
root and debootstrap; CI's third job runs them (packaging/glibc228/job.sh), elsewhere they are deselected.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.about import EXECUTABLE
from core.model import Report
from core.project_file import load, save
from core.sample import load_sample
from tests.packaging.packaging_checks import Build, check_docx, check_html, check_pdf, check_xlsx, require

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import glibc_floor  # noqa: E402

sys.path.insert(0, str(ROOT / "packaging" / "deb"))
import build_deb  # noqa: E402
import target_libs  # noqa: E402

TARGET = (2, 28)
FONT_SOURCES = (Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"),
                Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf"))
RARE = "\U00020000\U0002A700\u9FEB"  # Ext B and Ext C (HanaMinB), U+9FEB (the BabelStone subset)
LIBC = Path("/lib/x86_64-linux-gnu/libc.so.6")


def elf_header(e_type: int) -> bytes:
    """The first 64 bytes of a little-endian 64-bit ELF file of the given type (1: an object file)."""
    return b"\x7fELF\x02\x01\x01" + bytes(9) + e_type.to_bytes(2, "little") + bytes(46)


# --- the checker: these run in every test run -----------------------------------------------------------

@pytest.mark.skipif(not LIBC.exists() or not shutil.which("objdump"), reason="needs this Debian's libc and binutils")
def test_floor_names_a_library_that_needs_more_than_2_28(tmp_path: Path) -> None:
    """The host's own libc (bookworm: 2.36) must be caught, with its name; an object file is not a library."""
    (tmp_path / "lib").mkdir()
    shutil.copyfile(LIBC, tmp_path / "lib" / "libc-copy.so.6")
    (tmp_path / "python.o").write_bytes(elf_header(1))  # objdump -T fails on it: it must not be read
    top, by_file = glibc_floor.floor(tmp_path)
    assert top >= (2, 34)
    assert list(by_file) == [tmp_path / "lib" / "libc-copy.so.6"]


@pytest.mark.skipif(not LIBC.exists() or not shutil.which("objdump"), reason="needs this Debian's libc and binutils")
def test_the_deb_refuses_a_bundle_that_needs_more_than_its_target(tmp_path: Path) -> None:
    bundle = tmp_path / "gov-report"
    bundle.mkdir()
    shutil.copyfile(LIBC, bundle / EXECUTABLE)
    with pytest.raises(SystemExit, match=rf"built for glibc 2\.28, but these need more: \['{EXECUTABLE}'\]"):
        build_deb.build(bundle, tmp_path / "out", tmp_path / "work", fast=True, target_glibc="2.28")
    assert not (tmp_path / "out").exists()


# --- the release build ------------------------------------------------------------------------------------

@pytest.mark.glibc228
def test_every_elf_in_the_bundle_needs_at_most_glibc_2_28(build: Build) -> None:
    """objdump -T over every program and library in the bundle: no symbol version above GLIBC_2.28."""
    top, by_file = glibc_floor.floor(build.bundle)
    too_new = {str(p.relative_to(build.bundle)): glibc_floor.dotted(v) for p, v in by_file.items() if v > TARGET}
    assert too_new == {}
    assert top == TARGET  # Qt 6.9 (manylinux_2_28) and the interpreter need exactly 2.28
    assert len(by_file) > 100  # the interpreter, its modules, Qt, PySide6, lxml, Pillow: really measured
    names = {p.name for p in by_file}
    assert "libpython3.11.so.1.0" in names and "_ctypes.cpython-311-x86_64-linux-gnu.so" in names


@pytest.mark.glibc228
def test_the_libraries_left_to_the_target_are_declared(build: Build) -> None:
    depends = subprocess.run(["dpkg-deb", "-f", str(build.deb), "Depends"], capture_output=True, text=True,
                             check=True).stdout
    declared = {d.strip().split(" ")[0] for d in depends.split(",")}
    assert "libc6 (>= 2.28)" in depends
    assert set(build_deb.TARGET_GLIBC_DEPENDS) <= declared
    patterns = [*target_libs.TARGET_LIBS, *target_libs.NOT_NEEDED]
    bundled = [p.name for p in (build.bundle / "_internal").glob("*.so*")]
    assert [n for n in bundled if any(fnmatch.fnmatch(n, pat) for pat in patterns)] == []


def cells_of(report: Report) -> dict[str, object]:
    return {cid: value for cid, value in report.cells.items() if value is not None}


@pytest.mark.glibc228
@pytest.mark.slow
def test_installed_and_used_in_bullseye(build: Build, tmp_path: Path) -> None:
    """apt installs the .deb in a fresh Debian 11 (glibc 2.31) with its Depends from bullseye; a clerk's
    account then makes the sample, checks it, exports all four formats, imports the PDF and the XLSX, and
    starts the wizard offscreen and on X11 (Xvfb); apt removes it without a trace. With the optional
    font package, a report holding characters only it draws is checked and exported before and after."""
    require(os.geteuid() == 0, "the bullseye chroot needs root")
    require(shutil.which("debootstrap"), "debootstrap is not installed")
    require(all(p.is_file() for p in FONT_SOURCES), "needs Debian fonts-hanazono and fonts-babelstone-han")
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_font_package.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True, timeout=600)
    (fonts_deb,) = tmp_path.glob("gov-report-fonts-gb18030_*_all.deb")
    rare = load_sample()
    rare.narrative["s5"] += "\n" + RARE
    save(rare, tmp_path / "rare.gkbg", backup=False)
    out = tmp_path / "out"
    proc = subprocess.run(["bash", str(ROOT / "packaging" / "glibc228" / "bullseye_test.sh"), str(build.deb),
                           str(out), str(fonts_deb), str(tmp_path / "rare.gkbg")],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "GLIBC 2.31" in (out / "glibc.txt").read_text()
    assert "install ok installed" in (out / "installed.txt").read_text()
    for gui in ("gui-offscreen.txt", "gui-xcb.txt"):
        text = (out / gui).read_text(encoding="utf-8")
        assert "GOV_REPORT_READY" in text and "Traceback" not in text, text
    assert "可以定稿" in (out / "check.txt").read_text(encoding="utf-8")
    check_pdf(out / "样例.pdf")
    check_xlsx(out / "样例.xlsx")
    check_docx(out / "样例.docx")
    check_html(out / "样例.html")
    sample = cells_of(load_sample())
    assert cells_of(load(out / "导回XLSX.gkbg")) == sample  # the XLSX made in bullseye reads back whole
    from_pdf = cells_of(load(out / "导回PDF.gkbg"))
    assert sum(from_pdf.get(cid) == value for cid, value in sample.items()) >= 0.99 * len(sample)
    assert (out / "removed.txt").read_text().strip() == "removed"

    # GB 18030 level 3 on the target: without the font package the characters are named (N5, an error
    # for final) and print as 〓; with it the check passes and the PDF carries them.
    before = (out / "rare-check-before.txt").read_text(encoding="utf-8")
    assert (out / "rare-check-before.status").read_text().strip() == "1", before
    assert "N5" in before and all(ch in before for ch in RARE), before
    assert (out / "rare-check-after.status").read_text().strip() == "0", (out / "rare-check-after.txt").read_text()
    exported = (out / "rare-export-after.txt").read_text(encoding="utf-8")
    assert "HanaMinB" in exported and "BabelStone" in exported, exported
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(out / "生僻字.pdf").pages)
    assert all(ch in text for ch in RARE)
    text_before = "".join(page.extract_text() for page in PdfReader(out / "生僻字-无字库.pdf").pages)
    assert not any(ch in text_before for ch in RARE)


@pytest.mark.glibc228
def test_the_interpreter_is_hardened_as_debians_is(build: Build) -> None:
    """build_interpreter.sh passes dpkg-buildflags' hardening to zig: stack protector, fortified libc
    calls and RELRO, in libpython and in the extension modules."""
    internal = build.bundle / "_internal"
    symbols = {}
    for elf in (internal / "libpython3.11.so.1.0",
                next((internal / "python3.11" / "lib-dynload").glob("_ctypes.*.so"))):
        symbols[elf.name] = subprocess.run(["objdump", "-T", str(elf)], capture_output=True, text=True,
                                           check=True).stdout
        assert "__stack_chk_fail" in symbols[elf.name], elf.name
        headers = subprocess.run(["readelf", "-lW", str(elf)], capture_output=True, text=True, check=True).stdout
        assert "GNU_RELRO" in headers, elf.name
    assert "__memcpy_chk" in symbols["libpython3.11.so.1.0"]  # _FORTIFY_SOURCE
