"""Build the Linux package from the PyInstaller bundle, in the 统信UOS application layout.

    python packaging/deb/build_deb.py [--bundle dist/gov-report] [--out dist]

/opt/apps/<appid>/
    info                                   UOS application manifest (JSON)
    files/                                 the PyInstaller bundle (gov-report + _internal/)
    entries/applications/<appid>.desktop
    entries/icons/hicolor/<n>x<n>/apps/<appid>.png, scalable/apps/<appid>.svg
    entries/mime/packages/<appid>.xml      the project file type (*.gkbg.json)
/usr/bin/gov-report                        wrapper, so a terminal (and scripts) can call the CLI
/usr/share/{applications,icons,mime}/…     symlinks into entries/: UOS links entries/ itself, but
                                           plain Debian, Kylin and deepin desktops only look here

Everything is a file of the package, so `dpkg -r` removes it all. No maintainer scripts: the desktop
caches (MIME database, icon cache, desktop database) are refreshed by the dpkg file triggers of
shared-mime-info, hicolor-icon-theme and desktop-file-utils, on Debian and UOS alike.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from core.about import APP_ID, APP_NAME, EXECUTABLE, version  # noqa: E402
from core.project_file import SUFFIXES  # noqa: E402

sys.path.insert(0, str(ROOT / "packaging"))
import glibc_floor  # noqa: E402
import target_libs  # noqa: E402

MIME_TYPE = "application/x-gkbg-report+json"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# What the bundle loads from the host (see HOST_LIBS in the spec). Debian/UOS package names.
# libc6's minimum is measured from the bundle (packaging/glibc_floor.py), never written by hand.
DEPENDS = [
    "libstdc++6", "libgcc-s1", "libglib2.0-0", "libfontconfig1", "libfreetype6",
    "libx11-6", "libx11-xcb1", "libxcb1", "libdbus-1-3", "libgl1", "libegl1", "zlib1g",
]
# The glibc-2.28 build leaves these to the target too (packaging/target_libs.py), in order.
TARGET_GLIBC_DEPENDS = list(dict.fromkeys(target_libs.TARGET_LIBS.values()))
RECOMMENDS = ["libcups2", "shared-mime-info", "desktop-file-utils", "hicolor-icon-theme"]


def deb_arch() -> str:
    out = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def desktop_entry(prefix: str) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        f"Name[zh_CN]={APP_NAME}",
        "GenericName=政府信息公开年度报告编制",
        "Comment=编制、检查并导出政府信息公开工作年度报告（2021年格式）",
        f"Exec={prefix}/files/{EXECUTABLE} %f",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Office;",
        f"MimeType={MIME_TYPE};",
        "Keywords=政府信息公开;年度报告;年报;",
        "StartupNotify=true",
        "",
    ])


# Every suffix the program opens: ".gkbg" (saved now) and ".gkbg.json" (earlier files). The longer
# glob outweighs shared-mime-info's own "*.json", so such files are ours and still JSON (sub-class).
GLOBS = "\n".join(f'    <glob pattern="*{s}" weight="60"/>' for s in SUFFIXES)


def mime_xml() -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>Government information disclosure annual report project</comment>
    <comment xml:lang="zh_CN">政府信息公开年报项目</comment>
    <sub-class-of type="application/json"/>
    <icon name="{APP_ID}"/>
{GLOBS}
  </mime-type>
</mime-info>
"""


def info_json(ver: str, arch: str) -> str:
    return json.dumps({
        "appid": APP_ID,
        "name": APP_NAME,
        "version": ver,
        "arch": [arch],
        "permissions": {
            "autostart": False, "notification": False, "trayicon": False, "clipboard": True,
            "account": False, "bluetooth": False, "camera": False, "audio_record": False,
            "installed_apps": False,
        },
    }, ensure_ascii=False, indent=2) + "\n"


WRAPPER = """#!/bin/sh
# {name}: the GUI without arguments; subcommands (check, sample, export …) run headless.
exec {prefix}/files/{exe} "$@"
"""

def installed_size_kib(folder: Path) -> int:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    return (total + 1023) // 1024


def build(bundle: Path, out_dir: Path, work: Path, *, fast: bool = False, target_glibc: str | None = None) -> Path:
    """``target_glibc``: the bundle was built for that glibc; refuse it if any ELF in it needs more."""
    if not (bundle / EXECUTABLE).is_file():
        raise SystemExit(f"no bundle at {bundle}: run pyinstaller first (bash packaging/build.sh)")
    needs, by_file = glibc_floor.floor(bundle)
    depends = list(DEPENDS)
    if target_glibc:
        target = tuple(int(p) for p in target_glibc.split("."))
        too_new = sorted(str(p.relative_to(bundle)) for p, v in by_file.items() if v > target)
        if too_new:
            raise SystemExit(f"build_deb: built for glibc {target_glibc}, but these need more: {too_new[:10]}")
        depends += TARGET_GLIBC_DEPENDS
    ver, arch = version(), deb_arch()
    prefix = f"/opt/apps/{APP_ID}"
    if work.exists():
        shutil.rmtree(work)
    app = work / prefix.lstrip("/")
    shutil.copytree(bundle, app / "files", symlinks=True)

    entries = app / "entries"
    (entries / "applications").mkdir(parents=True)
    (entries / "applications" / f"{APP_ID}.desktop").write_text(desktop_entry(prefix), encoding="utf-8")
    icons = ROOT / "resources" / "icons"
    for size in ICON_SIZES:
        target = entries / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copyfile(icons / f"app-{size}.png", target / f"{APP_ID}.png")
    (entries / "icons" / "hicolor" / "scalable" / "apps").mkdir(parents=True)
    shutil.copyfile(icons / "app.svg", entries / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg")
    (entries / "mime" / "packages").mkdir(parents=True)
    (entries / "mime" / "packages" / f"{APP_ID}.xml").write_text(mime_xml(), encoding="utf-8")
    (app / "info").write_text(info_json(ver, arch), encoding="utf-8")

    # plain-Debian visibility: symlinks owned by the package
    usr_share = work / "usr" / "share"
    for rel in entries.rglob("*"):
        if rel.is_file():
            relative = rel.relative_to(entries)
            link = usr_share / relative
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(f"{prefix}/entries/{relative.as_posix()}")
    bin_dir = work / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    wrapper = bin_dir / EXECUTABLE
    wrapper.write_text(WRAPPER.format(name=APP_NAME, prefix=prefix, exe=EXECUTABLE), encoding="utf-8")
    wrapper.chmod(0o755)

    debian = work / "DEBIAN"
    debian.mkdir()
    control = "\n".join([
        f"Package: {APP_ID}",
        f"Version: {ver}",
        f"Architecture: {arch}",
        "Maintainer: 政府信息公开年报助手 <noreply@localhost>",
        f"Installed-Size: {installed_size_kib(work)}",
        f"Depends: {', '.join([f'libc6 (>= {glibc_floor.dotted(needs)})', *depends])}",
        f"Recommends: {', '.join(RECOMMENDS)}",
        "Section: office",
        "Priority: optional",
        f"Description: {APP_NAME}",
        " Prepare, check and export the annual report on government information",
        " disclosure (2021 national format) to PDF and XLSX. Works offline.",
        " 编制、检查并导出政府信息公开工作年度报告（2021年格式）。",
        "",
    ])
    (debian / "control").write_text(control, encoding="utf-8")

    for path in [work, *work.rglob("*")]:  # dpkg wants sane modes whatever the umask of the build
        if path.is_symlink():
            continue
        if path.is_dir() or os.access(path, os.X_OK):
            path.chmod(0o755)
        else:
            path.chmod(0o644)

    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{APP_ID}_{ver}_{arch}.deb"
    # xz: what every dpkg reads (UOS 20's dpkg has no zstd) and the smallest (about 48 MB, 2 min here).
    # --fast (tests): gzip -1, 69 MB in 4 s; the package is otherwise identical.
    compression = ["-Zgzip", "-z1"] if fast else ["-Zxz", "-z6"]
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", *compression, "--build", str(work), str(deb)],
        check=True, stdout=subprocess.DEVNULL,
    )
    return deb


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build the UOS-layout .deb from the PyInstaller bundle")
    p.add_argument("--bundle", type=Path, default=ROOT / "dist" / EXECUTABLE)
    p.add_argument("--out", type=Path, default=ROOT / "dist")
    p.add_argument("--work", type=Path, default=ROOT / "build" / "deb")
    p.add_argument("--fast", action="store_true", help="gzip -1 instead of xz: for tests")
    p.add_argument("--target-glibc", help="the glibc the bundle was built for (packaging/build.sh)")
    args = p.parse_args(argv)
    deb = build(args.bundle, args.out, args.work, fast=args.fast, target_glibc=args.target_glibc)
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
