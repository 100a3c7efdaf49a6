"""A tolerant recursive-descent parser for the Prisma Schema Language (``*.prisma``).

There is no maintained Python parser for PSL, and line regexes break on what real schemas hold
(attributes spread over several lines, strings with ``}`` or ``//`` in them, doc comments), so
this reads tokens into blocks (``model``, ``view``, ``type``, ``enum``, ``datasource``,
``generator``), fields and attributes. It keeps only the syntax, never the meaning: which model
is which table is ``prisma.schema``'s business.

Errors are collected, never raised: a broken field or attribute costs that line, a broken block
header costs that block, and parsing resumes at the next line that starts a block; a block left
open ends where the next ``model X {`` begins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from commissioning.observe.prisma.tokens import Token, tokenize

BLOCK_KEYWORDS = frozenset({"model", "view", "type", "enum", "datasource", "generator"})
ExprKind = Literal["string", "number", "ident", "call", "array"]


@dataclass(frozen=True, slots=True)
class Expr:
    """A value: ``text`` is the string, number or identifier (a call's function name)."""

    kind: ExprKind
    text: str
    line: int
    args: tuple[Arg, ...] = ()  # a call's arguments, an array's items (unnamed)


@dataclass(frozen=True, slots=True)
class Arg:
    name: str | None
    value: Expr


@dataclass(frozen=True, slots=True)
class Attribute:
    """``@name(args)`` on a field or ``@@name(args)`` on a block; ``name`` may be dotted."""

    name: str
    line: int
    args: tuple[Arg, ...] = ()

    def named(self, name: str) -> Expr | None:
        return next((a.value for a in self.args if a.name == name), None)

    def arg(self, name: str, position: int = 0) -> Expr | None:
        """The argument called ``name``, else the unnamed one at ``position``."""
        found = self.named(name)
        if found is not None:
            return found
        unnamed = [a.value for a in self.args if a.name is None]
        return unnamed[position] if position < len(unnamed) else None


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str
    line: int
    is_list: bool = False
    optional: bool = False
    attributes: tuple[Attribute, ...] = ()

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)


@dataclass(frozen=True, slots=True)
class Block:
    keyword: str
    name: str
    path: str
    line: int
    fields: tuple[Field, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    properties: tuple[tuple[str, Expr], ...] = ()  # datasource/generator ``key = value``

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)

    def property(self, name: str) -> Expr | None:
        return next((v for k, v in self.properties if k == name), None)


@dataclass(frozen=True, slots=True)
class ParseError:
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class SchemaFile:
    path: str
    blocks: tuple[Block, ...]
    errors: tuple[ParseError, ...]


class _Syntax(Exception):  # noqa: N818 - internal control flow, caught in this module
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse_schema(source: str, path: str) -> SchemaFile:
    """Every block of one ``.prisma`` file that could be read, and what could not."""
    parser = _Parser(tokenize(source), path)
    return SchemaFile(path, tuple(parser.blocks()), tuple(parser.errors))


class _Parser:
    def __init__(self, tokens: list[Token], path: str) -> None:
        last = tokens[-1].line if tokens else 1
        self._tokens = [*tokens, Token("newline", "", last), Token("error", "<end>", last)]
        self._end = len(tokens) + 1
        self._i = 0
        self._path = path
        self.errors: list[ParseError] = []

    # -- token access ------------------------------------------------------------------------

    def _peek(self, ahead: int = 0) -> Token:
        return self._tokens[min(self._i + ahead, self._end)]

    def _at_end(self) -> bool:
        return self._i >= self._end

    def _next(self) -> Token:
        token = self._peek()
        self._i = min(self._i + 1, self._end)
        return token

    def _is(self, text: str, ahead: int = 0) -> bool:
        token = self._peek(ahead)
        return token.kind in ("punct", "ident") and token.text == text

    def _expect(self, text: str) -> Token:
        token = self._next()
        if token.kind not in ("punct", "ident") or token.text != text:
            raise _Syntax(token.line, f"expected '{text}', found {_show(token)}")
        return token

    def _ident(self, what: str) -> Token:
        token = self._next()
        if token.kind != "ident":
            raise _Syntax(token.line, f"expected {what}, found {_show(token)}")
        return token

    def _skip_newlines(self) -> None:
        while not self._at_end() and self._peek().kind == "newline":
            self._next()

    def _error(self, error: _Syntax) -> None:
        self.errors.append(ParseError(error.line, error.message))

    # -- recovery ----------------------------------------------------------------------------

    def _skip_line(self) -> None:
        """Drop the rest of a broken line, keeping a ``}`` that closes the block."""
        depth = 0
        while not self._at_end():
            token = self._peek()
            if token.kind == "newline" and depth <= 0:
                return
            if token.kind == "punct" and token.text in "([{":
                depth += 1
            elif token.kind == "punct" and token.text in ")]}":
                if depth <= 0 and token.text == "}":
                    return
                depth -= 1
            self._next()

    def _skip_to_block(self) -> None:
        """Resume at the next line that starts with a block keyword."""
        while not self._at_end():
            token = self._next()
            if token.kind == "newline":
                head = self._peek()
                if head.kind == "ident" and head.text in BLOCK_KEYWORDS:
                    return

    # -- grammar -----------------------------------------------------------------------------

    def blocks(self) -> list[Block]:
        found: list[Block] = []
        while True:
            self._skip_newlines()
            if self._at_end():
                return found
            token = self._peek()
            try:
                if token.kind != "ident" or token.text not in BLOCK_KEYWORDS:
                    raise _Syntax(token.line, f"expected a block (model, enum, …), found "
                                              f"{_show(token)}")
                block = self._block()
            except _Syntax as error:
                self._error(error)
                self._skip_to_block()
                continue
            if block is not None:
                found.append(block)

    def _block(self) -> Block | None:
        keyword = self._next()
        name = self._ident(f"a name after '{keyword.text}'")
        self._skip_newlines()
        self._expect("{")
        fields: list[Field] = []
        attributes: list[Attribute] = []
        properties: list[tuple[str, Expr]] = []
        while True:
            self._skip_newlines()
            if self._at_end():
                self._error(_Syntax(keyword.line, f"{keyword.text} {name.text} is not closed "
                                                  f"with '}}'"))
                break
            if self._is("}"):
                self._next()
                break
            if self._starts_block():
                self._error(_Syntax(keyword.line, f"{keyword.text} {name.text} is not closed "
                                                  f"with '}}' before the next block"))
                break
            try:
                self._member(keyword.text, fields, attributes, properties)
                if not (self._peek().kind == "newline" or self._is("}")):
                    raise _Syntax(self._peek().line, f"unexpected {_show(self._peek())}")
            except _Syntax as error:
                self._error(error)
                self._skip_line()
        return Block(keyword.text, name.text, self._path, keyword.line, tuple(fields),
                     tuple(attributes), tuple(properties))

    def _starts_block(self) -> bool:
        """``model X {`` inside a body: the block before it was never closed."""
        head = self._peek()
        return head.kind == "ident" and head.text in BLOCK_KEYWORDS \
            and self._peek(1).kind == "ident" and self._is("{", 2)

    def _member(self, keyword: str, fields: list[Field], attributes: list[Attribute],
                properties: list[tuple[str, Expr]]) -> None:
        if self._is("@@"):
            attributes.append(self._attribute())
        elif keyword in ("datasource", "generator"):
            key = self._ident("a setting name")
            self._expect("=")
            properties.append((key.text, self._expr()))
        elif keyword == "enum":
            value = self._ident("an enum value")
            field_attributes = self._field_attributes()
            fields.append(Field(value.text, "", value.line, attributes=field_attributes))
        else:
            fields.append(self._field())

    def _field(self) -> Field:
        name = self._ident("a field name")
        token = self._peek()
        if token.kind != "ident":
            raise _Syntax(token.line, f"field {name.text} has no type")
        type_name = self._expr().text  # Unsupported("…") is a call; its name is the type
        is_list = optional = False
        if self._is("["):
            self._next()
            self._expect("]")
            is_list = True
        if self._is("?"):
            self._next()
            optional = True
        elif self._is("!"):
            self._next()
        return Field(name.text, type_name, name.line, is_list, optional,
                     self._field_attributes())

    def _field_attributes(self) -> tuple[Attribute, ...]:
        found: list[Attribute] = []
        while self._is("@"):
            found.append(self._attribute())
        return tuple(found)

    def _attribute(self) -> Attribute:
        at = self._next()
        parts = [self._ident("an attribute name").text]
        while self._is("."):
            self._next()
            parts.append(self._ident("an attribute name").text)
        args = self._args() if self._is("(") else ()
        return Attribute(".".join(parts), at.line, args)

    def _args(self) -> tuple[Arg, ...]:
        self._expect("(")
        args: list[Arg] = []
        while True:
            self._skip_newlines()
            if self._is(")"):
                self._next()
                return tuple(args)
            name: str | None = None
            if self._peek().kind == "ident" and self._is(":", 1):
                name = self._next().text
                self._next()
            args.append(Arg(name, self._expr()))
            self._skip_newlines()
            if self._is(","):
                self._next()
            elif not self._is(")"):
                raise _Syntax(self._peek().line, f"expected ',' or ')', found "
                                                 f"{_show(self._peek())}")

    def _expr(self) -> Expr:
        token = self._next()
        if token.kind in ("string", "number"):
            return Expr(token.kind, token.text, token.line)
        if token.kind == "ident":
            text = token.text
            while self._is(".") and self._peek(1).kind == "ident":
                self._next()
                text += "." + self._next().text
            if self._is("("):
                return Expr("call", text, token.line, self._args())
            return Expr("ident", text, token.line)
        if token.kind == "punct" and token.text == "[":
            return Expr("array", "", token.line, self._items())
        raise _Syntax(token.line, f"expected a value, found {_show(token)}")

    def _items(self) -> tuple[Arg, ...]:
        items: list[Arg] = []
        while True:
            self._skip_newlines()
            if self._is("]"):
                self._next()
                return tuple(items)
            items.append(Arg(None, self._expr()))
            self._skip_newlines()
            if self._is(","):
                self._next()
            elif not self._is("]"):
                raise _Syntax(self._peek().line, f"expected ',' or ']', found "
                                                 f"{_show(self._peek())}")


def _show(token: Token) -> str:
    if token.kind == "newline":
        return "end of line"
    if token.kind == "error":
        return token.text if token.text != "<end>" else "end of file"
    if token.kind == "string":
        return f'"{token.text}"'
    return f"'{token.text}'"
