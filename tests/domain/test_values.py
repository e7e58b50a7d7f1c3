"""Numbers as clerks type them and documents print them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gkdesk.domain.values import ValueInputError, format_value, is_blank, parse_amount, parse_count


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("１２", 12),
        (" 3388 ", 3388),
        ("1,234", 1234),
        ("１，２３４", 1234),
        ("6件", 6),
        ("\u3000\u30000", 0),
        ("", 0),
        ("/", 0),
        ("—", 0),
        ("+5", 5),
    ],
)
def test_parse_count_accepts_what_clerks_type(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["-1", "abc", "1.5", "12a", "1,23"])
def test_parse_count_refuses_with_a_chinese_message(text):
    with pytest.raises(ValueInputError, match=r"[\u4e00-\u9fff]"):
        parse_count(text)


def test_signed_counts_allow_negatives():
    assert parse_count("-825", signed=True) == -825
    assert parse_count("－825", signed=True) == -825


@pytest.mark.parametrize(
    ("text", "digits"),
    [("53.6836", "53.6836"), ("0.50", "0.50"), ("１２．５", "12.5"), ("0", "0"), ("1,234.5", "1234.5")],
)
def test_parse_amount_keeps_the_digits_typed(text, digits):
    value = parse_amount(text)
    assert isinstance(value, Decimal) and format_value(value) == digits


@pytest.mark.parametrize("text", ["-3", "abc", "1e5", "nan"])
def test_parse_amount_refuses(text):
    with pytest.raises(ValueInputError):
        parse_amount(text)


def test_blank_marks():
    assert is_blank(" / ") and is_blank("\u3000") and not is_blank("0")
