"""The session under random edits, pastes, fixes, undos and redos, with 自动合计 on and off (hypothesis, stateful).

Every state the undo stack can reach is recorded when it is first reached; undo and redo must bring back exactly
that report, and undoing everything the original. A table edited with 自动合计 on has every total equal to its
parts, in that state and whenever undo or redo returns to it; 全部修正 makes every total right, whatever the setting.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from gkdesk.domain.checker import check
from gkdesk.domain.forms import FormId
from gkdesk.domain.report import CellValue, TableData
from gkdesk.domain.totals import expected_total
from gkdesk.io.native import read_native, write_native
from gkdesk.resources import example_report_path
from gkdesk.ui.session import ReportSession, is_total_fix

FORMS: tuple[FormId, ...] = ("disclosure", "applications", "review_litigation")


def _consistent(table: TableData) -> bool:
    return all(table.count(c.cell_id) == expected_total(table, c) for c in table.form.totals())


def _value(draw: Any, kind: str) -> CellValue:
    if kind == "count":
        return int(draw(st.integers(0, 400)))
    if kind == "signed":
        return int(draw(st.integers(-60, 60)))
    if kind == "decimal":
        return Decimal(draw(st.integers(0, 10**6))).scaleb(-draw(st.integers(0, 4)))
    return str(draw(st.text("0123456789万元件项", max_size=6)))


@st.composite
def _edit(draw: Any, cells: int) -> tuple[FormId, dict[str, CellValue]]:
    """One table and 1..``cells`` of its cells (totals included: with 自动合计 on they are recomputed anyway)."""
    form_id = draw(st.sampled_from(FORMS))
    # The example's tables are read once here for their cell ids and kinds.
    definition = _EXAMPLE.tables[form_id].form
    chosen = draw(st.lists(st.sampled_from(definition.cells), min_size=1, max_size=cells, unique=True))
    return form_id, {c.cell_id: _value(draw, c.kind) for c in chosen}


_EXAMPLE = read_native(example_report_path())


class SessionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="gkdesk-session-"))
        self.session = ReportSession(read_native(example_report_path()))
        self.original = self.session.report.model_dump()
        consistent = {f for f in FORMS if _consistent(self.session.report.tables[f])}
        assert consistent == set(FORMS)  # the example's totals are right
        # states[i]: the report at undo index i and the tables whose totals must be right in it
        self.states: list[tuple[dict[str, Any], frozenset[FormId]]] = [(self.original, frozenset(consistent))]

    # ------------------------------------------------------------------ bookkeeping

    @property
    def stack(self) -> Any:
        return self.session.undo_stack

    def _record(self, touched: set[FormId], auto: bool) -> None:
        """After a push (or a merge into the top command): the state at the stack's index, first reached now."""
        index = self.stack.index()
        assert index >= 1
        _, before = self.states[index - 1]
        right = (before - touched) | (touched if auto else set())
        del self.states[index:]
        self.states.append((self.session.report.model_dump(), frozenset(right)))
        assert len(self.states) == index + 1

    def _set(self, form_id: FormId, values: dict[str, CellValue], text: str) -> None:
        auto = self.session.auto_total
        self.session.set_cells(form_id, values, text)
        self._record({form_id}, auto)
        if auto:
            assert _consistent(self.session.report.tables[form_id])

    # ------------------------------------------------------------------ rules

    @rule(edit=_edit(cells=1))
    def type_a_figure(self, edit: tuple[FormId, dict[str, CellValue]]) -> None:
        self._set(*edit, "修改单元格")

    @rule(edit=_edit(cells=12))
    def paste_a_block(self, edit: tuple[FormId, dict[str, CellValue]]) -> None:
        self._set(*edit, "粘贴")

    @precondition(lambda self: any(f.fixable and isinstance(f.expected, int) for f in self.session.result.findings))
    @rule(data=st.data())
    def fix_one(self, data: st.DataObject) -> None:
        fixable = [f for f in self.session.result.findings if f.fixable and isinstance(f.expected, int)]
        finding = data.draw(st.sampled_from(fixable))
        assert finding.target is not None
        form_id = finding.target.partition(":")[0]
        auto = self.session.auto_total
        self.session.apply_fix(finding)
        self._record({form_id}, auto)  # type: ignore[arg-type]

    @rule()
    def fix_all(self) -> None:
        index = self.stack.index()
        needed = any(is_total_fix(f) and f.severity == "error" for f in self.session.result.findings)
        self.session.fix_all()
        report = self.session.report
        assert all(_consistent(report.tables[f]) for f in FORMS if report.tables[f].present)
        assert not any(is_total_fix(f) for f in self.session.result.findings)
        if needed:
            assert self.stack.index() == index + 1 and self.stack.undoText() == "全部修正"
            self._record(set(FORMS), True)
        else:
            assert self.stack.index() == index  # nothing to fix: no empty undo step

    @rule()
    def toggle_auto_total(self) -> None:
        self.session.set_auto_total(not self.session.auto_total)

    @precondition(lambda self: self.stack.canUndo())
    @rule()
    def undo(self) -> None:
        self.stack.undo()

    @precondition(lambda self: self.stack.canRedo())
    @rule()
    def redo(self) -> None:
        self.stack.redo()

    @rule()
    def save_and_reopen(self) -> None:
        path = self.folder / "报告.gkreport"
        write_native(self.session.report, path)
        assert read_native(path).model_dump() == self.session.report.model_dump()

    # ------------------------------------------------------------------ invariants

    @invariant()
    def the_state_is_the_one_recorded_for_its_undo_index(self) -> None:
        report, right = self.states[self.stack.index()]
        assert self.session.report.model_dump() == report
        for form_id in right:
            assert _consistent(self.session.report.tables[form_id]), form_id

    @invariant()
    def the_findings_follow_the_report(self) -> None:
        assert self.session.result == check(self.session.report)
        assert self.session.modified == (self.stack.index() != 0)

    def teardown(self) -> None:
        while self.stack.canUndo():
            self.stack.undo()
        assert self.session.report.model_dump() == self.original  # undoing everything: the original exactly
        for file in self.folder.iterdir():
            file.unlink()
        self.folder.rmdir()


def test_session_under_random_edits_undo_redo_and_auto_total(qapp) -> None:
    run_state_machine_as_test(
        SessionMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=40,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
