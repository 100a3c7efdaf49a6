"""Role signals of one file: directives, JSX forms, and literal substrings found in code.

A literal signal (``cron.schedule(``) must be found in code, never in a comment or a string, so
the search runs over a copy of the source where comments, string contents, JSX text and regex
bodies are blanked out (newlines kept, so offsets still give the right line).
"""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from commissioning.observe.typescript.facts import (
    SIG_JSX_ACTION,
    SIG_JSX_FORM,
    SIG_JSX_ON_SUBMIT,
    SIG_USE_CLIENT,
    SIG_USE_SERVER,
    Signal,
)
from commissioning.observe.typescript.nodes import line, string_value, text

_DIRECTIVES = {"use server": SIG_USE_SERVER, "use client": SIG_USE_CLIENT}
_FUNCTIONS = frozenset({"function_declaration", "function_expression", "arrow_function",
                        "method_definition", "generator_function_declaration", "function"})
_JSX_ATTRIBUTES = {"action": SIG_JSX_ACTION, "onSubmit": SIG_JSX_ON_SUBMIT}
_BLANK = bytes(0x0A if b == 0x0A else 0x20 for b in range(256))


def file_directives(program: Node) -> list[Signal]:
    """The directive prologue: leading string statements before any other code."""
    found: list[Signal] = []
    for stmt in program.named_children:
        if stmt.type in ("comment", "hash_bang_line"):
            continue
        value = _directive_value(stmt)
        if value is None:
            break
        if value in _DIRECTIVES:
            found.append(Signal(_DIRECTIVES[value], line(stmt)))
    return found


def _directive_value(stmt: Node) -> str | None:
    if stmt.type != "expression_statement" or stmt.named_child_count != 1:
        return None
    expr = stmt.named_children[0]
    return string_value(expr) if expr.type == "string" else None


def function_directives(first_statements: Iterable[Node]) -> list[Signal]:
    """``"use server"`` as the first statement of a function body (an inline server action)."""
    found: list[Signal] = []
    for stmt in first_statements:
        block = stmt.parent
        owner = block.parent if block is not None else None
        if owner is None or owner.type not in _FUNCTIONS:
            continue
        if _directive_value(stmt) == "use server":
            found.append(Signal(SIG_USE_SERVER, line(stmt)))
    return found


def jsx_signals(elements: Iterable[Node], attributes: Iterable[Node]) -> list[Signal]:
    found: list[Signal] = []
    for element in elements:
        name = element.child_by_field_name("name")
        if name is not None and text(name) == "form":
            found.append(Signal(SIG_JSX_FORM, line(element)))
    for attribute in attributes:
        first = attribute.named_children[0] if attribute.named_children else None
        if first is not None and first.type == "property_identifier":
            signal = _JSX_ATTRIBUTES.get(text(first))
            if signal is not None:
                found.append(Signal(signal, line(attribute)))
    return found


def literal_signals(source: bytes, blanks: Iterable[Node], literals: Iterable[str]) -> list[Signal]:
    """Where each literal first occurs in code (comments, strings and JSX text blanked)."""
    wanted = [s for s in literals if s]
    if not wanted:
        return []
    masked = bytearray(source)
    for node in blanks:
        start, end = node.start_byte, node.end_byte
        masked[start:end] = masked[start:end].translate(_BLANK)
    found: list[Signal] = []
    for literal in sorted(set(wanted)):
        at = masked.find(literal.encode("utf-8"))
        if at >= 0:
            found.append(Signal(literal, masked.count(b"\n", 0, at) + 1))
    return found
