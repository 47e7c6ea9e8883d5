"""The 草稿 watermark as outlines, not text: a reader's copy-and-paste or pdftotext must not
pick a stray 「稿」 out of the middle of a paragraph.

The two glyphs are Noto Sans SC's (OFL 1.1, resources/fonts), in font units (1000 an em),
converted from TrueType quadratics to the cubic curves a PDF path holds.
"""

from __future__ import annotations

from typing import Any

UNITS_PER_EM = 1000

# (character, advance, path: M x y / L x y / C x1 y1 x2 y2 x y / Z)
GLYPHS: tuple[tuple[str, int, str], ...] = (
    ("草", 1000, (
        "M 268 375 L 268 317 L 727 317 L 727 375 Z  M 268 516 L 268 460 L 727 460 L 727 516 Z  M 153 608 "
        "L 847 608 L 847 226 L 556 226 L 556 165 L 950 165 L 950 57 L 556 57 L 556 -89 L 435 -89 L 435 57 "
        "L 53 57 L 53 165 L 435 165 L 435 226 L 153 226 Z  M 56 792 L 266 792 L 266 850 L 383 850 L 383 "
        "792 L 614 792 L 614 850 L 731 850 L 731 792 L 946 792 L 946 687 L 731 687 L 731 624 L 614 624 L "
        "614 687 L 383 687 L 383 624 L 266 624 L 266 687 L 56 687 Z "
    )),
    ("稿", 1000, (
        "M 548 535 L 548 478 L 788 478 L 788 535 Z  M 444 615 L 899 615 L 899 397 L 444 397 Z  M 619 148 "
        "L 619 88 L 719 88 L 719 148 Z  M 534 227 L 808 227 L 808 9 L 534 9 Z  M 581 825 L 697 856 C 705 "
        "840 713 822 722 804 C 731 784 738 767 745 751 L 964 751 L 964 650 L 385 650 L 385 738 C 370 733 "
        "354 728 336 723 C 320 718 302 714 284 710 L 284 566 L 397 566 L 397 455 L 284 455 L 284 439 C "
        "293 432 309 416 331 394 C 353 370 371 351 385 336 L 385 361 L 957 361 L 957 13 C 957 -10 955 -28 "
        "950 -42 C 945 -56 936 -67 922 -74 C 908 -82 892 -87 872 -88 C 854 -89 831 -90 806 -90 C 804 -76 "
        "800 -60 794 -42 C 789 -25 783 -10 777 3 C 790 2 802 2 813 2 C 824 2 832 2 836 2 C 844 2 848 6 "
        "848 13 L 848 264 L 492 264 L 492 -90 L 385 -90 L 385 297 L 331 220 C 326 231 320 245 311 261 C "
        "302 277 293 293 284 310 L 284 -90 L 173 -90 L 173 262 C 158 225 142 190 126 158 C 108 124 91 96 "
        "74 72 C 68 90 59 110 48 133 C 36 156 25 175 16 191 C 42 222 67 262 92 311 C 117 360 137 408 154 "
        "455 L 41 455 L 41 566 L 173 566 L 173 689 C 154 686 136 684 118 681 C 99 678 81 676 64 675 C 62 "
        "688 58 704 52 722 C 45 740 39 756 32 769 C 83 776 135 786 187 798 C 239 809 284 822 321 837 L "
        "385 745 L 385 751 L 610 751 Z "
    )),
)


def _path(canv: Any, data: str, scale: float, dx: float) -> Any:
    path = canv.beginPath()
    tokens = data.split()
    i = 0
    while i < len(tokens):
        op = tokens[i]
        n = {"M": 2, "L": 2, "C": 6, "Z": 0}[op]
        v = [float(t) * scale for t in tokens[i + 1:i + 1 + n]]
        i += 1 + n
        if op == "M":
            path.moveTo(v[0] + dx, v[1])
        elif op == "L":
            path.lineTo(v[0] + dx, v[1])
        elif op == "C":
            path.curveTo(v[0] + dx, v[1], v[2] + dx, v[3], v[4] + dx, v[5])
        else:
            path.close()
    return path


def draw_mark(canv: Any, size: float) -> None:
    """草稿 centred on the current origin, ``size`` points an em (the caller sets colour and rotation)."""
    scale = size / UNITS_PER_EM
    width = sum(adv for _, adv, _ in GLYPHS) * scale
    x = -width / 2
    for _ch, adv, parts in GLYPHS:
        canv.drawPath(_path(canv, parts, scale, x), stroke=0, fill=1, fillMode=1)
        x += adv * scale
