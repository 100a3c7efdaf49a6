"""Read table facts out of one statement with sqlglot, the first parser for every dialect.

sqlglot covers PostgreSQL, MySQL and SQLite with one tree, and gives every identifier its
position, which is what makes exact line numbers possible. When it falls back to an opaque
``Command`` it has not understood the statement, and we say so rather than guess.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

import sqlglot
from sqlglot import Token, TokenType, exp

from commissioning.observe.sql.facts import ParseOutcome, RawFact, RawName


class _QuietCommandFallback(logging.Filter):
    """Drop sqlglot's "Falling back to parsing as a 'Command'" warnings, and only those.

    We treat a Command as "not understood" and either read the statement with pglast or report
    it as a diagnostic with a path and line; the same news on stderr without either is noise.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "Falling back to parsing as a 'Command'" not in record.getMessage()


if not any(isinstance(f, _QuietCommandFallback) for f in logging.getLogger("sqlglot").filters):
    logging.getLogger("sqlglot").addFilter(_QuietCommandFallback())


def parse_with_sqlglot(text: str, dialect: str) -> ParseOutcome:
    """Parse ``text`` (one statement) and return the facts it states about tables."""
    facts: list[RawFact] = []
    try:
        for tree in sqlglot.parse(text, read=dialect):
            if isinstance(tree, exp.Command):
                return ParseOutcome(error=f"sqlglot: no grammar for this {tree.this} statement")
            if tree is not None:
                facts.extend(_facts(tree))
    except Exception as error:  # ParseError and TokenError, but also anything junk provokes
        return ParseOutcome(error=_first_line(f"sqlglot: {error}"))
    return ParseOutcome(facts=tuple(facts))


def parse_rename_tables(text: str, head: int, dialect: str) -> ParseOutcome:
    """MySQL's ``RENAME TABLE a TO b, c TO d``, read from sqlglot's tokens.

    sqlglot's parser keeps this statement as an opaque command, but its tokenizer still knows
    quoting and positions; ``head`` is where the list of pairs starts in ``text``.
    """
    try:
        tokens = sqlglot.tokenize(text[head:], read=dialect)
    except Exception as error:
        return ParseOutcome(error=_first_line(f"sqlglot: {error}"))
    facts: list[RawFact] = []
    pairs: list[list[Token]] = [[]]
    for token in tokens:
        if token.token_type == TokenType.COMMA:
            pairs.append([])
        else:
            pairs[-1].append(token)
    for pair in pairs:
        words = [t.text.upper() if t.token_type != TokenType.IDENTIFIER else "" for t in pair]
        if words.count("TO") != 1:
            return ParseOutcome(error="sqlglot: expected RENAME TABLE a TO b[, c TO d]")
        split = words.index("TO")
        old, new = _token_name(pair[:split], head), _token_name(pair[split + 1:], head)
        if old is None or new is None:
            return ParseOutcome(error="sqlglot: expected RENAME TABLE a TO b[, c TO d]")
        facts.append(RawFact("rename", old, new))
    return ParseOutcome(facts=tuple(facts))


def _token_name(tokens: Sequence[Token], head: int) -> RawName | None:
    """``name`` or ``schema.name`` from identifier tokens separated by one dot."""
    parts = [t for t in tokens if t.token_type != TokenType.DOT]
    dots = len(tokens) - len(parts)
    if not parts or len(parts) > 2 or dots != len(parts) - 1:
        return None
    names = [t.text if t.token_type == TokenType.IDENTIFIER else t.text.lower() for t in parts]
    return RawName(names[0] if len(parts) == 2 else None, names[-1], parts[-1].start + head)


def _facts(tree: exp.Expr) -> Iterator[RawFact]:
    if isinstance(tree, exp.Create):
        yield from _create(tree)
    elif isinstance(tree, exp.Drop):
        yield from _drop(tree)
    elif isinstance(tree, exp.Alter):
        yield from _alter(tree)
    elif isinstance(tree, exp.Copy):
        name = _name(tree.this)
        if tree.args.get("kind") is True and name is not None:  # True: FROM, False: TO
            yield RawFact("copy", name)
    if isinstance(tree, (exp.Insert, exp.Create)):  # data-modifying CTEs included
        for insert in tree.find_all(exp.Insert):
            name = _name(insert.this)
            if name is not None:
                yield RawFact("insert", name, rows=isinstance(insert.expression, exp.Values))


def _create(tree: exp.Create) -> Iterator[RawFact]:
    if str(tree.args.get("kind") or "").upper() != "TABLE":
        return
    properties = tree.args.get("properties")
    if properties is not None and any(
        isinstance(p, exp.TemporaryProperty) for p in properties.expressions
    ):
        return  # a temporary table is gone when the migration's session ends
    name = _name(tree.this)
    if name is not None:
        yield RawFact("create", name)


def _drop(tree: exp.Drop) -> Iterator[RawFact]:
    if str(tree.args.get("kind") or "").upper() != "TABLE" or tree.args.get("temporary"):
        return
    targets = tree.args.get("tables") or ([tree.this] if tree.this is not None else [])
    for target in targets:
        name = _name(target)
        if name is not None:
            yield RawFact("drop", name)


def _alter(tree: exp.Alter) -> Iterator[RawFact]:
    if str(tree.args.get("kind") or "").upper() != "TABLE":
        return
    old = _name(tree.this)
    for action in tree.args.get("actions") or ():
        if isinstance(action, exp.AlterRename) and old is not None:
            new = _name(action.this)
            if new is not None:
                yield RawFact("rename", old, new)


def _name(node: object) -> RawName | None:
    """The schema and name of a table reference, case-normalised as PostgreSQL does."""
    if isinstance(node, exp.Schema):
        node = node.this
    if not isinstance(node, exp.Table) or not isinstance(node.this, exp.Identifier):
        return None
    ident = node.this
    db = node.args.get("db")
    schema = _normalise(db) if isinstance(db, exp.Identifier) else None
    start = ident.meta.get("start") if ident.meta else None
    return RawName(schema, _normalise(ident), start if isinstance(start, int) else None)


def _normalise(ident: exp.Identifier) -> str:
    text = str(ident.this)
    return text if ident.args.get("quoted") else text.lower()


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0][:200] if message.strip() else message
