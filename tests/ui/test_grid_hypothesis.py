"""Property: with 自动合计 on, no sequence of edits, pastes, clears, undos and redos leaves a total wrong."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from gkdesk.domain.forms import VARIANTS, FormId, form
from gkdesk.domain.totals import expected_total
from gkdesk.ui.session import ReportSession
from gkdesk.ui.table_model import TableModel
from tests.ui._table_fixtures import make_session

TABLES: tuple[FormId, ...] = ("applications", "review_litigation")


def _input_cells(form_id: FormId, variant: str) -> list[str]:
    return [c.cell_id for c in form(form_id, variant).cells if not c.is_total]  # type: ignore[arg-type]


def _typed(value: int, style: int) -> str:
    """The same figure as a clerk might type it: plain, full-width, with a thousands separator, with a unit."""
    if style == 1:
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if style == 2:
        return f"{value:,}"
    if style == 3:
        return f"{value} 件"
    return str(value)


edit = st.tuples(
    st.sampled_from(["type", "batch", "undo", "redo"]),
    st.sampled_from(TABLES),
    st.integers(min_value=0, max_value=400),  # which cell (modulo the table's input cells)
    st.integers(min_value=0, max_value=20000),
    st.integers(min_value=0, max_value=3),
)


def _assert_totals_hold(session: ReportSession) -> None:
    for form_id in TABLES:
        table = session.report.tables[form_id]
        for cell in table.form.totals():
            assert table.count(cell.cell_id) == expected_total(table, cell), cell.cell_id
        assert not any(f.code in ("R2", "R3", "R4") for f in session.result.findings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(variant=st.sampled_from(VARIANTS), edits=st.lists(edit, max_size=25))
def test_totals_always_equal_their_parts_with_auto_total(qapp, variant, edits) -> None:
    session = make_session(variant)
    models = {form_id: TableModel(session, form_id) for form_id in TABLES}
    assert session.auto_total
    for action, form_id, which, value, style in edits:
        cells = _input_cells(form_id, variant)
        cell_id = cells[which % len(cells)]
        if action == "type":
            model = models[form_id]
            assert model.setData(model.index_of(cell_id), _typed(value, style), Qt.ItemDataRole.EditRole)
            assert session.report.tables[form_id].count(cell_id) == value
        elif action == "batch":
            others = {cells[(which + k * 7) % len(cells)]: (value + k) % 97 for k in range(style + 2)}
            session.set_cells(form_id, others, "粘贴")
        elif action == "undo":
            session.undo_stack.undo()
        else:
            session.undo_stack.redo()
        _assert_totals_hold(session)
        for form_id_shown, model in models.items():
            table = session.report.tables[form_id_shown]
            for total in table.form.totals():
                assert model.index_of(total.cell_id).data() == str(table.count(total.cell_id))
