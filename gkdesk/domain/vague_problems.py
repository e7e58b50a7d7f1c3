"""VAGUE: a 五 that speaks of problems only in general ("还存在一些不足") and names none.

Reviewers grade whether the problems named are concrete. A problem is concrete when a clause (split at ，；。：、)
holds a deficiency word (有待, 不够, 不足, 不到位, 欠缺, 单一 …) and, after taking out that word and filler
(存在, 一些, 一定的, 还, 仍 …), still has at least ``MIN_SUBJECT_CHARS`` characters saying what is lacking
("信息公开意识有待提高" → "信息公开意识提高"). A 五 without any problem word at all is the ELEMENT finding's
(problems.problems), not this one; an empty or missing 五 is R10's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gkdesk.domain.elements import comparable
from gkdesk.domain.findings import Finding
from gkdesk.domain.report import Report

MIN_SUBJECT_CHARS = 4
_CLAUSE_END = re.compile(r"[，,；;。：:、！？!?]+")
DEFICIENCY = re.compile(
    r"有待|不够|不足|不到位|欠缺|不及时|不高|单一|不强|不全面|不规范|参差不齐|滞后|不明确|缺乏|薄弱|"
    r"需进一步|仍需|还需|待提高|待加强|待提升|不完善|不畅|较弱|偏少|不深|不准|不严|较少|不多|不一|差距"
)
_PROBLEM_WORDS = re.compile(r"问题|不足|差距|短板|薄弱|有待|不够")
_FILLER = re.compile(
    r"存在|一些|一定的|一定|还|仍然|仍|但是|但|也|等|方面|工作中|工作|的|了|着|主要|问题|我们|本机关|我[县市区乡镇厅局委]|"
    r"虽然|取得|成绩|成效|进展|相比|对照|要求|期待|期望|与|和|及|在|是|有|一|二|三|四|五|如|表现为|表现在"
)


def concrete_problem_clauses(text: str) -> list[str]:
    """The clauses of ``text`` that name a specific deficiency."""
    found: list[str] = []
    for clause in _CLAUSE_END.split(comparable(text)):
        if not DEFICIENCY.search(clause):
            continue
        subject = _FILLER.sub("", DEFICIENCY.sub("", clause))
        if len(subject) >= MIN_SUBJECT_CHARS:
            found.append(clause)
    return found


def vague_problems_rule(report: Report) -> Iterator[Finding]:

    part = report.parts["五"]
    text = "\n".join(f"{b.text}{b.inline_text}" for b in part.blocks)
    if not part.present or not _PROBLEM_WORDS.search(comparable(text)):
        return
    if concrete_problem_clauses(text):
        return
    yield Finding(
        "VAGUE",
        "warning",
        "第五部分只笼统提到“问题”“不足”，没有写明具体是什么问题，请逐条写明（如“一是××有待加强”）",
        part="五",
    )
