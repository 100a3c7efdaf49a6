"""The data of each Control Room page: one function per page, sent as HTML or as its JSON twin.

Each function takes what the route parsed and returns a plain dict built from the services; the
route hands it to ``render.page`` unchanged, so the page and its JSON can never disagree.
"""

from __future__ import annotations

from typing import Any

from commissioning.services import attestations, board, queries
from commissioning.services.context import Workspace
from commissioning.services.queries import TableFilter
from commissioning.web import charts

Data = dict[str, Any]


def _frame(document: Data, title: str) -> Data:
    """What every page's header shows: the venture and the scan it is looking at."""
    return {"title": title, "venture": document["venture"], "snapshot": document["snapshot"],
            "summary": document["summary"]}


def grid(ws: Workspace, where: TableFilter) -> Data:
    """Every table × the ten rungs, filtered; with the summary and the state distribution."""
    document = queries.current_status(ws).document
    rows = queries.table_rows(document, where, queries.task_phases(ws))
    names = {s["n"]: s["name"] for s in document["machine"]["states"]}
    return {
        **_frame(document, "Grid"),
        "states": queries.ladder_states(document),
        "distribution": charts.distribution(document["summary"]["by_state"], names),
        "facets": queries.facets(document),
        "filters": {"state": where.state, "profile": where.profile, "owner": where.owner,
                    "outcome": where.outcome, "q": where.text},
        "rows": rows,
        "shown": len(rows),
    }


def table(ws: Workspace, name: str) -> Data:
    """One table: every rung with its evidence, its gap and task, and its attestations."""
    document = queries.current_status(ws).document
    detail = queries.table_detail(document, name)
    gap = detail.get("gap")
    return {
        **_frame(document, detail["name"]),
        "table": detail,
        "task": None if gap is None else board.task_for(ws, gap["key"]),
        "verify": None if gap is None else
        f"commission verify {detail['name']} --state {gap['state']}",
        "attestations": attestations.list_attestations(ws, table=detail["name"]),
        "kinds": [r["kind"] for r in detail["rungs"]],
    }


def board_page(ws: Workspace) -> Data:
    """The gap → task board: a column per task phase, the allowed moves on each card."""
    document = queries.current_status(ws).document
    return {**_frame(document, "Board"), **board.board(ws, document)}


def machines(ws: Workspace) -> Data:
    """Every machine with its diagram; a ladder is drawn left to right to fit the page."""
    document = queries.current_status(ws).document
    shown = []
    for brief in queries.machines():
        m = queries.machine(brief["name"])
        drawn = m["mermaid"]
        if m["kind"] == "ladder":
            drawn = drawn.replace("stateDiagram-v2\n", "stateDiagram-v2\n    direction LR\n", 1)
        shown.append({**m, "drawn": drawn})
    return {**_frame(document, "Machines"), "machines": shown}


def trends(ws: Workspace, limit: int) -> Data:
    """The state distribution across stored scans, oldest on the left."""
    document = queries.current_status(ws).document
    history = queries.scan_history(ws, limit)
    oldest_first = list(reversed(history))
    return {**_frame(document, "Trends"), "scans": history,
            "chart": charts.stacked_trend(oldest_first),
            "states": [{"n": s["n"], "name": s["name"], "color": charts.state_color(s["n"])}
                       for s in document["machine"]["states"]]}
