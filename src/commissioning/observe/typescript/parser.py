"""Parse one TypeScript/JavaScript file with tree-sitter and keep only its facts.

tree-sitter is error tolerant: a file with a syntax error still yields every fact outside the
broken region, plus a ``parse-error`` warning naming the first broken line. The tree is dropped
before returning, so memory stays bounded by the facts, not by the sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import tree_sitter_typescript
from tree_sitter import Language, Node, Parser, Query, QueryCursor

from commissioning.evidence import Diagnostic, Severity
from commissioning.observe.typescript.api_signals import header_reads
from commissioning.observe.typescript.calls import Names, read_calls
from commissioning.observe.typescript.definitions import read_definitions
from commissioning.observe.typescript.edge_calls import FUNCTIONS_URL, function_urls
from commissioning.observe.typescript.facts import (
    SIG_OPENAPI_IMPORT,
    Definition,
    FileFacts,
    ImportFact,
    Procedure,
    Signal,
)
from commissioning.observe.typescript.modules import read_module_syntax
from commissioning.observe.typescript.nodes import line
from commissioning.observe.typescript.signals import (
    file_directives,
    function_directives,
    jsx_signals,
    literal_signals,
)
from commissioning.observe.typescript.trpc import read_procedures
from commissioning.observe.typescript.url_literals import literal_urls

CODE_EXTENSIONS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
# .js and friends use the TSX grammar: plain JavaScript often holds JSX, and TSX parses it all.
_TYPESCRIPT_ONLY = (".ts", ".mts", ".cts")

_STRUCTURE = """
(call_expression) @call
(jsx_opening_element) @element
(jsx_self_closing_element) @element
(jsx_attribute) @attribute
(statement_block . (expression_statement (string)) @first)
"""
_BLANKS = """
(comment) @blank
(string_fragment) @blank
(escape_sequence) @blank
(jsx_text) @blank
(regex_pattern) @blank
"""


def is_code_file(path: str) -> bool:
    """Source we parse: not declaration files (types only) nor minified bundles (vendored)."""
    return path.endswith(CODE_EXTENSIONS) and not path.endswith(
        (".d.ts", ".d.mts", ".d.cts", ".min.js", ".min.mjs", ".min.cjs"))


@cache
def _language(tsx: bool) -> Language:
    if tsx:
        return Language(tree_sitter_typescript.language_tsx())
    return Language(tree_sitter_typescript.language_typescript())


@cache
def _queries(tsx: bool) -> tuple[Query, Query]:
    language = _language(tsx)
    structure = _STRUCTURE if tsx else "\n".join(
        q for q in _STRUCTURE.splitlines() if "jsx" not in q)
    return Query(language, structure), Query(language, _BLANKS)


def parse_file(
    text: str, path: str, literals: Iterable[str] = ()
) -> tuple[FileFacts, tuple[Diagnostic, ...]]:
    """The facts of one file; ``literals`` are the literal role signals to look for in its code."""
    tsx = not path.endswith(_TYPESCRIPT_ONLY)
    source = text.encode("utf-8")
    tree = Parser(_language(tsx)).parse(source)
    root = tree.root_node
    structure, blanks = _queries(tsx)
    captured = QueryCursor(structure).captures(root)

    syntax = read_module_syntax(root)
    names = Names.from_imports(syntax.imports)
    calls = read_calls(_in_order(captured.get("call", [])), names)
    signals = [
        *file_directives(root),
        *function_directives(captured.get("first", [])),
        *jsx_signals(captured.get("element", []), captured.get("attribute", [])),
        *calls.signals,
        *header_reads(root, _language(tsx), source),
    ]
    wanted = tuple(literals)
    if wanted:
        blank_nodes = QueryCursor(blanks).captures(root).get("blank", [])
        signals.extend(literal_signals(source, blank_nodes, wanted))

    functions = list(calls.functions)
    if FUNCTIONS_URL.encode() in source:
        functions.extend(function_urls(root, _language(tsx)))

    imports = tuple(sorted([*syntax.imports, *calls.imports], key=lambda i: i.line))
    signals.extend(Signal(SIG_OPENAPI_IMPORT, i.line) for i in imports
                   if not i.type_only and "openapi" in i.specifier.lower())
    definitions = read_definitions(root, _language(tsx), imports)
    procedures = _procedures(calls.routers, definitions, imports)
    error_line = _first_error_line(root) if root.has_error else None
    facts = FileFacts(
        path=path,
        tables=tuple(calls.tables),
        factories=tuple(calls.factories),
        imports=imports,
        reexports=tuple(syntax.reexports),
        local_exports=tuple(syntax.local_exports),
        declarations=frozenset(syntax.declarations),
        aliases=tuple(sorted(set(syntax.aliases) | set(calls.aliases))),
        accesses=tuple(calls.accesses),
        urls=(*calls.urls, *literal_urls(root, _language(tsx),
                                         {(u.line, u.url) for u in calls.urls})),
        signals=tuple(sorted(set(signals), key=lambda s: (s.line, s.name))),
        error_line=error_line,
        functions=tuple(sorted(set(functions), key=lambda f: (f[1], f[0]))),
        definitions=tuple(definitions),
        procedures=tuple(procedures),
        rpc_calls=tuple(calls.rpc_calls),
    )
    diagnostics: tuple[Diagnostic, ...] = ()
    if error_line is not None:
        diagnostics = (Diagnostic(
            Severity.WARNING, "parse-error",
            "syntax error here; the rest of the file was read, but imports or table "
            "accesses inside the broken region may be missed",
            path, error_line),)
    return facts, diagnostics


def _procedures(routers: list[Node], definitions: list[Definition],
                imports: tuple[ImportFact, ...]) -> list[Procedure]:
    """The entries of each outermost router call, under the definition holding it."""
    if not routers:
        return []
    ids = {r.id for r in routers}
    owned: list[tuple[Node, str]] = []
    for call in routers:
        parent = call.parent
        while parent is not None and parent.id not in ids:
            parent = parent.parent
        owner = next((d for d in definitions if d.line <= line(call) <= d.end_line), None)
        if parent is None and owner is not None:
            owned.append((call, owner.names[0]))
    values = [i for i in imports if not i.type_only]
    known = {b.local for i in values for b in i.bindings}
    known |= {n for d in definitions for n in d.names}
    namespaces = {b.local for i in values for b in i.bindings if b.imported == "*"}
    return read_procedures(owned, known, namespaces)


def _in_order(nodes: list[Node]) -> list[Node]:
    return sorted(nodes, key=lambda n: (n.start_byte, -n.end_byte))


def _first_error_line(root: Node) -> int:
    cursor = root.walk()
    while True:
        node = cursor.node
        if node is not None and (node.is_error or node.is_missing):
            return line(node)
        if node is not None and node.has_error and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return 1
