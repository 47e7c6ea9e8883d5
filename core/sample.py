"""The built-in sample: 周口市工业和信息化局's published report on 2024."""

from __future__ import annotations

from core.model import Report
from core.project_file import load
from core.resources import sample_path


def load_sample() -> Report:
    return load(sample_path())
