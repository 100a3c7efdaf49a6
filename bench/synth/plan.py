"""The plan of a synthetic venture: its tables, the layers each one has, and so its state.

Everything is drawn from one ``random.Random(seed)``, so a seed and a size always give the same
plan, byte for byte. The expected state of a table follows from the layers planned for it by
the ladder's own rule (the highest ``n`` with every rung ``1..n`` present), and "ahead" is every
present rung above the first missing one: the writers then lay down exactly those layers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Rungs of the table ladder, as the generator plans them (state 10 needs test reports).
SCHEMA, MIGRATION, DATA, REPOSITORY, SERVER_ACTIONS, CRUD_UI, ETL, A2A_API, E2E = range(1, 10)
KIND_NAMES = {SCHEMA: "schema", MIGRATION: "migration", DATA: "data", REPOSITORY: "repository",
              SERVER_ACTIONS: "server_actions", CRUD_UI: "crud_ui", ETL: "etl",
              A2A_API: "a2a_api", E2E: "e2e_tests"}
TABLES_PER_DOMAIN = 10

DOMAINS = (
    "intake", "billing", "inventory", "shipping", "crm", "people", "lab", "maintenance",
    "quality", "planning", "purchasing", "finance", "support", "catalog", "fleet", "energy",
    "compliance", "marketing", "warehouse", "production", "returns", "pricing", "payroll",
    "training", "assets", "projects", "contracts", "facilities", "security", "analytics",
)
ENTITIES = (
    "orders", "invoices", "line_items", "accounts", "contacts", "readings", "shipments",
    "batches", "samples", "work_orders", "tickets", "notes", "payments", "refunds", "vendors",
    "products", "locations", "schedules", "shifts", "audits", "checks", "holds", "claims",
    "quotes", "budgets", "forecasts", "routes", "drivers", "vehicles", "meters", "alerts",
    "documents", "approvals", "tasks", "events", "reviews", "tags", "comments", "rates",
    "transfers",
)


@dataclass(frozen=True, slots=True)
class TablePlan:
    """One table: its names in every spelling the code uses, and the rungs laid down for it."""

    domain: str
    entity: str
    kinds: frozenset[int]
    idea: bool = False  # named under [[ideas]] only: no code at all

    @property
    def name(self) -> str:
        return f"{self.domain}_{self.entity}"

    @property
    def symbol(self) -> str:
        head, *rest = self.name.split("_")
        return head + "".join(part.capitalize() for part in rest)

    @property
    def model(self) -> str:
        return "".join(part.capitalize() for part in self.name.split("_"))

    @property
    def slug(self) -> str:
        return self.entity.replace("_", "-")

    @property
    def file_slug(self) -> str:
        return self.name.replace("_", "-")

    @property
    def state(self) -> int:
        state = 0
        while state + 1 in self.kinds:
            state += 1
        return state

    @property
    def ahead(self) -> tuple[str, ...]:
        return tuple(KIND_NAMES[k] for k in sorted(self.kinds) if k > self.state + 1)

    def has(self, kind: int) -> bool:
        return kind in self.kinds


@dataclass(frozen=True, slots=True)
class VenturePlan:
    name: str
    stack: str
    seed: int
    tables: tuple[TablePlan, ...]

    @property
    def domains(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.domain for t in self.tables))

    def in_domain(self, domain: str) -> tuple[TablePlan, ...]:
        return tuple(t for t in self.tables if t.domain == domain and not t.idea)

    def expected(self) -> dict[str, object]:
        """What the scanner must find: the shape of the example venture's expected-states.json."""
        return {"tables": {t.name: {"state": t.state, "ahead": list(t.ahead)}
                           for t in sorted(self.tables, key=lambda t: t.name)}}


def make_plan(tables: int, *, seed: int = 0, stack: str = "drizzle") -> VenturePlan:
    """``tables`` tables in domains of ten, each with a drawn set of rungs (see ``_kinds``)."""
    rng = random.Random(f"{stack}:{seed}:{tables}")
    out: list[TablePlan] = []
    domain_count = -(-tables // TABLES_PER_DOMAIN)
    for d in range(domain_count):
        base = DOMAINS[d % len(DOMAINS)]
        domain = base if d < len(DOMAINS) else f"{base}{d // len(DOMAINS) + 1}"
        entities = rng.sample(ENTITIES, TABLES_PER_DOMAIN)
        for entity in entities[:min(TABLES_PER_DOMAIN, tables - len(out))]:
            roll = rng.random()
            if roll < 0.02:
                out.append(TablePlan(domain, entity, frozenset(), idea=True))
            elif roll < 0.04:  # a legacy table only a migration creates: state 0, ahead
                out.append(TablePlan(domain, entity, frozenset({MIGRATION})))
            else:
                out.append(TablePlan(domain, entity, _kinds(rng, stack)))
    return VenturePlan(name=f"synthetic-{stack}-{tables}", stack=stack, seed=seed,
                       tables=tuple(out))


def _kinds(rng: random.Random, stack: str) -> frozenset[int]:
    """Rungs ``1..top`` (``top`` uniform over 1..9), and in one table of five a rung further up.

    Only rungs a layer can carry alone are drawn ahead: data (a seed), ETL (a job), an API
    route, and (Drizzle) an e2e spec calling that route. In the FastAPI stack every route is
    also a server action, so an API route ahead needs server actions present already.
    """
    top = rng.randint(1, 9)
    kinds = set(range(1, top + 1))
    if rng.random() < 0.2:
        options = [k for k in _AHEAD[stack] if k > top + 1 and _AHEAD[stack][k] <= top]
        if options:
            extra = rng.choice(options)
            kinds.add(extra)
            if extra == E2E:
                kinds.add(A2A_API)  # the spec reaches the table through the API route
    return frozenset(kinds)


# rung drawn ahead → the state the table must at least have for that layer to stand alone
_AHEAD = {
    "drizzle": {DATA: 1, ETL: REPOSITORY, A2A_API: REPOSITORY, E2E: REPOSITORY},
    "fastapi": {DATA: 1, ETL: REPOSITORY, A2A_API: SERVER_ACTIONS},
}
