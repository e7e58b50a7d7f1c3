"""The ``gkdesk show --json`` shape: a stable contract for scripts and reviewers (an output format, so in io)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gkdesk.domain.checker import CheckResult, check, unread_cells
from gkdesk.domain.report import NARRATIVE_PARTS, Block, Report, TableData


def _json_value(table: TableData, cell_id: str) -> Any:
    """A figure, or null for a cell blank in the source or not read from it (never a 0 that was not printed)."""
    if cell_id in table.blank_cells or cell_id in table.unread_cells:
        return None
    value = table.get(cell_id)
    return str(value) if isinstance(value, Decimal) else value


def table_json(table: TableData) -> dict[str, Any] | None:
    """table 二 flat by cell id; tables 三 and 四 nested row → column."""
    if not table.present:
        return None
    if table.form_id == "disclosure":
        return {cell_id: _json_value(table, cell_id) for cell_id in table.form.cell_ids()}
    nested: dict[str, dict[str, Any]] = {}
    for cell in table.form.cells:
        nested.setdefault(cell.row_id, {})[cell.col_id] = _json_value(table, cell.cell_id)
    return nested


def block_json(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": block.kind, "text": block.text}
    if block.kind == "heading":
        data["level"] = block.level
        if block.inline_text:
            data["inline_text"] = block.inline_text
    if block.pending_update:
        data["pending_update"] = True
    return data


def report_json(report: Report, result: CheckResult | None = None) -> dict[str, Any]:
    result = result or check(report)
    return {
        "format": report.format,
        "variants": {form_id: table.variant for form_id, table in report.tables.items()},
        "year": report.year,
        "title": report.title,
        "agency": report.agency,
        "addressee": report.addressee,
        "tables": {form_id: table_json(table) for form_id, table in report.tables.items()},
        "unread": dict(unread_cells(report)),
        "parts": {key: [block_json(b) for b in report.parts[key].blocks] for key in NARRATIVE_PARTS},
        "signature": {
            "agency": report.signature.agency,
            "date": report.signature.date.isoformat() if report.signature.date else None,
        },
        "signed_off": report.signed_off,
        "import_log": [entry.model_dump() for entry in report.import_log],
        "findings": [f.as_json() for f in result.findings],
    }
