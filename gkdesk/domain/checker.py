"""The consistency rules (勾稽关系) R1-R10 and the checks around them.

Rules are plain functions over the report that yield frozen findings (``gkdesk.domain.findings``); the window
paints them, the CLI prints them, sign-off refuses while any error remains. R1, R5 and R6 evaluate the relations
the forms declare (``FormDef.relations``); whether a rule applies to a revision's tables is the registry's
(``Revision.rules``, ``revisions.superseded``), never a comparison of revision ids here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from gkdesk.domain import revisions
from gkdesk.domain.content_rules import CONTENT_RULES
from gkdesk.domain.copied_text import copied_text_rule
from gkdesk.domain.deadline import publication_deadline
from gkdesk.domain.findings import CheckResult, Finding, Severity, table_findings
from gkdesk.domain.forms import FORM_PART, FormId, Relation, Term
from gkdesk.domain.narrative import block_text, narrative_text, stated_otherwise
from gkdesk.domain.refs import format_ref, parse_ref
from gkdesk.domain.report import NARRATIVE_PARTS, PART_KEYS, TABLE_OF_PART, Block, Report, TableData
from gkdesk.domain.totals import expected_total

# Finding, CheckResult, Severity and table_findings live in gkdesk.domain.findings, cell_ref and split_ref in
# gkdesk.domain.refs; they are re-exported here for the code that imported them from the checker
__all__ = [
    "RULES",
    "CheckResult",
    "Finding",
    "Rule",
    "Severity",
    "cell_ref",
    "check",
    "narrative_text",
    "split_ref",
    "table_findings",
    "unread_cells",
]

cell_ref = format_ref  # kept under their old names: the grammar is gkdesk.domain.refs'
split_ref = parse_ref


# --------------------------------------------------------------------------- cells not read from the source


def unread_cells(report: Report) -> dict[FormId, list[str]]:
    """The unread cells of each present table, in the table's own order (tables without any are left out).

    An unread cell holds 0 only as a placeholder: no rule may compute with it, and it is never shown as a figure.
    """
    found: dict[FormId, list[str]] = {}
    for form_id, table in report.tables.items():
        if not table.present or not table.unread_cells:
            continue
        marked = set(table.unread_cells)
        cells = [cell_id for cell_id in table.form.cell_ids() if cell_id in marked]
        if cells:
            found[form_id] = cells
    return found


def _unread_of(report: Report | None, form_id: FormId) -> frozenset[str]:
    if report is None:
        return frozenset()
    table = report.tables[form_id]
    return frozenset(table.unread_cells) if table.present else frozenset()


def _unread(report: Report) -> Iterator[Finding]:
    for form_id, cells in unread_cells(report).items():
        definition = report.tables[form_id].form
        part = FORM_PART[form_id]
        more = f"等 {len(cells)} 个单元格" if len(cells) > 1 else ""
        yield Finding(
            "UNREAD",
            "error",
            f"第{part}项表格未能完整读取：{definition.describe(cells[0])}{more}无法从原文确定，请按原文填写",
            tuple(cell_ref(form_id, c) for c in cells),
            part,
            target=cell_ref(form_id, cells[0]),
        )


# --------------------------------------------------------------------------- table rules


def _sum(terms: tuple[Term, ...], now: TableData, before: TableData | None) -> int:
    total = 0
    for term in terms:
        table = before if term.last_year else now
        assert table is not None  # the caller checks that last year's report is there for a rule across years
        total += term.sign * table.counts[term.cell_id]
    return total


def _readable(relation: Relation, unread_now: frozenset[str], unread_before: frozenset[str]) -> bool:
    """An equation with a figure nobody could read says nothing."""
    return not any(t.cell_id in (unread_before if t.last_year else unread_now) for t in relation.terms)


def _r1_balance(report: Report) -> Iterator[Finding]:
    table = report.applications
    if not table.present:
        return
    unread = _unread_of(report, "applications")
    for relation in table.form.relations_of("R1"):
        if not _readable(relation, unread, frozenset()):
            continue
        left, right = _sum(relation.left, table, None), _sum(relation.right, table, None)
        if left == right:
            continue
        assert relation.target is not None
        expected = left - (right - table.counts[relation.target])
        yield Finding(
            "R1",
            "error",
            f"第三项{relation.label}列：第一项加第二项为 {left}，第三项总计加第四项为 {right}，两者应相等"
            + (f"（第四项结转应为 {expected}）" if expected >= 0 else ""),
            tuple(cell_ref("applications", t.cell_id) for t in relation.terms),
            "三",
            expected if expected >= 0 else None,
            cell_ref("applications", relation.target) if expected >= 0 else None,
        )


def _total_rules(report: Report, form_id: FormId) -> Iterator[Finding]:
    table = report.tables[form_id]
    if not table.present:
        return
    definition = table.form
    unread = _unread_of(report, form_id)
    for cell in definition.totals():
        if cell.cell_id in unread or any(p in unread for p in cell.total_of):
            continue
        expected = expected_total(table, cell)
        actual = table.count(cell.cell_id)
        if expected == actual:
            continue
        if form_id == "review_litigation":
            code, what = "R4", "结果维持、结果纠正、其他结果、尚未审结之和"
        elif cell.col_id == "total":
            code, what = "R3", "六类申请人之和"
        else:
            code, what = "R2", "各项之和"
        yield Finding(
            code,
            "error",
            f"{definition.describe(cell.cell_id)}应为 {expected}（{what}），现为 {actual}",
            (cell_ref(form_id, cell.cell_id), *(cell_ref(form_id, p) for p in cell.total_of)),
            FORM_PART[form_id],
            expected,
            cell_ref(form_id, cell.cell_id),
        )


def _r2_r3(report: Report) -> Iterator[Finding]:
    yield from _total_rules(report, "applications")


def _r4(report: Report) -> Iterator[Finding]:
    yield from _total_rules(report, "review_litigation")


def _r5_stock(report: Report) -> Iterator[Finding]:
    prev = report.previous
    if prev is None or report.disclosure.variant != prev.disclosure.variant:
        return  # last year's stock is only comparable in the same revision's table
    if "R5" not in revisions.revision(report.disclosure.variant).rules:
        return
    if not (report.disclosure.present and prev.disclosure.present):
        return
    now, before = report.disclosure, prev.disclosure
    unread_now, unread_before = _unread_of(report, "disclosure"), _unread_of(prev, "disclosure")
    for relation in now.form.relations_of("R5"):
        if not _readable(relation, unread_now, unread_before):
            continue
        expected, actual = _sum(relation.left, now, before), _sum(relation.right, now, before)
        last = _sum(tuple(t for t in relation.left if t.last_year), now, before)
        if expected != actual and expected >= 0:
            yield Finding(
                "R5",
                "warning",
                f"第二项{relation.label}现行有效件数为 {actual}，按上年 {last} 件加本年制发减本年废止"
                f"应约为 {expected}，请核实",
                tuple(cell_ref("disclosure", t.cell_id) for t in relation.right),
                "二",
                expected,
            )


def _r6_carry(report: Report) -> Iterator[Finding]:
    prev = report.previous
    if prev is None or not prev.applications.present or not report.applications.present:
        return
    unread_now, unread_before = _unread_of(report, "applications"), _unread_of(prev, "applications")
    now, before = report.applications, prev.applications
    for relation in now.form.relations_of("R6"):
        if not _readable(relation, unread_now, unread_before):
            continue
        expected, actual = _sum(relation.left, now, before), _sum(relation.right, now, before)
        if expected != actual:
            target = cell_ref("applications", relation.target) if relation.target else None
            yield Finding(
                "R6",
                "warning",
                f"第三项第二项上年结转的{relation.label}列为 {actual}，上年报告结转下年度为 {expected}",
                tuple(cell_ref("applications", t.cell_id) for t in relation.right),
                "三",
                expected,
                target,
            )


# --------------------------------------------------------------------------- narrative and document rules


_RECEIVED = re.compile(r"(?:共|累计)?(?:收到|受理|接收)[^。；，,\d]{0,20}?申请[^。；，,\d]{0,6}?(\d+)\s*(?:件|个|条)")
_REVIEW = re.compile(r"行政复议(?:案件|申请)?[^。；，,\d]{0,6}?(\d+)\s*(?:件|起)")
_LITIGATION = re.compile(r"行政诉讼(?:案件)?[^。；，,\d]{0,6}?(\d+)\s*(?:件|起)")


def _r7_narrative(report: Report) -> Iterator[Finding]:
    text = narrative_text(report, include_pending=False)  # last year's carried text is warned about by PENDING
    apps = report.applications
    unread_apps = _unread_of(report, "applications")
    if apps.present and "new.total" not in unread_apps:
        new_total = apps.counts["new.total"]
        # the other reading (new plus carried over) is only offered when the carry-over was read too
        with_carry = None if "carry_in.total" in unread_apps else new_total + apps.counts["carry_in.total"]
        for match in _RECEIVED.finditer(text):
            stated = int(match.group(1))
            if stated == new_total:
                continue
            if stated == with_carry:
                yield Finding(
                    "R7",
                    "warning",
                    f"正文“{match.group(0)}”与第三项本年新收 {new_total} 件不同，"
                    f"等于新收加上年结转（{with_carry} 件），请说明口径",
                    (cell_ref("applications", "new.total"),),
                    "一",
                )
            else:
                yield Finding(
                    "R7",
                    "warning",
                    f"正文“{match.group(0)}”与第三项本年新收申请 {new_total} 件不一致",
                    (cell_ref("applications", "new.total"),),
                    "一",
                )
    review = report.review_litigation
    if review.present:
        checks = (
            (_REVIEW, review.counts["review.total"], "行政复议", ("review.total",)),
            (
                _LITIGATION,
                review.counts["lit_direct.total"] + review.counts["lit_after_review.total"],
                "行政诉讼",
                ("lit_direct.total", "lit_after_review.total"),
            ),
        )
        unread_review = _unread_of(report, "review_litigation")
        for pattern, table_value, label, cells in checks:
            if any(c in unread_review for c in cells):
                continue
            for match in stated_otherwise(text, pattern, table_value):
                yield Finding(
                    "R7",
                    "warning",
                    f"正文“{match.group(0)}”与第四项{label}总计 {table_value} 件不一致",
                    tuple(cell_ref("review_litigation", c) for c in cells),
                    "四",
                )


_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年")
_PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*至\s*(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日")


def _r8_dates(report: Report) -> Iterator[Finding]:
    year = report.year
    date = report.signature.date
    if date is not None:
        deadline = publication_deadline(report)
        if date.year <= year:
            yield Finding(
                "R8",
                "warning",
                f"落款日期 {date.year}年{date.month}月{date.day}日 不在报告年度 {year} 年之后，年份可能写错"
                f"（应为 {year + 1} 年）",
                part="落款",
            )
        elif date > deadline:
            yield Finding(
                "R8",
                "warning",
                f"落款日期 {date.year}年{date.month}月{date.day}日 晚于法定公布期限 {deadline.year}年{deadline.month}月{deadline.day}日",
                part="落款",
            )
    match = _YEAR_IN_TITLE.search(report.title)
    if match and int(match.group(1)) != year:
        yield Finding("R8", "warning", f"标题中的年份 {match.group(1)} 与报告年度 {year} 不一致", part="封面")
    preface = "\n".join(block_text(b) for b in report.preface) + "\n" + narrative_text(report, ("一",))
    for period in _PERIOD.finditer(preface):
        years = {int(y) for y in period.groups() if y}
        if years != {year}:
            yield Finding(
                "R8",
                "warning",
                f"统计期限“{period.group(0)}”的年份与报告年度 {year} 不一致",
                part="封面",
            )


def _r9_units(report: Report) -> Iterator[Finding]:
    table = report.disclosure
    if not table.present or "R9" not in revisions.revision(table.variant).rules:
        return
    if "art20_8.fees.amount_wan" in _unread_of(report, "disclosure"):
        return
    amount = table.amounts["art20_8.fees.amount_wan"]
    agency = report.agency or ""
    local = any(word in agency for word in ("乡", "镇", "街道", "村"))
    limit = Decimal(10000) if local else Decimal(1000000)
    if amount >= limit:
        yield Finding(
            "R9",
            "warning",
            f"行政事业性收费金额 {amount} 的单位是万元，数额偏大，可能误填为元（{amount} 元 = "
            f"{(amount / 10000).normalize():f} 万元）",
            (cell_ref("disclosure", "art20_8.fees.amount_wan"),),
            "二",
        )


def _r10_structure(report: Report) -> Iterator[Finding]:
    for key in PART_KEYS:
        part = report.parts[key]
        if not part.present:
            yield Finding("R10", "warning", f"缺少第{key}部分“{part.display_title()}”", part=key)
        elif key in NARRATIVE_PARTS and not any(block_text(b).strip() for b in part.blocks):
            yield Finding("R10", "warning", f"第{key}部分“{part.display_title()}”没有内容", part=key)
    for key, form_id in TABLE_OF_PART.items():
        if report.parts[key].present and not report.tables[form_id].present:
            yield Finding("R10", "warning", f"第{key}部分缺少统计表", part=key)
    if not report.signature.agency:
        yield Finding("R10", "warning", "缺少落款机关名称", part="落款")
    if report.signature.date is None:
        yield Finding("R10", "warning", "缺少落款日期", part="落款")


# --------------------------------------------------------------------------- format and data quality


def _blank_cells(report: Report) -> Iterator[Finding]:
    for form_id, table in report.tables.items():
        if not table.blank_cells or not table.present:
            continue
        unread = set(table.unread_cells)  # not read at all: UNREAD says so, they were not taken as 0
        blank = [c for c in table.blank_cells if c not in unread]
        if not blank:
            continue
        names = "、".join(table.form.describe(c) for c in blank[:3])
        more = f"等 {len(blank)} 个单元格" if len(blank) > 3 else ""
        yield Finding(
            "BLANK",
            "warning",
            f"{names}{more}在原文中为空白或“/”，已按 0 处理，请核实",
            tuple(cell_ref(form_id, c) for c in blank),
            FORM_PART[form_id],
        )


def _format_rules(report: Report) -> Iterator[Finding]:
    variants = {t.variant for f, t in report.tables.items() if f != "review_litigation" and t.present}
    in_order = [v for v in revisions.revision_ids() if v in variants]  # newest first
    if len(variants) > 1:
        names = "与".join(revisions.display_name(v) for v in in_order)
        yield Finding(
            "MIXED",
            "warning",
            f"第二项与第三项使用了不同版本的格式（{names}混用），请统一为 {revisions.current().name}",
            part="三",
        )
    old = [v for v in in_order if revisions.superseded(v, report.year)]
    if old:
        in_force = revisions.for_year(report.year)
        yield Finding(
            "FORMAT",
            "warning",
            f"{report.year} 年度报告应使用 {in_force.format_name}（{in_force.document}），"
            f"本报告仍有表格使用 {revisions.display_name(old[0])}",
        )


def _pending(report: Report) -> Iterator[Finding]:
    sections: list[tuple[str, list[Block]]] = [("封面", report.preface)]
    sections.extend((key, report.parts[key].blocks) for key in PART_KEYS)
    for key, blocks in sections:
        pending = sum(1 for b in blocks if b.pending_update)
        if pending:
            where = "前言" if key == "封面" else f"第{key}部分"
            yield Finding(
                "PENDING",
                "warning",
                f"{where}有 {pending} 段标记为“待更新”（沿用上年的文字或插入的参考句式），请改写",
                part=key,
            )


Rule = Callable[[Report], Iterator[Finding]]
RULES: tuple[Rule, ...] = (
    _unread,
    _r1_balance,
    _r2_r3,
    _r4,
    _r5_stock,
    _r6_carry,
    _r7_narrative,
    _r8_dates,
    _r9_units,
    _r10_structure,
    _blank_cells,
    _format_rules,
    _pending,
    copied_text_rule,
    *CONTENT_RULES,  # required elements, vague and contradictory text (gkdesk/domain/content_rules.py)
)


def check(report: Report) -> CheckResult:
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(report))
    findings.sort(key=lambda f: f.severity != "error")
    return CheckResult(tuple(findings))
