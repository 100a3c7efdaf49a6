"""The Next.js route table: app and pages routers, groups, slots, dynamic segments, projects."""

from __future__ import annotations

from commissioning.observe.routes import RouteTable

FILES = (
    "package.json",
    "src/app/layout.tsx",
    "src/app/(dashboard)/growers/page.tsx",
    "src/app/(dashboard)/growers/[id]/page.tsx",
    "src/app/(dashboard)/growers/new/page.tsx",
    "src/app/@modal/(.)growers/[id]/page.tsx",
    "src/app/@modal/default.tsx",
    "src/app/_components/page.tsx",
    "src/app/api/growers/route.ts",
    "src/app/api/growers/[id]/route.ts",
    "src/app/docs/[[...slug]]/page.mdx",
    "src/app/files/[...path]/page.tsx",
    "pages/_app.tsx",
    "pages/legacy/index.tsx",
    "pages/api/hello.ts",
    "src/components/app/page.tsx",
)


def test_route_files_and_patterns() -> None:
    table = RouteTable.from_files(FILES)
    assert sorted(r.path for r in table.routes) == sorted([
        "src/app/(dashboard)/growers/page.tsx", "src/app/(dashboard)/growers/[id]/page.tsx",
        "src/app/(dashboard)/growers/new/page.tsx", "src/app/api/growers/route.ts",
        "src/app/api/growers/[id]/route.ts", "src/app/docs/[[...slug]]/page.mdx",
        "src/app/files/[...path]/page.tsx", "pages/legacy/index.tsx", "pages/api/hello.ts",
    ])
    handlers = {r.path for r in table.routes if r.handler}
    assert handlers == {"src/app/api/growers/route.ts", "src/app/api/growers/[id]/route.ts",
                        "pages/api/hello.ts"}


def test_matching_prefers_static_segments() -> None:
    table = RouteTable.from_files(FILES)
    assert table.match("/growers") == "src/app/(dashboard)/growers/page.tsx"
    assert table.match("/growers/123") == "src/app/(dashboard)/growers/[id]/page.tsx"
    assert table.match("/growers/new?from=list#top") == "src/app/(dashboard)/growers/new/page.tsx"
    assert table.match(("growers", None)) == "src/app/(dashboard)/growers/[id]/page.tsx"
    assert table.match("/api/growers/") == "src/app/api/growers/route.ts"
    assert table.match("/api/growers/7") == "src/app/api/growers/[id]/route.ts"
    assert table.match("/docs") == "src/app/docs/[[...slug]]/page.mdx"
    assert table.match("/docs/a/b") == "src/app/docs/[[...slug]]/page.mdx"
    assert table.match("/files") is None
    assert table.match("/files/a/b.txt") == "src/app/files/[...path]/page.tsx"
    assert table.match("/legacy") == "pages/legacy/index.tsx"
    assert table.match("/api/hello") == "pages/api/hello.ts"
    assert table.match("/nowhere") is None


def test_monorepo_prefers_the_callers_project() -> None:
    files = ("apps/web/package.json", "apps/web/app/orders/page.tsx",
             "apps/admin/package.json", "apps/admin/app/orders/page.tsx")
    table = RouteTable.from_files(files)
    assert table.match("/orders", "apps/admin/e2e/a.spec.ts") == "apps/admin/app/orders/page.tsx"
    assert table.match("/orders", "apps/web/lib/x.ts") == "apps/web/app/orders/page.tsx"
    assert table.match("/orders", "e2e/x.spec.ts") is not None


REMIX = (
    "apps/remix/package.json",
    "apps/remix/app/root.tsx",
    "apps/remix/app/routes/_index.tsx",
    "apps/remix/app/routes/_authenticated+/_layout.tsx",
    "apps/remix/app/routes/_authenticated+/o.$orgUrl.settings.email-domains._index.tsx",
    "apps/remix/app/routes/_authenticated+/t.$teamUrl+/settings.webhooks.$id._index.tsx",
    "apps/remix/app/routes/_authenticated+/admin+/users._index.tsx",
    "apps/remix/app/routes/_authenticated+/admin+/users.$id.tsx",
    "apps/remix/app/routes/embed+/v1+/authoring_.completed.create.tsx",
    "apps/remix/app/routes/notes.$id/route.tsx",
    "apps/remix/app/routes/notes.$id/note-card.tsx",
    "apps/remix/app/routes/robots[.]txt.ts",
    "apps/remix/app/routes/files.$.tsx",
    "apps/remix/app/routes/($lang).about.tsx",
    "apps/remix/app/routes/api+/stripe.webhook.ts",
    "apps/remix/app/components/table.tsx",
)


def test_remix_flat_routes() -> None:
    """React Router / Remix file routes: dots, ``+`` folders, pathless ``_x``, ``$param``."""
    table = RouteTable.from_files(REMIX)
    base = "apps/remix/app/routes/"
    assert table.match("/") == base + "_index.tsx"
    assert table.match("/o/acme/settings/email-domains") \
        == base + "_authenticated+/o.$orgUrl.settings.email-domains._index.tsx"
    assert table.match("/t/team/settings/webhooks/7") \
        == base + "_authenticated+/t.$teamUrl+/settings.webhooks.$id._index.tsx"
    assert table.match("/admin/users") == base + "_authenticated+/admin+/users._index.tsx"
    assert table.match("/admin/users/3") == base + "_authenticated+/admin+/users.$id.tsx"
    assert table.match("/embed/v1/authoring/completed/create") \
        == base + "embed+/v1+/authoring_.completed.create.tsx"
    assert table.match("/notes/1") == base + "notes.$id/route.tsx"
    assert table.match("/robots.txt") == base + "robots[.]txt.ts"
    assert table.match("/files/a/b") == base + "files.$.tsx"
    assert table.match("/about") == table.match("/fr/about") == base + "($lang).about.tsx"
    paths = {r.path for r in table.routes}
    assert base + "notes.$id/note-card.tsx" not in paths  # colocated in a route folder
    assert "apps/remix/app/components/table.tsx" not in paths
    assert all(r.module for r in table.routes)


def test_remix_resource_routes_are_endpoints() -> None:
    """A module without a default export is a resource route; without facts, .ts/.js is."""
    default = {"apps/remix/app/routes/api+/stripe.webhook.ts": False,
               "apps/remix/app/routes/robots[.]txt.ts": True}
    table = RouteTable.from_files(REMIX, lambda p: default.get(p, True))
    handlers = {r.path for r in table.routes if r.handler}
    assert handlers == {"apps/remix/app/routes/api+/stripe.webhook.ts"}
    guessed = {r.path for r in RouteTable.from_files(REMIX).routes if r.handler}
    assert guessed == {"apps/remix/app/routes/api+/stripe.webhook.ts",
                       "apps/remix/app/routes/robots[.]txt.ts"}


def test_a_bare_literal_matches_api_handlers_only() -> None:
    table = RouteTable.from_files((*FILES, "src/app/[...catchall]/route.ts"))
    assert table.match("/growers", handlers_only=True) is None
    assert table.match("/api/growers/1", handlers_only=True) == "src/app/api/growers/[id]/route.ts"
    # a handler whose first segment is dynamic does not answer every "/…" string
    assert table.match("/anything", handlers_only=True) is None
