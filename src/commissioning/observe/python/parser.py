"""``parse_file``: one ``.py`` file in, its ``PyFileFacts`` (and a parse diagnostic) out.

The standard library's ``ast`` is the parser: it is the language's own grammar, so what it
accepts is what Python runs. A file that does not parse (Python 2, a newer syntax than this
interpreter knows, a merge conflict) becomes a ``python-parse-error`` warning and empty facts;
the scan goes on. Only names bound at file level (imports, classes, functions, module
variables) and model aliases (``apps.get_model``) are recorded as uses: those are the only
names that can stand for a model of another file.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from commissioning.evidence import Diagnostic, Severity
from commissioning.observe.python.facts import (
    SIG_API_ROUTE,
    SIG_JOB,
    SIG_RENDERS_PAGE,
    SIG_ROUTE,
    SIG_TEST_CLIENT,
    PyFileFacts,
    PySignal,
)
from commissioning.observe.python.visitor import FileVisitor

PARSE_ERROR = "python-parse-error"
PARTIAL_PARSE = "python-partial-parse"
TOO_DEEP = "python-too-deep"
MAX_REPAIRS = 8


def parse_file(text: str, path: str, literals: Iterable[str] = (), *,
               is_test: bool = False) -> tuple[PyFileFacts, tuple[Diagnostic, ...]]:
    """Facts of one file. ``literals`` are the role signals looked for in code (never in
    strings or comments); ``is_test`` lets a test client count as the e2e signal."""
    module, skipped, error = _parse(text, path)
    if module is None:
        line = skipped[0][0] if skipped else getattr(error, "lineno", None) or 1
        message = skipped[0][1] if skipped else getattr(error, "msg", None) or str(error)
        return PyFileFacts(path, error_line=line), (Diagnostic(
            Severity.WARNING, PARSE_ERROR,
            f"could not parse this Python file ({message}); it gives no evidence", path, line),)
    notes = tuple(Diagnostic(
        Severity.INFO, PARTIAL_PARSE,
        f"line {line} does not parse with this Python ({message}); it was skipped and the "
        "rest of the file read", path, line) for line, message in skipped)
    visitor = FileVisitor(is_test=is_test)
    try:
        visitor.visit(module)
    except RecursionError:  # a generated expression nested thousands deep
        return PyFileFacts(path, error_line=1), (Diagnostic(
            Severity.WARNING, TOO_DEEP,
            "this Python file nests expressions too deeply to be read; it gives no evidence",
            path, 1),)
    signals = [*_literal_signals(text, visitor.strings, tuple(literals)),
               *_structural(visitor, is_test)]
    facts = PyFileFacts(
        path=path,
        imports=tuple(visitor.imports),
        classes=tuple(visitor.classes),
        functions=tuple(visitor.functions),
        assigns=tuple(visitor.assigns),
        calls=tuple(visitor.calls),
        uses=tuple(visitor.file_uses()),
        signals=tuple(sorted(set(signals), key=lambda s: (s.line, s.name))),
        scope_calls=tuple(sorted((k, frozenset(v)) for k, v in visitor.scope_calls.items())),
        hub=visitor.hub,
        hub_scopes=tuple(sorted(visitor.hub_scopes)),
        urls=tuple(dict.fromkeys(visitor.urls)),
        value_attrs=tuple(visitor.value_attrs()),
    )
    return facts, notes


def _parse(text: str, path: str) -> tuple[ast.Module | None, list[tuple[int, str]],
                                          Exception | None]:
    """Parse; on a syntax error, set the offending line aside (a newer syntax than this
    interpreter's: PEP 695 type parameters, PEP 701 f-strings, PEP 758 ``except A, B:``) and
    try again, a few times, so one line does not hide a whole module's facts."""
    skipped: list[tuple[int, str]] = []
    lines = text.split("\n")
    for _ in range(MAX_REPAIRS + 1):
        try:
            return ast.parse("\n".join(lines), filename=path), skipped, None
        except SyntaxError as exc:
            line = exc.lineno
            if line is None or not 1 <= line <= len(lines) or (not skipped and _is_py2(text)):
                return None, skipped, exc
            skipped.append((line, exc.msg))
            first, last = _statement_span(lines, line - 1)
            lines[first] = _stand_in(lines[first])
            for i in range(first + 1, last + 1):
                lines[i] = ""
            error: Exception = exc
        except (ValueError, RecursionError, MemoryError) as exc:  # NUL bytes, absurd nesting
            return None, skipped, exc
    return None, skipped, error


def _statement_span(lines: list[str], index: int) -> tuple[int, int]:
    """The lines of the statement holding line ``index``, found by bracket depth (strings
    skipped roughly): a multi-line call or f-string is set aside whole."""
    depths: list[int] = []
    depth = 0
    for line in lines:
        depths.append(depth)
        depth = max(0, depth + _bracket_balance(line))
    first = index
    while first > 0 and depths[first] > 0:
        first -= 1
    last = index
    while last + 1 < len(lines) and depths[last + 1] > 0:
        last += 1
    return first, last


def _bracket_balance(line: str) -> int:
    balance = 0
    quote = ""
    i = 0
    while i < len(line):
        char = line[i]
        if quote:
            if char == "\\":
                i += 1
            elif line.startswith(quote, i):
                i += len(quote) - 1
                quote = ""
        elif char == "#":
            break
        elif char in "\"'":
            quote = char * 3 if line.startswith(char * 3, i) else char
            i += len(quote) - 1
        elif char in "([{":
            balance += 1
        elif char in ")]}":
            balance -= 1
        i += 1
    return balance


def _stand_in(line: str) -> str:
    """A line with the same indentation that opens a block if the original did."""
    indent = line[:len(line) - len(line.lstrip())]
    body = line.strip()
    if body.startswith("except"):
        return f"{indent}except Exception:"
    if body.endswith(":"):
        return f"{indent}if True:"
    return f"{indent}pass"


def _is_py2(text: str) -> bool:
    """Python 2 (``print "x"``) is not worth repairing line by line."""
    return any(line.lstrip().startswith(("print \"", "print '", "exec \""))
               for line in text.splitlines())


def _structural(visitor: FileVisitor, is_test: bool) -> list[PySignal]:
    out = [PySignal(SIG_ROUTE, line) for line in visitor.route_lines]
    out += [PySignal(SIG_API_ROUTE, line) for line in visitor.api_lines]
    out += [PySignal(SIG_RENDERS_PAGE, line) for line in visitor.page_lines]
    out += [PySignal(SIG_JOB, line) for line in visitor.job_lines]
    if is_test:
        out += [PySignal(SIG_TEST_CLIENT, line) for line in visitor.client_lines]
    return out


def _literal_signals(text: str, strings: list[tuple[int, int, int, int]],
                     literals: tuple[str, ...]) -> list[PySignal]:
    if not literals or not any(literal in text for literal in literals):
        return []
    code = "\n".join(_code_lines(text, strings))
    out: list[PySignal] = []
    for literal in literals:
        at = code.find(literal)
        if at >= 0:
            out.append(PySignal(literal, code.count("\n", 0, at) + 1))
    return out


def _code_lines(text: str, strings: list[tuple[int, int, int, int]]) -> list[str]:
    """The file's lines with every string and comment blanked, so a signal written in a
    docstring or a comment never gives a file a role. String spans come from the syntax tree
    (its offsets are UTF-8 bytes); what follows a ``#`` left over is a comment."""
    lines = [bytearray(line.encode("utf-8")) for line in text.split("\n")]
    for start_row, start_col, end_row, end_col in strings:
        for row in range(start_row - 1, min(end_row, len(lines))):
            line = lines[row]
            first = start_col if row == start_row - 1 else 0
            last = end_col if row == end_row - 1 else len(line)
            line[first:last] = b" " * (max(last, first) - first)
    out = []
    for line in lines:
        code = line.decode("utf-8", errors="replace")
        out.append(code.split("#", 1)[0])
    return out

