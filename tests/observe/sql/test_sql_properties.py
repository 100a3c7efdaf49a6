"""Properties of the SQL reader: it never raises, it keeps offsets exact, it finds what is there."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning.evidence import TableKey
from commissioning.observe.sql import read_sql, replay_migrations
from commissioning.observe.sql.split import split_statements

DIALECTS = st.sampled_from(["postgres", "mysql", "sqlite"])

# Pieces that exercise every lexical path of the splitter, glued in any order.
FRAGMENTS = st.sampled_from([
    ";", "'", '"', "`", "[", "]", "$$", "$tag$", "$1", "--", "-- x\n", "/*", "*/", "#", "\\",
    "\\.\n", "\n", " ", "E'", "BEGIN", "END", "CASE", "DELIMITER //\n", "//",
    "--> statement-breakpoint\n", "CREATE TABLE ", "CREATE TRIGGER t ", "DROP TABLE ",
    "ALTER TABLE a RENAME TO ", "INSERT INTO ", "REPLACE INTO ", "RENAME TABLE ",
    "COPY t FROM stdin", "\\copy t from stdin\n", "WITH x AS (", "SET search_path TO ",
    "t", '"T"', "s.t", "(", ")", "int", ",", "VALUES (1)", "\x00", "é", "\ufeff",
])
SQLISH = st.lists(FRAGMENTS, max_size=40).map("".join)
IDENTIFIERS = st.from_regex(r"[a-z_][a-z0-9_]{0,20}", fullmatch=True).filter(
    lambda name: name not in {"table", "select", "from", "where", "create", "with", "as", "on",
                              "in", "is", "by", "to", "all", "and", "or", "not", "null"}
)
GAPS = st.sampled_from(["\n", "\n\n", " -- note; here\n", "\n/* a; b */\n",
                        "\n--> statement-breakpoint\n", "\n\n-- COPY x FROM stdin;\n"])


def _check_shape(text: str, dialect: str) -> None:
    facts, diagnostics = read_sql(text, "f.sql", dialect=dialect)
    last_line = text.count("\n") + 1
    assert all(1 <= f.line <= last_line for f in facts)
    assert all(d.line is None or 1 <= d.line <= last_line for d in diagnostics)
    assert all(d.path == "f.sql" for d in diagnostics)


@given(st.text(), DIALECTS)
def test_read_sql_never_raises_on_arbitrary_text(text: str, dialect: str) -> None:
    _check_shape(text, dialect)


@given(SQLISH, DIALECTS)
def test_read_sql_never_raises_on_sql_shaped_junk(text: str, dialect: str) -> None:
    _check_shape(text, dialect)


@given(SQLISH, DIALECTS)
def test_statements_are_exact_ordered_slices_of_the_file(text: str, dialect: str) -> None:
    end = 0
    for statement in split_statements(text, dialect):
        assert statement.offset >= end
        assert text[statement.offset:statement.offset + len(statement.text)] == statement.text
        assert statement.text == statement.text.strip() or statement.meta
        end = statement.offset + len(statement.text)


@given(st.lists(IDENTIFIERS, min_size=1, max_size=12, unique=True), st.lists(GAPS, min_size=12,
       max_size=12), st.booleans())
def test_every_create_table_is_found_on_its_line(
    names: list[str], gaps: list[str], quoted: bool,
) -> None:
    parts: list[str] = []
    expected: list[tuple[str, int]] = []
    line = 1
    for name, gap in zip(names, gaps, strict=False):
        written = f'"{name}"' if quoted else name.upper()
        parts.append(f"CREATE TABLE IF NOT EXISTS {written} (id int, note text default ';');")
        expected.append((name, line))
        parts.append(gap)
        line += gap.count("\n")
    facts, diagnostics = read_sql("".join(parts), "m.sql")
    assert diagnostics == ()
    assert [(f.table.name, f.line) for f in facts] == expected
    assert all(f.action == "create" and f.table.schema == "public" for f in facts)


@settings(max_examples=50)
@given(st.lists(st.tuples(st.sampled_from(["create", "drop", "rename"]),
                          st.sampled_from(["a", "b", "c"]), st.sampled_from(["a", "b", "c"])),
                max_size=15))
def test_replay_matches_executing_the_sql(ops: list[tuple[str, str, str]]) -> None:
    statements = []
    for op, name, other in ops:
        if op == "create":
            statements.append(f"CREATE TABLE IF NOT EXISTS {name} (id int);")
        elif op == "drop":
            statements.append(f"DROP TABLE IF EXISTS {name};")
        else:
            statements.append(f"ALTER TABLE {name} RENAME TO {other};")
    facts, _ = read_sql("\n".join(statements), "m.sql")
    tables: dict[str, int] = {}  # a direct model: name -> line of its create
    for line, (op, name, other) in enumerate(ops, start=1):
        if op == "create":
            tables.setdefault(name, line)
        elif op == "drop":
            tables.pop(name, None)
        elif name in tables:
            tables[other] = tables.pop(name)
    assert replay_migrations([("m.sql", facts)]) == {
        TableKey("public", name): ("m.sql", line) for name, line in tables.items()
    }


def test_five_thousand_statements_are_read_in_seconds() -> None:
    chunk = """\
CREATE TABLE IF NOT EXISTS "public"."t{i}" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "note" text DEFAULT 'a;b'::text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public"."t{i}" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "p{i}" ON "public"."t{i}" FOR SELECT USING (auth.uid() IS NOT NULL);
CREATE FUNCTION public.f{i}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$;
INSERT INTO public.t{i} (id, note) VALUES ('00000000-0000-0000-0000-000000000001', 'x');
"""
    text = "".join(chunk.format(i=i) for i in range(1000))
    started = time.perf_counter()
    facts, diagnostics = read_sql(text, "big.sql")
    elapsed = time.perf_counter() - started
    assert len(split_statements(text)) == 5000
    assert diagnostics == ()
    assert [f.action for f in facts[:2]] == ["create", "insert"]
    assert len(facts) == 2000
    assert facts[-1].line == text.count("\n")  # the last INSERT, on the last line
    assert elapsed < 15, f"5,000 statements took {elapsed:.1f}s"  # ~1 s here; catches blowups
