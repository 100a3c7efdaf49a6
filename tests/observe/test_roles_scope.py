"""Rule ``scope`` and ``unless``, per-profile defaults, and the e2e rule's route exclusion."""

from __future__ import annotations

from commissioning.config import parse_venture_config
from commissioning.evidence import Kind
from commissioning.observe.roles import DEFAULT_RULES, Rule, role_book
from commissioning.observe.typescript.parser import parse_file

RULES = (
    Rule(Kind.ETL, "job.signal", signals=("Deno.cron(",), scope=("**/functions/**",)),
    Rule(Kind.A2A_API, "api.any_function", ("**/functions/*/index.ts",), unless=(Kind.ETL,)),
    Rule(Kind.ETL, "job.name", ("**/functions/*sync*/**",)),
)


def _roles(path: str, text: str, toml: str = "") -> dict[Kind, str]:
    book = role_book(parse_venture_config(toml).roles, RULES)
    facts = parse_file(text, path, book.literals)[0]
    return {kind: role.detector for kind, role in book.roles(path, facts).items()}


def test_scope_limits_a_signal_to_some_paths() -> None:
    assert _roles("functions/a/index.ts", 'Deno.cron("x", "* * * * *", f);\n') == {
        Kind.ETL: "job.signal"}
    assert _roles("src/lib/a.ts", 'Deno.cron("x", "* * * * *", f);\n') == {}


def test_unless_waits_for_every_rule_of_the_kind_it_names() -> None:
    assert _roles("functions/a/index.ts", "serve();\n") == {Kind.A2A_API: "api.any_function"}
    assert _roles("functions/sync-a/index.ts", "serve();\n") == {Kind.ETL: "job.name"}


def test_overrides_keep_scope_and_unless() -> None:
    book = role_book(parse_venture_config('[roles.a2a_api]\nsignals = ["serve("]\n').roles,
                     RULES)
    (kept,) = [r for r in book.rules if r.detector == "api.any_function"]
    assert (kept.globs, kept.signals, kept.unless) == (
        ("**/functions/*/index.ts",), (), (Kind.ETL,))


def test_the_apps_own_api_routes_are_never_e2e_specs() -> None:
    book = role_book({}, DEFAULT_RULES)
    for path in ("src/app/api/e2e/reset/route.ts", "apps/web/app/(ee)/api/e2e/guard.ts"):
        facts = parse_file("export {};\n", path, book.literals)[0]
        assert Kind.E2E_TESTS not in book.roles(path, facts), path
    facts = parse_file("export {};\n", "e2e/orders.spec.ts", book.literals)[0]
    assert Kind.E2E_TESTS in book.roles("e2e/orders.spec.ts", facts)
