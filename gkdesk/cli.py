"""The ``gkdesk`` command: the window by default, subcommands for scripts and reviewers.

Every subcommand uses the same domain and I/O code as the window. Errors are one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from gkdesk import __version__
from gkdesk.domain.checker import CheckResult, Finding, check
from gkdesk.domain.json_view import report_json
from gkdesk.domain.report import Report, new_report
from gkdesk.io.errors import GkError, NotReadyError
from gkdesk.io.files import load_report, save_report

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("check", "show", "new", "convert", "new-year", "merge")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit code 2, never a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"gkdesk: 参数错误：{message}\n")


def _print_json(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2))
    out.write("\n")


def format_finding(finding: Finding) -> str:
    mark = "错误" if finding.severity == "error" else "警告"
    return f"  [{mark}] {finding.code} {finding.message}"


def _print_import_log(report: Report, out: TextIO) -> None:
    notes = [e for e in report.import_log if e.level != "recognised"]
    if notes:
        out.write("  导入说明：\n")
        for entry in notes:
            out.write(f"    - {entry.message}\n")


def _cmd_check(args: argparse.Namespace) -> int:
    targets = [Path(p) for p in args.files]
    if args.summary or any(p.is_dir() for p in targets):
        from gkdesk.batch import run_batch_check

        return run_batch_check(targets, summary=Path(args.summary) if args.summary else None, as_json=args.json)
    worst = EXIT_OK
    results: list[dict[str, object]] = []
    for path in targets:
        try:
            report = load_report(path)
        except GkError as exc:
            sys.stderr.write(f"gkdesk: {path}: {exc}\n")
            worst = EXIT_ERROR
            continue
        result = check(report)
        if result.errors and worst == EXIT_OK:
            worst = EXIT_FINDINGS
        if args.json:
            results.append(
                {
                    "file": str(path),
                    "errors": len(result.errors),
                    "warnings": len(result.warnings),
                    "findings": [f.as_json() for f in result.findings],
                    "import_log": [e.model_dump() for e in report.import_log],
                }
            )
        else:
            _print_check_text(path, report, result, sys.stdout)
    if args.json:
        _print_json(results if len(targets) > 1 else (results[0] if results else []), sys.stdout)
    return worst


def _print_check_text(path: Path, report: Report, result: CheckResult, out: TextIO) -> None:
    out.write(f"{path}: {result.summary()}\n")
    for finding in result.findings:
        out.write(format_finding(finding) + "\n")
    _print_import_log(report, out)


def _cmd_show(args: argparse.Namespace) -> int:
    report = load_report(args.file)
    data = report_json(report)
    if args.json:
        _print_json(data, sys.stdout)
        return EXIT_OK
    out = sys.stdout
    out.write(f"{report.title}\n格式：{report.format} · 年度：{report.year} · 机关：{report.agency or '（未填）'}\n")
    tables = data["tables"]
    assert isinstance(tables, dict)
    for form_id, table in report.tables.items():
        if not table.present:
            out.write(f"{table.form.title}：缺失\n")
            continue
        out.write(f"{table.form.title}：\n")
        for cell in table.form.cells:
            value = table.get(cell.cell_id)
            out.write(f"  {form_id}:{cell.cell_id}\t{value}\n")
    result = check(report)
    out.write(f"检查：{result.summary()}\n")
    for finding in result.findings:
        out.write(format_finding(finding) + "\n")
    _print_import_log(report, out)
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".gkreport":
        raise GkError("新报告请保存为 .gkreport 文件")
    if out.exists() and not args.force:
        raise GkError(f"“{out}”已存在；如要覆盖请加 --force")
    report = new_report(args.agency, args.year, "2019-trial" if args.format == "2019-trial" else "2021")
    save_report(report, out)
    return EXIT_OK


def _cmd_convert(args: argparse.Namespace) -> int:
    report = load_report(args.input)
    try:
        save_report(report, args.output, final=args.final)
    except NotReadyError as exc:
        sys.stderr.write(f"gkdesk: {exc}\n")
        for finding in check(report).errors:
            sys.stdout.write(format_finding(finding) + "\n")
        return EXIT_FINDINGS
    return EXIT_OK


def _cmd_new_year(args: argparse.Namespace) -> int:
    from gkdesk.domain.rollover import roll_over

    last = load_report(args.last)
    out = Path(args.out)
    if out.suffix.lower() != ".gkreport":
        raise GkError("新年度报告请保存为 .gkreport 文件")
    report = roll_over(last)
    save_report(report, out)
    _print_import_log(report, sys.stdout)
    return EXIT_OK


def _cmd_merge(args: argparse.Namespace) -> int:
    from gkdesk.batch import run_merge

    return run_merge(
        [Path(p) for p in args.files], Path(args.output), agency=args.agency, allow_errors=args.allow_errors
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gkdesk", description="政府信息公开工作年度报告编辑器")
    parser.add_argument("--version", action="version", version=f"gkdesk {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("check", help="检查报告的勾稽关系和格式")
    p.add_argument("files", nargs="+", help="报告文件或文件夹")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--summary", metavar="CSV", help="批量检查并写出汇总表")
    p.set_defaults(handler=_cmd_check)

    p = sub.add_parser("show", help="显示报告内容")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_show)

    p = sub.add_parser("new", help="新建空白报告")
    p.add_argument("out")
    p.add_argument("--agency", required=True)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--format", choices=("2021", "2019-trial"), default="2021")
    p.add_argument("--force", action="store_true")
    p.set_defaults(handler=_cmd_new)

    p = sub.add_parser("convert", help="转换格式（按扩展名）")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--final", action="store_true", help="导出正式版（需已签发且无错误）")
    p.set_defaults(handler=_cmd_convert)

    p = sub.add_parser("new-year", help="由上年报告生成本年度草稿")
    p.add_argument("last")
    p.add_argument("out")
    p.set_defaults(handler=_cmd_new_year)

    p = sub.add_parser("merge", help="汇总多个报告")
    p.add_argument("files", nargs="+")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--agency", default=None, help="汇总报告的机关名称")
    p.add_argument("--allow-errors", action="store_true", help="来源报告有错误时仍然汇总")
    p.set_defaults(handler=_cmd_merge)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gkdesk", description="政府信息公开工作年度报告编辑器")
    parser.add_argument("--version", action="version", version=f"gkdesk {__version__}")
    parser.add_argument("--example", action="store_true", help="打开内置示例报告")
    parser.add_argument("--smoke-test", action="store_true", help="自检（打开示例、检查、导出）后退出")
    parser.add_argument("files", nargs="*", help="要打开的报告文件")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in SUBCOMMANDS:
            args = build_parser().parse_args(args_list)
            code: int = args.handler(args)
            return code
        if args_list and args_list[0] in ("-h", "--help"):
            build_parser().print_help()
            return EXIT_OK
        gui_args = _gui_parser().parse_args(args_list)
        if gui_args.smoke_test:
            from gkdesk.smoke import run_smoke_test

            return run_smoke_test()
        from gkdesk.ui.app import run_gui

        return run_gui(gui_args.files, example=gui_args.example)
    except GkError as exc:
        sys.stderr.write(f"gkdesk: {exc}\n")
        return EXIT_ERROR
    except SystemExit as exc:  # argparse's --help/--version/usage errors: keep main() a plain function
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except KeyboardInterrupt:
        return 130
