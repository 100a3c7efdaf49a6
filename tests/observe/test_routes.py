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
