"""Role × reach for the Python profiles: a code graph with access sites in, evidence out.

The same model as the Drizzle profile (docs/evidence.md): repository evidence is an access
site itself, outside tests, seeds and migrations (a binding, ``class Meta: model = Order``,
reaches the table for its file's role but is not data-access code); every other role's
evidence is the shortest chain from the role file to an access, within ``scan.max_hops`` edges;
a seed counts only chains that end at a *write*. The profiles differ only in what an access
site is and which file has which role, so both hand their findings to ``role_evidence`` here.
The graph's nodes are files and their definitions (``observe.python.graph``); an evidence chain
names the file of each step.
"""

from __future__ import annotations

from collections.abc import Mapping

from commissioning.evidence import Evidence, Kind, Step, TableKey
from commissioning.observe.python.graph import CodeGraph, path_of
from commissioning.observe.reach import Reach


def role_evidence(roles: Mapping[str, Mapping[Kind, str]], graph: CodeGraph,
                  max_hops: int) -> list[Evidence]:
    any_access: Reach[TableKey] = Reach(graph.edges, graph.direct, max_hops)
    writes: Reach[TableKey] | None = None
    out: list[Evidence] = []
    for path in sorted(roles):
        for kind, detector in sorted(roles[path].items()):
            if kind == Kind.REPOSITORY:
                out.extend(Evidence(table, kind, graph.detectors[(path, table)],
                                    path=path, line=line)
                           for table, line in graph.queries.get(path, {}).items())
                continue
            if kind == Kind.DATA:
                writes = writes or Reach(graph.edges, graph.writes, max_hops)
                reach = writes
            else:
                reach = any_access
            for table in reach.tables(path):
                out.append(_evidence(table, kind, detector, reach.chain(path, table)))
    return out


def _evidence(table: TableKey, kind: Kind, detector: str, chain: tuple[Step, ...]) -> Evidence:
    steps = [Step(path_of(s.path), s.line) for s in chain]
    return Evidence(table, kind, detector, path=steps[0].path, line=steps[0].line,
                    via=tuple(steps[1:]))
