from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import evidence_items, evidence_lists, tables_for

from commissioning.assess import Outcome, Waiver, assess
from commissioning.evidence import (
    Evidence,
    EvidenceSnapshot,
    Kind,
    ScanInputs,
    Source,
    TableInfo,
    TableKey,
    Unknown,
)
from commissioning.machines import builtin_machine

MACHINE = builtin_machine("table")
INPUTS = ScanInputs("sha256:c")
GROWERS = TableKey("public", "growers")
ORDERS = TableKey("public", "orders")
LADDER = [k for k in Kind if k is not Kind.IDEA]


def _ev(table: TableKey, kind: Kind, path: str = "src/x.ts", holds: bool = True) -> Evidence:
    return Evidence(table, kind, "test", path=path, line=1, holds=holds)


def _snapshot(items: list[Evidence], tables: list[TableInfo] | None = None,
              unknowns: list[Unknown] | None = None) -> EvidenceSnapshot:
    return EvidenceSnapshot.build("v", INPUTS, tables if tables is not None else tables_for(items),
                                  items, unknowns or [])


def _states(snapshot: EvidenceSnapshot, waivers: list[Waiver] | None = None,
            today: date | None = None) -> dict[TableKey, int]:
    return {t.table.key: t.state for t in assess(snapshot, MACHINE, waivers or [],
                                                 today=today).tables}


def test_state_is_highest_contiguous_rung_with_gap_and_ahead() -> None:
    items = [_ev(GROWERS, k) for k in (Kind.SCHEMA, Kind.MIGRATION, Kind.REPOSITORY,
                                       Kind.A2A_API)]
    table = assess(_snapshot(items), MACHINE).tables[0]
    assert table.state == 2 and table.state_name == "Migration"
    assert table.gap is not None and table.gap.kind is Kind.DATA and table.gap.n == 3
    assert table.gap.outcome is Outcome.MISSING and table.gap.actionable
    assert table.ahead == (Kind.REPOSITORY, Kind.A2A_API)


def test_all_rungs_give_ten_and_no_gap() -> None:
    table = assess(_snapshot([_ev(GROWERS, k) for k in LADDER]), MACHINE).tables[0]
    assert table.state == 10 and table.gap is None and table.ahead == ()


def test_idea_table_without_schema_is_zero() -> None:
    snapshot = _snapshot([_ev(GROWERS, Kind.IDEA)], [TableInfo(GROWERS, "idea")])
    table = assess(snapshot, MACHINE).tables[0]
    assert table.state == 0 and table.gap is not None and table.gap.kind is Kind.SCHEMA


def test_evidence_that_does_not_hold_is_not_presence() -> None:
    items = [_ev(GROWERS, k) for k in LADDER[:9]] + [_ev(GROWERS, Kind.COMMISSIONED, holds=False)]
    table = assess(_snapshot(items), MACHINE).tables[0]
    assert table.state == 9
    assert table.result(Kind.COMMISSIONED).failing
    assert table.gap is not None and "not holding" in table.gap.missing


def test_unknown_is_never_missing() -> None:
    items = [_ev(GROWERS, Kind.SCHEMA), _ev(GROWERS, Kind.MIGRATION)]
    unknown = [Unknown(Kind.DATA, "database did not answer")]
    table = assess(_snapshot(items, unknowns=unknown), MACHINE).tables[0]
    assert table.state == 2
    assert table.gap is not None and table.gap.outcome is Outcome.UNKNOWN
    assert not table.gap.actionable and table.gap.sibling is None


def test_waiver_counts_until_it_expires() -> None:
    items = [_ev(GROWERS, k) for k in (Kind.SCHEMA, Kind.MIGRATION, Kind.REPOSITORY)]
    waiver = Waiver(GROWERS, Kind.DATA, "ceo", "reference data lives elsewhere",
                    expires_on=date(2026, 12, 31))
    assert _states(_snapshot(items), [waiver], today=date(2026, 11, 21))[GROWERS] == 4
    assert _states(_snapshot(items), [waiver], today=date(2027, 1, 1))[GROWERS] == 2
    result = assess(_snapshot(items), MACHINE, [waiver]).tables[0].result(Kind.DATA)
    assert result.outcome is Outcome.WAIVED and result.waiver == waiver


def test_gap_names_nearest_sibling_with_that_evidence() -> None:
    far = TableKey("public", "alpha")
    items = [
        _ev(GROWERS, Kind.SCHEMA, "src/db/schema/intake.ts"),
        _ev(ORDERS, Kind.SCHEMA, "src/db/schema/intake.ts"),
        _ev(far, Kind.SCHEMA, "lib/other/schema.ts"),
        _ev(ORDERS, Kind.MIGRATION, "drizzle/0001.sql"),
        _ev(far, Kind.MIGRATION, "drizzle/0000.sql"),
    ]
    growers = assess(_snapshot(items), MACHINE).table("growers")
    assert growers is not None and growers.gap is not None
    assert growers.gap.sibling is not None and growers.gap.sibling.table == ORDERS


@settings(max_examples=150)
@given(evidence_lists, st.randoms())
def test_assess_is_deterministic_and_order_independent(items: list[Evidence], rnd: object) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a = assess(_snapshot(items), MACHINE)
    b = assess(_snapshot(shuffled), MACHINE)
    assert a == b
    assert assess(_snapshot(items), MACHINE) == a  # idempotent: same input, same answer


@settings(max_examples=150)
@given(evidence_lists, evidence_items)
def test_adding_evidence_never_lowers_a_state(items: list[Evidence], extra: Evidence) -> None:
    before = _states(_snapshot(items, tables_for([*items, extra])))
    after = _states(_snapshot([*items, extra], tables_for([*items, extra])))
    assert all(after[key] >= before[key] for key in before)


def test_live_evidence_counts_like_repository_evidence() -> None:
    items = [_ev(GROWERS, Kind.SCHEMA), _ev(GROWERS, Kind.MIGRATION),
             Evidence(GROWERS, Kind.DATA, "db.row_count", source=Source.DB, observed="rows: 12")]
    assert _states(_snapshot(items))[GROWERS] == 3
