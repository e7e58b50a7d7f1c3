"""The form definitions match the official tables of the spec, cell for cell."""

from __future__ import annotations

import pytest

from gkdesk.domain.forms import APPLICATIONS_NOTE, FORM_IDS, VARIANTS, form


def _covered(definition):  # every grid position is covered exactly once
    seen: dict[tuple[int, int], int] = {}
    for g in definition.grid:
        for r in range(g.row, g.row + g.rowspan):
            for c in range(g.col, g.col + g.colspan):
                seen[(r, c)] = seen.get((r, c), 0) + 1
    return seen


@pytest.mark.parametrize("form_id", FORM_IDS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_grid_tiles_the_table_exactly(form_id, variant):
    definition = form(form_id, variant)
    seen = _covered(definition)
    assert set(seen) == {(r, c) for r in range(definition.n_rows) for c in range(definition.n_cols)}
    assert set(seen.values()) == {1}
    value_ids = [g.cell_id for g in definition.grid if g.role == "value"]
    assert sorted(value_ids) == sorted(definition.cell_ids())


def test_disclosure_2021_ids_and_labels():
    d = form("disclosure", "2021")
    assert d.cell_ids() == (
        "art20_1.regulations.issued",
        "art20_1.regulations.repealed",
        "art20_1.regulations.in_force",
        "art20_1.normative_documents.issued",
        "art20_1.normative_documents.repealed",
        "art20_1.normative_documents.in_force",
        "art20_5.licensing.decisions",
        "art20_6.penalty.decisions",
        "art20_6.coercion.decisions",
        "art20_8.fees.amount_wan",
    )
    assert d.cell("art20_8.fees.amount_wan").kind == "decimal"
    assert d.n_cols == 4 and d.n_rows == 14
    licensing = next(g for g in d.grid if g.cell_id == "art20_5.licensing.decisions")
    assert licensing.colspan == 3  # the value cell spans the three columns
    captions = [g.text for g in d.grid if g.role == "caption"]
    assert captions == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    headers = {g.text for g in d.grid if g.role == "header"}
    assert {"信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额（单位：万元）"} <= headers


def test_disclosure_2019_has_five_blocks_and_signed_change():
    d = form("disclosure", "2019-trial")
    captions = [g.text for g in d.grid if g.role == "caption"]
    assert captions[-1] == "第二十条第（九）项" and len(captions) == 5
    assert d.cell("art20_5.licensing.change").kind == "signed"
    assert d.cell("art20_9.procurement.amount").kind == "text"
    assert d.has_cell("art20_5.other_services.prev_items")


def test_applications_geometry():
    a = form("applications", "2021")
    assert a.n_cols == 10 and a.header_rows == 3
    note = a.grid_at(0, 0)
    assert note is not None and note.text == APPLICATIONS_NOTE and (note.rowspan, note.colspan) == (3, 3)
    group = next(g for g in a.grid if g.text == "三、本年度办理结果")
    assert group.rowspan == 22
    b = form("applications", "2019-trial")
    assert next(g for g in b.grid if g.text == "三、本年度办理结果").rowspan == 20
    assert b.has_cell("other.natural") and not b.has_cell("other.other.natural")
    assert a.has_cell("other.overdue_fee.legal")
    total = a.cell("total.natural")
    assert len(total.total_of) == 2 + 8 + 3 + 5 + 3
    assert a.cell("denied.state_secret.total").total_of == tuple(
        f"denied.state_secret.{c}" for c in ("natural", "biz", "research", "nonprofit", "legal", "other")
    )


def test_review_geometry():
    r = form("review_litigation")
    assert r.n_cols == 15 and r.n_rows == 4
    assert r.cell("lit_after_review.total").total_of == tuple(
        f"lit_after_review.{c}" for c in ("upheld", "corrected", "other", "pending")
    )
    assert r.value_position("review.upheld") == (3, 0)
    assert r.value_position("lit_after_review.total") == (3, 14)


def test_describe_names_cells_for_clerks():
    assert form("applications").describe("total.natural") == "第三项（七）总计的自然人列"
    assert (
        form("disclosure").describe("art20_8.fees.amount_wan") == "第二项“行政事业性收费”的“本年收费金额（单位：万元）”"
    )
