"""URL literals outside a fetch call: endpoints handed over as options, SWR keys, key functions.

An app names its own API endpoints in more places than ``fetch("/api/x")``: the chat hook's
``useChat({ api: "/api/chat" })``, a conditional SWR key ``cond ? `/api/vote?chat=${id}` :
null``, a pagination key function returning ``/api/history?limit=…``. Every string or template
literal that starts with one ``/`` is recorded here with an empty ``callee``; the graph matches
such a literal against API route handlers only (``route.*``, ``pages/api/**``), never pages, so
a link to ``/settings`` is not a call. Import specifiers are not URLs.
"""

from __future__ import annotations

from functools import cache

from tree_sitter import Language, Node, Query, QueryCursor

from commissioning.observe.typescript.calls import url_segments
from commissioning.observe.typescript.facts import UrlCall

LITERAL = ""  # the callee of a UrlCall found as a bare literal
_STRINGS = "(string) @string (template_string) @string"
_NOT_URLS = frozenset({"import_statement", "export_statement", "import_require_clause"})


@cache
def _query(language: Language) -> Query:
    return Query(language, _STRINGS)


def literal_urls(root: Node, language: Language, taken: set[tuple[int, str]]) -> list[UrlCall]:
    """Every ``/…`` literal not already a call's URL (``taken``: (line, display) pairs)."""
    found: list[UrlCall] = []
    for node in QueryCursor(_query(language)).captures(root).get("string", []):
        parent = node.parent
        if parent is not None and parent.type in _NOT_URLS:
            continue
        if parent is not None and parent.type == "arguments" and _is_require(parent):
            continue
        url = url_segments(node)
        if url is None or not url[0]:
            continue
        segments, display = url
        at = node.start_point.row + 1
        if (at, display) not in taken:
            found.append(UrlCall(segments, at, LITERAL, display))
    return found


def _is_require(arguments: Node) -> bool:
    call = arguments.parent
    fn = call.child_by_field_name("function") if call is not None else None
    return fn is not None and fn.type in ("identifier", "import") \
        and (fn.text or b"") in (b"require", b"import")
