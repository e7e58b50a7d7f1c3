"""自查: one score out of 100 with a checklist by criterion — the project's own self-check, never an official score.

Criteria, weights, penalties and their sources are data (``resources/self_assessment.json``); this module applies
them to a report and its check result. Deterministic: nothing depends on today's date or the machine, only on
the report (the timeliness criterion reads the signature date, else the sign-off date).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from gkdesk.domain.checker import CheckResult, Finding, check
from gkdesk.domain.deadline import publication_deadline
from gkdesk.domain.elements import PART_NAMES, Element, applicable_elements, missing_elements
from gkdesk.domain.report import NARRATIVE_PARTS, PART_KEYS, Report
from gkdesk.resources import resources_dir

_TITLE = re.compile(r"\d{4}\s*年\s*(?:度\s*)?政府信息公开工作年度报告$")


@dataclass(frozen=True)
class CheckItem:
    """One line of the checklist: what was looked at, whether it passed, and why not."""

    text: str
    passed: bool
    detail: str = ""
    element: Element | None = None  # the completeness criterion's rows: the element looked for


@dataclass(frozen=True)
class CriterionScore:
    id: str
    label: str
    weight: int
    points: int
    source: str
    how: str
    items: tuple[CheckItem, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "label": self.label,
            "weight": self.weight,
            "points": self.points,
            "source": self.source,
            "items": [{"text": i.text, "passed": i.passed, "detail": i.detail} for i in self.items],
        }


@dataclass(frozen=True)
class Assessment:
    score: int
    criteria: tuple[CriterionScore, ...]
    missing: tuple[Element, ...] = field(default=())
    title: str = "自查评分"
    disclaimer: str = ""

    @property
    def missing_labels(self) -> list[str]:
        """The missing elements in words, for a summary column ("主动公开、信息处理费收取情况")."""
        return [e.label for e in self.missing]

    def criterion(self, criterion_id: str) -> CriterionScore:
        return next(c for c in self.criteria if c.id == criterion_id)

    def as_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "out_of": 100,
            "official": False,
            "disclaimer": self.disclaimer,
            "criteria": [c.as_json() for c in self.criteria],
            "missing_elements": [{"id": e.id, "part": e.part, "label": e.label} for e in self.missing],
        }


@cache
def _definition() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((resources_dir() / "self_assessment.json").read_text(encoding="utf-8"))
    return data


def _points(weight: float, share: float) -> int:
    """Half up, never above the weight nor below 0."""
    return max(0, min(int(weight), int(weight * share + 0.5)))


def deadline(report: Report) -> dt.date:
    """The publication deadline (gkdesk.domain.deadline)."""
    return publication_deadline(report)


def _timeliness(report: Report, spec: dict[str, Any]) -> tuple[int, list[CheckItem]]:
    date = report.signature.date or report.sign_off.date
    limit = deadline(report)
    text = f"在 {limit.year}年{limit.month}月{limit.day}日 前公布"
    if date is None:
        return 0, [CheckItem(text, False, "没有落款日期，无法判断是否按时公布")]
    written = f"{date.year}年{date.month}月{date.day}日"
    if date.year <= report.year:
        return 0, [CheckItem(text, False, f"落款日期 {written} 早于报告年度结束，年份可能写错")]
    if date > limit:
        return 0, [CheckItem(text, False, f"落款日期 {written} 晚于期限")]
    return int(spec["weight"]), [CheckItem(text, True, f"落款日期 {written}")]


def _completeness(report: Report, spec: dict[str, Any], missing: list[Element]) -> tuple[int, list[CheckItem]]:
    weights: dict[str, float] = spec["element_weights"]
    applicable = applicable_elements(report)
    total = sum(weights[e.certainty] for e in applicable)
    absent = {e.id for e in missing}
    covered = sum(weights[e.certainty] for e in applicable if e.id not in absent)
    items = [
        CheckItem(
            f"{e.label}（{PART_NAMES[e.part]}{'，各地常见要求' if e.certainty == 'practice' else ''}）",
            e.id not in absent,
            element=e,
        )
        for e in applicable
    ]
    return _points(spec["weight"], covered / total if total else 1.0), items


def _penalised(findings: list[Finding], spec: dict[str, Any]) -> tuple[int, list[CheckItem]]:
    codes = set(spec["codes"])
    # a late or wrong signature date (R8 on the 落款) is the timeliness criterion's, not scored twice
    relevant = [f for f in findings if f.code in codes and not (f.code == "R8" and f.part == "落款")]
    penalty = sum(spec.get("error_penalty", 0) if f.severity == "error" else spec["warning_penalty"] for f in relevant)
    items = [CheckItem(f"{f.code} {f.message}" if f.code[:1] == "R" else f.message, False) for f in relevant]
    if not items:
        items = [CheckItem("未发现问题", True)]
    return max(0, int(spec["weight"]) - penalty), items


def _form(report: Report, result: CheckResult, spec: dict[str, Any]) -> tuple[int, list[CheckItem]]:
    points: dict[str, int] = spec["items"]
    empty = [
        k
        for k in PART_KEYS
        if not report.parts[k].present
        or (k in NARRATIVE_PARTS and not any((b.text + b.inline_text).strip() for b in report.parts[k].blocks))
    ]
    signature = report.signature
    no_signature = [w for w, v in (("落款机关", signature.agency), ("落款日期", signature.date)) if not v]
    title_ok = bool(_TITLE.search(re.sub(r"\s+", "", report.title)))
    current = not any(f.code in ("FORMAT", "MIXED") for f in result.findings)
    items = [
        CheckItem(
            "六个部分齐全且有内容", not empty, "缺少或为空：" + "、".join(f"第{k}部分" for k in empty) if empty else ""
        ),
        CheckItem("落款机关和日期齐全", not no_signature, "缺少" + "、".join(no_signature) if no_signature else ""),
        CheckItem("标题为“××年政府信息公开工作年度报告”", title_ok, "" if title_ok else f"标题：{report.title}"),
        CheckItem("使用该年度适用的格式（2021 年度起为 2021 版）", current),
    ]
    keys = ("parts", "signature", "title", "format")
    return sum(points[k] for k, item in zip(keys, items, strict=True) if item.passed), items


def self_assess(report: Report, result: CheckResult | None = None) -> Assessment:
    """The self-check of ``report`` (``result``: its ``check()``, when the caller already has it)."""
    result = result if result is not None else check(report)
    definition = _definition()
    findings = list(result.findings)
    missing = missing_elements(report)
    criteria: list[CriterionScore] = []
    for spec in definition["criteria"]:
        kind = spec["id"]
        if kind == "timeliness":
            points, items = _timeliness(report, spec)
        elif kind == "completeness":
            points, items = _completeness(report, spec, missing)
        elif kind == "form":
            points, items = _form(report, result, spec)
        else:
            points, items = _penalised(findings, spec)
        criteria.append(
            CriterionScore(kind, spec["label"], int(spec["weight"]), points, spec["source"], spec["how"], tuple(items))
        )
    return Assessment(
        score=sum(c.points for c in criteria),
        criteria=tuple(criteria),
        missing=tuple(missing),
        title=str(definition["title"]),
        disclaimer=str(definition["disclaimer"]),
    )


def assessment_text(assessment: Assessment) -> list[str]:
    """The self-check as lines of text, for ``gkdesk check FILE --score``."""
    lines = [f"  {assessment.title}：{assessment.score} / 100（{assessment.disclaimer}）"]
    for criterion in assessment.criteria:
        lines.append(f"    {criterion.label}：{criterion.points} / {criterion.weight}")
        for item in criterion.items:
            if not item.passed or criterion.id in ("timeliness", "form"):
                mark = "✓" if item.passed else "✗"
                detail = f"（{item.detail}）" if item.detail else ""
                lines.append(f"      {mark} {item.text}{detail}")
    return lines
