"""PDF tests keep the parsed-font cache out of the user's home."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("GKBG_CACHE_DIR", tempfile.mkdtemp(prefix="gkbg-test-cache-"))
