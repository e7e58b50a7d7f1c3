"""One checked file of a batch, as the summary writers (.csv in ``gkdesk.batch``, .xlsx in ``gkdesk.summary_xlsx``)
and the window's batch view take it: picklable, so the worker processes can send it back."""

from __future__ import annotations

from dataclasses import dataclass, field

ColumnValue = int | str | None


@dataclass(frozen=True)
class ReportRow:
    """The outcome of checking one file: picklable, so workers can send it back."""

    file: str
    agency: str = ""
    year: int | None = None
    format: str = ""
    errors: int | None = None
    warnings: int | None = None
    top: tuple[str, ...] = ()
    findings: tuple[dict[str, object], ...] = field(default=(), repr=False)
    failure: str | None = None
    assessed: tuple[ColumnValue, ...] = ()  # one value per ``ASSESSMENT_COLUMNS`` entry

    @property
    def failed(self) -> bool:
        return self.failure is not None or bool(self.errors)

    def csv_row(self) -> list[str]:
        if self.failure is not None:
            return [self.file, "", "", "", "", "", f"无法读取：{self.failure}"]  # the columns after: blank
        return [
            self.file,
            self.agency,
            str(self.year),
            self.format,
            str(self.errors),
            str(self.warnings),
            "；".join(self.top),
            *("" if value is None else str(value) for value in self.assessed),
        ]

    def as_json(self) -> dict[str, object]:
        if self.failure is not None:
            return {"file": self.file, "error": self.failure}
        return {
            "file": self.file,
            "agency": self.agency,
            "year": self.year,
            "format": self.format,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": list(self.findings),
        }

    def text_line(self) -> str:
        if self.failure is not None:
            return f"{self.file}: 无法读取：{self.failure}"
        first = f"；{self.top[0]}" if self.top else ""
        return f"{self.file}: {self.errors} 个错误 · {self.warnings} 个警告{first}"
