"""``gkdesk ledger LEDGER --year N [--json] [--into REPORT.gkreport] [--skip-bad]``: table 三 and 四 from a ledger.

Rows the ledger cannot give (not a date, an unmapped word, a duplicate 编号 …) are never counted silently: they are
listed with their row numbers and the command exits 2 without printing or writing any figure, unless ``--skip-bad``
says the clerk has checked them and wants them left out (they are still listed, and noted in the import log).
``--into`` writes the figures into an existing .gkreport in place. That replaces a file, so the one overwrite rule of
every command applies: only with ``--force``, through the same atomic writer as every save (the old version kept as
``.bak``, a read-only file refused); a signed-off report is refused even then.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from gkdesk.domain import revisions
from gkdesk.domain.forms import APPLICATION_COLUMNS, APPLICATION_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, FormId
from gkdesk.domain.ledger import LedgerCount, count_ledger, counted_tables
from gkdesk.domain.report import Report
from gkdesk.errors import GkError
from gkdesk.io.files import load_report, save_report
from gkdesk.io.json_contract import table_json
from gkdesk.io.ledger_reader import load_mapping, read_ledger

EXIT_OK, EXIT_ERROR = 0, 2


def add_ledger_parser(sub: Any, year_type: Callable[[str], int]) -> None:
    """Register the subcommand on ``gkdesk``'s subparsers (``cli.build_parser``)."""
    p = sub.add_parser(
        "ledger",
        help="由依申请公开登记台账统计第三、四项",
        description="由登记台账（.xlsx 或 .csv）统计某年度的第三项（及第四项）；有无法使用的行时退出码为 2",
    )
    p.add_argument("ledger", metavar="台账", help="登记台账文件（.xlsx 或 .csv）")
    p.add_argument("--year", type=year_type, default=None, metavar="年度", help="统计年度（用 --into 时默认报告年度）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（与 show --json 的 tables 相同）")
    p.add_argument("--into", metavar="报告", default=None, help="把统计结果写入该 .gkreport 报告（需加 --force）")
    p.add_argument(
        "--format", choices=revisions.revision_ids(), default=None, help=f"表格格式（默认 {revisions.current().name}）"
    )
    p.add_argument("--skip-bad", action="store_true", help="已核对：不计无法使用的行（仍逐行列出）")
    p.add_argument("--force", action="store_true", help="用 --into 时确认改写该报告（原文件另存为 .bak）")
    p.set_defaults(handler=run_ledger)


def _target_report(args: argparse.Namespace) -> tuple[Report | None, Path | None]:
    if args.into is None:
        return None, None
    path = Path(args.into)
    if path.suffix.lower() != ".gkreport":
        raise GkError("--into 只能写入 .gkreport 报告；其他格式请先用 gkdesk convert 转换")
    report = load_report(path)
    if report.signed_off:
        raise GkError(f"“{path.name}”已签发，不能写入统计结果；如需修改请先在编辑器中撤销签发")
    if not args.force:
        raise GkError(f"--into 会改写“{path.name}”；如要改写请加 --force（原文件另存为 .bak）")
    return report, path


def _problems_json(count: LedgerCount) -> list[dict[str, Any]]:
    return [{"sheet": p.sheet, "row": p.row, "kind": p.kind, "reason": p.reason} for p in count.problems]


def _json(count: LedgerCount, with_tables: bool) -> dict[str, Any]:
    tables = counted_tables({}, count) if with_tables else {}
    form_ids: tuple[FormId, ...] = ("applications", "review_litigation")
    return {
        "ledger": {"file": count.file_name, "modified": count.modified.isoformat() if count.modified else None},
        "year": count.year,
        "format": count.variant,
        "tables": {f: table_json(tables[f]) if f in tables else None for f in form_ids},
        "rows": {
            "read": count.rows_read,
            "counted": count.rows_counted,
            "other_years": count.rows_other_years,
            "cases_counted": count.cases_counted,
        },
        "unusable_rows": _problems_json(count),
        "unmapped": [{"kind": u.kind, "value": u.value, "rows": list(u.rows)} for u in count.unmapped],
    }


def _print_tables(count: LedgerCount, out: TextIO) -> None:
    heads = "\t".join(label for _c, label in APPLICATION_COLUMNS)
    out.write(f"{count.source_text()} · {count.year}年度\n")
    out.write(f"收到和处理政府信息公开申请情况（第三项）\n\t{heads}\n")
    for row in APPLICATION_ROWS[count.variant]:
        figures = "\t".join(str(count.applications[f"{row.row_id}.{c}"]) for c, _l in APPLICATION_COLUMNS)
        out.write(f"{row.short or row.label}\t{figures}\n")
    if count.review_litigation is not None:
        heads = "\t".join(label for _c, label in REVIEW_COLUMNS)
        out.write(f"政府信息公开行政复议、行政诉讼情况（第四项）\n\t{heads}\n")
        for group, label in REVIEW_GROUPS:
            figures = "\t".join(str(count.review_litigation[f"{group}.{c}"]) for c, _l in REVIEW_COLUMNS)
            out.write(f"{label}\t{figures}\n")
    out.write(
        f"共读入 {count.rows_read} 行，计入 {count.rows_counted} 件申请；{count.rows_other_years} 行属于其他年度，未计入\n"
    )


def _print_problems(count: LedgerCount, out: TextIO, heading: str) -> None:
    out.write(f"{heading}（{len(count.problems)} 行）：\n")
    for problem in count.problems:
        out.write(f"  {problem.describe()}\n")


def run_ledger(args: argparse.Namespace) -> int:
    report, into = _target_report(args)
    year = args.year if args.year is not None else (report.year if report is not None else None)
    if year is None:
        raise GkError("请用 --year 指定统计年度")
    if report is not None and year != report.year:
        raise GkError(f"统计年度 {year} 与报告“{into.name if into else ''}”的年度 {report.year} 不同")
    variant = report.applications.variant if report is not None else (args.format or revisions.current().id)
    count = count_ledger(read_ledger(args.ledger), load_mapping(variant), year)
    out = sys.stdout
    if count.problems and not args.skip_bad:
        if args.json:
            out.write(json.dumps(_json(count, with_tables=False), ensure_ascii=False, indent=2) + "\n")
        else:
            _print_problems(count, out, "无法使用的行")
        sys.stderr.write(
            f"gkdesk: 台账中有 {len(count.problems)} 行无法使用，未统计；请改正台账，或核对后加 --skip-bad 不计这些行\n"
        )
        return EXIT_ERROR
    if args.json:
        out.write(json.dumps(_json(count, with_tables=True), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_tables(count, out)
        if count.problems:
            _print_problems(count, out, "已按 --skip-bad 不计的行")
    if report is not None and into is not None:
        report.tables.update(counted_tables(report.tables, count))
        report.import_log.extend(count.log_entries(skipped_confirmed=bool(count.problems)))
        save_report(report, into)
        (sys.stderr if args.json else out).write(f"已写入“{into}”\n")
    return EXIT_OK
