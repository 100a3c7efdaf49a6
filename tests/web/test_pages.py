"""The Control Room pages: each renders, links to its JSON twin, and the twin is the same data."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.live import Tokens, app_for

from commissioning import services
from commissioning.services.context import Workspace
from commissioning.services.queries import TableFilter
from commissioning.web import charts, views

HTML = {"accept": "text/html"}
PAGES = ["/", "/?state=9", "/tables/growers", "/board", "/machines", "/trends"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_links_to_its_json_twin(client: TestClient, path: str) -> None:
    page = client.get(path, headers=HTML)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', page.text)
    assert twin is not None
    url = twin.group(1).replace("&amp;", "&")
    assert "format=json" in url
    data = client.get(url)
    assert data.status_code == 200 and data.headers["content-type"] == "application/json"
    assert data.json()["venture"]["name"] == "greenhouse"


def test_the_twin_is_built_by_the_same_function(client: TestClient, ws: Workspace) -> None:
    assert client.get("/?format=json").json() == views.grid(ws, TableFilter())
    assert client.get("/index.json?state=2").json() == views.grid(ws, TableFilter(state=2))
    assert client.get("/tables/growers.json").json() == views.table(ws, "growers")
    assert client.get("/trends.json").json() == views.trends(ws, 100)


def test_the_grid_shows_every_table_and_state(client: TestClient) -> None:
    page = client.get("/", headers=HTML).text
    for name in ("growers", "harvests", "sensors", "pollination_logs"):
        assert f'data-table="{name}"' in page
    assert page.count('class="col-rung"') >= 4 * 10
    assert 'class="cell present' in page and "is-gap" in page
    filtered = client.get("/?state=1&profile=&owner=&outcome=&q=", headers=HTML).text
    assert 'data-table="sensors"' in filtered and 'data-table="growers"' not in filtered


def test_the_table_page_shows_file_line_and_import_chain(client: TestClient) -> None:
    page = client.get("/tables/growers", headers=HTML).text
    assert re.search(r'<code class="where">src/[^<]+:\d+</code>', page)
    assert 'class="via"' in page
    assert "commission verify growers --state 10" in page


def test_a_page_error_is_an_html_page_for_a_browser(client: TestClient) -> None:
    page = client.get("/tables/nope", headers=HTML)
    assert page.status_code == 404
    assert "UnknownTableError" in page.text and "<html" in page.text
    assert client.get("/tables/nope?format=json").json()["error"] == "UnknownTableError"


def test_the_board_lists_tasks_by_phase_with_their_moves(client: TestClient) -> None:
    data = client.get("/board.json").json()
    phases = [c["phase"] for c in data["columns"]]
    assert phases[:3] == ["IDEA", "PLANNED", "IMPLEMENTING"]
    planned = next(c for c in data["columns"] if c["phase"] == "PLANNED")
    assert planned["tasks"], "every gap of drizzle-mini became a planned task"
    moves = {m["to"]: m for m in planned["tasks"][0]["moves"]}
    assert moves["IMPLEMENTING"]["allowed"] and not moves["IMPLEMENTING"]["needs_confirm"]
    assert moves["CANCELLED"]["needs_confirm"]
    page = client.get("/board", headers=HTML).text
    assert 'hx-post="/board/tasks/' in page


def test_static_assets_are_vendored_not_linked(client: TestClient) -> None:
    page = client.get("/machines", headers=HTML).text
    assert "/static/vendor/htmx.min.js" in page and "/static/vendor/mermaid.min.js" in page
    assert not re.search(r'src="https?://', page), "no CDN"
    for asset in ("/static/vendor/htmx.min.js", "/static/vendor/mermaid.min.js",
                  "/static/app.css"):
        assert client.get(asset).status_code == 200


def test_the_css_state_colours_match_the_charts() -> None:
    css = (resources.files("commissioning.web") / "static" / "app.css").read_text()
    for n, colour in enumerate(charts.STATE_COLORS):
        assert f".s{n} {{ background: {colour}; }}" in css


def test_the_trend_chart_has_a_band_per_state_present() -> None:
    scans = [{"scanned_at": "2026-11-20T00:00:00Z", "mean_state": 2.0, "by_state": {"1": 2}},
             {"scanned_at": "2026-11-21T00:00:00Z", "mean_state": 5.0,
              "by_state": {"1": 1, "9": 1}}]
    chart = charts.stacked_trend(scans)
    assert [b["n"] for b in chart["bands"]] == [1, 9]
    assert chart["mean"].count(",") == 2
    assert charts.stacked_trend([])["empty"] is True
    assert len(charts.stacked_trend(scans[:1])["bands"]) == 1


def test_a_routed_task_shows_its_owner_and_its_phase_now(venture: Path, tokens: Tokens) -> None:
    with (venture / "commissioning.toml").open("a", encoding="utf-8") as config:
        config.write('\n[routing]\ndefault = "@greenhouse/data"\n')
    services.scan(venture)
    app, _ = app_for(venture)
    with TestClient(app) as client:
        owned = client.get("/api/tables?owner=@greenhouse/data").json()
        assert {r["name"] for r in owned} == {"growers", "harvests", "pollination_logs",
                                             "sensors"}
        sensors = next(r for r in owned if r["name"] == "sensors")
        assert sensors["gap"]["task"]["phase"] == "PLANNED"
        client.post(f"/api/tasks/{sensors['gap']['key']}/move", json={"to": "IMPLEMENTING"},
                    headers={"Authorization": f"Bearer {tokens.admin}"})
        now = client.get("/api/tables?q=sensors").json()[0]
        assert now["gap"]["task"]["phase"] == "IMPLEMENTING", "not the phase the scan saw"
        page = client.get("/?owner=@greenhouse/data", headers=HTML).text
        assert page.count('class="task-tag"') == 4


def test_the_attestation_form_and_the_board_answer_htmx(client: TestClient,
                                                        tokens: Tokens) -> None:
    htmx = {"HX-Request": "true", "Origin": "http://testserver"}
    client.post("/login", data={"token": tokens.agent}, follow_redirects=False)
    form = client.get("/tables/harvests", headers=HTML).text
    assert 'hx-post="/tables/harvests/attest"' in form
    posted = client.post("/tables/harvests/attest", headers=htmx,
                         data={"kind": "data", "reason": "seeded by hand in staging"})
    assert posted.status_code == 201
    assert "seeded by hand in staging" in posted.text and 'id="attestations"' in posted.text
    blank = client.post("/tables/harvests/attest", headers=htmx,
                        data={"kind": "data", "reason": "  "})
    assert blank.status_code == 400 and "flash-error" in blank.text
    key = client.get("/api/tasks").json()[0]["key"]
    refused = client.post(f"/board/tasks/{key}/move", headers=htmx, data={"to": "IMPLEMENTING"})
    assert refused.status_code == 403
    assert "PermissionDeniedError" in refused.text and 'id="board"' in refused.text
