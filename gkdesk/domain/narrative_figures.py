"""R7, continued: figures the text states about table 二 and table 四 that disagree with the tables.

The checker's R7 compares the applications received and "行政复议/行政诉讼 N 件" with tables 三 and 四; this adds
what the text says about table 二 (2021 format) — 规范性文件 制发/废止/现行有效 N 件, 行政许可 N 件, 行政处罚 N
件 — and the short forms "复议 N 件/起", "诉讼 N 件/起" the checker's patterns (which need 行政 in front) leave
out. Same conventions as the checker's R7: text marked 待更新 is left out (PENDING warns about it), an unread cell
is never compared, and the finding quotes the text so the window can jump to it. A figure followed by 类信息/条
(行政许可类信息 69 条) counts published items, not decisions, and is not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gkdesk.domain import revisions
from gkdesk.domain.findings import Finding
from gkdesk.domain.narrative import narrative_text, stated_otherwise
from gkdesk.domain.refs import format_ref as cell_ref
from gkdesk.domain.report import Report

_DOCS = r"(?:了)?\s*(?:的)?\s*(?:行政)?\s*规范性文件\s*(?:共)?\s*(\d+)\s*(?:件|个|份)"
# (pattern, table 二 cell, what the table calls it); a pattern is only tried when its keyword is in the text
DISCLOSURE_FIGURES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(r"(?:新制发|制发|印发|出台|新制定|制定)" + _DOCS),
        "art20_1.normative_documents.issued",
        "行政规范性文件本年制发件数",
    ),
    (re.compile(r"废止" + _DOCS), "art20_1.normative_documents.repealed", "行政规范性文件本年废止件数"),
    (re.compile(r"现行有效" + _DOCS), "art20_1.normative_documents.in_force", "行政规范性文件现行有效件数"),
    (
        re.compile(r"行政许可\s*(?:决定|案件|事项)?\s*(?:共|数量为?)?\s*(\d+)\s*件"),
        "art20_5.licensing.decisions",
        "行政许可本年处理决定数量",
    ),
    (
        re.compile(r"行政处罚\s*(?:决定|案件|事项)?\s*(?:共|数量为?)?\s*(\d+)\s*件"),
        "art20_6.penalty.decisions",
        "行政处罚本年处理决定数量",
    ),
)
_KEYWORD = {
    "art20_1.normative_documents.issued": "规范性文件",
    "art20_1.normative_documents.repealed": "规范性文件",
    "art20_1.normative_documents.in_force": "规范性文件",
    "art20_5.licensing.decisions": "行政许可",
    "art20_6.penalty.decisions": "行政处罚",
}
_SHORT_REVIEW = re.compile(r"(?<!行政)复议(?:案件|申请)?[^。；，,\d]{0,6}?(\d+)\s*(?:件|起)")
_SHORT_LITIGATION = re.compile(r"(?<!行政)诉讼(?:案件)?[^。；，,\d]{0,6}?(\d+)\s*(?:件|起)")


def narrative_figures_rule(report: Report) -> Iterator[Finding]:

    text = narrative_text(report, include_pending=False)
    disclosure = report.disclosure
    if disclosure.present and "R7:disclosure" in revisions.revision(disclosure.variant).rules:
        unread = frozenset(disclosure.unread_cells)
        for pattern, cell_id, label in DISCLOSURE_FIGURES:
            if cell_id in unread or _KEYWORD[cell_id] not in text:
                continue
            table_value = disclosure.counts[cell_id]
            for match in stated_otherwise(text, pattern, table_value):
                yield Finding(
                    "R7",
                    "warning",
                    f"正文“{match.group(0)}”与第二项{label} {table_value} 不一致",
                    (cell_ref("disclosure", cell_id),),
                    "二",
                )
    review = report.review_litigation
    if not review.present:
        return
    unread = frozenset(review.unread_cells)
    counts = review.counts
    checks = (
        (_SHORT_REVIEW, ("review.total",), "行政复议"),
        (_SHORT_LITIGATION, ("lit_direct.total", "lit_after_review.total"), "行政诉讼"),
    )
    for pattern, cells, label in checks:
        if any(c in unread for c in cells) or label[2:] not in text:
            continue
        table_value = sum(counts[c] for c in cells)
        for match in stated_otherwise(text, pattern, table_value):
            yield Finding(
                "R7",
                "warning",
                f"正文“{match.group(0)}”与第四项{label}总计 {table_value} 件不一致",
                tuple(cell_ref("review_litigation", c) for c in cells),
                "四",
            )
