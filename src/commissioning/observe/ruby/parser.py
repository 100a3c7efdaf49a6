"""Parse one Ruby file, or the Ruby inside one ERB template, with tree-sitter into its facts.

ERB is parsed twice: ``tree-sitter-embedded-template`` finds the ``<% … %>`` code, then the
Ruby grammar parses that code alone: every other byte becomes a space (newlines stay) and each
tag ends in ``;``, so a loop opened in one tag and closed in another is one construct, two tags
on one line stay two statements, and every line number and offset is the template's own.
tree-sitter is
error tolerant: a file with a syntax error still yields every fact outside the broken region,
plus a ``ruby-parse-error`` warning naming the first broken line.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from functools import cache

import tree_sitter_embedded_template
import tree_sitter_ruby
from tree_sitter import Language, Node, Parser

from commissioning.evidence import Diagnostic, Severity
from commissioning.observe.ruby.facts import RubyFacts
from commissioning.observe.ruby.inflect import Inflector
from commissioning.observe.ruby.nodes import line, text
from commissioning.observe.ruby.routes import read_routes
from commissioning.observe.ruby.walk import Walker

RUBY_EXTENSIONS = (".rb", ".rake", ".jbuilder", ".ru", ".builder", ".thor")
TEMPLATE_EXTENSIONS = (".erb",)
RUBY_SHEBANG = ("#!/usr/bin/env ruby", "#!/usr/bin/ruby")
_BLANK_TYPES = frozenset({"comment", "string_content", "heredoc_content"})
_BLANK = bytes(0x0A if b == 0x0A else 0x20 for b in range(256))  # keep newlines, blank all else


@cache
def _ruby() -> Language:
    return Language(tree_sitter_ruby.language())


@cache
def _erb() -> Language:
    return Language(tree_sitter_embedded_template.language())


def is_ruby_source(path: str, first_line: str | None = None) -> bool:
    """Ruby we parse: by extension, ``Rakefile``, or an extension-less script with a Ruby
    shebang (``script/expire_cache``)."""
    name = posixpath.basename(path)
    if path.endswith(RUBY_EXTENSIONS + TEMPLATE_EXTENSIONS) or name in ("Rakefile", "Gemfile"):
        return True
    return "." not in name and first_line is not None and first_line.startswith(RUBY_SHEBANG)


def is_routes_file(path: str) -> bool:
    return path.endswith(".rb") and (path == "config/routes.rb" or path.endswith(
        "/config/routes.rb") or "config/routes/" in path)


def parse_ruby(text_: str, path: str, literals: Iterable[str] = (),
               inflector: Inflector | None = None) -> RubyFacts:
    """The facts of one file; ``literals`` are role signals looked for in its code (never in
    comments or strings)."""
    source = text_.encode("utf-8")
    parser = Parser(_ruby())
    template = path.endswith(TEMPLATE_EXTENSIONS)
    if template:
        source = _template_code(source)
        if not source.strip():
            return RubyFacts(path)
    root = parser.parse(source).root_node
    walked = Walker(_heredocs(root)).walk(root)
    routes = read_routes(root, inflector or Inflector.default()) if is_routes_file(path) else []
    signals = _signals(source, root, tuple(literals))
    diagnostics: tuple[Diagnostic, ...] = ()
    if root.has_error:
        what = "the Ruby in this template" if template else "this file"
        diagnostics = (Diagnostic(
            Severity.WARNING, "ruby-parse-error",
            f"syntax error in {what}; the rest was read, but constants, models or table "
            "operations inside the broken region may be missed", path, _first_error_line(root)),)
    return RubyFacts(
        path=path,
        definitions=tuple(walked.definitions),
        refs=tuple(walked.refs),
        table_ops=tuple(walked.table_ops),
        sql=tuple(walked.sql),
        urls=tuple(walked.urls),
        routes=tuple(routes),
        signals=signals,
        inflections=tuple(walked.inflections),
        uncountables=tuple(walked.uncountables),
        acronyms=tuple(walked.acronyms),
        readers=tuple(walked.readers),
        reader_writes=tuple(walked.reader_writes),
        methods=tuple(walked.methods),
        sends=tuple(dict.fromkeys(walked.sends)),
        columns=tuple(sorted(set(walked.columns))),
        diagnostics=diagnostics,
    )


def _template_code(source: bytes) -> bytes:
    """The template's Ruby at its own offsets: HTML and tags blanked, each tag ended by ``;``.

    ``<%# … %>`` comments are ERB's and dropped by the grammar already.
    """
    root = Parser(_erb()).parse(source).root_node
    code = bytearray(source.translate(_BLANK))
    for directive in root.named_children:
        if directive.type not in ("directive", "output_directive"):
            continue
        for part in directive.named_children:
            if part.type == "code":
                code[part.start_byte:part.end_byte] = source[part.start_byte:part.end_byte]
                if part.end_byte < len(code):
                    code[part.end_byte] = ord(";")
    return bytes(code)


def _heredocs(root: Node) -> dict[int, str]:
    """Each ``<<~SQL`` opener's node id → its body text (bodies follow in opener order)."""
    openers: list[Node] = []
    bodies: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "heredoc_beginning":
            openers.append(node)
        elif node.type == "heredoc_body":
            bodies.append(node)
            continue
        stack.extend(node.named_children)
    openers.sort(key=lambda n: n.start_byte)
    bodies.sort(key=lambda n: n.start_byte)
    out: dict[int, str] = {}
    for opener, body in zip(openers, bodies, strict=False):
        if not any(c.type == "interpolation" for c in body.named_children):
            out[opener.id] = "".join(text(c) for c in body.named_children
                                     if c.type in ("heredoc_content", "escape_sequence"))
    return out


def _signals(source: bytes, root: Node, literals: tuple[str, ...]) -> tuple[
        tuple[str, int], ...]:
    """Where each literal first appears in code, with comments and strings blanked first."""
    if not literals:
        return ()
    code = bytearray(source)
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type in _BLANK_TYPES:
            code[node.start_byte:node.end_byte] = \
                source[node.start_byte:node.end_byte].translate(_BLANK)
            continue
        stack.extend(node.children)
    blanked = code.decode("utf-8", "replace")
    found: list[tuple[str, int]] = []
    for literal in literals:
        at = blanked.find(literal)
        if at >= 0:
            found.append((literal, blanked.count("\n", 0, at) + 1))
    return tuple(sorted(found, key=lambda s: (s[1], s[0])))


def _first_error_line(root: Node) -> int:
    """The line of the first missing token, or of the innermost first error region."""
    stack = [root]
    while stack:
        node = stack.pop()
        broken = [c for c in node.children if c.has_error or c.is_missing]
        if node.is_missing or (node.is_error and not broken):
            return line(node)
        stack.extend(reversed(broken))
    return 1
