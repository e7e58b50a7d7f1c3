"""The report model: everything an annual report holds, and nothing about how it is shown or stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal, cast

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from gkdesk.domain import revisions
from gkdesk.domain.forms import FORM_IDS, FORM_PART, FORM_TITLES, FormDef, FormId, Variant, form
from gkdesk.errors import GkError

PartKey = Literal["一", "二", "三", "四", "五", "六"]
PART_KEYS: tuple[PartKey, ...] = ("一", "二", "三", "四", "五", "六")
# the parts with a table are named by it (``FORM_PART``, ``FORM_TITLES``): each title is written once
TABLE_OF_PART: dict[PartKey, FormId] = {cast(PartKey, FORM_PART[f]): f for f in FORM_IDS}
# Printed above a table the report lacks (its official form with every figure blank), so a reader of the export,
# and gkdesk reading it back, know the blanks mean "not provided", not zeros.
MISSING_TABLE_NOTE = "（本表原文未提供，各栏留空待填写）"
PART_TITLES: dict[PartKey, str] = {
    "一": "总体情况",
    **{key: FORM_TITLES[form_id] for key, form_id in TABLE_OF_PART.items()},
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}
NARRATIVE_PARTS: tuple[PartKey, ...] = ("一", "五", "六")

CellValue = int | Decimal | str


class CellValueError(GkError, ValueError):
    """A value that does not fit its cell (a negative count, text in a number cell)."""


MIN_YEAR, MAX_YEAR = 1990, 2200  # a report year outside this is a typo, never a real report


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Block(_Model):
    """A subheading or a paragraph of a narrative part.

    Headings are stored without their number ("（一）"); the exporter numbers them, so reordering renumbers.
    ``inline_text`` is the paragraph text that follows a run-in heading on the same line.
    """

    kind: Literal["heading", "paragraph"] = "paragraph"
    text: str = ""
    level: int = Field(default=2, ge=2, le=4)
    inline_text: str = ""
    pending_update: bool = False


class Part(_Model):
    key: PartKey
    title: str = ""
    present: bool = True
    blocks: list[Block] = Field(default_factory=list)

    def display_title(self) -> str:
        return f"{self.key}、{self.title or PART_TITLES[self.key]}"


class TableData(_Model):
    """One of the three tables: values keyed by the cell ids of its form definition."""

    form_id: FormId
    variant: Variant = Field(default_factory=lambda: revisions.current().id)
    present: bool = True
    counts: dict[str, int] = Field(default_factory=dict)
    amounts: dict[str, Decimal] = Field(default_factory=dict)
    texts: dict[str, str] = Field(default_factory=dict)
    blank_cells: list[str] = Field(default_factory=list)
    # cells of a table the importer found but could not read with certainty: shown as unread (never as 0) until
    # the clerk types a value; the import log says why and what the source printed
    unread_cells: list[str] = Field(default_factory=list)

    @property
    def form(self) -> FormDef:
        return form(self.form_id, self.variant)

    @field_validator("variant")
    @classmethod
    def _known_revision(cls, variant: str) -> str:
        if not revisions.is_revision(variant):
            raise ValueError(f"unknown format revision {variant!r}: expected one of {revisions.revision_ids()}")
        return variant

    @model_validator(mode="after")
    def _check_cells(self) -> TableData:
        definition = self.form
        for cell_id in definition.cell_ids():
            kind = definition.cell(cell_id).kind
            if kind in ("count", "signed"):
                self.counts.setdefault(cell_id, 0)
            elif kind == "decimal":
                self.amounts.setdefault(cell_id, Decimal("0"))
            else:
                self.texts.setdefault(cell_id, "")
        for cell_id, value in self.counts.items():
            if not definition.has_cell(cell_id) or definition.cell(cell_id).kind not in ("count", "signed"):
                raise ValueError(f"unknown count cell {cell_id!r} in table {self.form_id} ({self.variant})")
            if value < 0 and definition.cell(cell_id).kind == "count":
                raise ValueError(f"negative count {value} in cell {cell_id!r}")
        for cell_id, amount in self.amounts.items():
            if not definition.has_cell(cell_id) or definition.cell(cell_id).kind != "decimal":
                raise ValueError(f"unknown amount cell {cell_id!r}")
            if not amount.is_finite() or amount < 0:
                raise ValueError(f"invalid amount {amount} in cell {cell_id!r}")
        for cell_id in self.texts:
            if not definition.has_cell(cell_id) or definition.cell(cell_id).kind != "text":
                raise ValueError(f"unknown text cell {cell_id!r}")
        return self

    def get(self, cell_id: str) -> CellValue:
        kind = self.form.cell(cell_id).kind
        if kind in ("count", "signed"):
            return self.counts[cell_id]
        if kind == "decimal":
            return self.amounts[cell_id]
        return self.texts[cell_id]

    def count(self, cell_id: str) -> int:
        return self.counts[cell_id]

    def set(self, cell_id: str, value: CellValue) -> None:
        """Set one cell; the caller has validated the value (see ``gkdesk.domain.values``)."""
        kind = self.form.cell(cell_id).kind
        if kind in ("count", "signed"):
            if not isinstance(value, int) or (kind == "count" and value < 0):
                raise CellValueError(
                    f"{self.form.describe(cell_id)}只能填写{'整数' if kind == 'signed' else '非负整数'}，不能是“{value}”"
                )
            self.counts[cell_id] = value
        elif kind == "decimal":
            if not isinstance(value, Decimal) or value < 0:
                raise CellValueError(f"{self.form.describe(cell_id)}只能填写非负的金额，不能是“{value}”")
            self.amounts[cell_id] = value
        else:
            self.texts[cell_id] = str(value)
        if cell_id in self.blank_cells:
            self.blank_cells.remove(cell_id)
        if cell_id in self.unread_cells:
            self.unread_cells.remove(cell_id)

    def mark_unread(self, cell_ids: list[str] | tuple[str, ...]) -> None:
        """Cells whose figures the source holds but the importer could not place with certainty."""
        for cell_id in cell_ids:
            if cell_id not in self.unread_cells:
                self.unread_cells.append(cell_id)
            if cell_id in self.blank_cells:
                self.blank_cells.remove(cell_id)


def new_table(form_id: FormId, variant: Variant | None = None) -> TableData:
    """An empty table in a revision (the current one by default)."""
    return TableData(form_id=form_id, variant=variant or revisions.current().id)


class Contacts(_Model):
    address: str = ""
    phone: str = ""
    fax: str = ""
    postcode: str = ""
    email: str = ""
    website: str = ""


class Signature(_Model):
    agency: str | None = None
    date: dt.date | None = None


class HistoryEntry(_Model):
    action: Literal["signed_off", "sign_off_revoked", "imported", "rolled_over", "merged"]
    who: str = ""
    when: dt.datetime
    note: str = ""


class SignOff(_Model):
    approver: str | None = None
    date: dt.date | None = None

    @property
    def signed(self) -> bool:
        return bool(self.approver) and self.date is not None


class ImportLogEntry(_Model):
    """What an importer recognised, assumed or could not find, for the clerk to read after opening."""

    level: Literal["recognised", "assumed", "missing", "warning"]
    message: str
    cells: list[str] = Field(default_factory=list)


def _default_parts() -> dict[PartKey, Part]:
    return {key: Part(key=key, title=PART_TITLES[key]) for key in PART_KEYS}


def _default_tables() -> dict[FormId, TableData]:
    return {form_id: new_table(form_id) for form_id in FORM_IDS}


class Report(_Model):
    title: str = ""
    agency: str | None = None
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR)
    addressee: str | None = None
    preface: list[Block] = Field(default_factory=list)
    contacts: Contacts = Field(default_factory=Contacts)
    parts: dict[PartKey, Part] = Field(default_factory=_default_parts)
    tables: dict[FormId, TableData] = Field(default_factory=_default_tables)
    signature: Signature = Field(default_factory=Signature)
    sign_off: SignOff = Field(default_factory=SignOff)
    history: list[HistoryEntry] = Field(default_factory=list)
    import_log: list[ImportLogEntry] = Field(default_factory=list)
    source_file: str | None = None
    previous: Report | None = None

    @model_validator(mode="after")
    def _complete(self) -> Report:
        for key in PART_KEYS:
            self.parts.setdefault(key, Part(key=key, title=PART_TITLES[key]))
        for form_id in FORM_IDS:
            self.tables.setdefault(form_id, new_table(form_id))
            if self.tables[form_id].form_id != form_id:
                raise ValueError(f"table {form_id} holds a {self.tables[form_id].form_id} table")
        for key, part in self.parts.items():
            if part.key != key:
                raise ValueError(f"part {key} is labelled {part.key}")
        self.parts = {key: self.parts[key] for key in PART_KEYS}
        return self

    @property
    def disclosure(self) -> TableData:
        return self.tables["disclosure"]

    @property
    def applications(self) -> TableData:
        return self.tables["applications"]

    @property
    def review_litigation(self) -> TableData:
        return self.tables["review_litigation"]

    @property
    def format(self) -> Variant:
        """The report's format as one word: the variant of table 二, the table where the versions differ most."""
        return self.disclosure.variant

    @property
    def is_mixed_format(self) -> bool:
        return self.disclosure.variant != self.applications.variant

    @property
    def signed_off(self) -> bool:
        return self.sign_off.signed

    def default_title(self) -> str:
        return f"{self.agency or ''}{self.year}年政府信息公开工作年度报告"


def new_report(agency: str | None, year: int, variant: Variant | None = None) -> Report:
    """An empty report in the official structure."""
    report = Report(
        agency=agency,
        year=year,
        tables={form_id: new_table(form_id, variant) for form_id in FORM_IDS},
        signature=Signature(agency=agency),
    )
    report.title = report.default_title()
    return report
