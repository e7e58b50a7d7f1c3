"""A made-up format revision, registered by the test only, goes through the same code as the real ones.

"2099 测试版" changes table 二 only: its 第二十条第（一）项 columns are renamed, 第（五）（六）（八）项 say their
columns differently, and a new block 第二十条第（十）项 holds 重大行政决策听证. Tables 三 and 四 are the 2021 ones.
Nothing outside ``gkdesk.domain.revisions.register`` learns about it, yet the report imports from text and from a
.docx without its embedded copy, checks, rolls over from a 2021 report and exports.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from gkdesk.domain import revisions
from gkdesk.domain.checker import check
from gkdesk.domain.forms import form
from gkdesk.domain.report import Report, TableData, new_report
from gkdesk.domain.revisions import Detection, DisclosureBlock, Migration, MigrationNote, Revision
from gkdesk.domain.rollover import previous_values, roll_over
from gkdesk.io.files import load_report, save_report
from gkdesk.io.json_contract import report_json
from tests.content_fixture import with_complete_content
from tests.corpus import county_2022, without_embedded_report

TEST_ID = "2099-test"

_BLOCKS = (
    DisclosureBlock(
        "art20_1",
        "第二十条第（一）项",
        (
            ("issued", "本年印发件数", "count"),
            ("repealed", "本年失效件数", "count"),
            ("in_force", "有效文件件数", "count"),
        ),
        (("regulations", "规章"), ("normative_documents", "行政规范性文件")),
    ),
    DisclosureBlock(
        "art20_5", "第二十条第（五）项", (("decisions", "本年决定数量", "count"),), (("licensing", "行政许可"),)
    ),
    DisclosureBlock(
        "art20_6",
        "第二十条第（六）项",
        (("decisions", "本年决定数量", "count"),),
        (("penalty", "行政处罚"), ("coercion", "行政强制")),
    ),
    DisclosureBlock(
        "art20_8",
        "第二十条第（八）项",
        (("amount_wan", "本年收费额（单位：万元）", "decimal"),),
        (("fees", "行政事业性收费"),),
    ),
    DisclosureBlock(
        "art20_10", "第二十条第（十）项", (("hearings", "本年听证次数", "count"),), (("decisions", "重大行政决策听证"),)
    ),
)
BASE = revisions.revision(revisions.current().id)  # the 2021 edition
TEST_REVISION = Revision(
    id=TEST_ID,
    name="2099 测试版",
    first_year=2099,
    document="测试函〔2099〕1号",
    choice_label="2099 测试版格式（测试用）",
    disclosure_blocks=_BLOCKS,
    application_rows=BASE.application_rows,
    detection=Detection(disclosure_words=("印发件数", "失效件数", "听证次数"), disclosure_rows=("art20_10.decisions",)),
    rules=frozenset({"R5", "R9"}),
)
TO_TEST = Migration(
    BASE.id,
    TEST_ID,
    notes=(
        MigrationNote(
            "disclosure", "assumed", "2021 版第二项各栏按 2099 测试版同名栏目转入，“重大行政决策听证”为新增栏目", ()
        ),
    ),
)
DISCLOSURE = {
    "art20_1.regulations.issued": 1,
    "art20_1.regulations.repealed": 0,
    "art20_1.regulations.in_force": 9,
    "art20_1.normative_documents.issued": 23,
    "art20_1.normative_documents.repealed": 6,
    "art20_1.normative_documents.in_force": 147,
    "art20_5.licensing.decisions": 44728,
    "art20_6.penalty.decisions": 1306,
    "art20_6.coercion.decisions": 57,
    "art20_10.decisions.hearings": 12,
}


@pytest.fixture
def test_revision() -> Iterator[Revision]:
    before = revisions.revision_ids()
    with revisions.registered(TEST_REVISION, TO_TEST) as revision:
        yield revision
    assert revisions.revision_ids() == before  # nothing of it is left for the other tests


def _report() -> Report:
    """The 云岭县 corpus report as a 2099 report in the test revision."""
    base = county_2022()
    report = new_report(base.agency, 2099, TEST_ID)
    report.title = "云岭县2099年政府信息公开工作年度报告"
    report.parts = {key: part.model_copy(deep=True) for key, part in base.parts.items()}
    report.preface = [b.model_copy(update={"text": b.text.replace("2022", "2099")}, deep=True) for b in base.preface]
    for form_id in ("applications", "review_litigation"):
        source = base.tables[form_id]
        report.tables[form_id] = TableData(form_id=form_id, variant=TEST_ID, counts=dict(source.counts))
    for cell_id, value in DISCLOSURE.items():
        report.disclosure.set(cell_id, value)
    report.disclosure.set("art20_8.fees.amount_wan", Decimal("312.0750"))
    with_complete_content(report)  # every required element and part length: "clean" means no finding at all
    assert base.signature.date is not None
    report.signature = base.signature.model_copy(update={"date": base.signature.date.replace(year=2100)})
    return report


def _figures(report: Report) -> dict[str, dict[str, object]]:
    return {form_id: table.model_dump(include={"counts", "amounts"}) for form_id, table in report.tables.items()}


def test_the_registry_builds_the_made_up_table_from_its_data(test_revision: Revision) -> None:
    definition = form("disclosure", TEST_ID)
    assert definition.cell("art20_10.decisions.hearings").col_label == "本年听证次数"
    assert definition.cell("art20_1.regulations.issued").col_label == "本年印发件数"
    assert [r.label for r in definition.relations_of("R5")] == ["规章", "行政规范性文件"]
    assert form("applications", TEST_ID).same_layout(form("applications", BASE.id))
    assert not definition.same_layout(form("disclosure", BASE.id))
    assert revisions.current() is test_revision and revisions.for_year(2098).id == BASE.id


def test_the_made_up_revision_checks_with_its_rules(test_revision: Revision) -> None:
    report = _report()
    result = check(report)
    assert result.errors == ()
    assert {f.code for f in result.findings} == set()
    report.disclosure.set("art20_8.fees.amount_wan", Decimal("3120750"))  # typed in 元: R9 applies to it too
    report.applications.set("carry_out.natural", 99)
    codes = [(f.code, f.cells) for f in check(report).findings]
    assert ("R9", ("disclosure:art20_8.fees.amount_wan",)) in codes
    assert ("R1", tuple(f"applications:{r}.natural" for r in ("new", "carry_in", "total", "carry_out"))) in codes
    assert report_json(report)["format"] == TEST_ID
    assert report_json(report)["variants"] == dict.fromkeys(
        ("disclosure", "applications", "review_litigation"), TEST_ID
    )


def test_a_2021_table_in_a_2099_report_is_told_to_use_the_revision_in_force(test_revision: Revision) -> None:
    report = _report()
    report.tables["applications"] = TableData(
        form_id="applications", variant=BASE.id, counts=report.applications.counts
    )
    messages = {f.code: f.message for f in check(report).findings}
    assert messages["MIXED"] == "第二项与第三项使用了不同版本的格式（2099 测试版与2021 版混用），请统一为 2099 测试版"
    assert messages["FORMAT"] == "2099 年度报告应使用 2099 测试版格式（测试函〔2099〕1号），本报告仍有表格使用 2021 版"


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_the_made_up_revision_exports_and_imports_back(test_revision: Revision, tmp_path: Path, suffix: str) -> None:
    report = _report()
    path = tmp_path / f"report{suffix}"
    save_report(report, path)
    if suffix == ".docx":
        without_embedded_report(path)  # read what the document shows, through the recogniser
    back = load_report(path)
    assert {t.variant for t in back.tables.values()} == {TEST_ID}
    assert _figures(back) == _figures(report)
    assert all(not t.unread_cells and not t.blank_cells for t in back.tables.values())
    recognised = [e.message for e in back.import_log if e.level == "recognised"]
    assert "第二项表格：2099 测试版格式，识别 7 行" in recognised
    assert check(back).errors == ()
    if suffix == ".txt":
        text = path.read_text("utf-8")
        assert "第二十条第（十）项" in text and "重大行政决策听证" in text and "本年听证次数" in text


def test_a_2021_report_rolls_over_into_the_made_up_revision(test_revision: Revision, tmp_path: Path) -> None:
    last = county_2022()
    new = roll_over(last)
    assert {t.variant for t in new.tables.values()} == {TEST_ID}
    assert [e.message for e in new.import_log if e.level == "assumed"] == [
        "上年报告的第二项表格为 2021 版格式，本年度报告已改用 2099 测试版格式（测试函〔2099〕1号）"
    ]
    assert new.disclosure.counts["art20_10.decisions.hearings"] == 0
    assert all(
        new.applications.counts[f"carry_in.{c}"] == last.applications.counts[f"carry_out.{c}"]
        for c in ("natural", "biz", "research", "nonprofit", "legal", "other", "total")
    )
    shown = previous_values(new, "disclosure")
    assert shown["art20_1.normative_documents.in_force"] == 147
    assert "art20_10.decisions.hearings" in shown and shown["art20_10.decisions.hearings"] == 0
    assert new.previous is not None and new.previous.disclosure.variant == BASE.id
    codes = {f.code for f in check(new).findings}
    assert "R6" not in codes and "R5" not in codes  # R5 compares only tables of one revision
    new.disclosure.set("art20_10.decisions.hearings", 3)
    save_report(new, tmp_path / "next.txt")
    back = load_report(tmp_path / "next.txt")
    assert back.disclosure.variant == TEST_ID and back.disclosure.counts["art20_10.decisions.hearings"] == 3
