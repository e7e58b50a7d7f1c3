"""FEE: what part 六 says about fees against table 二's 行政事业性收费 (2021 format).

Two different things are easily confused, and the rule keeps them apart (real reports show both at once: 平潭
2021 collected no 信息处理费 while its table 二 shows 24252 万元 of 行政事业性收费):
- the 信息处理费 of 国办函〔2020〕109号, charged to applicants, which 六 reports;
- table 二 第二十条第（八）项, all the 行政事业性收费 the agency collected that year.
So a 六 that says no 信息处理费 was charged never contradicts table 二. What does:
- a 六 saying no fee of any kind was collected (未收取任何费用, 未收费 …, with no 信息处理费 in the sentence)
  while table 二 shows an amount above 0;
- a 六 saying some 信息处理费 was collected (…信息处理费 N 元, N > 0) while table 二 shows 0: the 信息处理费 is
  itself a 行政事业性收费, so the table cannot be below it.
Only the 2021 table 二 has an amount (the 2019 trial form counts fee items).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from gkdesk.domain import revisions
from gkdesk.domain.elements import comparable
from gkdesk.domain.findings import Finding
from gkdesk.domain.refs import format_ref as cell_ref
from gkdesk.domain.report import Report

FEE_CELL = "art20_8.fees.amount_wan"
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_NO_FEE = re.compile(r"(?:未|没有|无|不|均未)(?:向[^。，,]{0,10})?(?:收取|收)(?:任何)?(?:费用|费)|零收费|无收费")
_INFO_FEE = re.compile(r"信息处理费")
_INFO_FEE_AMOUNT = re.compile(
    r"信息处理费[^。；\d]{0,8}?(\d+(?:\.\d+)?)(万元|元)|收取[^。；\d]{0,12}?(\d+(?:\.\d+)?)(万元|元)[^。；]{0,4}信息处理费"
)


def fee_rule(report: Report) -> Iterator[Finding]:

    table = report.disclosure
    six = report.parts["六"]
    if not table.present or "FEE" not in revisions.revision(table.variant).rules or not six.present:
        return
    if FEE_CELL in table.unread_cells:
        return
    amount = table.amounts[FEE_CELL]
    text = comparable("。".join(f"{b.text}{b.inline_text}" for b in six.blocks if not b.pending_update))
    for sentence in _SENTENCE.findall(text):
        if amount > 0 and _NO_FEE.search(sentence) and not _INFO_FEE.search(sentence):
            yield Finding(
                "FEE",
                "warning",
                f"第六部分称“{sentence}”，但第二项行政事业性收费金额为 {amount} 万元，请核实或写明所指的费用",
                (cell_ref("disclosure", FEE_CELL),),
                "六",
            )
            continue
        match = _INFO_FEE_AMOUNT.search(sentence)
        if amount == 0 and match is not None:
            figure, unit = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            if Decimal(figure) > 0:
                yield Finding(
                    "FEE",
                    "warning",
                    f"第六部分称收取信息处理费 {figure} {unit}，但第二项行政事业性收费金额为 0"
                    "（信息处理费属于行政事业性收费），请核实",
                    (cell_ref("disclosure", FEE_CELL),),
                    "六",
                )
