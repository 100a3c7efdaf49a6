"""Tokens of the Prisma Schema Language: the lexer under ``prisma.parse``.

PSL is line-oriented (a model's fields end at a newline), so newlines are tokens; comments
(``//`` and ``///`` doc comments, and ``/* */`` which some files carry although Prisma rejects
it) are dropped. A character the language does not have, or a string left open at the end of
a line, becomes an ``error`` token: the parser reports it and goes on, it never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

TokenKind = Literal["ident", "string", "number", "punct", "newline", "error"]

_PATTERN = re.compile(r"""
    (?P<space>[ \t\r\f\v\ufeff]+)
  | (?P<comment>//[^\n]*)
  | (?P<block>/\*.*?(?:\*/|\Z))
  | (?P<newline>\n)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<open>"(?:[^"\\\n]|\\.)*)
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>@@|[@{}()\[\],:=?.!])
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


_PLAIN: dict[str, TokenKind] = {"number": "number", "ident": "ident", "punct": "punct"}


@dataclass(frozen=True, slots=True)
class Token:
    """``text`` is the string's value (unquoted, escapes resolved) for ``string`` tokens."""

    kind: TokenKind
    text: str
    line: int


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    line = 1
    for match in _PATTERN.finditer(source):
        group = match.lastgroup
        raw = match.group()
        if group == "newline":
            tokens.append(Token("newline", "\n", line))
        elif group == "string":
            tokens.append(Token("string", _unquote(raw[1:-1]), line))
        elif group == "open":
            tokens.append(Token("error", "string not closed", line))
        elif group == "other":
            tokens.append(Token("error", f"unexpected character {raw!r}", line))
        elif group is not None and group in _PLAIN:
            tokens.append(Token(_PLAIN[group], raw, line))
        elif group == "block" and raw.count("\n"):
            tokens.append(Token("newline", "\n", line))
        line += raw.count("\n")
    return tokens


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(body: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)
