"""Build the optional font package gov-report-fonts-gb18030 (a .deb) from Debian's own font files.

    apt-get install fonts-hanazono fonts-babelstone-han fontconfig
    python3 tools/build_font_package.py [--out dist] [--check]

The bundled fonts draw 27,553 of the 87,887 汉字 of GB 18030-2022 level 3 (core.gb18030). The
package adds the rest, and nothing the bundled fonts already have:

- ``HanaMinB.ttf`` from ``fonts-hanazono``, unmodified: Extensions B–F (60,317 characters);
- ``BabelStoneHan-GB18030.ttf``: a subset of ``BabelStoneHan.ttf`` (``fonts-babelstone-han``) holding
  only what neither the bundled fonts nor HanaMinB draw (U+9FEB–U+9FEF and the twelve unified
  ideographs of the compatibility block), renamed "BabelStone Han GB18030" so it is never taken
  for the full font.

Both are TrueType (glyf) outlines, which reportlab embeds. The Debian copyright files (Hanazono
Font License or OFL 1.1; Arphic Public License, CC-BY-SA) go to /usr/share/doc. The files land in
/usr/share/fonts/truetype/gov-report-fonts-gb18030 (core.gb18030.OPTIONAL_PACKAGE_DIR), where the
exporter looks and fontconfig finds them for the wizard. ``--check`` verifies coverage only.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fontTools import subset  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402

from core.about import APP_ID  # noqa: E402
from core.gb18030 import OPTIONAL_PACKAGE, OPTIONAL_PACKAGE_DIR, level3_codepoints  # noqa: E402

HANAMIN_B = Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")
BABELSTONE = Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")
COPYRIGHTS = {"fonts-hanazono": Path("/usr/share/doc/fonts-hanazono/copyright"),
              "fonts-babelstone-han": Path("/usr/share/doc/fonts-babelstone-han/copyright")}
BUNDLED = ("NotoSerifSC-GB2312.ttf", "NotoSerifSC-Ext.ttf")
SUBSET_NAME = "BabelStone Han GB18030"
SUBSET_FILE = "BabelStoneHan-GB18030.ttf"


def cmap(path: Path) -> set[int]:
    with TTFont(str(path), lazy=True) as font:
        return set(font.getBestCmap())


def plan() -> tuple[set[int], set[int]]:
    """(what HanaMinB adds, what the BabelStone subset must add); exits if anything stays uncovered."""
    need = set(level3_codepoints())
    for name in BUNDLED:
        need -= cmap(ROOT / "resources" / "fonts" / name)
    from_hana = need & cmap(HANAMIN_B)
    rest = need - from_hana
    from_babel = rest & cmap(BABELSTONE)
    if rest - from_babel:
        missing = ", ".join(f"U+{cp:04X}" for cp in sorted(rest - from_babel)[:20])
        raise SystemExit(f"not covered by any source font: {missing}")
    return from_hana, from_babel


def make_subset(codepoints: set[int], out: Path) -> None:
    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = False
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    font = subset.load_font(str(BABELSTONE), opts)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(codepoints))
    sub.subset(font)
    names = font["name"]
    ps = SUBSET_NAME.replace(" ", "")
    for rec in list(names.names):
        if rec.nameID in (1, 4, 16):
            rec.string = SUBSET_NAME
        elif rec.nameID == 3:
            rec.string = f"{ps}-Regular;subset of BabelStone Han"
        elif rec.nameID == 6:
            rec.string = f"{ps}-Regular"
    font.save(str(out))
    font.close()


def version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def build(out_dir: Path) -> Path:
    from_hana, from_babel = plan()
    ver = version()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pkg"
        fonts = root / str(OPTIONAL_PACKAGE_DIR).lstrip("/")
        fonts.mkdir(parents=True)
        shutil.copy2(HANAMIN_B, fonts / HANAMIN_B.name)
        make_subset(from_babel, fonts / SUBSET_FILE)
        doc = root / "usr/share/doc" / OPTIONAL_PACKAGE
        doc.mkdir(parents=True)
        parts = [f"This package holds fonts taken from Debian packages, for {OPTIONAL_PACKAGE}.\n"]
        for pkg, path in COPYRIGHTS.items():
            parts.append(f"\n==== {pkg} ({path}) ====\n\n{path.read_text('utf-8')}")
        (doc / "copyright").write_text("".join(parts), "utf-8")
        (doc / "README").write_text(
            f"{HANAMIN_B.name}: unmodified from fonts-hanazono ({len(from_hana)} characters of GB 18030-2022 level 3).\n"
            f"{SUBSET_FILE}: subset of BabelStoneHan.ttf from fonts-babelstone-han, renamed "
            f"'{SUBSET_NAME}' ({len(from_babel)} characters: "
            + " ".join(f"U+{cp:04X}" for cp in sorted(from_babel)) + ").\n", "utf-8")
        debian = root / "DEBIAN"
        debian.mkdir()
        size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) // 1024
        (debian / "control").write_text(
            f"Package: {OPTIONAL_PACKAGE}\nVersion: {ver}\nArchitecture: all\n"
            "Maintainer: gov-disclosure-report <noreply@example.invalid>\nSection: fonts\nPriority: optional\n"
            f"Installed-Size: {size_kb}\nEnhances: {APP_ID}\n"
            "Description: GB 18030-2022 level-3 Han characters for 政府信息公开年报助手\n"
            " The Extension B-F characters (HanaMinB) and the few BMP characters the\n"
            " application's bundled fonts lack (a BabelStone Han subset), so that names\n"
            " with rare characters print in the PDF and show in the wizard.\n", "utf-8")
        post = "#!/bin/sh\nset -e\nif command -v fc-cache >/dev/null 2>&1; then fc-cache -f " \
               f"{OPTIONAL_PACKAGE_DIR} || true; fi\n"
        for script in ("postinst", "postrm"):
            (debian / script).write_text(post.replace(f" {OPTIONAL_PACKAGE_DIR}", "") if script == "postrm"
                                         else post, "utf-8")
            (debian / script).chmod(0o755)
        out_dir.mkdir(parents=True, exist_ok=True)
        deb = out_dir / f"{OPTIONAL_PACKAGE}_{ver}_all.deb"
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)], check=True,
                       stdout=subprocess.DEVNULL)
    print(f"{deb}: {deb.stat().st_size:,} bytes ({deb.stat().st_size / 2**20:.1f} MiB); "
          f"installed {size_kb / 1024:.1f} MiB; HanaMinB {len(from_hana)} + subset {len(from_babel)} characters")
    return deb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--check", action="store_true", help="only check that the sources cover level 3")
    args = parser.parse_args()
    for path in (HANAMIN_B, BABELSTONE, *COPYRIGHTS.values()):
        if not path.is_file():
            print(f"missing {path}: apt-get install fonts-hanazono fonts-babelstone-han", file=sys.stderr)
            return 2
    if args.check:
        hana, babel = plan()
        print(f"HanaMinB adds {len(hana)}, the BabelStone subset {len(babel)}: level 3 complete")
        return 0
    build(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
