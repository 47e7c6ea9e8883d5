#!/usr/bin/env python3
"""Generate the bundled CJK fonts in ``resources/fonts/``.

Why
---
reportlab's ``TTFont`` only accepts TrueType (``glyf``) outlines; the Noto CJK
fonts ship with CFF outlines and are refused ("postscript outlines are not
supported").  Full CJK fonts are also 15-27 MB each.  This script therefore
subsets free fonts to the characters a Chinese government report needs and
converts CFF outlines to TrueType quadratic outlines (fontTools cu2qu).

Sources (Debian 12 packages; install with
``apt-get install fonts-noto-cjk fonts-lxgw-wenkai``)
-------------------------------------------------------------------------
* ``fonts-noto-cjk`` 1:20220127+repack1-1
    - /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc  (face "Noto Serif CJK SC", v2.001)
    - /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc     (face "Noto Serif CJK SC" Bold, v2.001)
    - /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc      (face "Noto Sans CJK SC" Bold, v2.004)
  Licence: SIL Open Font License 1.1.  Copyright 2014-2022 Adobe; upstream
  (github.com/googlefonts/noto-cjk) declares the Reserved Font Name "Source";
  "Noto" is a trademark of Google (not an RFN).
* ``fonts-lxgw-wenkai`` 1.250+repack-1
    - /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf (v1.250)
  Licence: SIL Open Font License 1.1.  Copyright 2021-2023 LXGW, 2020 The Klee
  Project Authors; Reserved Font Names "霞鹜" and "LXGW".  The subset is a
  Modified Version, so its name table is rewritten to a family name without
  the RFNs ("WenKai GB2312").

The TTC face is found by reading each face's name table (family name ID 1 and
style name ID 2), never by a hard-coded index.

Outputs (file names are stable: the PDF exporter refers to them)
----------------------------------------------------------------
* NotoSerifSC-GB2312.ttf       Noto Serif CJK SC Regular   -> 仿宋/宋体 body fallback
* NotoSerifSC-Bold-GB2312.ttf  Noto Serif CJK SC Bold      -> 小标宋 title fallback
* NotoSansSC-GB2312.ttf        Noto Sans CJK SC Bold       -> 黑体 heading fallback
* NotoSansSC-Regular-GB2312.ttf Noto Sans CJK SC Regular  -> the wizard's UI font on machines with no CJK font
* LXGWWenKai-GB2312.ttf        LXGW WenKai Regular         -> 楷体 fallback
* NotoSerifSC-Ext.ttf          Noto Serif CJK SC Regular, rare hanzi only
                               (U+4E00-U+9FFF and U+3400-U+4DBF minus GB2312)

Coverage of the *-GB2312 files: ASCII U+0020-U+007E, Latin-1 U+00A0-U+00FF,
General Punctuation U+2000-U+206F, CJK Symbols and Punctuation U+3000-U+303F,
Halfwidth/Fullwidth Forms U+FF00-U+FFEF, and every character encodable in
GB2312 (6763 hanzi + 682 symbols: ①-⑩, Ⅰ-Ⅻ, ℃, №, Greek, Cyrillic, kana,
pinyin, box drawing ...).  NotoSerifSC-Ext.ttf has the same five
punctuation/Latin ranges (not GB2312's other symbols) plus the rare hanzi
(镕 堃 喆 玥 ...).  LICENSE-OFL.txt is written too (copyright notices + the OFL
text from the Debian copyright files); README.md is maintained by hand.

Processing of each face: fontTools.subset (hinting dropped, only the GPOS
'kern' layout feature kept - the default feature set pulls in thousands of
locl/vertical variant glyphs that neither reportlab nor the Qt GUI use),
then for CFF faces a CFF -> glyf conversion with Cu2QuPen (the fontTools
"otf2ttf" recipe, max error MAX_ERR = 2 font units), a 'gasp' table for unhinted
smoothing, new names (IDs 1/2/3/4/5/6/16/17, English only), OS/2 code page
bit 18 (cp936) on the Ext file (so Qt on Windows sees it as Chinese), and
``recalcTimestamp=False`` so the output bytes are reproducible.

Usage
-----
    python tools/make_fonts.py              # build all (~1.5 min on 2 cores)
    python tools/make_fonts.py --jobs 1     # serially (~2.5 min, less memory)
    python tools/make_fonts.py --only NotoSerifSC-Ext.ttf
    python tools/make_fonts.py --check      # only verify the existing outputs

Requires: fonttools (>= 4.41; built with 4.68.0), reportlab (for --check).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "resources" / "fonts"

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
LXGW_DIR = Path("/usr/share/fonts/truetype/lxgw-wenkai")

# cu2qu tolerance in font units (UPM 1000).  fontTools' otf2ttf default is 1.0;
# 2.0 (0.2 % of the em, 0.015 mm at 22 pt) makes the files ~7 % smaller with no
# visible difference.
MAX_ERR = 2.0

# Keep glyph names ('post' format 2; the Noto names are CIDs such as
# "cid12345").  False would write 'post' format 3 and save ~0.55 MB in total.
GLYPH_NAMES = True

# Characters that must be present in the files (checked after building).
MUST_HAVE_GB = (
    "0123456789ABCxyz，。、；：？！“”‘’—…（）《》【】〇一二三四五六七八九十年月日政府信息公开报告％"
)
MUST_HAVE_EXT = "镕堃喆玥"


# --------------------------------------------------------------------------
# Character sets
# --------------------------------------------------------------------------
def _ranges(*pairs: tuple[int, int]) -> set[int]:
    out: set[int] = set()
    for lo, hi in pairs:
        out.update(range(lo, hi + 1))
    return out


# ASCII printable, Latin-1 Supplement, General Punctuation, CJK Symbols and
# Punctuation, Halfwidth and Fullwidth Forms.
BASE_CHARS = _ranges(
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2000, 0x206F),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
)


def gb2312_chars() -> set[int]:
    """Every BMP character that Python's gb2312 codec encodes (two-byte codes)."""
    out = set()
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        try:
            chr(cp).encode("gb2312")
        except UnicodeEncodeError:
            continue
        out.add(cp)
    return out


GB2312 = gb2312_chars()
GB_SET = BASE_CHARS | GB2312
CJK_ALL = _ranges((0x4E00, 0x9FFF), (0x3400, 0x4DBF))
EXT_SET = BASE_CHARS | (CJK_ALL - GB2312)


# --------------------------------------------------------------------------
# Font descriptions
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Spec:
    out: str  # output file name
    sources: tuple[tuple[str, str, str], ...]  # (path, family ID1, style ID2) in preference order
    unicodes: str  # "gb" or "ext"
    family: str  # new family name (name IDs 1/16)
    style: str  # "Regular" or "Bold"
    ps_family: str  # PostScript family (no spaces)


SPECS = (
    Spec(
        out="NotoSerifSC-GB2312.ttf",
        sources=((str(NOTO_DIR / "NotoSerifCJK-Regular.ttc"), "Noto Serif CJK SC", "Regular"),),
        unicodes="gb",
        family="Noto Serif CJK SC GB2312",
        style="Regular",
        ps_family="NotoSerifCJKscGB2312",
    ),
    Spec(
        out="NotoSerifSC-Bold-GB2312.ttf",
        sources=(
            (str(NOTO_DIR / "NotoSerifCJK-Bold.ttc"), "Noto Serif CJK SC", "Bold"),
            (str(NOTO_DIR / "NotoSerifCJK-Black.ttc"), "Noto Serif CJK SC Black", "Regular"),
        ),
        unicodes="gb",
        family="Noto Serif CJK SC GB2312",
        style="Bold",
        ps_family="NotoSerifCJKscGB2312",
    ),
    Spec(
        out="NotoSansSC-GB2312.ttf",
        sources=(
            (str(NOTO_DIR / "NotoSansCJK-Bold.ttc"), "Noto Sans CJK SC", "Bold"),
            (str(NOTO_DIR / "NotoSansCJK-Medium.ttc"), "Noto Sans CJK SC Medium", "Regular"),
            (str(NOTO_DIR / "NotoSansCJK-Regular.ttc"), "Noto Sans CJK SC", "Regular"),
        ),
        unicodes="gb",
        family="Noto Sans CJK SC GB2312",
        style="Bold",
        ps_family="NotoSansCJKscGB2312",
    ),
    Spec(
        out="NotoSansSC-Regular-GB2312.ttf",
        sources=((str(NOTO_DIR / "NotoSansCJK-Regular.ttc"), "Noto Sans CJK SC", "Regular"),),
        unicodes="gb",
        family="Noto Sans CJK SC GB2312",
        style="Regular",
        ps_family="NotoSansCJKscGB2312",
    ),
    Spec(
        out="LXGWWenKai-GB2312.ttf",
        sources=((str(LXGW_DIR / "LXGWWenKai-Regular.ttf"), "LXGW WenKai", "Regular"),),
        unicodes="gb",
        family="WenKai GB2312",
        style="Regular",
        ps_family="WenKaiGB2312",
    ),
    Spec(
        out="NotoSerifSC-Ext.ttf",
        sources=((str(NOTO_DIR / "NotoSerifCJK-Regular.ttc"), "Noto Serif CJK SC", "Regular"),),
        unicodes="ext",
        family="Noto Serif CJK SC Ext",
        style="Regular",
        ps_family="NotoSerifCJKscExt",
    ),
)


# --------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------
def _english_name(font: TTFont, name_id: int) -> str:
    rec = font["name"].getName(name_id, 3, 1, 0x409)
    return rec.toUnicode() if rec else (font["name"].getDebugName(name_id) or "")


def open_source(spec: Spec) -> tuple[TTFont, str, int]:
    """Open the first available source face; return (font, path, face index)."""
    for path, family, style in spec.sources:
        if not os.path.exists(path):
            continue
        if path.lower().endswith((".ttc", ".otc")):
            coll = TTCollection(path, lazy=True)
            index = None
            for i, face in enumerate(coll.fonts):
                if _english_name(face, 1) == family and _english_name(face, 2) == style:
                    index = i
                    break
            coll.close()
            if index is None:
                continue
            return TTFont(path, fontNumber=index, recalcTimestamp=False), path, index
        font = TTFont(path, recalcTimestamp=False)
        if _english_name(font, 1) == family and _english_name(font, 2) == style:
            return font, path, -1
        font.close()
    raise SystemExit(
        f"{spec.out}: no source font found; tried {[s[0] for s in spec.sources]}.\n"
        "Install the Debian packages fonts-noto-cjk and fonts-lxgw-wenkai."
    )


def do_subset(font: TTFont, unicodes: set[int]) -> None:
    opts = subset.Options()
    opts.hinting = False  # drop CFF hints / TrueType instructions
    opts.layout_features = ["kern"]  # no locl/vert/aalt closure (doubles glyph count)
    opts.glyph_names = GLYPH_NAMES  # keep glyph names in 'post'
    opts.notdef_outline = True  # a missing glyph shows a box, not nothing
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17]
    opts.name_languages = [0x409]  # English names only (drops 霞鹜文楷)
    opts.drop_tables += ["DSIG", "VORG", "BASE", "vhea", "vmtx"]  # horizontal only
    opts.recalc_timestamp = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)


def cff_to_glyf(font: TTFont, max_err: float = MAX_ERR) -> None:
    """Replace CFF outlines by TrueType outlines (fontTools otf2ttf recipe)."""
    assert "CFF " in font, "not a CFF font"
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quad = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        # Dropping on-curve points that are exact midpoints of two off-curve
        # points is lossless and saves ~0.2 % (fontTools >= 4.41).
        quad[name] = tt_pen.glyph(dropImpliedOnCurves=True)

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quad
    del font["CFF "]
    glyf.compile(font)  # computes bounding boxes

    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0

    post = font["post"]
    post.formatType = 2.0 if GLYPH_NAMES else 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\x00\x01\x00\x00"


def add_gasp(font: TTFont) -> None:
    """Unhinted outlines: ask rasterisers for grey-scale + symmetric smoothing."""
    gasp = font["gasp"] = newTable("gasp")
    gasp.version = 1
    gasp.gaspRange = {0xFFFF: 0x000A}


def rename(font: TTFont, spec: Spec, src_version: str, note: str) -> None:
    name = font["name"]
    fam, style = spec.family, spec.style
    full = fam if style == "Regular" else f"{fam} {style}"
    ps = f"{spec.ps_family}-{style}"
    version = f"{src_version}; {note}"
    for nid in (1, 2, 3, 4, 5, 6, 16, 17):
        name.removeNames(nameID=nid)
    for nid, text in (
        (1, fam),
        (2, style),
        (3, f"{src_version.replace('Version ', '').split(';')[0]};{ps};make_fonts"),
        (4, full),
        (5, version),
        (6, ps),
        (16, fam),
        (17, style),
    ):
        name.setName(text, nid, 3, 1, 0x409)
    # Keep only Windows-Unicode English records, sorted.
    name.names = [r for r in name.names if (r.platformID, r.platEncID, r.langID) == (3, 1, 0x409)]
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))

    bold = style == "Bold"
    os2 = font["OS/2"]
    os2.usWeightClass = 700 if bold else 400
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if bold else 0b1000000)
    font["head"].macStyle = (font["head"].macStyle & ~1) | (1 if bold else 0)


def build(spec: Spec) -> dict:
    t0 = time.perf_counter()
    font, src_path, index = open_source(spec)
    src_version = _english_name(font, 5).split(";")[0]
    src_family = f"{_english_name(font, 1)} {_english_name(font, 2)}"
    unicodes = GB_SET if spec.unicodes == "gb" else EXT_SET
    available = set(font.getBestCmap())
    do_subset(font, unicodes)
    was_cff = "CFF " in font
    if was_cff:
        cff_to_glyf(font)
    add_gasp(font)
    note = "subset " + ("GB2312" if spec.unicodes == "gb" else "rare CJK (URO+ExtA minus GB2312)")
    note += " by tools/make_fonts.py"
    rename(font, spec, src_version, note)
    if spec.unicodes == "ext":
        # The rare-character file has no GB2312 hanzi, so fontTools clears the
        # OS/2 code page bit 18 (cp936, Simplified Chinese); without it Qt on
        # Windows classifies the font as "Latin" only, which can keep it out
        # of Han font fallback.  Declare it explicitly.
        font["OS/2"].ulCodePageRange1 |= 1 << 18
    out = OUT_DIR / spec.out
    tmp = out.with_suffix(".tmp")
    font.save(tmp)
    font.close()
    os.replace(tmp, out)
    f2 = TTFont(out)
    cmap = f2.getBestCmap()
    info = {
        "out": spec.out,
        "source": f"{src_path}" + (f" #{index}" if index >= 0 else ""),
        "source_face": src_family,
        "source_version": src_version,
        "family": spec.family,
        "style": spec.style,
        "cff_converted": was_cff,
        "requested": len(unicodes),
        "mapped": len(cmap),
        "missing_in_source": len(unicodes - available),
        "hanzi": sum(1 for c in cmap if c in CJK_ALL),
        "glyphs": f2["maxp"].numGlyphs,
        "bytes": out.stat().st_size,
        "sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    f2.close()
    return info


# --------------------------------------------------------------------------
# Licence file
# --------------------------------------------------------------------------
LICENSE_HEADER = """\
The font files in this folder are Modified Versions (subsets with converted
outlines, made by tools/make_fonts.py) of the following fonts.  They are
distributed under the SIL Open Font License, Version 1.1, reproduced below.

NotoSerifSC-GB2312.ttf, NotoSerifSC-Bold-GB2312.ttf, NotoSerifSC-Ext.ttf
  from Noto Serif CJK SC 2.001 (Debian package fonts-noto-cjk):
  Copyright 2017-2022 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.
  Noto is a trademark of Google Inc.

NotoSansSC-GB2312.ttf
  from Noto Sans CJK SC 2.004 (Debian package fonts-noto-cjk):
  Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.
  Noto is a trademark of Google Inc.

LXGWWenKai-GB2312.ttf (font name "WenKai GB2312")
  from LXGW WenKai 1.250 (Debian package fonts-lxgw-wenkai):
  Copyright 2021-2023 LXGW (https://github.com/lxgw/LxgwWenKai),
  with Reserved Font Names "霞鹜" and "LXGW".
  Copyright 2020 The Klee Project Authors (https://github.com/fontworks-fonts/Klee).
  Klee is a trademark of Fontworks Inc.

"""

OFL_SOURCES = (
    ("/usr/share/doc/fonts-noto-cjk/copyright", "SIL-1.1"),
    ("/usr/share/doc/fonts-lxgw-wenkai/copyright", "OFL-1.1"),
)


def ofl_text() -> str:
    """The OFL 1.1 text from the Debian copyright files (both must agree)."""
    import re

    texts = []
    for path, key in OFL_SOURCES:
        doc = Path(path).read_text(encoding="utf-8")
        m = re.search(r"^License: " + re.escape(key) + r"\n((?: .*\n)+)", doc, re.M)
        if not m:
            raise SystemExit(f"no 'License: {key}' paragraph in {path}")
        lines = ["" if ln == " ." else ln[1:] for ln in m.group(1).splitlines()]
        while lines and not lines[-1]:
            lines.pop()
        texts.append("\n".join(lines) + "\n")
    if len(set(texts)) != 1:
        raise SystemExit("the OFL texts of the Debian packages differ; check by hand")
    return texts[0]


def write_license() -> None:
    (OUT_DIR / "LICENSE-OFL.txt").write_text(LICENSE_HEADER + ofl_text(), encoding="utf-8")


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------
def check(paths: list[Path]) -> bool:
    """Load each file in reportlab and check the required characters."""
    import statistics

    from reportlab.pdfbase.ttfonts import TTFont as RLFont

    ok = True
    for p in paths:
        times = []
        for _ in range(5):
            t = time.perf_counter()
            rl = RLFont(p.stem, str(p))
            times.append((time.perf_counter() - t) * 1000)
        c2g = rl.face.charToGlyph
        need = MUST_HAVE_EXT if p.name.endswith("-Ext.ttf") else MUST_HAVE_GB
        missing = [ch for ch in need if ord(ch) not in c2g]
        if missing:
            ok = False
        print(
            f"{p.name:30s} {p.stat().st_size:>10,d} B  reportlab load median "
            f"{statistics.median(times):6.1f} ms  chars {len(c2g):6d}  "
            f"missing required: {''.join(missing) or '-'}"
        )
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--only", action="append", help="build only this output file name")
    ap.add_argument("--check", action="store_true", help="only verify existing outputs")
    args = ap.parse_args(argv)

    specs = [s for s in SPECS if not args.only or s.out in args.only]
    if not specs:
        ap.error(f"--only must be one of {[s.out for s in SPECS]}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)

    if not args.check:
        # Longest job first so that two workers finish at about the same time.
        specs_sorted = sorted(specs, key=lambda s: s.unicodes != "ext")
        if args.jobs > 1:
            with concurrent.futures.ProcessPoolExecutor(args.jobs) as ex:
                results = list(ex.map(build, specs_sorted))
        else:
            results = [build(s) for s in specs_sorted]
        write_license()
        for r in sorted(results, key=lambda r: r["out"]):
            print(
                f"{r['out']:30s} {r['bytes']:>10,d} B  {r['glyphs']:6d} glyphs  "
                f"{r['mapped']:6d} chars ({r['hanzi']} hanzi; "
                f"{r['missing_in_source']} requested but not in source)  "
                f"{r['seconds']:5.1f} s  <- {r['source_face']} {r['source_version']}"
            )
            print(f"{'':30s} sha256 {r['sha256']}")
    return 0 if check([OUT_DIR / s.out for s in specs]) else 1


if __name__ == "__main__":
    sys.exit(main())
