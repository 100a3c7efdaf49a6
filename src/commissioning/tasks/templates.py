"""Task templates per gap kind: plain ``str.format`` data, overridable per venture.

Each kind says why its rung matters, where the code goes when no sibling table shows the way,
and the middle of the implementation checklist. The generator adds the first item (read the
sibling, or the ``where`` text) and the last (run the verify command), so every task ends with
its acceptance check. Override any field in ``commissioning.toml``::

    [tasks.templates.data]
    why = "Our dashboards are empty without seed rows."
    checklist = ["Add rows for {table} to db/seeds/{table}.sql", "Run make seed"]

Placeholders: ``{table}`` ``{schema}`` ``{qualified}`` ``{symbol}`` ``{n}`` ``{state_name}``
``{kind}`` ``{missing}`` ``{current_state}`` ``{current_name}`` ``{sibling_table}``
``{sibling_at}`` ``{detector}`` ``{verify}``. An unknown placeholder is left as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from commissioning.evidence import Kind

BODY = """\
`{qualified}` stands at state {current_state} ({current_name}) of the table commissioning \
ladder. Its next rung, **{n} {state_name}**, has no `{kind}` evidence.

## What is missing
{missing}.

## Why it matters
{why}

## Where to put it
{where}

## Acceptance
{acceptance}"""

ACCEPTANCE = """\
Done when `{verify}` exits 0 in the venture's root: the scan finds `{kind}` evidence for \
`{table}`{detector_clause}. A rescan that finds it moves this task to VERIFIED by itself."""

WHERE_SIBLING = """\
Follow `{sibling_table}`, which already has this evidence at `{sibling_at}` (found by \
`{detector}`){chain}. Put the code for `{table}` in the same place, the same way."""


@dataclass(frozen=True, slots=True)
class Template:
    """What a task of one gap kind says; ``title`` None takes the ladder's ``task_title``."""

    why: str
    where: str
    checklist: tuple[str, ...]
    title: str | None = None
    body: str = BODY


DEFAULTS: Mapping[Kind, Template] = {
    Kind.SCHEMA: Template(
        why="Nothing can be stored until its columns, types and constraints are defined; every "
            "later rung (migration, data, code that reads and writes it) builds on the schema.",
        where="Define it in the venture's schema source (the ORM schema file or the SQL schema "
              "the profile reads), next to the tables already defined there.",
        checklist=(
            "Define `{table}` with its columns, types, primary key and constraints",
            "Use `{table}` as its database name: the scan matches tables by that name",
            "Export it so data-access code can import it",
        ),
    ),
    Kind.MIGRATION: Template(
        why="Without a migration the table exists only in code: no database has it, so nothing "
            "can read or write it, and deploys cannot create it.",
        where="Add a migration to the venture's migrations folder (generate it with the ORM's "
              "migration tool, or write the SQL).",
        checklist=(
            "Write or generate a migration that creates `{table}` (CREATE TABLE {table} …)",
            "Keep it in step with the schema definition: same columns, types and constraints",
            "Apply it to a local database and check that `{table}` exists",
        ),
    ),
    Kind.DATA: Template(
        why="An empty table hides bugs: pages, jobs and tests have nothing to show or check. "
            "Seed rows make every later rung testable.",
        where="Add rows to the venture's seed script or fixtures (e.g. supabase/seed.sql).",
        checklist=(
            "Add INSERT statements (or seed code) that give `{table}` a few realistic rows",
            "Respect its foreign keys: seed the rows it references first",
            "Re-run the seed on a fresh database and check the rows are there",
        ),
    ),
    Kind.REPOSITORY: Template(
        why="The app needs one place that reads and writes the table, outside migrations, seeds "
            "and tests, so server actions, jobs and APIs do not each hand-write queries.",
        where="Add a data-access module (a repository) beside the others, e.g. "
              "src/db/repositories/{table}.ts.",
        checklist=(
            "Create a repository module for `{table}` with list, get, create and update functions",
            "Import the table `{symbol}` from the schema and query it with the ORM",
            "Keep it out of migrations, seeds and test folders (they do not count)",
        ),
    ),
    Kind.SERVER_ACTIONS: Template(
        why="People and the UI reach data only through server-side operations; without one, the "
            "repository is dead code and the table is unreachable from the app.",
        where="Add server-side operations (\"use server\" actions, route handlers the UI calls, "
              "or controllers) that call the repository of `{table}`.",
        checklist=(
            "Add server actions for `{table}` (list, create, update) that call its repository",
            "Validate input on the server before writing",
            "Import the repository (the scan follows imports from the action to the table)",
        ),
    ),
    Kind.CRUD_UI: Template(
        why="Until people can list, create and edit its records, the table serves no one: "
            "operators fall back to SQL consoles and spreadsheets.",
        where="Add a page and a form for `{table}` in the app (e.g. src/app/{table}/page.tsx) "
              "that call its server actions.",
        checklist=(
            "Add a list page for `{table}`",
            "Add a create/edit form that submits to its server actions",
            "Reach the table through the server actions, not a direct database import",
        ),
    ),
    Kind.ETL: Template(
        why="Data that only people type in goes stale; a job, import or export keeps `{table}` "
            "connected to the systems around it.",
        where="Add a job, worker or import/export script (e.g. src/jobs/import-{table}.ts) that "
              "reads or writes `{table}` through its repository.",
        checklist=(
            "Write a job or import/export script that moves data into or out of `{table}`",
            "Go through the repository so the job shares its validation",
            "Make it safe to re-run (idempotent upserts)",
        ),
    ),
    Kind.A2A_API: Template(
        why="Other programs and agents need a machine interface; without one they scrape pages "
            "or write to the database behind the app's back.",
        where="Add a public API route (e.g. src/app/api/v1/{table}/route.ts), an OpenAPI "
              "operation or an MCP tool that reaches `{table}` through its repository.",
        checklist=(
            "Add a versioned API route (or MCP tool) for `{table}`: list and get at least",
            "Authenticate it and validate its input",
            "Reach the table through its repository",
        ),
    ),
    Kind.E2E_TESTS: Template(
        why="Only an end-to-end test proves the whole path works: page, action, repository, "
            "table. It is what keeps this table commissioned after the next refactor.",
        where="Add an end-to-end test (e.g. e2e/{table}.spec.ts) that drives the app's pages "
              "for `{table}`.",
        checklist=(
            "Write an end-to-end test that opens the page of `{table}`, creates a record and "
            "sees it listed",
            "Drive the app through its UI or API, not the database",
            "Run it locally until it passes",
        ),
    ),
    Kind.COMMISSIONED: Template(
        why="Commissioning needs proof, not intent: the latest ingested test report must show "
            "the end-to-end tests of `{table}` passing.",
        where="Run the end-to-end suite in CI and make its report (JUnit XML or Playwright JSON) "
              "available to the scan.",
        checklist=(
            "Run the end-to-end tests of `{table}` and fix every failure",
            "Publish the test report (JUnit XML or Playwright JSON) where the scan ingests it",
        ),
    ),
}

GENERIC = Template(
    why="Every rung of the ladder is evidence that the table is in use and safe to change.",
    where="Follow the conventions of the venture's stack profile.",
    checklist=("Add the missing `{kind}` evidence for `{table}`",),
)

_FIELDS = {"why", "where", "checklist", "title", "body"}


def resolve_templates(
    overrides: Mapping[str, Mapping[str, object]] | None = None,
) -> dict[Kind, Template]:
    """The default templates with a venture's overrides (``[tasks.templates.<kind>]``) applied.

    Raises ``ValueError`` naming the kind or field that is not one we know.
    """
    templates = dict(DEFAULTS)
    for name, fields in (overrides or {}).items():
        try:
            kind = Kind(name)
        except ValueError:
            raise ValueError(f"no gap kind named '{name}'; kinds: "
                             f"{', '.join(k.value for k in Kind)}") from None
        unknown = set(fields) - _FIELDS
        if unknown:
            raise ValueError(f"[tasks.templates.{name}] has unknown keys {sorted(unknown)}; "
                             f"allowed: {sorted(_FIELDS)}")
        base = templates.get(kind, GENERIC)
        changes: dict[str, object] = {}
        for key, value in fields.items():
            if value is None:
                continue
            changes[key] = tuple(str(v) for v in value) if key == "checklist" \
                and isinstance(value, list | tuple) else str(value)
        templates[kind] = replace(base, **changes)  # type: ignore[arg-type]
    return templates


class _Blanks(dict[str, object]):
    """``format_map`` values that leave an unknown ``{placeholder}`` as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, values: Mapping[str, object]) -> str:
    """``text`` with its placeholders filled; braces that are not placeholders survive."""
    try:
        return text.format_map(_Blanks(values))
    except (ValueError, IndexError, AttributeError):  # a stray brace in a user's template
        out = text
        for key, value in values.items():
            out = out.replace("{" + key + "}", str(value))
        return out
