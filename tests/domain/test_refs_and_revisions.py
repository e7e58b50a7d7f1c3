"""The cell-name grammar (gkdesk.domain.refs) and the revision registry (gkdesk.domain.revisions)."""

from __future__ import annotations

import json
import re

import pytest

from gkdesk.domain import revisions
from gkdesk.domain.checker import cell_ref, split_ref
from gkdesk.domain.forms import FORM_IDS, VARIANTS, form
from gkdesk.domain.refs import CellRef, CellRefError, cell_id, format_ref, parse_ref, row_id, split_cell_id
from gkdesk.domain.report import CellValueError, new_report, new_table
from gkdesk.domain.revisions import Migration
from gkdesk.errors import GkError
from gkdesk.io.errors import ReportReadError
from gkdesk.io.native import report_from_json_text, report_to_json_text


def test_one_grammar_names_every_cell_of_every_form() -> None:
    for variant in VARIANTS:
        for form_id in FORM_IDS:
            for cell in form(form_id, variant).cells:
                assert split_cell_id(cell.cell_id) == (cell.row_id, cell.col_id)
                assert cell_id(cell.row_id, cell.col_id) == cell.cell_id
                ref = CellRef.of(form_id, cell.cell_id)
                assert CellRef.parse(str(ref)) == ref
                assert parse_ref(format_ref(form_id, cell.cell_id)) == (form_id, cell.cell_id)


def test_the_three_grammars() -> None:
    assert row_id("art20_1", "regulations") == "art20_1.regulations"
    assert cell_id(row_id("art20_1", "regulations"), "issued") == "art20_1.regulations.issued"
    ref = CellRef.parse("disclosure:art20_1.regulations.issued")
    assert (ref.form_id, ref.row_id, ref.col_id) == ("disclosure", "art20_1.regulations", "issued")
    assert str(CellRef("applications", "other.overdue_fee", "natural")) == "applications:other.overdue_fee.natural"
    assert cell_ref is format_ref and split_ref is parse_ref  # the checker's old names still work


@pytest.mark.parametrize("text", ["", "applications", "tables:total.natural", "applications:", ":total.natural"])
def test_a_bad_reference_is_a_user_error(text: str) -> None:
    with pytest.raises(CellRefError) as caught:
        parse_ref(text)
    assert isinstance(caught.value, GkError) and isinstance(caught.value, ValueError)
    assert "不是单元格引用" in str(caught.value)
    with pytest.raises(CellRefError, match="不是单元格编号"):
        split_cell_id("total")


def test_the_registry_knows_the_two_official_revisions() -> None:
    assert revisions.revision_ids() == VARIANTS
    new, old = revisions.revisions()
    assert (new.name, new.format_name, new.first_year, new.document) == (
        "2021 版",
        "2021 版格式",
        2021,
        "国办公开办函〔2021〕30号",
    )
    assert (old.name, old.first_year) == ("2019 试行版", 2019)
    assert revisions.current() is new
    assert [revisions.for_year(y).id for y in (2015, 2019, 2020, 2021, 2030, None)] == [old.id] * 3 + [new.id] * 3
    assert revisions.superseded(old.id, 2021) and not revisions.superseded(old.id, 2020)
    assert not revisions.superseded(new.id, 2030)
    assert revisions.display_name(old.id) == "2019 试行版" and revisions.display_name("1999") == "1999"
    (step,) = revisions.migration_path(old.id, new.id) or ()
    assert step.target_cell("disclosure", "art20_1.regulations.made") == "art20_1.regulations.issued"
    assert step.target_cell("disclosure", "art20_9.procurement.items") is None
    assert step.target_cell("applications", "other.biz") == "other.other.biz"
    assert step.target_cell("review_litigation", "review.total") == "review.total"
    assert revisions.migration_path(new.id, old.id) is None and revisions.migration_path(new.id, new.id) == ()
    assert "R5" in new.rules and "R5" not in old.rules


def test_a_migration_path_chains_registered_steps() -> None:
    first, second = revisions.revisions()
    hop = revisions.Revision(
        "hop",
        "中转版",
        2200,
        "无",
        "中转",
        first.disclosure_blocks,
        first.application_rows,
        revisions.Detection(),
    )
    with revisions.registered(hop, Migration(first.id, "hop")):
        assert [(m.source, m.target) for m in revisions.migration_path(second.id, "hop") or ()] == [
            (second.id, first.id),
            (first.id, "hop"),
        ]
        assert new_table("disclosure").variant == "hop"  # the newest revision is the default
    assert not revisions.is_revision("hop") and new_table("disclosure").variant == first.id


def test_an_unknown_revision_is_refused_with_a_chinese_sentence() -> None:
    with pytest.raises(revisions.UnknownRevisionError, match="不认识的表格格式版本“2030”"):
        revisions.revision("2030")
    payload = json.loads(report_to_json_text(new_report("某县", 2024)))
    payload["report"]["tables"]["disclosure"]["variant"] = "2030"
    with pytest.raises(ReportReadError, match=re.escape("字段 tables.disclosure.variant 的值无效")):
        report_from_json_text(json.dumps(payload), "x.gkreport")


def test_a_value_that_does_not_fit_its_cell_is_a_user_error() -> None:
    table = new_table("applications")
    with pytest.raises(CellValueError, match="第三项（七）总计的自然人列只能填写非负整数"):
        table.set("total.natural", -1)
    with pytest.raises(GkError, match="只能填写非负的金额"):
        new_table("disclosure").set("art20_8.fees.amount_wan", -1)
