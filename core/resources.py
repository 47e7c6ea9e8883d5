"""Where the shipped resources are, in a source checkout and in a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


SAMPLE_NAME = "sample-zhoukou-gxj-2024.gkbg.json"


def sample_path() -> Path:
    return resources_dir() / SAMPLE_NAME


def schema_path() -> Path:
    return resources_dir() / "project-file.schema.json"
