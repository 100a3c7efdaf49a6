"""``assess`` against the plainest reading of its rules.

``assess`` is tuned for 100,000 tables: one pass over the evidence, shared results for the
common combinations of kinds, a sibling search that runs only for the questions asked. The
reference below is the slow, obvious version of the documented rules, written from scratch: per
table, per rung, present, waived, unknown or missing; the state, the first gap and its nearest
sibling; what is ahead. Hypothesis holds the two to the same answer, field by field.
"""

from __future__ import annotations

import random
from datetime import date
from posixpath import dirname

from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning.assess import (
    MISSING_TEXT,
    Assessment,
    Gap,
    KindResult,
    Outcome,
    TableAssessment,
    Waiver,
    assess,
)
from commissioning.evidence import (
    Evidence,
    EvidenceSnapshot,
    Kind,
    ScanInputs,
    Source,
    Step,
    TableInfo,
    TableKey,
    Unknown,
)
from commissioning.machines import Machine, builtin_machine

MACHINE = builtin_machine("table")
INPUTS = ScanInputs("sha256:reference")
TODAY = date(2026, 6, 1)

# Several schema files in shared and separate folders, files at the root, odd paths (doubled
# and leading slashes, empty), and migration, code and test files that are no table's home.
PATHS = [
    "src/db/schema/intake.ts", "src/db/schema/orders.ts", "src/db/schema.ts",
    "src/db/other/tanks.ts", "src/app/page.tsx", "lib/models/farm.py", "lib/models.py",
    "schema.prisma", "drizzle/0001_init.sql", "e2e/flow.spec.ts", "src//db/odd.ts",
    "src//odd.ts", "/abs/schema.ts", "",
]
KEYS = [TableKey(schema, name) for schema in ("public", "lab")
        for name in ("growers", "orders", "tanks", "batches", "vats", "farms")]

keys = st.sampled_from(KEYS)
kinds = st.sampled_from(list(Kind))
steps = st.builds(Step, st.sampled_from(PATHS), st.integers(1, 9))
evidence = st.builds(
    Evidence,
    table=keys,
    # schema evidence often, so that tables have homes to compare
    kind=st.one_of(st.just(Kind.SCHEMA), kinds),
    detector=st.sampled_from(["drizzle.pgTable", "sql.insert", "nextjs.page"]),
    source=st.sampled_from(list(Source)),
    path=st.one_of(st.sampled_from(PATHS), st.none()),
    line=st.one_of(st.integers(1, 40), st.none()),
    via=st.lists(steps, max_size=2).map(tuple),
    observed=st.sampled_from(["", "rows: 3"]),
    holds=st.one_of(st.just(True), st.booleans()),  # mostly holding
)
waivers = st.builds(
    Waiver, keys, kinds, st.sampled_from(["ceo", "cto"]), st.sampled_from(["later", "n/a"]),
    st.one_of(st.none(), st.dates(date(2026, 5, 1), date(2026, 7, 1))),
)
unknowns = st.builds(Unknown, kinds, st.sampled_from(["db down", "no report"]),
                     st.one_of(st.none(), keys))


def _ancestors(path: str) -> set[str]:
    """Every folder that holds ``path``, the root ('') included."""
    folder = dirname(path)
    parts = folder.split("/") if folder else []
    return {"/".join(parts[:i]) for i in range(len(parts) + 1)}


def _depth_first(path: str) -> list[str]:
    folder = dirname(path)
    parts = folder.split("/") if folder else []
    return ["/".join(parts[:i]) for i in range(len(parts), -1, -1)]


class Reference:
    """The rules, read one at a time: every question rescans the whole snapshot."""

    def __init__(self, snapshot: EvidenceSnapshot, machine: Machine, waivers: list[Waiver],
                 today: date | None) -> None:
        self.snapshot, self.waivers, self.today = snapshot, waivers, today
        self.machine = machine
        self.rungs = [(s.n or 0, Kind(s.evidence or s.id), s.name) for s in machine.by_rank()]

    def holding_with_path(self, key: TableKey, kind: Kind) -> list[Evidence]:
        return [e for e in self.snapshot.evidence if e.table == key and e.kind is kind
                and e.holds and e.path is not None]

    def home(self, key: TableKey) -> str:
        return min((e.path or "" for e in self.holding_with_path(key, Kind.SCHEMA)), default="")

    def sibling(self, key: TableKey, kind: Kind) -> Evidence | None:
        candidates = sorted({e.table for e in self.snapshot.evidence
                             if e.table != key and self.holding_with_path(e.table, kind)})
        mine = self.home(key)
        groups = [[c for c in candidates if self.home(c) == mine]] if mine else []
        groups += [[c for c in candidates if folder in _ancestors(self.home(c))]
                   for folder in _depth_first(mine)]
        for group in groups:
            if group:  # candidates are sorted: the first is the least (schema, name)
                return min(self.holding_with_path(group[0], kind), key=Evidence.sort_key)
        return None

    def waiver(self, key: TableKey, kind: Kind) -> Waiver | None:
        ordered = sorted(self.waivers, key=lambda w: (w.table, w.kind.value, w.approved_by))
        today = self.today
        return next((w for w in ordered if w.table == key and w.kind is kind
                     and (w.expires_on is None or today is None or today <= w.expires_on)),
                    None)

    def unknown(self, key: TableKey, kind: Kind) -> str | None:
        # every table's unknown wins over the table's own, each the first of its kind
        for table in (None, key):
            for u in self.snapshot.unknowns:
                if u.table == table and u.kind is kind:
                    return u.reason
        return None

    def result(self, key: TableKey, n: int, kind: Kind) -> KindResult:
        found = [e for e in self.snapshot.evidence if e.table == key and e.kind is kind]
        holding = tuple(e for e in found if e.holds)
        failing = tuple(e for e in found if not e.holds)
        granted = self.waiver(key, kind)
        why = self.unknown(key, kind)
        if holding:
            return KindResult(kind, n, Outcome.PRESENT, holding, failing)
        if granted is not None:
            return KindResult(kind, n, Outcome.WAIVED, (), failing, granted,
                              f"waived by {granted.approved_by}: {granted.reason}")
        if why is not None:
            return KindResult(kind, n, Outcome.UNKNOWN, (), failing, reason=why)
        reason = MISSING_TEXT.get(kind, f"no {kind.value} evidence")
        if failing:
            reason += f"; observed but not holding: {failing[0].observed or failing[0].location}"
        return KindResult(kind, n, Outcome.MISSING, (), failing, reason=reason)

    def table(self, info: TableInfo) -> TableAssessment:
        key = info.key
        results = tuple(self.result(key, n, kind) for n, kind, _ in self.rungs)
        state, gap = 0, None
        for result in results:
            if result.n == 0:
                continue
            if result.outcome not in (Outcome.PRESENT, Outcome.WAIVED):
                follow = self.sibling(key, result.kind) \
                    if result.outcome is Outcome.MISSING else None
                gap = Gap(key, result.n, result.kind, result.outcome, result.reason, follow)
                break
            state = result.n
        ahead = () if gap is None else tuple(
            r.kind for r in results if r.n > gap.n and r.outcome is Outcome.PRESENT)
        names = {n: name for n, _, name in self.rungs}
        return TableAssessment(info, state, names[state], results, gap, ahead)


def reference(snapshot: EvidenceSnapshot, machine: Machine, waivers: list[Waiver],
              today: date | None) -> Assessment:
    rules = Reference(snapshot, machine, waivers, today)
    return Assessment(snapshot.id, machine.name, machine.version,
                      tuple(rules.table(info) for info in snapshot.tables))


def _infos(extra: list[TableKey], items: list[Evidence], drop: int) -> list[TableInfo]:
    """The tables the snapshot lists: those with evidence (but ``drop`` of them, whose evidence
    still makes them siblings) and some without any."""
    named = sorted({e.table for e in items} | set(extra))
    return [TableInfo(k, "drizzle", k.name) for i, k in enumerate(named) if i != drop]


@settings(max_examples=300, deadline=None)
@given(st.lists(evidence, max_size=60), st.lists(keys, max_size=3), st.integers(-1, 8),
       st.lists(waivers, max_size=4), st.lists(unknowns, max_size=3),
       st.sampled_from([TODAY, None]))
def test_assess_matches_the_reference(
    items: list[Evidence], extra: list[TableKey], drop: int, granted: list[Waiver],
    unknown: list[Unknown], today: date | None,
) -> None:
    snapshot = EvidenceSnapshot.build("v", INPUTS, _infos(extra, items, drop), items, unknown)
    assert assess(snapshot, MACHINE, granted, today=today) == \
        reference(snapshot, MACHINE, granted, today)


@settings(max_examples=150, deadline=None)
@given(st.lists(evidence, max_size=40), st.lists(keys, max_size=3), st.randoms())
def test_unsorted_snapshots_match_the_reference(
    items: list[Evidence], extra: list[TableKey], rnd: random.Random,
) -> None:
    """A snapshot made without ``build`` keeps its evidence in any order, repeats included."""
    shuffled = [*items, *items[:3]]
    rnd.shuffle(shuffled)
    snapshot = EvidenceSnapshot("v", INPUTS, tuple(_infos(extra, items, -1)), tuple(shuffled))
    assert assess(snapshot, MACHINE) == reference(snapshot, MACHINE, [], None)


def test_many_tables_agree_with_the_reference() -> None:
    """Wide folders and shared schema files, as a real venture has them, bigger than
    hypothesis makes them."""
    rnd = random.Random(7)
    keys = [TableKey("public", f"t{i:03d}") for i in range(120)]
    folders = ["src/db/a", "src/db/b", "src/db/a/deep", "lib", "", "src/", "src//db", "/abs"]
    items = []
    for key in keys:
        folder = rnd.choice(folders)
        home = f"{folder}/{rnd.choice(['x', 'y', key.name])}.ts".lstrip("/")
        items.append(Evidence(key, Kind.SCHEMA, "d", path=home, line=1))
        for kind in rnd.sample(list(Kind), rnd.randint(0, 6)):
            items.append(Evidence(key, kind, "d", path=rnd.choice([home, "src/app/p.tsx", None]),
                                  line=rnd.randint(1, 9), holds=rnd.random() < 0.9))
    snapshot = EvidenceSnapshot.build("v", INPUTS, _infos([], items, -1), items,
                                      [Unknown(Kind.ETL, "no worker scan", keys[5])])
    waived = [Waiver(keys[3], Kind.DATA, "ceo", "n/a"),
              Waiver(keys[4], Kind.MIGRATION, "ceo", "n/a", date(2026, 1, 1))]
    assert assess(snapshot, MACHINE, waived, today=TODAY) == \
        reference(snapshot, MACHINE, waived, TODAY)


def test_the_same_schema_file_wins_over_a_lesser_table_in_the_folder() -> None:
    """Two tables in one file, a lesser one beside it in the folder, and a schema item with an
    empty path (no home): growers follow orders, from their file, not alpha."""
    alpha, orders, growers, zeta = (TableKey("public", n)
                                    for n in ("alpha", "orders", "growers", "zeta"))
    items = [
        Evidence(alpha, Kind.SCHEMA, "d", path="src/a.ts", line=1),
        Evidence(alpha, Kind.MIGRATION, "d", path="drizzle/0000.sql", line=1),
        Evidence(orders, Kind.SCHEMA, "d", path="src/s.ts", line=1),
        Evidence(orders, Kind.MIGRATION, "d", path="drizzle/0001.sql", line=1),
        Evidence(growers, Kind.SCHEMA, "d", path="src/s.ts", line=9),
        Evidence(zeta, Kind.SCHEMA, "d", path="", line=1),
    ]
    snapshot = EvidenceSnapshot.build("v", INPUTS, _infos([], items, -1), items)
    got = assess(snapshot, MACHINE)
    assert got == reference(snapshot, MACHINE, [], None)
    table = got.table("growers")
    assert table is not None and table.gap is not None and table.gap.sibling is not None
    assert table.gap.sibling.table == orders
