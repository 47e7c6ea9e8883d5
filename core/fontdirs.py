"""Where a desk keeps its fonts (no reportlab, no Qt: the PDF exporter and the wizard both ask)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def system_font_dirs() -> list[Path]:
    """Folders searched for the clerk's fonts (tests replace this)."""
    dirs: list[Path] = []
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [Path("/Library/Fonts"), Path.home() / "Library" / "Fonts"]
    else:
        dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                 Path.home() / ".local" / "share" / "fonts", Path.home() / ".fonts"]
    return dirs
