"""Tables kept as cells between vertical bars, as web crawlers, reader-mode tools and Markdown editors keep an HTML
table: a row per line ("规章 | 0 | 0 | 0 |", with or without the outer bars, Markdown's rule line, full-width bars)
or a cell per line ("信息内容 |"). Each must read every figure the TAB-separated text gives; bars elsewhere (a
page's menu, a sentence) change nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from gkdesk.domain.report import Report
from gkdesk.io.recognise.pipes import MIN_BAR_LINES, pipe_rows
from gkdesk.io.recognise.separators import tab_rows
from gkdesk.io.txt_reader import _is_part_heading, read_text_report
from gkdesk.io.txt_writer import report_to_text
from tests.conftest import REAL, shared_files
from tests.io.export_support import jiaokou_2021
from tests.io.import_expect import flat_expected, table_content


def _rows(text: str, join: Callable[[list[str]], list[str]]) -> str:
    return "\n".join("\n".join(join(line.split("\t"))) if "\t" in line else line for line in text.split("\n"))


def markdown(text: str) -> str:
    """Each TAB row as a Markdown table row; a rule line after each table's first row."""
    out: list[str] = []
    previous_was_row = False
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            previous_was_row = False
            continue
        cells = line.split("\t")
        out.append("| " + " | ".join(cells) + " |")
        if not previous_was_row:
            out.append("|" + "---|" * len(cells))
        previous_was_row = True
    return "\n".join(out)


def ruled(text: str, rule: Callable[[int], str], bar: str) -> str:
    """Each TAB row between rule lines, as a text-mode table draws it."""
    out: list[str] = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        cells = line.split("\t")
        out += [rule(len(cells)), bar + bar.join(cells) + bar]
    return "\n".join(out)


SHAPES: dict[str, Callable[[str], str]] = {
    "row per line, trailing bar": lambda t: _rows(t, lambda cells: [" | ".join(cells) + " |"]),
    "row per line, no outer bars": lambda t: _rows(t, lambda cells: [" | ".join(cells)]),
    "row per line, full-width bars": lambda t: _rows(t, lambda cells: ["｜".join(cells) + "｜"]),
    "markdown": markdown,
    "cell per line": lambda t: _rows(t, lambda cells: [f"{cell} |" for cell in cells if cell.strip()]),
    "box drawing": lambda t: ruled(t, lambda n: "├" + "┼".join(["────"] * n) + "┤", "│"),
    "ascii table": lambda t: ruled(t, lambda n: "+" + "+".join(["------"] * n) + "+", " | "),
}


@pytest.fixture(scope="module")
def source() -> tuple[Report, str]:
    report = jiaokou_2021()
    return read_text_report(report_to_text(report)), report_to_text(report)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_figure_of_a_barred_table(source: tuple[Report, str], shape: str) -> None:
    expected, text = source
    assert all(expected.tables[f].present for f in expected.tables)
    got = read_text_report(SHAPES[shape](text))
    for form_id, table in expected.tables.items():
        assert table_content(got.tables[form_id]) == table_content(table), form_id
        assert got.tables[form_id].unread_cells == []
    assert [p.blocks[0].text for p in got.parts.values() if p.blocks] == [
        p.blocks[0].text for p in expected.parts.values() if p.blocks
    ]


def test_a_menu_and_a_sentence_with_bars_are_text() -> None:
    text = "首页 | 政务公开 | 信息公开年报\n当前位置：首页 | 政务公开\n本报告由 A | B 两部分组成。\n"
    assert pipe_rows(text) is None
    lines = [f"第{n}行 | 内容 | 说明。" for n in range(MIN_BAR_LINES + 2)]
    sentences = "\n".join(lines)
    assert (pipe_rows(sentences) or sentences) == sentences  # sentences keep their bars


def test_a_lone_dash_cell_is_no_rule() -> None:
    rows = ["| 规章 | - | 0 |"] * MIN_BAR_LINES
    assert pipe_rows("\n".join(rows)) == "\n".join(["规章\t-\t0"] * MIN_BAR_LINES)


def test_empty_cells_between_bars_are_kept() -> None:
    rows = ["| 规章 | 0 |  | 0 |"] * MIN_BAR_LINES
    assert pipe_rows("\n".join(rows)) == "\n".join(["规章\t0\t\t0"] * MIN_BAR_LINES)


def test_a_page_menu_before_a_barred_report_changes_no_figure(source: tuple[Report, str]) -> None:
    expected, text = source
    chrome = "首页 | 政务公开 | 政府信息公开年报 |\n索 引 号 | 014416330/2018-04736 | 分 类 | 年报 |\n"
    got = read_text_report(chrome + SHAPES["row per line, trailing bar"](text))
    for form_id, table in expected.tables.items():
        assert table_content(got.tables[form_id]) == table_content(table), form_id


# --------------------------------------------------------------------------- real reports, re-shaped


def _wrong_and_unread(report: Report, expected: dict[str, object]) -> tuple[dict[str, object], list[str]]:
    wrong: dict[str, object] = {}
    unread: list[str] = []
    for ref, want in expected.items():
        form_id, _, cell = ref.partition(":")
        table = report.tables[form_id]  # type: ignore[index]
        if not table.present or cell in table.unread_cells:
            unread.append(ref)
            continue
        got = table.get(cell)
        got = str(got) if form_id == "disclosure" and "amount" in cell else got
        if got != want and not (want is None and got in (0, "")):
            wrong[ref] = (want, got)
    return wrong, unread


@pytest.mark.shared
@pytest.mark.parametrize("path", shared_files(REAL, "hebei-*.txt"), ids=lambda p: p.name)
@pytest.mark.parametrize("shape", ["row per line, trailing bar", "markdown"])
def test_a_real_scraped_report_with_its_tables_between_bars(path: Path, shape: str) -> None:
    """The scraper's carriage-return cells of a real report laid out between bars: every verified figure."""
    raw = path.read_bytes().decode("utf-8")
    as_tab_rows = tab_rows(raw, _is_part_heading)
    assert as_tab_rows is not None
    expected = flat_expected(
        json.loads((REAL / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))["tables"]
    )
    report = read_text_report(SHAPES[shape](re.sub(r"\n[ \t]*\n", "\n", as_tab_rows)))
    assert _wrong_and_unread(report, expected) == ({}, [])
