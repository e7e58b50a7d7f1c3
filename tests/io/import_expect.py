"""Helpers for the importer tests: compare a whole table against figures written out by hand from the source."""

from __future__ import annotations

from decimal import Decimal

from gkdesk.domain.forms import APPLICATION_COLUMNS, APPLICATION_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS
from gkdesk.domain.report import Block, Report, TableData

B = None  # a cell printed blank (or "/", "—"): read as 0 and listed in blank_cells
Z7 = [0, 0, 0, 0, 0, 0, 0]


def table_content(table: TableData) -> tuple[object, ...]:
    """What two readings of the same table must agree on (not the blank-cell marks, which depend on the source)."""
    return (table.present, table.variant, table.counts, table.amounts, table.texts)


def assert_cells(table: TableData, expected: dict[str, int | Decimal | str | None]) -> None:
    """Every cell of the table: the value, and blank cells (None in ``expected``) read as 0 and listed."""
    assert table.present
    assert set(expected) == set(table.form.cell_ids()), "the expectation must name every cell"
    wrong = {}
    for cell_id, want in expected.items():
        got = table.get(cell_id)
        if want is None:
            zero = "" if table.form.cell(cell_id).kind == "text" else 0
            if got != zero or cell_id not in table.blank_cells:
                wrong[cell_id] = (got, "blank")
        elif got != want or type(got) is not type(want) or cell_id in table.blank_cells:
            wrong[cell_id] = (got, want)
    assert not wrong, wrong
    assert sorted(table.blank_cells) == sorted(c for c, v in expected.items() if v is None)


def applications(variant: str, rows: dict[str, list[int | None]]) -> dict[str, int | None]:
    """Cell expectations of table 三 from one list of seven figures per row id (every row must be given)."""
    row_ids = [r.row_id for r in APPLICATION_ROWS[variant]]  # type: ignore[index]
    assert list(rows) == row_ids, "rows must be listed in the printed order"
    out: dict[str, int | None] = {}
    for row_id, values in rows.items():
        assert len(values) == 7
        for (col, _label), value in zip(APPLICATION_COLUMNS, values, strict=True):
            out[f"{row_id}.{col}"] = value
    return out


def review(values: list[int | None]) -> dict[str, int | None]:
    """Cell expectations of table 四 from its one printed row of fifteen figures, left to right."""
    assert len(values) == 15
    ids = [f"{g}.{c}" for g, _gl in REVIEW_GROUPS for c, _cl in REVIEW_COLUMNS]
    return dict(zip(ids, values, strict=True))


def headings(blocks: list[Block]) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in blocks if b.kind == "heading"]


def log_messages(report: Report, level: str | None = None) -> list[str]:
    return [e.message for e in report.import_log if level is None or e.level == level]


def has_log(report: Report, level: str, *words: str) -> bool:
    return any(all(w in message for w in words) for message in log_messages(report, level))


def assert_same_reading(got: Report, expected: Report) -> None:
    """Two shapes of one report read alike: every table cell (none unread), the title, year, agency, preface,
    every part's paragraphs and the signature."""
    for form_id, table in expected.tables.items():
        assert table_content(got.tables[form_id]) == table_content(table), form_id
        assert got.tables[form_id].unread_cells == [], form_id
    assert (got.title, got.year, got.agency) == (expected.title, expected.year, expected.agency)
    assert [b.text for b in got.preface] == [b.text for b in expected.preface]
    for key, part in expected.parts.items():
        assert [b.text for b in got.parts[key].blocks] == [b.text for b in part.blocks], key
    assert got.signature == expected.signature


def flat_expected(tables: dict[str, dict[str, object]]) -> dict[str, object]:
    """``../shared/real/expected/NAME.json``'s tables as ``form:cell`` → value (the contract of ``gkdesk show``)."""
    out: dict[str, object] = {f"disclosure:{k}": v for k, v in (tables.get("disclosure") or {}).items()}
    for form_id in ("applications", "review_litigation"):
        for row, cols in (tables.get(form_id) or {}).items():
            assert isinstance(cols, dict)
            out.update({f"{form_id}:{row}.{col}": v for col, v in cols.items()})
    return out
