"""Text copied from a web page where each table row's cells ran together ("一、本年新收…82000010"): the digits are
split only where that is certain or the consistency rules allow exactly one split; otherwise the cells the
possible splits disagree on stay unread, with a note for the clerk."""

from __future__ import annotations

import re

from gkdesk.io.recognise.digits import split_row
from gkdesk.io.recognise.tokens import tokenize
from gkdesk.io.recognise.vocabulary import all_rows
from gkdesk.io.txt_reader import read_text_report
from tests.conftest import SEEDS
from tests.io import test_import_jiaocheng, test_import_jiaokou, test_import_zezhou
from tests.io.import_expect import assert_cells, has_log

_NUMBER = re.compile(r"[\d.\-]+")


def webify(text: str) -> str:
    """Each TAB row as a web page's copied text shows it: the row label followed by its numbers, no separators."""
    out = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        labels = [c for c in cells if not _NUMBER.fullmatch(c)]
        numbers = "".join(c for c in cells if _NUMBER.fullmatch(c))
        out.append((labels[-1] if labels and numbers else "".join(labels)) + numbers)
    return "\n".join(out)


def _split(printed: str) -> list[list[int]]:
    spec = next(s for s in all_rows() if s.form_id == "applications" and s.row_id == "new")
    tokens = [t for t in tokenize([printed]) if t.kind == "num"]
    return [[int(c) for c in reading] for reading in split_row(tokens, spec).found]


def test_split_by_the_rules() -> None:
    assert _split("82000010") == [[8, 2, 0, 0, 0, 0, 10]]
    assert _split("8 2000010") == [[8, 2, 0, 0, 0, 0, 10]]
    # 0,2,0,0,20,11,33 and 0,20,0,2,0,11,33 both add up: never guessed
    assert len(_split("0200201133")) == 2
    assert _split("999") == []


def test_jiaocheng_web_copy() -> None:
    report = read_text_report(webify((SEEDS / "jiaocheng-county-2024.txt").read_text(encoding="utf-8")))
    assert_cells(report.applications, test_import_jiaocheng.APPLICATIONS)
    assert_cells(report.review_litigation, test_import_jiaocheng.REVIEW)
    assert has_log(report, "assumed", "一、本年新收", "82000010", "8、2、0、0、0、0、10")
    assert has_log(report, "assumed", "总计", "82000010")


def test_jiaokou_web_copy() -> None:
    report = read_text_report(webify((SEEDS / "jiaokou-county-2021.txt").read_text(encoding="utf-8")))
    assert_cells(report.disclosure, test_import_jiaokou.DISCLOSURE)  # "行政事业性收费53.6836", "行政许可3388"
    assert_cells(report.applications, test_import_jiaokou.APPLICATIONS)
    assert_cells(report.review_litigation, test_import_jiaokou.REVIEW)
    assert report.disclosure.variant == "2021"


def test_ambiguous_row_is_left_for_the_clerk() -> None:
    report = read_text_report(webify((SEEDS / "zezhou-county-office-2021.txt").read_text(encoding="utf-8")))
    ambiguous = [f"art20_1.normative_documents.{c}" for c in ("issued", "repealed", "in_force")]
    readable = {k: v for k, v in test_import_zezhou.DISCLOSURE.items() if k not in ambiguous}
    assert {k: report.disclosure.get(k) for k in readable} == {
        k: v if v is not None else 0 for k, v in readable.items()
    }
    assert sorted(report.disclosure.unread_cells) == sorted(ambiguous)  # never a guessed split, never 0
    assert_cells(report.applications, test_import_zezhou.APPLICATIONS_2019)
    assert has_log(report, "warning", "行政规范性文件", "101022", "无法确定", "请按原文填写")


def test_review_row_split_by_its_totals() -> None:
    text = (SEEDS / "jiaokou-county-2021.txt").read_text(encoding="utf-8")
    text = text.replace("0\t1\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "10\t2\t0\t0\t12\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0")
    report = read_text_report(webify(text))
    assert report.review_litigation.counts["review.upheld"] == 10
    assert report.review_litigation.counts["review.corrected"] == 2
    assert report.review_litigation.counts["review.total"] == 12
    assert sum(report.review_litigation.counts.values()) == 24
    assert has_log(report, "assumed", "第四项", "10200120000000000")


def test_ambiguous_applications_row_is_unread_with_a_note() -> None:
    text = webify((SEEDS / "jiaocheng-county-2024.txt").read_text(encoding="utf-8"))
    text = text.replace("一、本年新收政府信息公开申请数量82000010", "一、本年新收政府信息公开申请数量0200201133")
    report = read_text_report(text)
    # 0,2,0,0,20,11,33 and 0,20,0,2,0,11,33 both add up and neither fits the columns' totals (the report's
    # own 总计 row says 10): the cells they disagree on stay unread, those they agree on are read
    unsure = [f"new.{c}" for c in ("biz", "nonprofit", "legal")]
    assert set(unsure) <= set(report.applications.unread_cells)
    assert not set(unsure) & set(report.applications.blank_cells)
    assert [report.applications.counts[f"new.{c}"] for c in ("natural", "research", "other", "total")] == [0, 0, 11, 33]
    assert has_log(report, "warning", "本年新收", "0200201133", "2 种符合勾稽关系的读法", "未读")
    assert report.applications.counts["granted.total"] == 9
