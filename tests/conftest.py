"""Test set-up shared by every suite.

Qt must never open a real window in tests, and without a display it would
abort the process: the offscreen platform is set before anything imports Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
