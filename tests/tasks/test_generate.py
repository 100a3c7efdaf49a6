"""Gaps become tasks: one per actionable gap, deterministic, never for an unknown rung."""

from __future__ import annotations

import re

from hypothesis import given, settings
from tests.strategies import evidence_lists, tables_for

from commissioning.assess import assess
from commissioning.evidence import (
    Evidence,
    EvidenceSnapshot,
    Kind,
    ScanInputs,
    Step,
    TableInfo,
    TableKey,
    Unknown,
)
from commissioning.machines import builtin_machine
from commissioning.report import gap_key
from commissioning.tasks import generate_tasks, parse_checklist, resolve_templates
from commissioning.tasks.render import description

LADDER = builtin_machine("table")
INPUTS = ScanInputs("sha256:c")
ORDERS = TableKey("public", "orders")
GROWERS = TableKey("public", "growers")


def _snapshot(items: list[Evidence], unknowns: list[Unknown] | None = None) -> EvidenceSnapshot:
    return EvidenceSnapshot.build("v", INPUTS, tables_for(items), items, unknowns or [])


def _venture() -> EvidenceSnapshot:
    items = [
        Evidence(GROWERS, Kind.SCHEMA, "drizzle.pgTable", path="src/db/schema.ts", line=3),
        Evidence(GROWERS, Kind.MIGRATION, "sql.create_table", path="drizzle/0000.sql", line=1),
        Evidence(GROWERS, Kind.DATA, "sql.insert", path="supabase/seed.sql", line=2),
        Evidence(GROWERS, Kind.REPOSITORY, "drizzle.access",
                 path="src/db/repositories/growers.ts", line=6),
        Evidence(GROWERS, Kind.SERVER_ACTIONS, "nextjs.use_server",
                 path="src/app/growers/actions.ts", line=4,
                 via=(Step("src/db/repositories/growers.ts", 6),)),
        Evidence(ORDERS, Kind.SCHEMA, "drizzle.pgTable", path="src/db/schema.ts", line=9),
        Evidence(ORDERS, Kind.MIGRATION, "sql.create_table", path="drizzle/0000.sql", line=7),
        Evidence(ORDERS, Kind.DATA, "sql.insert", path="supabase/seed.sql", line=5),
    ]
    return _snapshot(items)


def test_the_task_of_a_gap_says_everything_an_agent_needs() -> None:
    assessment = assess(_venture(), LADDER)
    plan = generate_tasks("shop", assessment, LADDER)
    task = plan.by_key()["shop/orders/4"]
    assert task.title == "orders: add a repository"
    assert task.verify_command == "commission verify orders --state 4"
    assert task.detector == "drizzle.access"
    assert task.follow == "src/db/repositories/growers.ts:6"
    assert task.schema_path == "src/db/schema.ts"
    text = description(task.body, task.checklist)
    for needle in ("no data-access code reads or writes it",  # what is missing
                   "## Why it matters", "`src/db/repositories/growers.ts:6`",  # the sibling
                   "`drizzle.access`", "## Implementation Checklist",
                   "`commission verify orders --state 4` exits 0", "<!-- commission-key: "
                   "shop/orders/4 -->"):
        assert needle in text, needle
    items = parse_checklist(text)
    assert len(items) >= 3 and not any(i.done for i in items)
    assert items[-1].text == "Run `commission verify orders --state 4` and see it exit 0"


def test_the_chain_of_the_sibling_is_named() -> None:
    assessment = assess(_venture(), LADDER)
    plan = generate_tasks("shop", assessment, LADDER)
    growers = plan.by_key()["shop/growers/6"]  # crud_ui: nobody has one, no sibling
    assert growers.follow is None and growers.detector is None
    assert "any `crud_ui` detector" in growers.body
    items = [Evidence(GROWERS, Kind.SCHEMA, "d", path="s.ts", line=1),
             Evidence(ORDERS, Kind.SCHEMA, "d", path="s.ts", line=5),
             Evidence(ORDERS, Kind.MIGRATION, "m", path="m.sql", line=1),
             Evidence(ORDERS, Kind.DATA, "x", path="seed.sql", line=1,
                      via=(Step("a.ts", 2), Step("b.ts", 3)))]
    plan = generate_tasks("shop", assess(_snapshot(items), LADDER), LADDER)
    task = plan.by_key()["shop/growers/2"]
    assert task.follow == "m.sql:1"
    data_snapshot = _snapshot([*items, Evidence(GROWERS, Kind.MIGRATION, "m", path="m.sql",
                                                line=9)])
    data_task = generate_tasks("shop", assess(data_snapshot, LADDER), LADDER).by_key()[
        "shop/growers/3"]
    assert "through `a.ts:2` → `b.ts:3`" in data_task.body


@settings(max_examples=60)
@given(evidence_lists)
def test_one_task_per_actionable_gap_deterministic(items: list[Evidence]) -> None:
    assessment = assess(_snapshot(items), LADDER)
    plan = generate_tasks("v", assessment, LADDER)
    actionable = [g for g in assessment.gaps if g.actionable]
    assert sorted(t.key for t in plan.tasks) == sorted(gap_key("v", g) for g in actionable)
    assert len({t.key for t in plan.tasks}) == len(plan.tasks)
    again = generate_tasks("v", assess(_snapshot(list(reversed(items))), LADDER), LADDER)
    assert again == plan
    for task in plan.tasks:
        assert task.checklist and task.checklist[-1].text.startswith("Run `commission verify")
        assert re.fullmatch(r"v/(lab\.)?[a-z_]+/\d+", task.key)


@settings(max_examples=40)
@given(evidence_lists)
def test_unknown_gaps_never_become_tasks(items: list[Evidence]) -> None:
    unknowns = [Unknown(kind, "the database did not answer") for kind in Kind]
    assessment = assess(_snapshot(items, unknowns), LADDER)
    assert all(not g.actionable for g in assessment.gaps)
    assert generate_tasks("v", assessment, LADDER).tasks == ()


def test_templates_are_overridable_and_unknown_placeholders_survive() -> None:
    templates = resolve_templates({"repository": {
        "title": "{table}: repo please", "why": "Because {table} {nonsense}.",
        "checklist": ["Write src/repos/{table}.ts"]}})
    plan = generate_tasks("shop", assess(_venture(), LADDER), LADDER, templates=templates)
    task = plan.by_key()["shop/orders/4"]
    assert task.title == "orders: repo please"
    assert "Because orders {nonsense}." in task.body
    assert [i.text for i in task.checklist][1] == "Write src/repos/orders.ts"


def test_a_table_with_only_an_idea_gets_a_schema_task() -> None:
    idea = TableKey("public", "bees")
    items = [Evidence(idea, Kind.IDEA, "config.idea", path="commissioning.toml", line=6)]
    snapshot = EvidenceSnapshot.build("v", INPUTS, [TableInfo(idea, "config")], items)
    task = generate_tasks("v", assess(snapshot, LADDER), LADDER).tasks[0]
    assert task.key == "v/bees/1" and task.title == "bees: define its schema"
    assert task.schema_path == "commissioning.toml"
