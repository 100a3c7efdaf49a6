"""The Control Room in a real browser: Debian's chromium, driven by Playwright, over a real server.

The server is uvicorn on a free loopback port over a scanned copy of examples/dairy-plant. The
browser loads the grid, filters it, opens a table, signs in, moves a task across the board with
its htmx buttons, and draws the machines; screenshots land in ``test-artifacts/`` (gitignored).
Never ``playwright install``: the browser is the system's ``/usr/bin/chromium``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from tests.web.live import DAIRY_PLANT, REPO, LiveServer, app_for, scanned_copy

from commissioning.services import auth
from commissioning.services.context import Workspace

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = REPO / "test-artifacts"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="needs Debian's chromium (scripts/setup installs it)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    root = scanned_copy(tmp_path_factory.mktemp("browser"), DAIRY_PLANT)
    app, _ = app_for(root)
    with LiveServer(app) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def shot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"control-room-{name}.png"
    page.screenshot(path=str(path))
    return path


def test_the_grid_shows_every_table_and_filters_in_place(server: LiveServer, page: Page) -> None:
    tables = httpx.get(server.url + "/api/tables").json()
    page.goto(server.url + "/")
    rows = page.locator("table.grid tbody tr[data-table]")
    expect(rows).to_have_count(len(tables))
    expect(page.locator("table.grid thead th.col-rung")).to_have_count(10)
    for table in tables[:5]:
        name = table["name"]
        badge = page.locator(f'tr[data-table="{name}"] .state-badge')
        expect(badge).to_have_text(str(table["state"]))
    assert page.locator("a.cell.present").count() > 100
    shot(page, "grid")
    state = max(t["state"] for t in tables)
    page.select_option('select[name="state"]', str(state))
    expect(rows).to_have_count(sum(1 for t in tables if t["state"] == state))
    expect(page.locator('[data-testid="shown"]')).to_contain_text(f"of {len(tables)} tables")
    assert f"state={state}" in page.url, "the filter is in the address (htmx pushed it)"
    page.select_option('select[name="state"]', "")
    page.fill('input[name="q"]', "milk_coll")
    expect(rows).to_have_count(1)


def test_a_table_shows_its_evidence(server: LiveServer, page: Page) -> None:
    page.goto(server.url + "/")
    page.click('a.table-link:text-is("maintenance_work_orders")')
    expect(page).to_have_url(re.compile(r"/tables/maintenance_work_orders$"))
    expect(page.locator('[data-testid="table-state"]')).to_contain_text("2")
    expect(page.locator("#rung-7 code.where").first).to_contain_text(".ts:")
    expect(page.locator("#rung-7 ol.via").first).to_be_visible()
    expect(page.locator(".gap-card")).to_contain_text("commission verify maintenance_work_orders")
    shot(page, "table")
    twin = page.locator('a.chip-json').first.get_attribute("href")
    assert twin == "/tables/maintenance_work_orders?format=json"


def test_an_admin_moves_a_task_across_the_board(server: LiveServer, page: Page) -> None:
    ws: Workspace = server.app.state.ws
    token = auth.issue_token(ws.store, "admin", "browser-admin").token
    page.goto(server.url + "/login?next=/board")
    page.fill('input[name="token"]', token)
    page.click('button:text("Sign in")')
    expect(page).to_have_url(re.compile(r"/board$"))
    expect(page.locator(".who")).to_contain_text("browser-admin")
    card = page.locator('section[data-phase="PLANNED"] article.task').first
    key = card.get_attribute("data-key")
    assert key
    card.locator('button.move:text("Implementing")').click()
    moved = page.locator(f'section[data-phase="IMPLEMENTING"] article[data-key="{key}"]')
    expect(moved).to_be_visible()
    expect(page.locator(".flash-ok")).to_contain_text(f"{key}: PLANNED → IMPLEMENTING")
    moved.locator('button.move:text("Blocked")').click()
    expect(page.locator(f'section[data-phase="BLOCKED"] article[data-key="{key}"]')
           ).to_be_visible()
    shot(page, "board")
    audit = httpx.get(f"{server.url}/api/tasks/{key}/transitions").json()["history"]
    assert [t["to"] for t in audit[-2:]] == ["IMPLEMENTING", "BLOCKED"]
    assert {t["actor"] for t in audit[-2:]} == {"browser-admin (admin)"}


def test_without_admin_the_moves_are_disabled(server: LiveServer, page: Page) -> None:
    page.goto(server.url + "/board")
    first = page.locator("article.task button.move").first
    expect(first).to_be_disabled()


def test_the_machines_are_drawn(server: LiveServer, page: Page) -> None:
    page.goto(server.url + "/machines")
    page.wait_for_selector("body[data-diagrams=ready]", timeout=30_000)
    expect(page.locator("#machine-table pre.mermaid svg")).to_be_visible()
    expect(page.locator("#machine-task pre.mermaid svg")).to_be_visible()
    shot(page, "machines")


def test_the_trends_chart_is_drawn(server: LiveServer, page: Page) -> None:
    page.goto(server.url + "/trends")
    expect(page.locator('[data-testid="trend"] polygon').first).to_be_visible()
    shot(page, "trends")
