"""What a check finds: one frozen record per problem, and the result of a whole check.

Its own module because every layer reads findings (the grid paints them, the problems panel lists them, the CLI
prints them, the readiness policy refuses on them) and the rules that make them should not be a dependency of all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from gkdesk.domain.refs import FormId, is_ref_of, parse_ref

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    cells: tuple[str, ...] = ()  # ``table:cell`` references (gkdesk.domain.refs)
    part: str | None = None
    expected: int | Decimal | None = None
    target: str | None = None  # the cell a one-click fix sets to ``expected``

    @property
    def fixable(self) -> bool:
        return self.target is not None and self.expected is not None

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "cells": list(self.cells),
        }
        if self.part is not None:
            data["part"] = self.part
        if self.expected is not None:
            data["expected"] = str(self.expected) if isinstance(self.expected, Decimal) else self.expected
        return data


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    def summary(self) -> str:
        return f"{len(self.errors)} 个错误 · {len(self.warnings)} 个警告"


def table_findings(result: CheckResult, form_id: FormId) -> dict[str, list[Finding]]:
    """Findings by cell id of one table, for painting a grid."""
    by_cell: dict[str, list[Finding]] = {}
    for finding in result.findings:
        for ref in finding.cells[:1] if finding.code in ("R2", "R3", "R4") else finding.cells:
            if is_ref_of(ref, form_id):
                by_cell.setdefault(parse_ref(ref)[1], []).append(finding)
    return by_cell
