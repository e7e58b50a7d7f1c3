"""The recogniser's pieces on the project's own small inputs: tokens, digit splitting, row alignment, bare-CR cells.

Each case is a shape seen in real reports (named in the test), written here from scratch.
"""

from __future__ import annotations

import re

import pytest

from gkdesk.domain.report import Report
from gkdesk.io.recognise.digits import agreed, split_row
from gkdesk.io.recognise.log import ImportLog
from gkdesk.io.recognise.separators import cell_and_row_runs, tab_rows
from gkdesk.io.recognise.tables import read_tables, tail_score
from gkdesk.io.recognise.tokens import GAP_CELL, GAP_NONE, GAP_SPACE, tokenize
from gkdesk.io.recognise.vocabulary import all_rows, norm
from gkdesk.io.txt_reader import read_text_report


def _spec(form_id: str, row_id: str, variant: str = "2021"):
    return next(s for s in all_rows() if s.form_id == form_id and s.row_id == row_id and variant in s.variants)


def _nums(text: str):
    return [t for t in tokenize([text]) if t.kind != "text"]


# --------------------------------------------------------------------------- tokens


def test_a_label_number_glued_to_figures_belongs_to_the_label() -> None:
    tokens = tokenize(["1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"])
    assert [(t.kind, t.text) for t in tokens] == [
        ("text", "1.属于国家秘密"),
        ("num", "0000000"),
        ("text", "2.其他法律行政法规禁止公开"),
        ("num", "0000000"),
    ]


def test_page_footers_are_dropped_and_nothing_else() -> None:
    tokens = tokenize(["2.没有现成信息需要另行制作 3 0 0 -3- 0 0 0 3 — 4 — 第 5 页"])
    assert [t.text for t in tokens if t.kind == "num"] == ["3", "0", "0", "0", "0", "0", "3"]


def test_gaps_say_how_firmly_figures_were_separated() -> None:
    tokens = tokenize(["规章 000行政许可2293", ["行政处罚", "12", "", "4"]])
    gaps = [(t.text, t.gap) for t in tokens]
    assert ("000", GAP_SPACE) in gaps
    assert ("行政许可", GAP_NONE) in gaps
    assert ("2293", GAP_NONE) in gaps
    assert ("12", GAP_CELL) in gaps
    assert [t.kind for t in tokens][-2:] == ["blank", "num"]


def test_units_and_signs_stay_with_their_figure() -> None:
    tokens = _nums("行政事业性收费53.6836万元 本年增/减 -3 采购 62423198.43元")
    assert [(t.text, t.unit) for t in tokens] == [("53.6836", "万元"), ("-3", ""), ("62423198.43", "元")]


def test_a_header_rows_empty_cells_are_layout() -> None:
    tokens = tokenize([["行政复议", "", "", "", "", "行政诉讼", ""], ["", "", "1.属于国家秘密", "0", "", "1"]])
    assert [t.kind for t in tokens] == ["text", "text", "text", "num", "blank", "num"]


# --------------------------------------------------------------------------- digits


@pytest.mark.parametrize(
    ("printed", "row", "expected"),
    [
        ("82000010", "new", ["8", "2", "0", "0", "0", "0", "10"]),
        ("230 000023", "new", ["23", "0", "0", "0", "0", "0", "23"]),  # 平潭 2019: a space kept inside the run
        ("640020470", "new", ["64", "0", "0", "2", "0", "4", "70"]),
        ("0000000", "carry_in", ["0"] * 7),
    ],
)
def test_run_together_figures_split_by_the_row_total(printed: str, row: str, expected: list[str]) -> None:
    result = split_row(_nums(printed), _spec("applications", row))
    assert result.found == [tuple(expected)]


def test_several_fitting_splits_are_never_guessed() -> None:
    result = split_row(_nums("220000325"), _spec("applications", "unable.not_held"))
    assert len(result.found) == 2  # 22/0/0/0/0/3/25 and 2/20/0/0/0/3/25
    cells = agreed(result.found)
    assert cells[-1] == "25"  # the total is certain
    assert cells[0] is None and cells[1] is None
    assert split_row(_nums("999"), _spec("applications", "new")).found == []


def test_review_row_split_by_its_three_totals() -> None:
    result = split_row(_nums("10203120001200000"), _spec("review_litigation", "data"))
    assert result.found == [("1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0")]


def test_rows_without_sums_split_only_when_one_way_exists() -> None:
    regulations = _spec("disclosure", "art20_1.regulations")
    assert split_row(_nums("000"), regulations).found == [("0", "0", "0")]
    assert split_row(_nums("109"), regulations).found == [("1", "0", "9")]
    assert len(split_row(_nums("693665"), regulations).found) == 10
    assert split_row(_nums("5 7"), _spec("disclosure", "art20_6.coercion", "2019-trial")).found == []


def test_a_figure_with_a_leading_zero_is_never_read_as_it_stands() -> None:
    """A crawler glued the page number "1" to the row's last 0: "规章 0 0 01" is not 0/0/1."""
    regulations = _spec("disclosure", "art20_1.regulations")
    reading = split_row(_nums("0 0 01"), regulations)
    assert reading.found == [] and reading.how == "none"
    assert split_row(_nums("0 0 0"), regulations).found == [("0", "0", "0")]
    report = read_text_report("二、主动公开政府信息情况\n第二十条第（一）项\n规章 0 0 01\n规范性文件 27 32 32\n")
    cells = ["art20_1.regulations.issued", "art20_1.regulations.repealed", "art20_1.regulations.in_force"]
    assert all(c in report.disclosure.unread_cells for c in cells)
    assert report.disclosure.get("art20_1.normative_documents.in_force") == 32


def test_signed_and_decimal_cells_split_as_their_kind_allows() -> None:
    coercion = _spec("disclosure", "art20_6.coercion", "2019-trial")
    assert split_row(_nums("5-17"), coercion).found == [("5", "-1", "7")]
    fees = _spec("disclosure", "art20_8.fees")
    assert split_row(_nums("24252.311082"), fees).found == [("24252.311082",)]
    procurement = _spec("disclosure", "art20_9.procurement", "2019-trial")
    assert len(split_row(_nums("1486.53万元"), procurement).found) == 3


def test_figures_that_lost_their_blank_cells_are_placed_only_by_the_sums() -> None:
    result = split_row(_nums("3 3"), _spec("applications", "new"))
    cells = agreed(result.found)
    assert cells[-1] == "3" and all(c is None for c in cells[:-1])


# --------------------------------------------------------------------------- alignment


def test_label_scores() -> None:
    assert tail_score(norm("信息内容本年处理决定数量行政许可"), "行政许可") == 1.0
    assert tail_score(norm("2.其他法律行政止公开"), norm("2.其他法律行政法规禁止公开")) >= 0.8  # 洪泽's typo
    assert tail_score(norm("年3.危及“三安全一稳定”度"), norm("3.危及“三安全一稳定”")) >= 0.8  # a vertical label's piece
    assert tail_score(norm("5.要求行政机关确认或重新"), norm("5.要求行政机关确认或重新出具已获取信息")) >= 0.8
    assert tail_score(norm("（一）予以公开"), norm("1.属于国家秘密")) < 0.5


def _read(lines: list[str | list[str]], year: int = 2023):
    log = ImportLog()
    tables, _used = read_tables(lines, year, log)
    return tables, log


def test_figures_printed_before_their_label() -> None:
    """A PDF centres a tall row's label below its figures: they are that row's, and the log says so."""
    lines: list[str | list[str]] = [
        "一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5",
        "（四）无 2.没有现成信息需要另行制作 1 0 0 0 0 0 1",
        "法提供 2 0 0 0 0 0 2",
        "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请 0 0 0 0 0 0 0",
    ]
    tables, log = _read(lines)
    apps = tables["applications"]
    assert [apps.counts[f"unable.unclear_after_correction.{c}"] for c in ("natural", "total")] == [2, 2]
    assert any("印在行名之前" in e.message for e in log.entries)


def test_figures_continued_on_the_next_line_are_placed_by_the_sums() -> None:
    lines: list[str | list[str]] = [
        "一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5",
        "1.申请人无正当理由逾期不补正、 5",
        "行政机关不再处理其政府信息公开 1 0 0 4 0 0",
        "申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0",
    ]
    tables, _log = _read(lines)
    apps = tables["applications"]
    row = [apps.counts[f"other.overdue_correction.{c}"] for c in ("natural", "biz", "research", "nonprofit")]
    assert row == [1, 0, 0, 4]
    assert apps.counts["other.overdue_correction.total"] == 5
    assert not [c for c in apps.unread_cells if c.startswith("other.overdue_correction")]


def test_rows_missing_from_a_found_table_are_unread_never_zero() -> None:
    tables, log = _read(
        ["一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5", "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0"]
    )
    apps = tables["applications"]
    assert "granted.natural" in apps.unread_cells
    assert "new.natural" not in apps.unread_cells
    assert any(e.level == "missing" and "缺少" in e.message for e in log.entries)


def test_labels_printed_without_figures_are_blank_rows() -> None:
    tables, _log = _read(
        [
            ["第二十条第（一）项"],
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "", "", ""],
            ["行政规范性文件", "3", "5", "156"],
        ]
    )
    disclosure = tables["disclosure"]
    assert disclosure.counts["art20_1.normative_documents.in_force"] == 156
    assert set(disclosure.blank_cells) >= {f"art20_1.regulations.{c}" for c in ("issued", "repealed", "in_force")}


# --------------------------------------------------------------------------- bare CRs


def _bare_cr_report() -> str:
    cells = "\r\r\r"
    rows = "\r\r\r\r\r"
    header = cells.join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    data = cells.join(["", "", "", "", "2"] * 3)  # only the three totals filled
    table = rows.join(
        [
            cells.join(["一、本年新收政府信息公开申请数量", "18", "1", "0", "0", "0", "0", "19"]),
            cells.join(["二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"]),
            cells.join(["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", *[""] * 7]),
        ]
        * 3
    )
    return "\r".join(
        [
            "三、收到和处理政府信息公开申请情况",
            table,
            "四、政府信息公开行政复议、行政诉讼情况",
            cells.join(["行政复议", "行政诉讼"]) + rows + header + rows + data,
            "五、存在的主要问题及改进情况",
            "无。",
        ]
    )


def test_bare_cr_runs_are_measured_and_empty_cells_kept() -> None:
    text = _bare_cr_report()
    assert cell_and_row_runs(text) == (3, 5)
    rows = tab_rows(text, lambda s: s.endswith("情况"))
    assert rows is not None
    assert "\t\t\t\t2\t\t\t\t\t2\t\t\t\t\t2" in rows
    report = read_text_report(text)
    review = report.review_litigation
    assert [review.counts[f"{g}.total"] for g in ("review", "lit_direct", "lit_after_review")] == [2, 2, 2]
    assert "review.upheld" in review.blank_cells


# --------------------------------------------------------------------------- web page chrome


def test_a_crawled_article_loses_its_page_chrome_not_its_preface() -> None:
    text = "\n".join(
        [
            "标题: 青山县2023年政府信息公开工作年度报告",
            "发布时间: 2024-01-20 09:30",
            "原文链接: https://example.invalid/a.htm",
            "==================== 正文 ====================",
            "当前位置： 首页政务公开年报",
            "青山县2023年政府信息公开工作年度报告 来源：县政府办 时间：2024-01-20 微信 微博 打印 --> "
            "根据《中华人民共和国政府信息公开条例》，编制本报告。一、总体情况本年度依法公开。"
            "二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 000"
            "行政规范性文件 3 5 156 五、存在的主要问题及改进情况 无。六、其他需要报告的事项 无。",
        ]
    )
    report = read_text_report(text)
    assert report.title == "青山县2023年政府信息公开工作年度报告"
    assert report.agency == "青山县"
    assert [b.text for b in report.preface] == ["根据《中华人民共和国政府信息公开条例》，编制本报告。"]
    assert report.parts["一"].blocks[0].text == "本年度依法公开。"
    assert report.disclosure.counts["art20_1.normative_documents.in_force"] == 156


# --------------------------------------------------------------------------- column positions


def test_blank_cells_of_a_space_aligned_table_are_placed_by_their_columns() -> None:
    """pdftotext -layout prints nothing for a blank cell: the columns of the complete rows say which are blank."""
    rows = [
        ("一、本年新收政府信息公开申请数量", ["5", "", "", "", "1", "", "6"]),
        ("二、上年结转政府信息公开申请数量", ["0"] * 7),
        ("（一）予以公开", ["3", "", "", "", "1", "", "4"]),
        ("（二）部分公开", ["2", "0", "0", "0", "0", "0", "2"]),
        ("（七）总计", ["5", "0", "0", "0", "1", "0", "6"]),
        ("四、结转下年度继续办理", ["0"] * 7),
    ]
    lines = [label.ljust(40) + "".join(v.rjust(6) for v in values) for label, values in rows]
    text = "三、收到和处理政府信息公开申请情况\n" + "\n".join(lines) + "\n四、政府信息公开行政复议、行政诉讼情况\n"
    apps = read_text_report(text).applications
    columns = ("natural", "biz", "research", "nonprofit", "legal", "other", "total")
    assert [apps.counts[f"new.{c}"] for c in columns] == [5, 0, 0, 0, 1, 0, 6]
    assert [apps.counts[f"granted.{c}"] for c in columns] == [3, 0, 0, 0, 1, 0, 4]
    assert not [c for c in apps.unread_cells if c.startswith(("new.", "granted."))]
    assert {"new.biz", "new.research", "new.nonprofit", "new.other"} <= set(apps.blank_cells)


def test_a_wrapped_label_with_a_piece_of_its_group_label_printed_inside_it() -> None:
    """pdftotext prints a tall merged cell's text between the lines of the row label beside it."""
    lines: list[str | list[str]] = [
        "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3",
        "（六）其",
        "2.申请人逾期未按收费通知",
        "他处理",
        "要求缴纳费用、行政机关不 2 0 0 0 0 0 2",
        "再处理其政府信息公开申请",
        "3.其他 1 0 0 0 0 0 1",
    ]
    tables, _log = _read(lines)
    apps = tables["applications"]
    assert [apps.counts[f"other.overdue_fee.{c}"] for c in ("natural", "total")] == [2, 2]
    assert apps.counts["other.other.total"] == 1


def test_an_amount_keeps_its_unit_across_a_layout_space() -> None:
    tokens = _nums("政府集中采购      111                     62423198.43 元")
    assert [(t.text, t.raw) for t in tokens] == [("111", "111"), ("62423198.43", "62423198.43元")]
    assert [t.kind for t in tokenize(["3 元旦"])] == ["num", "text"]  # not a unit: a word


def test_a_label_without_figures_is_not_blank_when_figures_elsewhere_belong_to_no_row() -> None:
    lines: list[str | list[str]] = [
        "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3",
        "（七）总计",  # no figures after it: blank, unless figures elsewhere belong to no row
        "四、结转下年度继续办理 0 0 0 0 0 0 0",
        "申请人情况",
        "自然人",
        "3 0 0 0 0 0 3",  # the figures of a row printed elsewhere (a copy in reading order)
    ]
    tables, log = _read(lines)
    apps = tables["applications"]
    assert "total.natural" in apps.unread_cells and "total.natural" not in apps.blank_cells
    assert apps.counts["carry_out.natural"] == 0 and "carry_out.natural" not in apps.unread_cells
    assert any("无法确定该行是否为空白" in e.message for e in log.entries)


def test_a_row_with_more_readings_than_the_search_looks_at_is_unread_in_full() -> None:
    """Table 四's figures run together with 65 or more readings: the search stops at 64, so even cells the 64
    readings agree on (the three totals here) are not certain; the whole row stays unread."""
    from gkdesk.io.txt_writer import report_to_text
    from tests.io.export_support import jiaokou_2021

    printed = "1211122611122135112211246"  # 12 1 11 2 26 | 11 1 2 21 35 | 11 2 21 12 46, and many other cuts
    reading = split_row(_nums(printed), _spec("review_litigation", "data"))
    assert reading.exhausted and reading.found
    lines = report_to_text(jiaokou_2021()).split("\n")
    row = next(i for i, line in enumerate(lines) if line.count("\t") == 14 and line.replace("\t", "").isdigit())
    lines[row] = printed
    report = read_text_report("\n".join(lines))
    assert len(report.review_litigation.unread_cells) == 15
    assert any("拆分过多" in entry.message for entry in report.import_log)


def test_a_row_of_blanks_and_one_0_is_all_zero_wherever_the_0_stood() -> None:
    """Copied from a web page, a row printed with six blank cells and one 0 keeps only "0": every placement the
    sums allow gives each cell 0, so the cells are read as 0 (blank), with a note, not left unread."""
    from gkdesk.io.txt_writer import report_to_text
    from tests.io.export_support import jiaokou_2021

    source = jiaokou_2021()
    assert all(source.applications.get(f"carry_in.{c}") == 0 for c in ("natural", "biz", "total"))
    lines = report_to_text(source).split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("二、上年结转"))
    lines[row] = "二、上年结转政府信息公开申请数量 0"
    report = read_text_report("\n".join(lines))
    cells = [c for c in report.applications.form.cell_ids() if c.startswith("carry_in.")]
    assert len(cells) == 7
    assert not [c for c in cells if c in report.applications.unread_cells]
    assert all(report.applications.get(c) == 0 for c in cells)
    assert any("都是 0" in entry.message and entry.level == "assumed" for entry in report.import_log)
    # a row whose readings differ in value stays unread: "3 3" is 3 in one column and its total, which column?
    lines[row] = "二、上年结转政府信息公开申请数量 3 3"
    report = read_text_report("\n".join(lines))
    assert {"carry_in.natural", "carry_in.biz", "carry_in.other"} <= set(report.applications.unread_cells)


def test_a_lone_0_under_a_label_is_no_certain_row_while_other_rows_lost_their_figures() -> None:
    """Copied column by column, a table's labels stand apart from their figures; a "0" that follows a label may be
    any row's. Only where every row has figures of its own is a lone 0 the row's."""
    from gkdesk.io.txt_writer import report_to_text
    from tests.io.export_support import jiaokou_2021

    source = jiaokou_2021()
    assert source.applications.get("total.natural") == 1
    lines = report_to_text(source).split("\n")
    carry_in = next(i for i, line in enumerate(lines) if line.startswith("二、上年结转"))
    total = next(i for i, line in enumerate(lines) if "（七）总计" in line)
    lines[carry_in] = "二、上年结转政府信息公开申请数量"  # its figures went elsewhere
    lines[total] = "（七）总计 0"
    report = read_text_report("\n".join(lines))
    assert "total.natural" in report.applications.unread_cells
    assert "carry_in.natural" in report.applications.blank_cells  # a label without figures: a blank row, said so


def test_a_row_with_figures_of_no_row_before_its_label_and_figures_after_it_is_unread() -> None:
    """A PDF converted to Word (its text frames in drawing order) sets figures before their labels:
    "…本年处理决定数量 404 行政处罚 13 行政强制". 404 (before) or 13 (after): which is 行政处罚's is open."""
    from gkdesk.io.txt_writer import report_to_text
    from tests.io.export_support import jiaokou_2021

    text = report_to_text(jiaokou_2021())
    block = "信息内容\t本年处理决定数量\t\t\n行政处罚\t404\t\t\n行政强制\t13\t\t\n"
    assert block in text
    report = read_text_report(text.replace(block, "信息内容本年处理决定数量404行政处罚13行政强制\n"))
    assert report.disclosure.get("art20_6.penalty.decisions") != 13
    assert "art20_6.penalty.decisions" in report.disclosure.unread_cells
    assert any("前后都有数字" in entry.message for entry in report.import_log)
    assert report.disclosure.get("art20_5.licensing.decisions") == 3388  # the rows around it keep their figures


def test_a_row_printed_without_figures_is_no_blank_row_when_the_totals_say_otherwise() -> None:
    """A copy dropped the line with 1.本机关不掌握相关政府信息's figures: read as blank, （七）总计 would not add up
    (1 ≠ 0); the row is unread with the reason, never 0."""
    from gkdesk.io.txt_writer import report_to_text
    from tests.io.export_support import jiaokou_2021

    text = report_to_text(jiaokou_2021())
    line = "\t（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1"
    assert line in text
    report = read_text_report(text.replace(line, "\t（四）无法提供\t1.本机关不掌握相关政府信息"))
    table = report.applications
    assert {"unable.not_held.natural", "unable.not_held.total"} <= set(table.unread_cells)
    assert "unable.not_held.natural" not in table.blank_cells
    assert table.get("total.natural") == 1  # the printed total is kept
    assert any("合计不符" in entry.message for entry in report.import_log)
    # a row printed blank whose totals agree stays a blank row (0, listed as blank)
    blank = "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t0\t0\t0\t0\t0\t0\t0"
    assert blank in text
    report = read_text_report(text.replace(blank, "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）"))
    assert "partial.natural" in report.applications.blank_cells


@pytest.mark.parametrize("joined", range(14))
def test_a_blank_cell_line_joined_into_a_table_copied_cell_by_cell_shifts_no_figure(joined: int) -> None:
    """Table 四 copied a cell per line, blank cells as "\\t\\u00a0" lines; two of its lines joined into one row
    ("\\t\\u00a0\\t\\u00a0") add a blank cell. Dropping the first blank (as for a label cell) shifted every
    figure; now the blanks the row's sums allow to drop decide, and what they leave open is unread."""
    from gkdesk.io.txt_writer import report_to_text
    from tests.io.export_support import jiaokou_2021

    source = jiaokou_2021()
    text = report_to_text(source)
    row = "0\t1\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
    assert row in text
    cells = ["\t\u00a0" if c == "0" else "\t\u00a0" + c for c in row.split("\t")]
    lines = [*cells[:joined], cells[joined] + cells[joined + 1], *cells[joined + 2 :]]
    table = read_text_report(text.replace(row, "\n".join(lines))).review_litigation
    read = {c: table.get(c) for c in table.form.cell_ids() if c not in table.unread_cells}
    assert read == {c: source.review_litigation.get(c) for c in read}
    assert read["review.total"] == 1


def _table_four_cell_per_line() -> tuple[Report, list[str], int, int, list[str]]:
    """jiaokou's text with table 四 (header and figures) copied a cell per line, 0 printed as a blank cell."""
    from gkdesk.io.txt_writer import report_to_text
    from tests.io.export_support import jiaokou_2021

    source = jiaokou_2021()
    lines = report_to_text(source).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("五、"))
    cells: list[str] = []
    for row in lines[start:end]:
        cells += ["\t" + (c if c != "0" else "\u00a0") for c in row.split("\t")] + [""]
    return source, lines, start, end, cells


def test_any_two_lines_of_a_table_copied_cell_by_cell_joined_never_give_a_wrong_figure() -> None:
    """Header cells and figure cells a line each (hequ's table 四); any two neighbouring lines joined into one
    (a TAB row of two cells) must leave every read figure the source's: a row whose only tokens are blank while
    figures stand elsewhere is no blank row."""
    source, lines, start, end, cells = _table_four_cell_per_line()
    joins = [j for j in range(len(cells) - 1) if cells[j] and cells[j + 1]]
    assert len(joins) > 30
    for j in joins:
        joined = [*cells[:j], cells[j] + cells[j + 1], *cells[j + 2 :]]
        table = read_text_report("\n".join([*lines[:start], *joined, *lines[end:]])).review_litigation
        read = {c: table.get(c) for c in table.form.cell_ids() if c not in table.unread_cells}
        assert read == {c: source.review_litigation.get(c) for c in read}, (j, cells[j], cells[j + 1])


def _tables_cell_per_line() -> tuple[Report, list[str], int, int, list[str]]:
    """jiaokou's text with tables 二 to 四 copied a cell per line, 0 and empty cells printed as blank cells."""
    from gkdesk.io.txt_writer import report_to_text
    from tests.io.export_support import jiaokou_2021

    source = jiaokou_2021()
    lines = report_to_text(source).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("二、主动公开"))
    end = next(i for i, line in enumerate(lines) if line.startswith("五、"))
    cells: list[str] = []
    for row in lines[start:end]:
        if "\t" not in row:
            cells += [row, ""]
            continue
        cells += ["\t" + (c if c not in ("", "0") else "\u00a0") for c in row.split("\t")] + [""]
    return source, lines, start, end, cells


def test_a_row_label_lost_from_a_table_copied_cell_by_cell_gives_its_figures_to_no_other_row() -> None:
    """ "规章" printed with its three blank cells, then the figures 2 2 2 of 行政规范性文件 whose label line was lost:
    they were read as 规章's (its blank cells taken for a header's layout, its blanks for label cells)."""
    source, lines, start, end, cells = _tables_cell_per_line()
    labels = [
        j
        for j, c in enumerate(cells)
        if c.startswith("\t") and c.strip("\t\u00a0") and not re.fullmatch(r"[-\d.,]+", c.strip())
    ]
    assert len(labels) > 40
    for j in labels:
        report = read_text_report("\n".join([*lines[:start], *cells[:j], *cells[j + 1 :], *lines[end:]]))
        for form_id, table in source.tables.items():
            got = report.tables[form_id]
            if not got.present:
                continue
            read = {c: got.get(c) for c in table.form.cell_ids() if c not in got.unread_cells}
            assert read == {c: table.get(c) for c in read}, (j, cells[j], form_id)
