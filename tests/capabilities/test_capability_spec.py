"""The feature matrix parser: columns by name, lists, and every rejection names its line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning.capabilities import CapabilitySpec, level_name, parse_feature_matrix
from commissioning.errors import ConfigError

MATRIX = """\
# Feature matrix

Some prose first.

| Claimed level | slug | Feature | Capability | PRD | Receipts | Tests |
|:-------------:|------|---------|------------|-----|----------|-------|
| L2 | farm-register | Farm register | List and add farms | prd-farms \
| `src/farms.ts#createFarm`, `src/page.tsx` | `e2e/farms.spec.ts` |
| l0 | energy-report | Energy report | Roll up meters | prd-energy | | |

| another table | after it |
|---|---|
| is | ignored |
"""


def test_columns_are_found_by_name_in_any_order() -> None:
    farm, energy = parse_feature_matrix(MATRIX, "docs/feature-matrix.md")
    assert farm == CapabilitySpec(
        slug="farm-register", feature_name="Farm register",
        capability_enabled="List and add farms", prd_slug="prd-farms", claimed_level=2,
        receipts=("src/farms.ts#createFarm", "src/page.tsx"), tests=("e2e/farms.spec.ts",),
        line=7)
    assert (energy.claimed_level, energy.receipts, energy.tests, energy.line) == (0, (), (), 8)


def test_optional_columns_may_be_absent() -> None:
    text = "| slug | feature | capability | prd | level |\n|---|---|---|---|---|\n" \
           "| a-b | A | does a | prd-a | 3 |\n"
    (only,) = parse_feature_matrix(text)
    assert (only.slug, only.claimed_level, only.receipts) == ("a-b", 3, ())


@pytest.mark.parametrize(("row", "line", "fragment"), [
    ("| Not_Kebab | F | C | P | L1 |", 3, "not kebab-case"),
    ("| ok-slug | F | C | P | L7 |", 3, "not a capability level"),
    ("| ok-slug |  | C | P | L1 |", 3, "feature name is empty"),
])
def test_bad_rows_name_their_line(row: str, line: int, fragment: str) -> None:
    text = f"| slug | feature | capability | PRD | claimed level |\n|---|---|---|---|---|\n{row}\n"
    with pytest.raises(ConfigError, match=fragment) as caught:
        parse_feature_matrix(text, "docs/feature-matrix.md")
    assert caught.value.line == line
    assert f"docs/feature-matrix.md:{line}" in caught.value.message


def test_a_slug_claimed_twice_is_refused() -> None:
    text = ("| slug | feature | capability | PRD | claimed level |\n|---|---|---|---|---|\n"
            "| a | A | x | p | L1 |\n| a | A again | x | p | L2 |\n")
    with pytest.raises(ConfigError, match=r"claimed twice \(first on line 3\)") as caught:
        parse_feature_matrix(text)
    assert caught.value.line == 4


def test_a_missing_column_or_table_is_refused() -> None:
    with pytest.raises(ConfigError, match="no column for prd_slug"):
        parse_feature_matrix("| slug | feature | capability | level |\n|---|---|---|---|\n")
    with pytest.raises(ConfigError, match="no feature matrix table"):
        parse_feature_matrix("# nothing here\n")


slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
words = st.text(alphabet=st.sampled_from("abcdefghij KLM.()"), min_size=1, max_size=20) \
    .map(str.strip).filter(bool)
paths = st.from_regex(r"src/[a-z]{1,8}\.ts(#[A-Za-z]{1,8})?", fullmatch=True)


@given(st.lists(st.tuples(slugs, words, words, slugs, st.integers(0, 4),
                          st.lists(paths, max_size=3, unique=True)),
                min_size=1, max_size=8, unique_by=lambda row: row[0]))
def test_a_rendered_matrix_parses_back(rows: list[tuple[str, str, str, str, int, list[str]]],
                                       ) -> None:
    lines = ["| slug | feature | capability | PRD | claimed level | receipts |",
             "|---|---|---|---|---|---|"]
    for slug, feature, capability, prd, level, receipts in rows:
        cell = ", ".join(f"`{r}`" for r in receipts)
        lines.append(f"| {slug} | {feature} | {capability} | {prd} | {level_name(level)} "
                     f"| {cell} |")
    parsed = parse_feature_matrix("\n".join(lines) + "\n")
    assert [(s.slug, s.feature_name, s.capability_enabled, s.prd_slug, s.claimed_level,
             list(s.receipts)) for s in parsed] == [tuple(r) for r in rows]
    assert [s.line for s in parsed] == list(range(3, 3 + len(rows)))
