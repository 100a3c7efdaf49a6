"""Calls to Supabase Edge Functions: which function a file invokes, and where.

An app reaches an edge function by name, not by import: ``supabase.functions.invoke("embed")``
or an HTTP call to ``…/functions/v1/embed`` (usually a template such as
``${SUPABASE_URL}/functions/v1/embed``, often not an argument of the call itself but an option
such as ``useChat({ api: … })``). Both become ``(name, line)`` facts; the supabase profile turns
them into graph edges to ``supabase/functions/<name>/index.ts``.
"""

from __future__ import annotations

import re
from functools import cache

from tree_sitter import Language, Node, Query, QueryCursor

from commissioning.observe.typescript.nodes import line, string_value, text

FUNCTIONS_URL = "/functions/v1/"
_URL_NAME = re.compile(r"/functions/v1/([A-Za-z0-9_-]+)")
_STRINGS = "(string) @string (template_string) @string"


def function_invoke(name: str, receiver: str | None, args: list[Node]) -> tuple[str, int] | None:
    """``X.functions.invoke("name", …)`` with a literal name."""
    if name != "invoke" or receiver is None or not receiver.endswith("functions") or not args:
        return None
    target = string_value(args[0])
    return (target, line(args[0])) if target else None


@cache
def _query(language: Language) -> Query:
    return Query(language, _STRINGS)


def function_urls(root: Node, language: Language) -> list[tuple[str, int]]:
    """Every string or template literal whose text holds ``/functions/v1/<name>``.

    The caller runs this only when the source contains ``/functions/v1/``, so ordinary files
    pay nothing for it.
    """
    found: list[tuple[str, int]] = []
    for node in QueryCursor(_query(language)).captures(root).get("string", []):
        static = "\x00".join(text(c) for c in node.named_children if c.type == "string_fragment")
        found.extend((m.group(1), line(node)) for m in _URL_NAME.finditer(static))
    return found
