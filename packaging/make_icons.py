"""Render resources/icons/app.svg to the PNG sizes Linux menus want and a multi-size Windows .ico.

Run after editing the SVG: ``python packaging/make_icons.py``. The outputs are committed, so a
build does not need Qt's SVG renderer at packaging time.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
# hicolor sizes a desktop picks from; 16-256 also go into the .ico (Windows Explorer uses up to 256).
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    svg = ICONS / "app.svg"
    images: dict[int, Image.Image] = {}
    for size in PNG_SIZES:
        png = render_png(svg, size)
        (ICONS / f"app-{size}.png").write_bytes(png)
        images[size] = Image.open(io.BytesIO(png)).convert("RGBA")
    (ICONS / "app.png").write_bytes((ICONS / "app-256.png").read_bytes())
    # Each size rendered from the vector, not downscaled from 256: small icons stay crisp.
    largest = images[max(ICO_SIZES)]
    largest.save(
        ICONS / "app.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    print(f"icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
