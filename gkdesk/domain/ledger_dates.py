"""Dates as clerks type them into a ledger: real Excel dates, Excel serial numbers, and text in every common shape.

A value that is not certainly one day is refused with the reason (never read as a nearby date): "2024年3月" is a
month, "2024" a year, "2024-02-30" no day at all.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

# Excel's day 0 is 1899-12-30 once its invented 1900-02-29 (serial 60) is skipped; serials before it are not
# plausible ledger dates anyway.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_MIN, SERIAL_MAX = 3654, 109574  # 1910-01-01 .. 2199-12-31

_TEXT_DATE = re.compile(
    r"^(\d{4})\s*(?:[-/.．年]\s*)(\d{1,2})\s*(?:[-/.．月]\s*)(\d{1,2})\s*日?"
    r"(?:\s*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?|\d{1,2}时(?:\d{1,2}分)?))?\s*$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL_TEXT = re.compile(r"^\d{4,6}(?:\.\d+)?$")


class NotADate(ValueError):
    """The value is not one certain day; ``str(error)`` says why, in Chinese."""


def _from_serial(serial: float) -> dt.date:
    if math.isnan(serial) or not SERIAL_MIN <= serial <= SERIAL_MAX:  # NaN or out of range
        raise NotADate(f"数字 {serial:g} 不是日期")
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _checked(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NotADate(f"“{text}”不是有效的日期") from None


def parse_ledger_date(value: object) -> dt.date | None:
    """The day a cell names; None for an empty cell; ``NotADate`` for anything else."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise NotADate(f"“{value}”不是日期")
    if isinstance(value, int | float):
        return _from_serial(float(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text or text in ("-", "—", "/", "无"):
        return None
    match = _TEXT_DATE.match(text)
    if match:
        return _checked(int(match[1]), int(match[2]), int(match[3]), text)
    match = _COMPACT_DATE.match(text)
    if match:
        return _checked(int(match[1]), int(match[2]), int(match[3]), text)
    if _SERIAL_TEXT.match(text) and not re.fullmatch(r"(19|20|21)\d\d", text):
        return _from_serial(float(text))
    if re.fullmatch(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*月?", text) or re.fullmatch(r"\d{4}\s*年?", text):
        raise NotADate(f"“{text}”只有年份或月份，没有具体日期")
    raise NotADate(f"“{text}”不是日期")


def chinese_day(day: dt.date) -> str:
    """2024年3月5日 (no zero padding, as official documents write dates)."""
    return f"{day.year}年{day.month}月{day.day}日"
