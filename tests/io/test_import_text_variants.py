"""Encodings and the defects of real files, applied to a known seed so every figure can still be checked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from gkdesk.io.errors import ReportReadError
from gkdesk.io.recognise.structure import Para, match_part
from gkdesk.io.txt_reader import read_text_report, read_txt_file
from tests.conftest import SEEDS
from tests.io.import_expect import assert_cells, has_log, table_content
from tests.io.test_import_hequ import APPLICATIONS as HEQU_APPLICATIONS
from tests.io.test_import_hequ import DISCLOSURE as HEQU_DISCLOSURE
from tests.io.test_import_jiaokou import APPLICATIONS, DISCLOSURE, REVIEW


@cache
def _jiaokou() -> str:
    """The 交口县 2021 seed's text, read on first use (so collection does not need ../shared)."""
    return (SEEDS / "jiaokou-county-2021.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("codec", "bom", "name"),
    [
        ("gb18030", b"", "GB18030"),
        ("utf-8", b"\xef\xbb\xbf", "UTF-8（带 BOM）"),
        ("utf-16-le", b"\xff\xfe", "UTF-16"),
        ("utf-16-be", b"\xfe\xff", "UTF-16"),
        ("utf-16-le", b"", "UTF-16"),
        ("utf-8", b"", "UTF-8"),
    ],
)
def test_encodings(codec: str, bom: bytes, name: str, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(bom + _jiaokou().replace("\n", "\r\n").encode(codec))
    report = read_txt_file(path)
    assert_cells(report.disclosure, DISCLOSURE)
    assert_cells(report.applications, APPLICATIONS)
    assert_cells(report.review_litigation, REVIEW)
    assert report.title == "交口县 2021 年政府信息公开工作年度报告"
    assert has_log(report, "recognised", f"文本编码：{name}")


def test_gb18030_one_cell_per_line(tmp_path: Path) -> None:
    path = tmp_path / "hequ.txt"
    path.write_bytes((SEEDS / "hequ-county-2020.txt").read_text(encoding="utf-8").encode("gb18030"))
    report = read_txt_file(path)
    assert_cells(report.disclosure, HEQU_DISCLOSURE)
    assert_cells(report.applications, HEQU_APPLICATIONS)


def _mutate(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_defects_of_real_files() -> None:
    text = _mutate(
        _jiaokou(),
        ("行政处罚\t404\t", "行政处罚\t４０４\t"),  # full-width digits
        ("行政许可\t3388", "行政许可\t3,388件"),  # thousands separator and unit
        ("行政强制\t13", "行政\u3000强制\t13"),  # ideographic space inside a label
        ("\t2. 其他法律行政法规禁止公开\t0\t0\t0", "\t2、其他法律行政止公开\t/\t—\t"),  # typo, "/", "—", blank
        ("二、主动公开政府信息情况", "2、 主动公开政府信息情况"),  # wrong numbering
        ("五、存在的主要问题及改进情况", "存在的主要问题及改进情况"),  # no numbering
        ("规章\t0\t0\t0\n", "规章\t0\t0\t0\n\n- 3 -\n"),  # a page number between rows
        ("2022年1月24日", "二〇二二年一月二十四日"),  # date in Chinese numerals
        ("交口县 2021 年政府信息公开工作年度报告", "关于交口县2021年政府信息公开工作年度报告"),
    )
    report = read_text_report(text, "变体.txt")
    blanks = ["denied.law_forbidden.natural", "denied.law_forbidden.biz", "denied.law_forbidden.research"]
    assert_cells(report.disclosure, DISCLOSURE)
    assert_cells(report.applications, {**APPLICATIONS, **dict.fromkeys(blanks)})
    assert_cells(report.review_litigation, REVIEW)
    entry = next(e for e in report.import_log if e.level == "warning" and "空白" in e.message)
    assert entry.message.startswith("第三项 ")
    assert "3 个单元格" not in entry.message  # three cells are named one by one
    assert sorted(entry.cells) == sorted(f"applications:{c}" for c in blanks)
    assert has_log(report, "assumed", "第二部分", "2、")
    assert has_log(report, "assumed", "第五部分", "没有编号")
    assert has_log(report, "assumed", "页码")
    assert report.signature.date == dt.date(2022, 1, 24)
    assert report.title == "关于交口县2021年政府信息公开工作年度报告"
    assert report.agency == "交口县"
    assert all(p.present for p in report.parts.values())


def test_split_labels_in_one_cell_per_line() -> None:
    text = (SEEDS / "xijiaokou-township-2021.txt").read_text(encoding="utf-8")
    text = _mutate(text, ("\t本年制发件数\n", "\t本年\n制发件数\n"), ("\t行政许可\n", "\t行政\n许可\n"))
    report = read_text_report(text)
    assert report.disclosure.variant == "2021"
    assert report.disclosure.counts["art20_5.licensing.decisions"] == 0
    assert "art20_5.licensing.decisions" not in report.disclosure.blank_cells


def test_truncated_text_keeps_what_it_has() -> None:
    cut = _jiaokou()[: _jiaokou().index("四、政府信息公开行政复议")]
    report = read_text_report(cut, "截断.txt")
    assert_cells(report.disclosure, DISCLOSURE)
    assert_cells(report.applications, APPLICATIONS)
    assert report.review_litigation.present is False
    assert [k for k, p in report.parts.items() if not p.present] == ["四", "五", "六"]
    assert has_log(report, "missing", "未找到第四项表格")
    assert has_log(report, "missing", "未找到落款日期")
    assert has_log(report, "missing", "第六部分")


def test_fee_keeps_its_digits() -> None:
    report = read_text_report(_mutate(_jiaokou(), ("53.6836", "0.500")))
    assert report.disclosure.amounts["art20_8.fees.amount_wan"] == Decimal("0.500")
    assert str(report.disclosure.amounts["art20_8.fees.amount_wan"]) == "0.500"


def test_value_that_is_not_a_number_is_named() -> None:
    report = read_text_report(_mutate(_jiaokou(), ("行政强制\t13", "行政强制\t1.5")))
    # a count printed as "1.5" is never shown as a figure: the cell stays unread, named in the log
    assert "art20_6.coercion.decisions" in report.disclosure.unread_cells
    assert "art20_6.coercion.decisions" not in report.disclosure.blank_cells
    assert has_log(report, "warning", "行政强制", "1.5", "不是整数")


def _cells_on_lines(text: str) -> str:
    """Each non-empty cell of every TAB row on a line of its own, blank cells dropped (a lossy copy)."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend([c for c in line.split("\t") if c.strip()] if "\t" in line else [line])
    return "\n".join(out)


def test_cells_on_lines_without_tabs() -> None:
    report = read_text_report(_cells_on_lines(_jiaokou()))
    assert_cells(report.disclosure, DISCLOSURE)
    assert_cells(report.applications, APPLICATIONS)
    assert_cells(report.review_litigation, REVIEW)


def test_lost_blank_cells_are_never_guessed() -> None:
    report = read_text_report(_cells_on_lines((SEEDS / "hequ-county-2020.txt").read_text(encoding="utf-8")))
    assert_cells(report.disclosure, HEQU_DISCLOSURE)
    # "一、本年新收…  3  3": two figures for seven columns. Every placement that adds up puts 3 in 总计, so that
    # one is certain; which applicant column holds the other 3 is not: those six stay unread, with a note
    row = [f"new.{c}" for c in ("natural", "biz", "research", "nonprofit", "legal", "other")]
    assert report.applications.counts["new.total"] == 3
    assert "new.total" not in report.applications.unread_cells
    assert set(row) <= set(report.applications.unread_cells)
    assert not set(row) & set(report.applications.blank_cells)
    assert has_log(report, "warning", "一、本年新收", "无法确定", "未读")


def test_title_year_in_chinese_numerals() -> None:
    report = read_text_report(_mutate(_jiaokou(), ("交口县 2021 年政府", "交口县二〇二一年政府")))
    assert report.year == 2021
    assert report.agency == "交口县"
    assert report.title == "交口县二〇二一年政府信息公开工作年度报告"


def test_part_heading_run_into_its_first_paragraph() -> None:
    text = _mutate(_jiaokou(), ("一、总体情况\n", "一、总体情况：2021年工作平稳有序。\n"))
    report = read_text_report(text)
    assert report.parts["一"].present
    assert report.parts["一"].blocks[0].text == "2021年工作平稳有序。"
    assert report.preface[-1].text.startswith("本年报所列数据的统计期限")


def test_a_table_of_the_clerks_own_in_part_one() -> None:
    own_table = "\n".join(
        [
            "事项\t数量",
            "政务新媒体账号\t12",
            "行政许可\t99999",  # same words as a row of table 二, but not in part 二
            "联系电话\t0358-5422520",
        ]
    )
    text = _mutate(_jiaokou(), ("（二）政务公开平台建设方面\n", f"{own_table}\n\n（二）政务公开平台建设方面\n"))
    report = read_text_report(text)
    assert_cells(report.disclosure, DISCLOSURE)  # 3388 from part 二, not 99999
    assert has_log(report, "warning", "第一部分也有一行“行政许可”", "第二部分的表格")
    texts = [b.text for b in report.parts["一"].blocks]
    assert "政务新媒体账号  12" in texts
    assert "联系电话  0358-5422520" in texts
    assert "行政许可  99999" in texts
    assert not has_log(report, "warning", "未能识别的表格行")


@pytest.mark.parametrize("title", ["交口县2021年政府信息公开工作\n年度报告", "交口县2021年\n政府信息公开工作年度报告"])
def test_title_broken_over_two_lines(title: str) -> None:
    report = read_text_report(_mutate(_jiaokou(), ("交口县 2021 年政府信息公开工作年度报告", title)))
    assert report.title == "交口县2021年政府信息公开工作年度报告"
    assert report.agency == "交口县"
    assert report.year == 2021
    assert has_log(report, "recognised", "标题分两行")
    assert report.preface[0].text.startswith("本报告根据")


@pytest.mark.parametrize(
    "text",
    ["一、总体情况\n1000年1月1日", "1234年政府信息公开工作年度报告\n一、总体情况\n", "一、总体情况\n2022年2月30日"],
)
def test_implausible_years_and_dates(text: str) -> None:
    import datetime as _dt

    report = read_text_report(text)
    assert report.year == _dt.date.today().year - 1
    assert has_log(report, "assumed", "未找到报告年度")


def test_other_wordings_of_titles_and_cells() -> None:
    text = _mutate(
        _jiaokou(),
        ("一、总体情况", "一、2021年政府信息公开工作总体情况"),
        ("六、其他需要报告的事项", "六、其他需要报告的事项和信息处理费收取情况"),
        ("(七)总计", "(七)合计"),
        ("行政事业性收费\t53.6836", "行政事业性收费\t536836元"),
        ("交口县 2021 年政府信息公开工作年度报告", "交口县2021年政府信息公开年报"),
    )
    report = read_text_report(text)
    assert report.title == "交口县2021年政府信息公开年报"
    assert all(p.present for p in report.parts.values())
    assert report.parts["一"].title == "2021年政府信息公开工作总体情况"
    assert_cells(report.applications, APPLICATIONS)  # （七）合计 is the total row
    assert report.disclosure.amounts["art20_8.fees.amount_wan"] == Decimal("536836")
    assert has_log(report, "warning", "536836元", "单位是元", "请核对单位")


@pytest.mark.parametrize("cut", [1, 2])
def test_utf8_cut_off_inside_the_last_character(cut: int, tmp_path: Path) -> None:
    """A download or copy that stopped mid-character: the incomplete bytes are dropped and said so."""
    data = _jiaokou().encode("utf-8")
    assert data.endswith("日".encode())
    path = tmp_path / "截断.txt"
    path.write_bytes(data[:-cut])  # "日" is three bytes: one or two of them are missing
    report = read_txt_file(path)
    assert has_log(report, "recognised", "文本编码：UTF-8")
    assert has_log(report, "warning", "文件末尾有不完整的字符，已忽略")
    assert_cells(report.disclosure, DISCLOSURE)
    assert_cells(report.applications, APPLICATIONS)
    assert_cells(report.review_litigation, REVIEW)
    assert [b.text for b in report.parts["六"].blocks][-2:] == ["交口县人民政府办公室", "2022年1月24"]


def test_utf8_cut_inside_the_first_3000_bytes(tmp_path: Path) -> None:
    path = tmp_path / "前3000字节.txt"
    path.write_bytes(_jiaokou().encode("utf-8")[:3000])
    report = read_txt_file(path)
    whole = read_text_report(_jiaokou())
    assert has_log(report, "warning", "文件末尾有不完整的字符，已忽略")
    assert report.title == "交口县 2021 年政府信息公开工作年度报告"
    assert report.parts["一"].blocks == whole.parts["一"].blocks


def test_invalid_bytes_in_the_middle_are_still_refused(tmp_path: Path) -> None:
    """Only a cut-off tail is forgiven: a stray byte elsewhere means the encoding is not what we think."""
    path = tmp_path / "混合.txt"
    data = _jiaokou().encode("utf-8")
    path.write_bytes(data[:100] + b"\xff" + data[100:-1])
    with pytest.raises(ReportReadError, match="不是文本文件"):
        read_txt_file(path)


def test_full_width_digits_in_title_agency_and_date_become_ascii() -> None:
    """A title typed with a Chinese input method ("２０２１", full-width spaces) reads like any other title;
    the narrative keeps the characters the clerk typed."""
    text = _mutate(
        _jiaokou(),
        ("交口县 2021 年政府信息公开工作年度报告", "交口县\u3000２０２１\u3000年政府信息公开工作年度报告"),
        ("2021 年交口县深入贯彻", "２０２１年交口县深入贯彻"),
        ("2022年1月24日", "２０２２年１月２４日"),
    )
    report = read_text_report(text)
    assert report.title == "交口县 2021 年政府信息公开工作年度报告"
    assert report.year == 2021
    assert report.agency == "交口县"
    assert report.signature.agency == "交口县人民政府办公室"
    assert report.signature.date == dt.date(2022, 1, 24)
    assert report.parts["一"].blocks[1].text.startswith("２０２１年交口县深入贯彻")


def test_full_width_digits_in_an_agency_line_before_the_title() -> None:
    text = _mutate(
        _jiaokou(),
        ("交口县 2021 年政府信息公开工作年度报告", "交口县人民政府办公室\n２０２１年政府信息公开工作年度报告"),
    )
    report = read_text_report(text)
    assert report.title == "交口县人民政府办公室2021年政府信息公开工作年度报告"
    assert report.agency == "交口县人民政府办公室"
    assert report.year == 2021


@pytest.mark.parametrize("separator", ["\u00a0", "\u2007", "\u202f", "\u3000"])
def test_columns_separated_by_no_break_or_ideographic_spaces(separator: str, tmp_path: Path) -> None:
    """Every TAB of the seed replaced by one wide or no-break space: each still separates two cells, and figures
    are never run together ("(七)总计 1 0 0 0 0 0 1" is not 1000001)."""
    path = tmp_path / "nbsp.txt"
    path.write_text(_jiaokou().replace("\t", separator), encoding="utf-8")
    report = read_txt_file(path)
    assert_cells(report.disclosure, DISCLOSURE)
    assert_cells(report.applications, APPLICATIONS)
    assert_cells(report.review_litigation, REVIEW)
    assert report.applications.get("total.natural") == 1
    assert report.applications.get("total.total") == 1
    assert report.title == "交口县 2021 年政府信息公开工作年度报告"
    assert not has_log(report, "warning")
    whole = read_text_report(_jiaokou())
    for key in ("一", "五", "六"):
        assert report.parts[key].blocks == whole.parts[key].blocks, key


def test_figures_in_one_cell_are_never_joined() -> None:
    """A label cell followed by one cell holding several figures apart by any space: one figure per column."""
    line = "(七)总计\t1\u00a00\u20070\u202f0 0\u30000\t1"
    report = read_text_report(_mutate(_jiaokou(), ("(七)总计\t\t1\t0\t0\t0\t0\t0\t1", line)))
    assert_cells(report.applications, APPLICATIONS)


@pytest.mark.parametrize("seed", ["jiaocheng-county-2024", "zezhou-county-office-2021", "xijiaokou-township-2021"])
def test_other_tab_row_seeds_with_no_break_spaces(seed: str) -> None:
    """The same for the other seeds written one row per line (their own tests check every figure of the original)."""
    text = (SEEDS / f"{seed}.txt").read_text(encoding="utf-8")
    original = read_text_report(text)
    report = read_text_report(text.replace("\t", "\u00a0"))
    for form_id, table in original.tables.items():
        got = report.tables[form_id]
        assert table_content(got) == table_content(table), form_id


_SUBSECTIONS = "1.主动公开政情况\n\n本年度主动公开各类信息。\n\n2.依申请公开情况\n\n本年度收到申请1件。\n\n"


def test_numbered_subsections_like_part_titles_stay_in_part_one() -> None:
    """ "1.主动公开政情况" (a typo of 主动公开情况) is a subsection of part 一, not part 二: an arabic number must be
    the part's own number and the whole title close to the official one."""
    text = _mutate(_jiaokou(), ("（二）政务公开平台建设方面\n", _SUBSECTIONS + "（二）政务公开平台建设方面\n"))
    report = read_text_report(text)
    blocks = [(b.kind, b.level, b.text) for b in report.parts["一"].blocks]
    assert blocks[3:8] == [
        ("heading", 3, "主动公开政情况"),
        ("paragraph", 2, "本年度主动公开各类信息。"),
        ("heading", 3, "依申请公开情况"),
        ("paragraph", 2, "本年度收到申请1件。"),
        ("heading", 2, "政务公开平台建设方面"),
    ]
    assert report.parts["二"].title == "主动公开政府信息情况"
    assert report.parts["三"].title == "收到和处理政府信息公开申请情况"
    assert not has_log(report, "assumed", "编号有误")
    assert_cells(report.disclosure, DISCLOSURE)
    assert_cells(report.applications, APPLICATIONS)


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("2、 主动公开政府信息情况", "二"),  # 西交口: the right number in the wrong kind of digits
        ("5、 存在的主要问题及改进情况", "五"),  # 河曲
        ("五、存在的主要问题及整改措施", "五"),  # 泽州: a known wording
        ("2.主动公开政府信息的情况", "二"),
        ("3、主动公开政府信息情况", "二"),  # a wrong number, but the title exactly
        ("二、主动公开政府信息工作情况", "二"),  # a Chinese part number allows a looser title
    ],
)
def test_part_headings_with_arabic_or_unusual_numbers(heading: str, key: str) -> None:
    hit = match_part(Para(heading))
    assert hit is not None and hit[0] == key


@pytest.mark.parametrize(
    "heading", ["1.主动公开政情况", "2.依申请公开情况", "1.主动公开情况", "2、主动公开", "3.依申请公开"]
)
def test_arabic_numbered_short_titles_are_subsections(heading: str) -> None:
    assert match_part(Para(heading)) is None


def test_word_numbered_subsection_is_not_a_part() -> None:
    """In Word the "1." may be automatic numbering (not in the text): a second-level number is a subsection's."""
    assert match_part(Para("主动公开政情况", numbered=True, level_hint=3)) is None
    hit = match_part(Para("主动公开政府信息情况", numbered=True, level_hint=2))
    assert hit is not None and hit[0] == "二"
