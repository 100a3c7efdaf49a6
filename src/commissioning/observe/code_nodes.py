"""The nodes of the JavaScript/TypeScript code graph: files, their top-level definitions and
their inline tRPC procedures (``observe.graph`` says why). A node id is the file's path, or
``path::name`` below it; evidence chains name files, so ``path_of`` maps a node back.
"""

from __future__ import annotations

from commissioning.observe.typescript.facts import Definition, FileFacts

SEP = "::"


def node_of(path: str, definition: Definition) -> str:
    return f"{path}{SEP}{definition.names[0]}"


def path_of(node: str) -> str:
    return node.split(SEP, 1)[0]


def node_at(path: str, facts: FileFacts, line: int) -> str | None:
    """The definition node whose code holds ``line`` (None at module level)."""
    definition = facts.definition_at(line)
    return node_of(path, definition) if definition is not None else None


def nodes_at(path: str, facts: FileFacts, line: int) -> list[str]:
    """Every node below the file whose code holds ``line``: the top-level definition, and the
    inline tRPC procedure inside it."""
    found = [node_at(path, facts, line)]
    procedure = facts.procedure_at(line)
    if procedure is not None:
        found.append(node_of(path, procedure.as_definition()))
    return [n for n in found if n is not None]


def innermost(path: str, facts: FileFacts, line: int) -> str:
    """The smallest node holding ``line``: an inline procedure, a definition, else the file."""
    found = nodes_at(path, facts, line)
    return found[-1] if found else path
