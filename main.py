"""政府信息公开年报助手: ``python main.py [FILE]`` opens the wizard; subcommands work headless.

The headless path never imports Qt, so scripts and CI stay fast and run
where no display (or no Qt) is available.
"""

from __future__ import annotations

import sys

SUBCOMMANDS = frozenset({"check", "sample", "new", "fix-totals", "export", "import-xlsx", "-h", "--help"})


def main(argv: list[str]) -> int:
    if argv and argv[0] in SUBCOMMANDS:
        from core.cli import main as cli_main

        return cli_main(argv)
    from gui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
