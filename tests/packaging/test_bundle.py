"""The PyInstaller bundle, the .deb's contents and the NSIS script check, as built by packaging/build.sh."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from core.about import APP_ID, APP_NAME, EXECUTABLE, version
from core.project_file import SUFFIX
from core.resources import SAMPLE_NAME
from tests.packaging.packaging_checks import Build, export_sample, wait_ready

pytestmark = pytest.mark.slow

BUNDLE_LIMIT_MB = 150  # issue 6: unpacked bundle ≤ 150 MB


def internal(build: Build) -> Path:
    return build.bundle / "_internal"


def test_bundle_carries_every_resource(build: Build) -> None:
    res = internal(build) / "resources"
    source = Path(__file__).resolve().parents[2] / "resources"
    shipped = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    bundled = {p.relative_to(res) for p in res.rglob("*") if p.is_file()}
    assert shipped <= bundled, sorted(map(str, shipped - bundled))
    assert (res / SAMPLE_NAME).is_file()
    assert (res / "VERSION").read_text(encoding="utf-8").strip() == version()
    assert list((res / "fonts").glob("*.ttf"))


def test_qt_is_trimmed_but_keeps_what_the_app_needs(build: Build) -> None:
    qt = internal(build) / "PySide6" / "Qt"
    translations = sorted(p.name for p in (qt / "translations").iterdir())
    assert "qtbase_zh_CN.qm" in translations
    assert all("zh_CN" in name for name in translations), translations
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert platforms == {"libqxcb.so", "libqoffscreen.so", "libqminimal.so"}
    images = {p.name for p in (qt / "plugins" / "imageformats").iterdir()}
    assert {"libqsvg.so", "libqico.so"} <= images
    assert (qt / "plugins" / "printsupport").is_dir()
    libs = {p.name for p in internal(build).rglob("libQt6*")}
    assert {"libQt6Pdf.so.6", "libQt6PdfWidgets.so.6", "libQt6PrintSupport.so.6", "libQt6Widgets.so.6"} <= libs
    unwanted = sorted(n for n in libs if any(k in n for k in ("Qml", "Quick", "Wayland", "Designer", "OpenGL")))
    assert not unwanted
    assert not (qt / "qml").exists()
    # the host's desktop stack is not duplicated in the bundle (see HOST_LIBS in the spec)
    assert not list(internal(build).glob("libglib-2.0.so*"))
    assert not list(internal(build).glob("libstdc++.so*"))


def test_bundle_size_is_within_target(build: Build) -> None:
    size = sum(p.stat().st_size for p in build.bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert size <= BUNDLE_LIMIT_MB * 1024 * 1024, f"bundle is {size / 1024 / 1024:.1f} MB"


def test_bundled_cli_exports_headless(build: Build, clean_env: dict[str, str], tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in clean_env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM")  # no display, no Qt platform: the subcommands must work regardless
    export_sample(build.executable, env, work)


def test_bundled_gui_starts(build: Build, clean_env: dict[str, str], tmp_path: Path) -> None:
    proc = wait_ready(build.executable, clean_env, tmp_path)
    assert "Traceback" not in proc.stderr


def test_bundled_render_worker_answers_without_qt(build: Build, clean_env: dict[str, str]) -> None:
    """The live document view starts the bundle again as its renderer (no ``python -m`` in a bundle)."""
    from core.project_file import dumps
    from core.render_worker import RENDER_FLAG, decode, encode
    from core.sample import load_sample

    request = encode({"id": 1, "draft": True}, dumps(load_sample()).encode("utf-8"))
    env = {k: v for k, v in clean_env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([str(build.executable), RENDER_FLAG], input=request, env=env,
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    frame = decode(proc.stdout)
    assert frame is not None and frame[0]["ok"] and frame[1].startswith(b"%PDF"), proc.stdout[:200]


@pytest.mark.parametrize("fixture", ["p-dept.pdf", "h-dept.html", "office-1.xlsx"])
def test_bundled_import_reads_published_reports(build: Build, clean_env: dict[str, str], tmp_path: Path,
                                                fixture: str) -> None:
    """pdfminer, lxml and python-docx are in the bundle, trimmed (no cryptography, no objectify) but whole."""
    src = Path(__file__).resolve().parents[1] / "importing" / "fixtures" / fixture
    out = tmp_path / "imported.gkbg"
    proc = subprocess.run([str(build.executable), "import", str(src), "-o", str(out)], env=clean_env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert out.exists() and "Traceback" not in proc.stderr


def test_bundled_import_refuses_an_aes_pdf_in_chinese(build: Build, clean_env: dict[str, str],
                                                      tmp_path: Path) -> None:
    """The bundle ships no cryptography (rthook_no_cryptography): an AES-encrypted PDF is a refusal."""
    from pypdf import PdfReader, PdfWriter

    src = Path(__file__).resolve().parents[1] / "importing" / "fixtures" / "p-dept.pdf"
    writer = PdfWriter()
    for page in PdfReader(src).pages:
        writer.add_page(page)
    writer.encrypt("", "owner", algorithm="AES-128")
    aes = tmp_path / "aes.pdf"
    with aes.open("wb") as fh:
        writer.write(fh)
    proc = subprocess.run([str(build.executable), "import", str(aes), "-o", str(tmp_path / "x.gkbg")],
                          env=clean_env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "加密" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.gkbg").exists()


def test_deb_has_the_uos_layout(build: Build) -> None:
    listing = subprocess.run(["dpkg-deb", "-c", str(build.deb)], capture_output=True, text=True, check=True)
    paths = {line.split()[5].removeprefix(".") for line in listing.stdout.splitlines()}
    app = f"/opt/apps/{APP_ID}"
    expected = {
        f"{app}/info",
        f"{app}/files/{EXECUTABLE}",
        f"{app}/entries/applications/{APP_ID}.desktop",
        f"{app}/entries/icons/hicolor/48x48/apps/{APP_ID}.png",
        f"{app}/entries/icons/hicolor/256x256/apps/{APP_ID}.png",
        f"{app}/entries/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"{app}/entries/mime/packages/{APP_ID}.xml",
        f"/usr/bin/{EXECUTABLE}",
        f"/usr/share/applications/{APP_ID}.desktop",
        f"/usr/share/mime/packages/{APP_ID}.xml",
    }
    assert expected <= paths, sorted(expected - paths)
    files = {p for p in paths if not p.endswith("/")}
    stray = sorted(p for p in files if not p.startswith((f"{app}/", "/usr/bin/", "/usr/share/")))
    assert not stray  # nothing the package could leave behind elsewhere

    fields = subprocess.run(["dpkg-deb", "-f", str(build.deb), "Package", "Version", "Depends"],
                            capture_output=True, text=True, check=True).stdout
    assert f"Package: {APP_ID}" in fields
    assert f"Version: {version()}" in fields


def test_deb_metadata_files(build: Build, tmp_path: Path) -> None:
    subprocess.run(["dpkg-deb", "-x", str(build.deb), str(tmp_path)], check=True)
    app = tmp_path / "opt" / "apps" / APP_ID
    info = json.loads((app / "info").read_text(encoding="utf-8"))
    assert info["appid"] == APP_ID
    assert info["name"] == APP_NAME
    assert info["version"] == version()
    assert info["arch"] and isinstance(info["permissions"], dict)
    desktop = (app / "entries" / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Exec=/opt/apps/{APP_ID}/files/{EXECUTABLE} %f" in desktop
    assert f"Icon={APP_ID}" in desktop
    assert "MimeType=application/x-gkbg-report+json;" in desktop
    mime = (app / "entries" / "mime" / "packages" / f"{APP_ID}.xml").read_text(encoding="utf-8")
    assert f'pattern="*{SUFFIX}"' in mime
    assert 'type="application/x-gkbg-report+json"' in mime
    link = tmp_path / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    assert link.is_symlink()
    assert str(link.readlink()) == f"/opt/apps/{APP_ID}/entries/applications/{APP_ID}.desktop"


def test_nsis_script_compiles_to_a_pe_file(build: Build) -> None:
    assert build.nsis.read_bytes()[:2] == b"MZ"
    assert "VALIDATION-ONLY" in build.nsis.name
    assert (build.nsis.parent / "README.txt").read_text(encoding="utf-8").count("NOT a Windows installer") == 1


def test_every_library_at_the_top_of_the_bundle_is_needed(build: Build) -> None:
    """A library that no ELF in the bundle links (and the bootloader does not load) is only weight."""
    internal = build.bundle / "_internal"
    elves = [p for p in build.bundle.rglob("*") if p.is_file() and (".so" in p.name or p == build.executable)]
    needed: set[str] = set()
    for elf in elves:
        out = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True, check=False).stdout
        needed |= {line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line}
    unused = sorted(p.name for p in internal.glob("*.so*")
                    if p.name not in needed and not p.name.startswith("libpython"))
    assert unused == []
