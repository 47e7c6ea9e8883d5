"""政府信息公开年报助手: ``python main.py [FILE]`` opens the wizard; subcommands work headless.

The headless path never imports Qt, so scripts and CI stay fast and run
where no display (or no Qt) is available.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

EXIT_USAGE = 2  # the CLI's "unusable input" status, shared by every refusal to start

NO_DISPLAY_MESSAGE = """错误：找不到图形显示，无法打开窗口（没有设置 DISPLAY 或 WAYLAND_DISPLAY）。
这通常是因为程序在没有桌面的终端里运行（例如 SSH 登录、容器或服务器）。可以：
  · 在桌面会话的终端中运行；
  · 远程登录时使用 ssh -X 转发显示，或在虚拟显示中运行：xvfb-run -a <原命令>；
  · 只需检查或导出时使用命令行子命令，它们不需要显示（加 --help 查看全部子命令）。"""


def cli_commands() -> frozenset[str]:
    """The subcommands core.cli defines, read from its parser so a new one needs no change here."""
    import argparse

    from core.cli import build_parser

    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return frozenset(action.choices)
    return frozenset()


def looks_like_command(arg: str) -> bool:
    """A word that is not a file: no path separator, no suffix, nothing of that name here (``aggregate``)."""
    if not arg or arg.startswith("-") or "/" in arg or os.sep in arg or (os.altsep or "/") in arg:
        return False
    return not Path(arg).suffix and not Path(arg).exists()


def unknown_command(word: str) -> int:
    from core.cli import build_parser

    build_parser().print_usage(sys.stderr)
    names = "、".join(sorted(cli_commands()))
    print(f"参数错误：没有子命令“{word}”（可用的子命令：{names}）。"
          f"要打开项目文件，请写出它的文件名（含扩展名，例如 {word}.gkbg）。", file=sys.stderr)
    return EXIT_USAGE


def display_missing(environ: Mapping[str, str] | None = None, platform: str = sys.platform) -> bool:
    """Qt's xcb platform would abort with a misleading "xcb-cursor0 … reinstalling" message instead."""
    environ = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return False
    return not any(environ.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"))


def main(argv: list[str]) -> int:
    if argv and (argv[0] in ("-h", "--help") or argv[0] in cli_commands()):
        from core.cli import main as cli_main

        return cli_main(argv)
    if argv and looks_like_command(argv[0]):
        return unknown_command(argv[0])
    if display_missing():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return EXIT_USAGE
    from gui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
