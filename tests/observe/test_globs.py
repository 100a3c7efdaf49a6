"""GlobSet: ``*`` stays in one folder, ``**/`` spans zero or more, braces expand."""

from __future__ import annotations

import pytest

from commissioning.observe.globs import GlobSet


@pytest.mark.parametrize(("glob", "path", "expected"), [
    ("**/seed*.{ts,js,mjs}", "seed.ts", True),
    ("**/seed*.{ts,js,mjs}", "src/db/seed-growers.mjs", True),
    ("**/seed*.{ts,js,mjs}", "app/seedlings/page.ts", False),
    ("**/seed*.{ts,js,mjs}", "src/seed.tsx", False),
    ("**/app/**/page.{tsx,jsx,ts,js}", "app/page.tsx", True),
    ("**/app/**/page.{tsx,jsx,ts,js}", "src/app/(shop)/orders/[id]/page.tsx", True),
    ("**/app/**/page.{tsx,jsx,ts,js}", "src/app/orders/page.css", False),
    ("e2e/**", "e2e/flows/growers.spec.ts", True),
    ("e2e/**", "src/e2e/x.ts", False),
    ("src/screens/*", "src/screens/a/b.tsx", False),
    ("src/screens/?.tsx", "src/screens/a.tsx", True),
    ("src/[ab].ts", "src/b.ts", True),
    ("src/[!ab].ts", "src/b.ts", False),
])
def test_glob_semantics(glob: str, path: str, expected: bool) -> None:
    assert GlobSet.of([glob]).match(path) is expected


def test_empty_set_matches_nothing() -> None:
    empty = GlobSet.of([])
    assert not empty and not empty.match("anything")
