"""Routing: config rules, then CODEOWNERS of the schema file, then a default; else a reason."""

from __future__ import annotations

from pathlib import Path

from commissioning.evidence import TableKey
from commissioning.observe.codeowners import find_codeowners
from commissioning.tasks import OwnerFact, Routing, RoutingRule, route

ORDERS = TableKey("public", "orders")
FACT = OwnerFact("src/db/schema.ts", ("@shop/data",), "CODEOWNERS", 2, "src/db/")


def test_codeowners_of_the_schema_file() -> None:
    routing = Routing(ownership={"src/db/schema.ts": FACT}, codeowners_file="CODEOWNERS")
    found = route(ORDERS, "src/db/schema.ts", routing)
    assert found.owner == "@shop/data"
    assert found.source == "CODEOWNERS:2 (src/db/ covers src/db/schema.ts)"


def test_a_rule_wins_over_codeowners_and_the_default_comes_last() -> None:
    routing = Routing(rules=(RoutingRule("@alice", table="ord*"),), default="@leads",
                      ownership={"src/db/schema.ts": FACT}, codeowners_file="CODEOWNERS")
    assert route(ORDERS, "src/db/schema.ts", routing).owner == "@alice"
    assert route(TableKey("public", "tanks"), "src/db/schema.ts", routing).owner == "@shop/data"
    assert route(TableKey("public", "tanks"), "other.ts", routing).owner == "@leads"


def test_rules_on_path_and_both() -> None:
    both = RoutingRule("@bob", table="orders", path="src/billing/*")
    assert not both.matches(ORDERS, "src/db/schema.ts")
    assert both.matches(ORDERS, "src/billing/schema.ts")
    assert RoutingRule("@c", path="src/*").matches(ORDERS, "src/db/schema.ts")  # * crosses /
    assert not RoutingRule("@d").matches(ORDERS, "x")  # a rule with no condition matches nothing
    assert RoutingRule("@e", table="public.ord*").matches(ORDERS, None)


def test_unrouted_reasons_name_what_was_tried() -> None:
    nothing = route(ORDERS, "src/db/schema.ts", Routing())
    assert nothing.owner is None
    assert "no CODEOWNERS file" in nothing.reason and "no [[routing.rules]]" in nothing.reason
    uncovered = route(ORDERS, "src/db/schema.ts", Routing(
        codeowners_file=".github/CODEOWNERS", rules=(RoutingRule("@x", table="tanks"),),
        ownership={"src/db/schema.ts": OwnerFact("src/db/schema.ts", ())}))
    assert "no line of .github/CODEOWNERS covers src/db/schema.ts" in uncovered.reason
    assert "none of the 1 [[routing.rules]] match" in uncovered.reason
    ownerless = route(ORDERS, "a.ts", Routing(codeowners_file="CODEOWNERS", ownership={
        "a.ts": OwnerFact("a.ts", (), "CODEOWNERS", 4, "a.ts")}))
    assert "CODEOWNERS:4 (a.ts) covers a.ts but names no owner" in ownerless.reason
    assert "no schema file" in route(ORDERS, None, Routing()).reason


def test_the_codeowners_file_is_read_where_github_looks(tmp_path: Path) -> None:
    assert find_codeowners(tmp_path) is None
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "CODEOWNERS").write_text(
        "# owners\n*  @shop/leads\nsrc/db/  @shop/data @carol\n/docs/ \n", encoding="utf-8")
    found = find_codeowners(tmp_path)
    assert found is not None and found.path == ".github/CODEOWNERS"
    facts = found.owners_of(["src/db/schema.ts", "README.md", "docs/a.md"])
    assert facts["src/db/schema.ts"].owners == ("@shop/data", "@carol")
    assert facts["src/db/schema.ts"].line == 3
    assert facts["README.md"].owners == ("@shop/leads",)
    assert facts["docs/a.md"].owners == ()  # the last matching line names no one
