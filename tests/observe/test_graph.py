"""The code graph: named imports land on the defining declaration (through barrels), type
imports are no edge, URLs land on routes."""

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
    assert graph.edges["src/app/orders/page.tsx"] == (("src/lib/orders.ts::listOrders", 1),)
    assert graph.edges["src/app/all/page.tsx"] == (("src/lib/index.ts", 1),)
    assert graph.edges["src/lib/index.ts"] == (("src/lib/growers.ts", 2), ("src/lib/orders.ts", 1))
    assert graph.urls["src/components/list.tsx"] == (("src/app/api/orders/[id]/route.ts", 3),)
    # the URL is fetched inside L, so the definition node has the edge too
    assert graph.urls["src/components/list.tsx::L"] == (("src/app/api/orders/[id]/route.ts", 3),)
    assert "src/components/list.tsx" not in graph.imports
    assert "src/lib/types.ts" not in {t for edges in graph.edges.values() for t, _ in edges}


def _graph(files: dict[str, str]) -> tuple[dict[str, object], object]:
    facts = {p: parse_file(t, p)[0] for p, t in files.items()}
    modules = ModuleResolver(files, read_path_configs({}), read_packages({}))
    return facts, build_graph(facts, ExportResolver(facts, modules),
                              RouteTable.from_files(list(files)))


def test_definitions_are_nodes_and_a_local_helper_costs_no_hop() -> None:
    files = {
        "lib/queries.ts": 'import { db } from "./db";\n'
                          'import { track } from "./audit";\n'
                          "function log() { return track(); }\n"
                          "export function getUser() { log(); return 1; }\n"
                          "export function getChats() { return 2; }\n",
        "lib/audit.ts": "export function track() {}\nexport function purge() {}\n",
        "lib/db.ts": "export const db = 1;\n",
        "app/login/page.tsx": 'import { getUser } from "../../lib/queries";\n'
                              "export default function P() { return getUser(); }\n",
        "app/all/page.tsx": 'import * as q from "../../lib/queries";\n'
                            "export default function P() { return q.getChats(); }\n",
    }
    _, graph = _graph(files)
    edges = graph.edges  # type: ignore[attr-defined]
    assert edges["app/login/page.tsx"] == (("lib/queries.ts::getUser", 1),)
    assert edges["app/login/page.tsx::P"] == (("lib/queries.ts::getUser", 1),)
    # getUser uses the local log(), which uses track(): one edge, at track's import line
    assert edges["lib/queries.ts::getUser"] == (("lib/audit.ts::track", 2),)
    assert "lib/queries.ts::getChats" not in edges
    # a namespace import used as q.getChats lands on getChats; the file node keeps the module
    assert edges["app/all/page.tsx::P"] == (("lib/queries.ts::getChats", 1),)
    assert edges["app/all/page.tsx"] == (("lib/queries.ts", 1),)


def test_a_registry_is_no_edge() -> None:
    names = [f"job{i}" for i in range(8)]
    client = "".join(f'import {{ {n} }} from "./defs/{n}";\n' for n in names)
    client += f"export const jobs = new JobClient([{', '.join(names)}]);\n"
    files = {f"lib/jobs/defs/{n}.ts": f"export const {n} = 1;\n" for n in names}
    files["lib/jobs/client.ts"] = client
    files["lib/invite.ts"] = ('import { jobs } from "./jobs/client";\n'
                              'export function invite() { jobs.trigger("job1"); }\n')
    _, graph = _graph(files)
    edges = graph.edges  # type: ignore[attr-defined]
    assert "lib/invite.ts" not in edges and "lib/invite.ts::invite" not in edges
    assert len(edges["lib/jobs/client.ts"]) == 8  # the client file itself still lists them


def test_a_trpc_client_call_is_an_edge_to_the_procedure() -> None:
    files = {
        "server/trpc.ts": "export const router = (x: unknown) => x;\n"
                          "export const authedProcedure = 1;\n",
        "server/folder/find.ts": 'import { authedProcedure } from "../trpc";\n'
                                 "export const findFolders = authedProcedure.query(() => 1);\n",
        "server/folder/router.ts": 'import { router, authedProcedure } from "../trpc";\n'
                                   'import { findFolders } from "./find";\n'
                                   "export const folderRouter = router({\n"
                                   "  find: findFolders,\n"
                                   "  nested: { remove: authedProcedure.mutation(() => 2) },\n"
                                   "});\n",
        "server/root.ts": 'import { router } from "./trpc";\n'
                          'import { folderRouter } from "./folder/router";\n'
                          "export const appRouter = router({ folder: folderRouter });\n",
        "app/folders/page.tsx": "export default function P() {\n"
                                "  const a = trpc.folder.find.useQuery();\n"
                                "  const b = trpc.folder.nested.remove.useMutation();\n"
                                "  const c = trpc.folder.unknown.useQuery();\n"
                                "}\n",
    }
    _, graph = _graph(files)
    urls = graph.urls  # type: ignore[attr-defined]
    assert urls["app/folders/page.tsx"] == (
        ("server/folder/find.ts::findFolders", 2),
        ("server/folder/router.ts::folderRouter.nested.remove", 3),
    )
    assert urls["app/folders/page.tsx::P"] == urls["app/folders/page.tsx"]
    # an inline procedure is a node with its own uses
    assert graph.edges["server/folder/router.ts::folderRouter.nested.remove"] == (  # type: ignore[attr-defined]
        ("server/trpc.ts::authedProcedure", 1),)
