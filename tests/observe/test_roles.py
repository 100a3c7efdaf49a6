"""Roles from docs/evidence.md defaults and commissioning.toml overrides."""

from __future__ import annotations

import pytest

from commissioning.config import parse_venture_config
from commissioning.errors import ConfigError
from commissioning.evidence import Kind
from commissioning.observe.roles import RoleBook, role_book
from commissioning.observe.typescript.facts import FileFacts
from commissioning.observe.typescript.parser import parse_file


def _book(toml: str = "") -> RoleBook:
    return role_book(parse_venture_config(toml).roles)


def _roles(path: str, text: str = "export {};\n", book: RoleBook | None = None) -> dict[Kind, str]:
    book = book or _book()
    facts: FileFacts = parse_file(text, path, book.literals)[0]
    return {kind: role.detector for kind, role in book.roles(path, facts).items()}


def test_path_roles() -> None:
    assert _roles("src/app/(shop)/orders/page.tsx") == {Kind.CRUD_UI: "nextjs.page",
                                                        Kind.REPOSITORY: "code.access"}
    assert Kind.CRUD_UI in _roles("pages/orders/[id].tsx")
    assert Kind.CRUD_UI not in _roles("pages/_app.tsx")
    assert Kind.CRUD_UI not in _roles("pages/api/orders.ts")
    assert _roles("pages/api/orders.ts")[Kind.A2A_API] == "nextjs.api_route"
    assert _roles("src/app/api/orders/route.ts")[Kind.A2A_API] == "nextjs.api_route"
    assert _roles("src/app/api/v1/orders/route.ts")[Kind.A2A_API] == "api.versioned_path"
    assert _roles("packages/api/v2/implementation.ts")[Kind.A2A_API] == "api.versioned_path"
    assert _roles("src/app/api/public/stats/route.ts")[Kind.A2A_API] == "api.versioned_path"
    for internal in ("src/app/api/auth/[...nextauth]/route.ts", "src/app/api/trpc/[trpc]/route.ts",
                     "src/app/api/webhooks/stripe/route.ts"):
        assert Kind.A2A_API not in _roles(internal), internal
    assert _roles("src/app/api/webhooks/stripe/route.ts")[Kind.ETL] == "etl.path"
    assert _roles("src/server/actions/orders.ts")[Kind.SERVER_ACTIONS] == "nextjs.actions_path"
    assert _roles("apps/web/src/jobs/nightly.ts")[Kind.ETL] == "etl.path"
    assert _roles("src/graphql/resolvers.ts")[Kind.A2A_API] == "graphql.resolver"


def test_signal_roles() -> None:
    assert _roles("src/lib/a.ts", '"use server";\nexport async function f() {}\n') \
        [Kind.SERVER_ACTIONS] == "nextjs.use_server"
    assert _roles("src/server/root.ts", "export const r = createTRPCRouter({});\n") \
        [Kind.SERVER_ACTIONS] == "trpc.router"
    assert _roles("src/components/f.tsx", "const f = useForm({});\n")[Kind.CRUD_UI] == "react.form"
    assert _roles("src/lib/q.ts", "new Worker('q', handler);\n")[Kind.ETL] == "etl.signal"
    assert _roles("src/mcp.ts", "server.tool('list', {}, run);\n")[Kind.A2A_API] == "mcp.tool"
    assert Kind.ETL not in _roles("src/lib/q.ts", "// new Worker('q', handler)\n")


def test_tests_seeds_and_migrations_get_no_app_roles() -> None:
    for path in ("src/lib/orders.test.ts", "src/__tests__/page.tsx", "tests/helpers/db.ts",
                 "src/db/seed.ts", "scripts/seed-demo.ts", "db/migrations/0001.ts"):
        roles = _roles(path, '"use server";\nexport const f = useForm();\n')
        assert not roles.keys() & {Kind.REPOSITORY, Kind.SERVER_ACTIONS, Kind.CRUD_UI,
                                   Kind.ETL, Kind.A2A_API}, path
    assert _roles("src/db/seed.ts")[Kind.DATA] == "seed.script"
    assert Kind.DATA not in _roles("src/app/seedlings/page.tsx")
    assert Kind.CRUD_UI in _roles("src/app/seedlings/page.tsx")
    assert Kind.ETL in _roles("scripts/backfill.ts")
    assert Kind.ETL not in _roles("scripts/seed.ts")


def test_e2e_specs_and_unit_tests() -> None:
    assert _roles("e2e/orders.spec.ts")[Kind.E2E_TESTS] == "playwright.spec"
    assert _roles("cypress/e2e/orders.cy.ts")[Kind.E2E_TESTS] == "cypress.spec"
    assert _roles("src/flows/orders.check.ts", 'import { test } from "@playwright/test";\n') \
        [Kind.E2E_TESTS] == "playwright.spec"
    unit = 'import { render } from "@testing-library/react";\nimport { it } from "vitest";\n'
    assert Kind.E2E_TESTS not in _roles("tests/e2e/form.test.tsx", unit)
    both = unit + 'import { test } from "@playwright/test";\n'
    assert Kind.E2E_TESTS in _roles("tests/e2e/form.test.tsx", both)


def test_config_overrides() -> None:
    book = _book("""
[roles.crud_ui]
extra_globs = ["src/screens/**"]
exclude = ["src/app/(marketing)/**"]

[roles.etl]
signals = ["myQueue.process("]

[roles.a2a_api]
globs = ["src/public-api/**"]
""")
    assert _roles("src/screens/orders.tsx", book=book)[Kind.CRUD_UI] == "config.crud_ui"
    assert Kind.CRUD_UI in _roles("src/app/orders/page.tsx", book=book)
    assert Kind.CRUD_UI not in _roles("src/app/(marketing)/pricing/page.tsx", book=book)
    assert _roles("src/lib/q.ts", "myQueue.process(run);\n", book=book)[Kind.ETL] \
        == "config.etl"
    assert Kind.ETL not in _roles("src/lib/q.ts", "cron.schedule('* * *', run);\n", book=book)
    assert Kind.ETL in _roles("src/jobs/q.ts", book=book)  # path defaults kept
    assert _roles("src/public-api/orders.ts", book=book)[Kind.A2A_API] == "config.a2a_api"
    assert Kind.A2A_API not in _roles("src/app/api/v1/orders/route.ts", book=book)
    assert Kind.A2A_API in _roles("src/mcp.ts", "server.tool('x', run);\n", book=book)
    assert "myQueue.process(" in book.literals and "cron.schedule(" not in book.literals


def test_a_misspelt_role_kind_is_an_error() -> None:
    with pytest.raises(ConfigError, match="unknown role kind 'crud-ui'") as raised:
        _book('[roles.crud-ui]\nextra_globs = ["src/screens/**"]\n')
    assert raised.value.key == "roles.crud-ui"
    assert "crud_ui" in str(raised.value)


def test_migration_and_seed_sql() -> None:
    book = _book()
    assert book.is_migration("drizzle/0000_init.sql")
    assert book.is_migration("supabase/migrations/20240101000000_init.sql")
    assert book.is_migration("db/migrations/2024/0001.sql")
    assert book.is_seed("supabase/seed.sql") and not book.is_migration("supabase/seed.sql")
    assert book.is_seed("drizzle/seed.sql") and not book.is_migration("drizzle/seed.sql")
    assert book.is_seed("db/seeds/demo/growers.sql")
    assert not book.is_seed("supabase/migrations/20240101_seed_growers.sql")
