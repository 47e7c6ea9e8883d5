"""Print the project's dependencies from pyproject.toml, one per line, plus those of the named extras.

    python scripts/pyproject_deps.py [EXTRA,EXTRA…]

Used by scripts/setup.sh (the test environment) and packaging/glibc228/site.sh (the release bundle's
wheels), so both install what pyproject.toml says and nothing spelled again.
"""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text("utf-8"))["project"]
deps = list(project["dependencies"])
for extra in filter(None, (sys.argv[1] if len(sys.argv) > 1 else "").split(",")):
    deps += project["optional-dependencies"][extra]
print("\n".join(deps))
