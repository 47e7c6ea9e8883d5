"""The app icon: SVG source, PNG sizes for Linux menus, a multi-size .ico for Windows."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PIL import Image

from core.resources import resources_dir

ICONS = resources_dir() / "icons"


def test_svg_is_square_and_parses() -> None:
    root = ET.parse(ICONS / "app.svg").getroot()
    assert root.get("viewBox") == "0 0 256 256"


def test_png_sizes_match_their_names() -> None:
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(ICONS / f"app-{size}.png") as im:
            assert im.size == (size, size)
            assert im.mode == "RGBA"
            # transparent corners (rounded square), opaque centre: the icon is drawn, not blank
            assert im.getpixel((0, 0))[3] == 0
            assert im.getpixel((size // 2, size // 2))[3] == 255


def test_ico_holds_the_sizes_windows_uses() -> None:
    with Image.open(ICONS / "app.ico") as im:
        sizes = im.info["sizes"]
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(sizes)
