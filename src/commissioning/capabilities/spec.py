"""Parse the feature matrix: the Markdown table in the venture that claims each capability.

Pure: it takes the file's text and the path it came from (for messages). The first table whose
header has a ``slug`` column is the matrix; its columns are found by name, in any order::

    | slug        | feature     | capability     | PRD        | claimed level | receipts | tests |
    |-------------|-------------|----------------|------------|---------------|----------|-------|
    | milk-intake | Milk intake | Record tankers | prd-intake | L3            | `a.ts`   | `e2e` |

``receipts`` and ``tests`` are optional: where the code is (``path`` or ``path#Symbol``) and
which test files prove it, comma-separated. They are claims too: a receipt counts only if it
exists in the tree, a test only if an ingested report shows it passing. Every rejection names
the file and the line.
"""

from __future__ import annotations

import re

from commissioning.capabilities.model import CapabilitySpec, is_slug, parse_level
from commissioning.errors import ConfigError

_COLUMNS: dict[str, tuple[str, ...]] = {
    "slug": ("slug",),
    "feature_name": ("feature", "feature name", "feature_name"),
    "capability_enabled": ("capability", "capability enabled", "capability_enabled"),
    "prd_slug": ("prd", "prd slug", "prd_slug"),
    "claimed_level": ("claimed level", "claimed_level", "claimed", "level"),
    "receipts": ("receipts", "receipt", "code"),
    "tests": ("tests", "test", "test results", "test_results"),
}
_REQUIRED = ("slug", "feature_name", "capability_enabled", "prd_slug", "claimed_level")
_PIPE = re.compile(r"(?<!\\)\|")
_RULE = re.compile(r"^:?-{3,}:?$")
_SPLIT = re.compile(r"\s*(?:,|<br\s*/?>|;)\s*")


def _cells(line: str) -> list[str]:
    body = line.strip()
    body = body.removeprefix("|").removesuffix("|") if body.endswith("|") else \
        body.removeprefix("|")
    return [c.strip().replace("\\|", "|") for c in _PIPE.split(body)]


def _clean(cell: str) -> str:
    return cell.strip().strip("`").strip()


def _many(cell: str) -> tuple[str, ...]:
    parts = (_clean(p) for p in _SPLIT.split(cell.strip()))
    return tuple(p for p in parts if p and p not in ("-", "—"))


def _header(cells: list[str], path: str, line: int) -> dict[str, int]:
    names = {alias: field for field, aliases in _COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        field = names.get(" ".join(_clean(cell).lower().split()))
        if field is not None and field not in found:
            found[field] = index
    missing = [f for f in _REQUIRED if f not in found]
    if missing:
        raise ConfigError(f"the feature matrix has no column for {', '.join(missing)}",
                          path=path, line=line,
                          hint="columns: slug | feature | capability | PRD | claimed level "
                               "[| receipts | tests]")
    return found


def _row(cells: list[str], columns: dict[str, int], path: str, line: int) -> CapabilitySpec:
    def cell(name: str) -> str:
        index = columns.get(name)
        return _clean(cells[index]) if index is not None and index < len(cells) else ""

    slug = cell("slug")
    if not is_slug(slug):
        raise ConfigError(f"slug {slug!r} is not kebab-case (lower-case words joined by '-')",
                          path=path, line=line)
    try:
        level = parse_level(cell("claimed_level"))
    except ValueError as exc:
        raise ConfigError(f"{slug}: {exc}", path=path, line=line) from None
    if not cell("feature_name"):
        raise ConfigError(f"{slug}: the feature name is empty", path=path, line=line)
    receipts_at, tests_at = columns.get("receipts"), columns.get("tests")
    return CapabilitySpec(
        slug=slug, feature_name=cell("feature_name"),
        capability_enabled=cell("capability_enabled"), prd_slug=cell("prd_slug"),
        claimed_level=level,
        receipts=_many(cells[receipts_at]) if receipts_at is not None
        and receipts_at < len(cells) else (),
        tests=_many(cells[tests_at]) if tests_at is not None and tests_at < len(cells) else (),
        line=line)


def parse_feature_matrix(text: str, path: str = "docs/feature-matrix.md",
                         ) -> tuple[CapabilitySpec, ...]:
    """Every capability the matrix claims, in file order; slugs are unique."""
    lines = text.splitlines()
    specs: list[CapabilitySpec] = []
    seen: dict[str, int] = {}
    columns: dict[str, int] | None = None
    for number, raw in enumerate(lines, start=1):
        if not raw.strip().startswith("|"):
            if columns is not None:
                break  # the matrix ended
            continue
        cells = _cells(raw)
        if columns is None:
            lowered = [_clean(c).lower() for c in cells]
            if "slug" in lowered:
                columns = _header(cells, path, number)
            continue
        if all(_RULE.match(c.replace(" ", "")) for c in cells if c):
            continue
        spec = _row(cells, columns, path, number)
        if spec.slug in seen:
            raise ConfigError(f"slug {spec.slug!r} is claimed twice (first on line "
                              f"{seen[spec.slug]})", path=path, line=number)
        seen[spec.slug] = number
        specs.append(spec)
    if columns is None:
        raise ConfigError("no feature matrix table (a Markdown table with a 'slug' column)",
                          path=path, line=1)
    return tuple(specs)
