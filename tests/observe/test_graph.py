"""The file graph: named imports land on the defining file, type imports are no edge, URLs
land on routes."""

from __future__ import annotations

from commissioning.observe.graph import build_graph
from commissioning.observe.routes import RouteTable
from commissioning.observe.typescript.parser import parse_file
from commissioning.observe.typescript.project import read_packages, read_path_configs
from commissioning.observe.typescript.resolve import ExportResolver, ModuleResolver

FILES = {
    "src/lib/index.ts": 'export * from "./orders";\nexport * from "./growers";\n',
    "src/lib/orders.ts": "export const listOrders = () => 1;\n",
    "src/lib/growers.ts": "export const listGrowers = () => 1;\n",
    "src/lib/types.ts": "export type Order = { id: number };\n",
    "src/app/orders/page.tsx": 'import { listOrders } from "../../lib";\n'
                               'import type { Order } from "../../lib/types";\n'
                               'export default function P() { return null; }\n',
    "src/app/all/page.tsx": 'import * as lib from "../../lib";\n',
    "src/components/list.tsx": '"use client";\nexport function L() {\n'
                               '  fetch(`/api/orders/${1}`);\n  return null;\n}\n',
    "src/app/api/orders/[id]/route.ts": "export async function GET() {}\n",
}


def test_edges() -> None:
    facts = {p: parse_file(t, p)[0] for p, t in FILES.items()}
    modules = ModuleResolver(FILES, read_path_configs({}), read_packages({}))
    graph = build_graph(facts, ExportResolver(facts, modules), RouteTable.from_files(list(FILES)))
    assert graph.edges["src/app/orders/page.tsx"] == (("src/lib/orders.ts", 1),)
    assert graph.edges["src/app/all/page.tsx"] == (("src/lib/index.ts", 1),)
    assert graph.edges["src/lib/index.ts"] == (("src/lib/growers.ts", 2), ("src/lib/orders.ts", 1))
    assert graph.urls["src/components/list.tsx"] == (("src/app/api/orders/[id]/route.ts", 3),)
    assert "src/components/list.tsx" not in graph.imports
    assert "src/lib/types.ts" not in {t for edges in graph.edges.values() for t, _ in edges}
