"""The statement splitter: what may hide a terminator, and exact offsets."""

from __future__ import annotations

from commissioning.observe.sql.split import LineIndex, Statement, split_statements


def _texts(statements: tuple[Statement, ...]) -> list[str]:
    return [s.text for s in statements]


def test_offsets_point_at_the_statement_in_the_file() -> None:
    text = "-- lead\n  /* c */ SELECT 1;\n\nCREATE TABLE a (id int);"
    statements = split_statements(text)
    assert _texts(statements) == ["SELECT 1", "CREATE TABLE a (id int)"]
    for statement in statements:
        assert text[statement.offset:statement.offset + len(statement.text)] == statement.text


def test_quotes_and_comments_hide_semicolons() -> None:
    text = """\
SELECT 'a;b', "c;d", E'e\\';f', 'g'';h';  -- i;j
/* k; /* nested; */ still a comment; */ SELECT 2;
"""
    assert _texts(split_statements(text)) == [
        "SELECT 'a;b', \"c;d\", E'e\\';f', 'g'';h'", "SELECT 2",
    ]


def test_standard_strings_do_not_treat_backslash_as_an_escape() -> None:
    # In PostgreSQL 'C:\' is a complete string; the backslash must not swallow the quote.
    text = "SELECT 'C:\\'; SELECT 2;"
    assert _texts(split_statements(text)) == ["SELECT 'C:\\'", "SELECT 2"]


def test_dollar_quoting_with_and_without_tags() -> None:
    text = """\
CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN $$x;$$::int; END; $body$ LANGUAGE plpgsql;
PREPARE p AS SELECT $1; SELECT a$b$c FROM t;
"""
    assert _texts(split_statements(text)) == [
        "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
        "CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN $$x;$$::int; END; $body$ "
        "LANGUAGE plpgsql",
        "PREPARE p AS SELECT $1",
        "SELECT a$b$c FROM t",
    ]


def test_dollar_is_not_a_quote_outside_postgres() -> None:
    assert _texts(split_statements("SELECT '$$'; SELECT $$;", "mysql")) == [
        "SELECT '$$'", "SELECT $$",
    ]


def test_drizzle_breakpoint_ends_a_statement_without_a_semicolon() -> None:
    text = "CREATE TABLE a (id int)\n--> statement-breakpoint\nCREATE TABLE b (id int);"
    assert _texts(split_statements(text)) == ["CREATE TABLE a (id int)", "CREATE TABLE b (id int)"]


def test_copy_data_lines_are_not_statements() -> None:
    text = "COPY t (a) FROM stdin;\nx;y\n'unbalanced\n\\.\nSELECT 1;\n"
    statements = split_statements(text)
    assert _texts(statements) == ["COPY t (a) FROM stdin", "SELECT 1"]


def test_copy_data_without_end_marker_runs_to_the_end() -> None:
    assert _texts(split_statements("COPY t FROM stdin;\n1\n2\n")) == ["COPY t FROM stdin"]


def test_psql_meta_commands_are_single_lines() -> None:
    statements = split_statements("\\connect dairy\nSELECT 1;\n\\copy t from stdin\n1\n\\.\n")
    assert [(s.text, s.meta) for s in statements] == [
        ("\\connect dairy", True), ("SELECT 1", False), ("\\copy t from stdin", True),
    ]


def test_mysql_delimiter_hash_comments_and_backslash_escapes() -> None:
    text = """\
DELIMITER //
CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //
DELIMITER ;
INSERT INTO `a;b` VALUES ('x\\';y', "z\\";w"); # trailing; comment
--not-a-comment
SELECT 3;
SELECT 5 --1; SELECT 6;
"""
    assert _texts(split_statements(text, "mysql")) == [
        "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END",
        "INSERT INTO `a;b` VALUES ('x\\';y', \"z\\\";w\")",
        "--not-a-comment\nSELECT 3",
        "SELECT 5 --1",
        "SELECT 6",
    ]


def test_trigger_bodies_keep_their_semicolons() -> None:
    text = """\
CREATE TRIGGER t AFTER INSERT ON a BEGIN
  UPDATE b SET n = CASE WHEN n > 0 THEN n END;
  INSERT INTO c VALUES (1);
END;
SELECT 1;
"""
    statements = split_statements(text, "sqlite")
    assert len(statements) == 2
    assert statements[0].text.endswith("END")
    assert statements[1].text == "SELECT 1"


def test_a_body_that_never_closes_ends_at_its_first_terminator() -> None:
    text = "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1;\nCREATE TABLE b (id int);\n"
    assert _texts(split_statements(text, "sqlite")) == [
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1", "CREATE TABLE b (id int)",
    ]


def test_sqlite_brackets_quote_identifiers() -> None:
    assert _texts(split_statements("SELECT [a;b] FROM t; SELECT 2", "sqlite")) == [
        "SELECT [a;b] FROM t", "SELECT 2",
    ]


def test_unterminated_constructs_say_what_was_left_open() -> None:
    for text, what in [
        ("SELECT 'abc", "quote '"),
        ('SELECT "abc', 'quote "'),
        ("SELECT 1 /* abc", "comment /*"),
        ("DO $x$ BEGIN", "dollar quote $x$"),
    ]:
        (statement,) = split_statements("SELECT 0;\n" + text)[1:]
        assert statement.unterminated == f"{what} opened on line 2"


def test_empty_statements_and_blank_input() -> None:
    assert split_statements("") == ()
    assert split_statements(" ;; \n ; -- x") == ()


def test_line_index_maps_offsets_to_lines() -> None:
    index = LineIndex("a\nbc\n\nd")
    assert [index.line(i) for i in range(7)] == [1, 1, 2, 2, 2, 3, 4]
