"""Hypothesis strategies for evidence, shared by the pure-core property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from commissioning.evidence import Evidence, Kind, Source, Step, TableInfo, TableKey

NAMES = st.sampled_from(["growers", "orders", "tanks", "batches", "vats", "shifts", "farms"])
SCHEMAS = st.sampled_from(["public", "lab"])
PATHS = st.sampled_from(["src/db/schema.ts", "src/db/repositories/x.ts", "src/app/page.tsx",
                         "src/app/actions.ts", "e2e/a.spec.ts", "drizzle/0000_init.sql"])
REAL_KINDS = st.sampled_from([k for k in Kind if k is not Kind.IDEA])

table_keys = st.builds(TableKey, SCHEMAS, NAMES)
steps = st.builds(Step, PATHS, st.integers(min_value=1, max_value=400))
evidence_items = st.builds(
    Evidence,
    table=table_keys,
    kind=REAL_KINDS,
    detector=st.sampled_from(["drizzle.pgTable", "drizzle.access", "nextjs.page", "sql.insert"]),
    source=st.sampled_from(list(Source)),
    path=PATHS,
    line=st.integers(min_value=1, max_value=400),
    via=st.lists(steps, max_size=3).map(tuple),
    holds=st.booleans(),
)
evidence_lists = st.lists(evidence_items, max_size=40)


def tables_for(items: list[Evidence]) -> list[TableInfo]:
    return [TableInfo(key, "drizzle", key.name) for key in sorted({e.table for e in items})]
