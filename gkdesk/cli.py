"""The ``gkdesk`` command: the window by default, subcommands for scripts and reviewers.

Every subcommand uses the same domain and I/O code as the window. Errors are one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from gkdesk import __version__
from gkdesk.domain import revisions
from gkdesk.domain.checker import CheckResult, Finding, check
from gkdesk.domain.refs import format_ref
from gkdesk.domain.report import MAX_YEAR, MIN_YEAR, Report, new_report
from gkdesk.io.errors import GkError, NotReadyError, os_error_text
from gkdesk.io.files import load_report, save_report

if TYPE_CHECKING:
    from gkdesk.domain.assessment import Assessment

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("check", "show", "new", "convert", "new-year", "merge", "ledger")
UNREAD_TEXT = "未读"  # what ``show`` prints for a cell the importer could not read


_ARGPARSE_MESSAGES = (
    (re.compile(r"the following arguments are required: (.+)"), r"缺少参数：\1"),
    (re.compile(r"unrecognized arguments: (.+)"), r"无法识别的参数：\1"),
    (re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"), r"参数 \1 的值 \2 无效，可选：\3"),
    (re.compile(r"argument (\S+): expected one argument"), r"参数 \1 需要一个值"),
    (re.compile(r"argument (\S+): (.+)"), r"参数 \1：\2"),
)


class _ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Chinese that reports a usage error as one line and exit code 2, never a usage dump."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _ChineseHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_MESSAGES:
            if pattern.search(message):
                message = pattern.sub(replacement, message, count=1)
                break
        self.exit(EXIT_ERROR, f"gkdesk: 参数错误：{message}\n")


def _year(text: str) -> int:
    """A report year as typed on the command line; refused in Chinese, not with argparse's English."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是年份") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"年份 {year} 不在 {MIN_YEAR}–{MAX_YEAR} 之间")
    return year


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

        if args.summary:
            _refuse_existing(Path(args.summary), args.force)
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
        assessment = _self_assessment(report, result) if args.score else None
        if args.json:
            results.append(
                {
                    "file": str(path),
                    "errors": len(result.errors),
                    "warnings": len(result.warnings),
                    "findings": [f.as_json() for f in result.findings],
                    "import_log": [e.model_dump() for e in report.import_log],
                    **({"self_assessment": assessment.as_json()} if assessment is not None else {}),
                }
            )
        else:
            _print_check_text(path, report, result, sys.stdout)
            if assessment is not None:
                from gkdesk.domain.assessment import assessment_text

                sys.stdout.write("\n".join(assessment_text(assessment)) + "\n")
    if args.json:
        _print_json(results if len(targets) > 1 else (results[0] if results else []), sys.stdout)
    return worst


def _self_assessment(report: Report, result: CheckResult) -> Assessment:
    """``check --score``: the project's own self-check (gkdesk.domain.assessment), never an official score."""
    from gkdesk.domain.assessment import self_assess

    return self_assess(report, result)


def _print_check_text(path: Path, report: Report, result: CheckResult, out: TextIO) -> None:
    out.write(f"{path}: {result.summary()}\n")
    for finding in result.findings:
        out.write(format_finding(finding) + "\n")
    _print_import_log(report, out)


def _cmd_show(args: argparse.Namespace) -> int:
    from gkdesk.io.json_contract import report_json  # what ``show`` needs; off the window's start path

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
        unread = set(table.unread_cells)
        for cell in table.form.cells:
            # a cell not read from the source holds a placeholder 0 that is no figure: say so instead
            value = UNREAD_TEXT if cell.cell_id in unread else table.get(cell.cell_id)
            out.write(f"  {format_ref(form_id, cell.cell_id)}\t{value}\n")
    result = check(report)
    out.write(f"检查：{result.summary()}\n")
    for finding in result.findings:
        out.write(format_finding(finding) + "\n")
    _print_import_log(report, out)
    return EXIT_OK


def _refuse_existing(out: Path, force: bool) -> None:
    """The one overwrite rule of every command: an existing file is replaced only with ``--force``.

    With ``--force`` the writer still keeps the old version as ``<name>.bak`` and refuses a read-only target.
    """
    if (out.exists() or out.is_symlink()) and not force:
        raise GkError(f"“{out}”已存在；如要覆盖请加 --force")


def _cmd_new(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".gkreport":
        raise GkError("新报告请保存为 .gkreport 文件")
    _refuse_existing(out, args.force)
    report = new_report(args.agency, args.year, args.format)
    save_report(report, out)
    return EXIT_OK


def _cmd_convert(args: argparse.Namespace) -> int:
    _refuse_existing(Path(args.output), args.force)
    from gkdesk.io.export_layout import LayoutOptions  # the writers' layout; off the window's start path

    report = load_report(args.input)
    options = LayoutOptions(keep_source_titles=args.source_titles, embed_report=not args.no_embedded_copy)
    try:
        if args.graphic or Path(args.output).suffix.lower() == ".png":
            from gkdesk.render.graphic import write_graphic  # 图解 (.png, or .pdf with --graphic)

            write_graphic(report, args.output, final=args.final)
            notes = []
        elif Path(args.output).suffix.lower() == ".pdf":  # painted by Qt: the render layer, not gkdesk.io
            from gkdesk.render.pdf import save_pdf

            notes = save_pdf(report, args.output, final=args.final, options=options)
        else:
            notes = save_report(report, args.output, final=args.final, options=options)
    except NotReadyError as exc:
        sys.stderr.write(f"gkdesk: {exc}\n")
        for finding in check(report).errors:
            sys.stdout.write(format_finding(finding) + "\n")
        return EXIT_FINDINGS
    if notes:
        sys.stdout.write("  导出说明：\n" + "".join(f"    - {note}\n" for note in notes))
    return EXIT_OK


def _cmd_new_year(args: argparse.Namespace) -> int:
    from gkdesk.domain.rollover import roll_over

    last = load_report(args.last)
    out = Path(args.out)
    if out.suffix.lower() != ".gkreport":
        raise GkError("新年度报告请保存为 .gkreport 文件")
    _refuse_existing(out, args.force)
    report = roll_over(last)
    save_report(report, out)
    _print_import_log(report, sys.stdout)
    return EXIT_OK


def _cmd_merge(args: argparse.Namespace) -> int:
    from gkdesk.batch import run_merge

    _refuse_existing(Path(args.output), args.force)
    return run_merge(
        [Path(p) for p in args.files], Path(args.output), agency=args.agency, allow_errors=args.allow_errors
    )


_GUI_USAGE = """不带子命令时启动编辑器窗口：
  gkdesk [文件 ...]        打开报告（.gkreport、.docx、.txt、.pdf）
  gkdesk --example         打开内置示例报告
  gkdesk --smoke-test      自检（打开示例、检查、导出 .docx/.txt）后退出"""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gkdesk",
        description="政府信息公开工作年度报告编辑器",
        epilog=_GUI_USAGE,
        formatter_class=_RawChinese,
    )
    parser.add_argument("--version", action="version", version=f"gkdesk {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, title="子命令", metavar="子命令")

    p = sub.add_parser(
        "check", help="检查报告的勾稽关系和格式", description="检查报告；退出码 0 无错误，1 有错误，2 无法读取"
    )
    p.add_argument("files", nargs="+", metavar="文件或文件夹", help="报告文件，或其中的报告都要检查的文件夹")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument(
        "--summary",
        metavar="汇总表",
        help="批量检查并写出汇总表：.xlsx（含问题明细表）或 .csv（UTF-8，Excel 可直接打开）",
    )
    p.add_argument("--score", action="store_true", help="同时输出自查评分（本软件的自查清单，非官方评分）")
    p.add_argument("--force", action="store_true", help="汇总表已存在时覆盖（保留 .bak）")
    p.set_defaults(handler=_cmd_check)

    p = sub.add_parser("show", help="显示报告内容", description="显示报告内容、检查结果和导入说明")
    p.add_argument("file", metavar="文件", help="报告文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（供脚本使用的稳定格式）")
    p.set_defaults(handler=_cmd_show)

    p = sub.add_parser("new", help="新建空白报告", description="新建一份空白的年度报告")
    p.add_argument("out", metavar="输出文件", help="新报告的 .gkreport 文件")
    p.add_argument("--agency", required=True, metavar="机关名称", help="报告机关，如“某县人民政府办公室”")
    p.add_argument("--year", type=_year, required=True, metavar="年度", help="报告年度，如 2025")
    p.add_argument(
        "--format",
        choices=revisions.revision_ids(),
        default=revisions.current().id,
        help=f"表格格式（默认 {revisions.current().name}）",
    )
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件（原文件另存为 .bak）")
    p.set_defaults(handler=_cmd_new)

    p = sub.add_parser("convert", help="转换格式（按扩展名）", description="按扩展名读入并导出报告")
    p.add_argument("input", metavar="输入文件", help=".gkreport、.docx、.txt 或 .pdf")
    p.add_argument("output", metavar="输出文件", help=".gkreport、.docx、.txt、.html（网页）、.pdf，或 .png（图解）")
    p.add_argument("--final", action="store_true", help="导出正式版（需已签发且无错误）")
    p.add_argument("--graphic", action="store_true", help="导出一页图解（.pdf；输出为 .png 时总是图解）")
    p.add_argument("--source-titles", action="store_true", help="各部分标题保留原文措辞（默认按官方格式）")
    p.add_argument(
        "--no-embedded-copy",
        action="store_true",
        help="导出的 .docx 不附带报告数据副本（gkdesk 仍可读取，但按页面文字识别）",
    )
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件（原文件另存为 .bak）")
    p.set_defaults(handler=_cmd_convert)

    p = sub.add_parser("new-year", help="由上年报告生成本年度草稿", description="由上年报告生成本年度报告草稿")
    p.add_argument("last", metavar="上年报告", help="上年的报告文件")
    p.add_argument("out", metavar="输出文件", help="本年度草稿的 .gkreport 文件")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件（原文件另存为 .bak）")
    p.set_defaults(handler=_cmd_new_year)

    p = sub.add_parser("merge", help="汇总多个报告", description="把同一年度的多个报告逐格相加，生成汇总报告")
    p.add_argument("files", nargs="+", metavar="报告", help="要汇总的报告文件或文件夹")
    p.add_argument("-o", "--output", required=True, metavar="输出文件", help="汇总报告的 .gkreport 文件")
    p.add_argument("--agency", default=None, metavar="机关名称", help="汇总报告的机关名称")
    p.add_argument("--allow-errors", action="store_true", help="来源报告有错误时仍然汇总")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件（原文件另存为 .bak）")
    p.set_defaults(handler=_cmd_merge)

    from gkdesk.ledger_cli import add_ledger_parser

    add_ledger_parser(sub, _year)
    return parser


class _RawChinese(_ChineseHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's line breaks."""


def _gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gkdesk", description="政府信息公开工作年度报告编辑器")
    parser.add_argument("--version", action="version", version=f"gkdesk {__version__}", help="显示版本号并退出")
    parser.add_argument("--example", action="store_true", help="打开内置示例报告")
    parser.add_argument("--smoke-test", action="store_true", help="自检（打开示例、检查、导出）后退出")
    parser.add_argument("files", nargs="*", metavar="文件", help="要打开的报告文件")
    return parser


def _looks_like_a_path(arg: str) -> bool:
    """``gkdesk FILE``: an existing path, or anything with a suffix (.docx, .gkreport …), a separator or a drive."""
    if any(sep in arg for sep in ("/", "\\", os.sep, ":")) or Path(arg).suffix:
        return True
    return os.path.lexists(arg)


def _unknown_command(arg: str) -> str | None:
    """The usage error for ``gkdesk chek x``: a bare word that is neither a subcommand nor a file; else None."""
    if not arg or arg.startswith("-") or arg in SUBCOMMANDS or _looks_like_a_path(arg):
        return None
    import difflib  # only for a mistyped subcommand

    listing = "、".join(SUBCOMMANDS)
    close = difflib.get_close_matches(arg, SUBCOMMANDS, n=1, cutoff=0.5)
    if close:
        return f"没有子命令“{arg}”，是否要用“gkdesk {close[0]}”？可用的子命令：{listing}"
    return f"没有子命令“{arg}”，也没有名为“{arg}”的文件；可用的子命令：{listing}"


def _quiet_broken_pipe() -> int:
    """The reader of our output went away (``gkdesk show … | head``): stop quietly, as Unix tools do."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OK


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
        unknown = _unknown_command(args_list[0]) if args_list else None
        if unknown:
            sys.stderr.write(f"gkdesk: 参数错误：{unknown}\n")
            return EXIT_ERROR
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
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            return _quiet_broken_pipe()
        sys.stderr.write(f"gkdesk: 无法完成操作：{os_error_text(exc, '系统出错')}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
