"""Reach: shortest chains, ties in path order, the hop bound, cycles."""

from __future__ import annotations

from commissioning.evidence import Step
from commissioning.observe.reach import Reach, within_hops

EDGES = {
    "page.tsx": (("b-helper.ts", 2), ("form.tsx", 3), ("a-helper.ts", 4)),
    "form.tsx": (("actions.ts", 4),),
    "actions.ts": (("repo.ts", 5), ("page.tsx", 9)),  # a cycle back to the page
    "a-helper.ts": (("repo.ts", 7),),
    "b-helper.ts": (("repo.ts", 1),),
    "repo.ts": (),
}
DIRECT = {"repo.ts": {"growers": 12}, "actions.ts": {"audit": 30}}


def test_shortest_chain_and_tie_in_path_order() -> None:
    reach: Reach[str] = Reach(EDGES, DIRECT, max_hops=4)
    assert reach.tables("page.tsx") == {"growers": 2, "audit": 2}
    # three chains of two hops reach growers; a-helper.ts comes first in path order
    assert reach.chain("page.tsx", "growers") == (
        Step("page.tsx", 4), Step("a-helper.ts", 7), Step("repo.ts", 12))
    assert reach.chain("page.tsx", "audit") == (
        Step("page.tsx", 3), Step("form.tsx", 4), Step("actions.ts", 30))
    assert reach.chain("repo.ts", "growers") == (Step("repo.ts", 12),)


def test_hop_bound() -> None:
    assert Reach(EDGES, DIRECT, max_hops=1).tables("page.tsx") == {}
    assert Reach(EDGES, DIRECT, max_hops=1).tables("form.tsx") == {"audit": 1}
    assert Reach(EDGES, DIRECT, max_hops=0).tables("actions.ts") == {"audit": 0}


def test_cycles_terminate_and_keep_shortest() -> None:
    reach: Reach[str] = Reach(EDGES, DIRECT, max_hops=12)
    assert reach.tables("actions.ts") == {"audit": 0, "growers": 1}
    assert reach.chain("actions.ts", "growers") == (Step("actions.ts", 5), Step("repo.ts", 12))


def test_within_hops() -> None:
    assert within_hops(["form.tsx"], EDGES, 1) == {"form.tsx", "actions.ts"}
    assert within_hops(["form.tsx"], EDGES, 2) == {"form.tsx", "actions.ts", "repo.ts",
                                                  "page.tsx"}
    assert within_hops(["page.tsx"], EDGES, 0) == {"page.tsx"}
