"""Reading a number as a clerk types or a document prints it.

One place for full-width digits, thousands separators, stray spaces and units, shared by the grid editors and
every importer, so "１，２３４ 件" means 1234 everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from gkdesk.domain.forms import CellKind
from gkdesk.errors import GkError

BLANK_MARKS = frozenset({"", "/", "／", "—", "——", "-", "－", "–", "无", "空", "\\"})
_UNITS = re.compile(r"(万元|元|件|个|项|条|次|宗)$")
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


class ValueInputError(GkError, ValueError):
    """A value that cannot go into a cell; the message is for the clerk, in Chinese."""


@lru_cache(maxsize=8192)  # the same few cell texts ("0", "1", "—") over and over in every table
def normalise(text: str) -> str:
    """Full-width to half-width (NFKC), spaces removed, Chinese thousands commas made ASCII."""
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub("", text)
    return text.replace("，", ",").replace("、", ",")


def is_blank(text: str) -> bool:
    return normalise(text) in BLANK_MARKS


def _strip_number(text: str) -> str:
    text = normalise(text)
    text = _UNITS.sub("", text)
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    return text


def parse_count(text: str, *, signed: bool = False) -> int:
    """A whole number of cases; refuses fractions, letters and (unless ``signed``) negatives."""
    raw = _strip_number(text)
    if raw in BLANK_MARKS:
        return 0
    if not re.fullmatch(r"[+-]?\d+", raw):
        raise ValueInputError(f"“{text.strip()}”不是整数，请输入 0 或正整数")
    value = int(raw)
    if value < 0 and not signed:
        raise ValueInputError(f"“{text.strip()}”是负数，件数不能为负")
    if abs(value) > 10**12:
        raise ValueInputError(f"“{text.strip()}”过大")
    return value


def parse_amount(text: str) -> Decimal:
    """A fee in 万元, keeping exactly the digits typed ("53.6836" stays 53.6836, "0.50" stays 0.50)."""
    raw = _strip_number(text)
    if raw in BLANK_MARKS:
        return Decimal("0")
    if not re.fullmatch(r"\+?(\d+(\.\d*)?|\.\d+)", raw):
        if raw.startswith("-"):
            raise ValueInputError(f"“{text.strip()}”是负数，金额不能为负")
        raise ValueInputError(f"“{text.strip()}”不是金额，请输入数字，如 53.6836")
    try:
        value = Decimal(raw.lstrip("+"))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise ValueInputError(f"“{text.strip()}”不是金额") from exc
    if value > Decimal(10) ** 12:
        raise ValueInputError(f"“{text.strip()}”过大")
    return value


def parse_cell(text: str, kind: CellKind) -> int | Decimal | str:
    if kind == "count":
        return parse_count(text)
    if kind == "signed":
        return parse_count(text, signed=True)
    if kind == "decimal":
        return parse_amount(text)
    return text.strip()


def format_value(value: int | Decimal | str) -> str:
    """How a value is printed in a table cell (Decimal keeps its digits, never exponent notation)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
