"""Headless subcommands: everything a clerk does in the wizard, scriptable.

Exit status: 0 fine, 1 the report has errors (or a final export was refused),
2 a file is unusable or the command line is wrong.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from core.atomic import ReadOnlyTargetError, WriteError, os_error_reason, write_atomic
from core.compute import Results, compute
from core.export_failure import export_failure
from core.findings import SECTION_NAMES, Finding
from core.model import Report
from core.project_file import ProjectFileError, load, resolve_previous, save
from core.reading import exists
from core.rules import Previous, check, ready_for_final

EXIT_OK, EXIT_ERRORS, EXIT_UNUSABLE = 0, 1, 2


class CliError(Exception):
    """A refusal with a Chinese message and an exit status."""

    def __init__(self, message: str, status: int = EXIT_UNUSABLE) -> None:
        super().__init__(message)
        self.status = status


def _load(path: str) -> Report:
    try:
        return load(path)
    except ProjectFileError as exc:
        raise CliError(str(exc)) from None


def _previous(report: Report, path: str, explicit: str | None) -> Previous | None:
    if explicit:
        return Previous.of(_load(explicit))
    named = resolve_previous(report, path)
    if named is None:
        return None
    if not exists(named):
        shown = str(named) if len(str(named)) <= 120 else str(named)[:60] + "…" + str(named)[-40:]
        print(f"注意：报告所指的上年报告“{shown}”不存在（或文件名过长、无法访问），跳过跨年度检查", file=sys.stderr)
        return None
    return Previous.of(_load(str(named)))


def format_findings(report: Report, findings: list[Finding], *, final: bool) -> str:
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    ready = ready_for_final(findings, report)
    lines = [report.meta.title,
             f"检查结果：{errors} 个错误，{warnings} 个提示；" + ("可以定稿" if ready else "尚不能定稿")]
    section = None
    for f in findings:
        if f.section != section:
            section = f.section
            lines.append("")
            lines.append(f"【{SECTION_NAMES[section]}】")
        lines.append(f"  {f.severity.label} {f.rule:<4} {f.message}")
    if final and not ready and not errors:
        lines.append("")
        lines.append("定稿要求没有空白单元格。")
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    report = _load(args.file)
    previous = _previous(report, args.file, args.previous)
    findings = check(report, previous=previous, final=args.final)
    if args.json:
        print(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        print(format_findings(report, findings, final=args.final))
    return EXIT_ERRORS if any(f.is_error for f in findings) else EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    from core.sample import load_sample

    _save(load_sample(), args.output, args)
    print(f"已写出示例报告：{args.output}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from core.carryover import new_from_previous
    from core.importing.previous_year import is_project_file, previous_copy_path

    previous_path = args.from_previous
    if is_project_file(Path(previous_path)):
        previous = _load(previous_path)
    else:  # last year as published: imported and kept as a project file the new report refers to
        from core.importing import ImportRefused, import_file

        try:
            result = import_file(Path(previous_path))
        except ImportRefused as exc:
            raise CliError(str(exc)) from None
        for line in result.lines():
            print(line)
        previous = result.report
        previous_path = args.previous_output or str(previous_copy_path(Path(previous_path), Path(args.output)))
        if Path(previous_path).exists():
            raise CliError(f"“{previous_path}”已存在，未覆盖；请用 --previous-output 指定保存上年报告的文件名")
        _save(previous, previous_path, args)
        print(f"已将上年报告保存为项目文件：{previous_path}")
    report = new_from_previous(previous, previous_path, args.output)
    _save(report, args.output, args)
    print(f"已根据上年报告新建 {report.meta.year} 年度报告：{args.output}")
    return EXIT_OK


def cmd_fix_totals(args: argparse.Namespace) -> int:
    report = _load(args.file)
    replaced = report.adopt_computed_totals()
    out = args.output or args.file
    from core.project_lock import LockedError, check_writable

    try:  # the wizard has it open: its next save would silently undo this one (or the reverse)
        check_writable(Path(out))
    except LockedError as exc:
        raise CliError(str(exc)) from None
    _save(report, out, args)
    print(f"已用计算值替换 {len(replaced)} 个合计单元格：{out}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    if not (args.pdf or args.xlsx or args.docx or args.html):
        raise CliError("请指定 --pdf、--xlsx、--docx 或 --html 输出文件")
    report = _load(args.file)
    previous = _previous(report, args.file, args.previous)
    results = compute(report)
    findings = check(report, results, previous=previous, final=True)
    ready = ready_for_final(findings, report)
    if args.final and not ready:
        errors = [f for f in findings if f.is_error]
        print(format_findings(report, errors or findings, final=True), file=sys.stderr)
        raise CliError("报告有错误或空白单元格，不能导出定稿；去掉 --final 可导出草稿", EXIT_ERRORS)
    draft = args.draft or not ready
    created = _fixed_date(args.date)
    if args.pdf:
        from core.pdf import FontLoadError, export_pdf

        try:
            pdf = export_pdf(report, results, findings, draft=draft, created=created)
        except FontLoadError as exc:
            raise CliError(str(exc)) from None
        except Exception as exc:  # reportlab's LayoutError and any exporter bug: a message, not a traceback
            raise CliError(export_failure("PDF", report, exc)) from None
        _write(args.pdf, pdf.data, args)
        kind = "草稿" if draft else "定稿"
        print(f"已导出 PDF（{kind}，{pdf.pages} 页）：{args.pdf}")
        for line in pdf.font_report():
            print(f"  {line}")
    if args.xlsx:
        from core.xlsx import export_xlsx

        xlsx = _exported("XLSX", report, lambda: export_xlsx(report, results, findings, draft=draft, created=created))
        _write(args.xlsx, xlsx, args)
        print(f"已导出 XLSX：{args.xlsx}")
    _export_documents(args, report, results, findings, draft=draft, created=created, noted=bool(args.pdf))
    return EXIT_OK


def _exported(kind: str, report: Report, make: Callable[[], bytes]) -> bytes:
    """An exporter's bytes; its failure (an exporter bug) becomes a Chinese message, not a traceback."""
    try:
        return make()
    except Exception as exc:
        raise CliError(export_failure(kind, report, exc)) from None


def _export_documents(args: argparse.Namespace, report: Report, results: Results, findings: list[Finding], *,
                      draft: bool, created: dt.datetime | None, noted: bool) -> None:
    """--docx and --html; each exporter's libraries are imported only when its format is asked for."""
    kind = "草稿" if draft else "定稿"
    if args.docx:
        from core.docx import export_docx

        docx = _exported("DOCX", report, lambda: export_docx(report, results, findings, draft=draft, created=created))
        _write(args.docx, docx, args)
        print(f"已导出 DOCX（{kind}）：{args.docx}")
    if args.html:
        from core.html import export_html

        html = _exported("网页", report, lambda: export_html(report, results, findings, draft=draft, created=created))
        _write(args.html, html, args)
        print(f"已导出网页（{kind}）：{args.html}")
    if args.docx or args.html:
        from core.blocks import build_document, font_notes

        document = build_document(report, results, draft=draft)
        for line in ([] if noted else document.notes()) + font_notes(document):
            print(f"  {line}")


def cmd_import(args: argparse.Namespace) -> int:
    from core.importing import ImportRefused, import_file

    try:
        result = import_file(Path(args.file))
    except ImportRefused as exc:
        raise CliError(str(exc)) from None
    for line in result.lines():
        print(line)
    _save(result.report, args.output, args)
    print(f"已导入：{args.output}")
    return EXIT_OK


def _fixed_date(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise CliError(f"--date “{text}” 不是日期时间，应写作 2025-01-20T09:00:00") from None


def _write(path: str, data: bytes, args: argparse.Namespace | None = None) -> None:
    try:
        write_atomic(path, data, force=_force(args))
    except ReadOnlyTargetError:
        raise CliError(f"“{path}”是只读文件，未替换；确要替换请加 --force") from None
    except OSError as exc:
        raise CliError(str(_write_error(path, exc))) from None


def _save(report: Report, path: str, args: argparse.Namespace | None = None) -> None:
    try:
        save(report, path, force=_force(args))
    except ReadOnlyTargetError:
        raise CliError(f"“{path}”是只读文件，未替换；确要替换请加 --force") from None
    except OSError as exc:
        raise CliError(str(_write_error(path, exc))) from None


def _force(args: argparse.Namespace | None) -> bool:
    return bool(getattr(args, "force", False))


def _write_error(path: str, exc: OSError) -> WriteError:
    return exc if isinstance(exc, WriteError) else WriteError(path, os_error_reason(exc), exc.errno or 0)


def _add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="输出文件是只读的也替换它（保持只读）")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"参数错误：{message}", file=sys.stderr)
        sys.exit(EXIT_UNUSABLE)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="main.py", description="政府信息公开工作年度报告助手（2021年格式）。不带子命令时启动图形界面。")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("check", help="检查报告，按部分列出错误和提示")
    c.add_argument("file", help="项目文件（.gkbg）")
    c.add_argument("--previous", metavar="LAST_FILE", help="上年报告项目文件，用于跨年度检查")
    c.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    c.add_argument("--final", action="store_true", help="按定稿要求检查（空白单元格为错误）")
    c.set_defaults(func=cmd_check)

    s = sub.add_parser("sample", help="写出内置示例报告")
    s.add_argument("-o", "--output", required=True, metavar="FILE")
    _add_force(s)
    s.set_defaults(func=cmd_sample)

    n = sub.add_parser("new", help="根据上年报告新建本年报告")
    n.add_argument("--from-previous", required=True, metavar="LAST_FILE",
                   help="上年报告：项目文件，或已发布的 PDF、Word、网页、文本、Excel 文件（导入后另存为项目文件）")
    n.add_argument("--previous-output", metavar="FILE",
                   help="上年报告是已发布的文件时，导入结果保存到哪里（默认：<本年文件名>-上年.gkbg，与本年文件同一文件夹）")
    n.add_argument("-o", "--output", required=True, metavar="FILE")
    _add_force(n)
    n.set_defaults(func=cmd_new)

    f = sub.add_parser("fix-totals", help="用计算值替换文件中写错的合计")
    f.add_argument("file")
    f.add_argument("-o", "--output", metavar="FILE", help="另存为（默认覆盖原文件，旧版本保存为 .bak）")
    _add_force(f)
    f.set_defaults(func=cmd_fix_totals)

    e = sub.add_parser("export", help="导出 PDF、XLSX、DOCX（Word）和/或网页（HTML）")
    e.add_argument("file")
    e.add_argument("--pdf", metavar="OUT.pdf")
    e.add_argument("--xlsx", metavar="OUT.xlsx")
    e.add_argument("--docx", metavar="OUT.docx", help="Word 文档（供领导审签、在 Word/WPS 中修改）")
    e.add_argument("--html", metavar="OUT.html", help="网页（供政府网站发布，可粘贴到网站编辑器）")
    e.add_argument("--previous", metavar="LAST_FILE")
    mode = e.add_mutually_exclusive_group()
    mode.add_argument("--final", action="store_true", help="只导出定稿；有错误时拒绝")
    mode.add_argument("--draft", action="store_true", help="导出草稿（每页标注“草稿”）")
    e.add_argument("--date", metavar="ISO", help="固定的创建时间（用于可重复的输出）")
    _add_force(e)
    e.set_defaults(func=cmd_export)

    for name, help_text, metavar in (
            ("import", "导入已发布的年报（PDF、Word、网页、文本）或任意格式的 Excel 工作簿", "FILE"),
            ("import-xlsx", "同 import（保留的旧名称）", "IN.xlsx")):
        i = sub.add_parser(name, help=help_text)
        i.add_argument("file", metavar=metavar)
        i.add_argument("-o", "--output", required=True, metavar="OUT.gkbg")
        _add_force(i)
        i.set_defaults(func=cmd_import)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    try:
        status: int = args.func(args)
        sys.stdout.flush()
    except CliError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `… | head -1` closed our output: the work is done, only the talking stops.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except RecursionError:
        print("错误：输入嵌套过深，无法处理", file=sys.stderr)
        return EXIT_UNUSABLE
    except MemoryError:
        print("错误：内存不足，无法处理这个文件", file=sys.stderr)
        return EXIT_UNUSABLE
    except OSError as exc:
        where = f"“{exc.filename}”：" if exc.filename else ""
        print(f"错误：{where}{os_error_reason(exc)}", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:  # a bug of ours: still Chinese, still "unusable", never a traceback
        print(f"错误：程序内部错误（{type(exc).__name__}），未写入任何文件。请把所用的文件和命令报告给开发者",
              file=sys.stderr)
        return EXIT_UNUSABLE
    return status


if __name__ == "__main__":
    sys.exit(main())
