"""Module resolution (tsconfig paths, extends, packages, extensions, index files) and export
resolution through re-export chains."""

from __future__ import annotations

from textwrap import dedent

from commissioning.observe.typescript.facts import FileFacts
from commissioning.observe.typescript.parser import parse_file
from commissioning.observe.typescript.project import (
    dependencies,
    loads_tolerant,
    read_packages,
    read_path_configs,
)
from commissioning.observe.typescript.resolve import ExportResolver, ModuleResolver


def _resolver(files: dict[str, str]) -> ModuleResolver:
    configs = {p: t for p, t in files.items() if p.endswith(("tsconfig.json", "jsconfig.json"))
               or p.endswith("tsconfig.base.json")}
    packages = {p: t for p, t in files.items() if p.endswith("package.json")}
    return ModuleResolver(files, read_path_configs(configs), read_packages(packages))


def test_tolerant_json_reads_comments_and_trailing_commas() -> None:
    text = dedent("""\
        {
          // line comment
          "compilerOptions": { /* block */ "baseUrl": ".", "paths": {"@/*": ["./src/*"],}, },
          "include": ["**/*.ts", "http://not-a-comment"],
        }
    """)
    data = loads_tolerant(text)
    assert data == {"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["./src/*"]}},
                    "include": ["**/*.ts", "http://not-a-comment"]}
    assert loads_tolerant("{ nope") is None


def test_relative_extensions_js_for_ts_and_index() -> None:
    r = _resolver({"src/a.ts": "", "src/lib/b.tsx": "", "src/db/index.ts": "",
                   "src/util.mts": "", "src/data.json": ""})
    assert r.resolve("src/x.ts", "./a") == "src/a.ts"
    assert r.resolve("src/x.ts", "./a.js") == "src/a.ts"
    assert r.resolve("src/x.ts", "./lib/b") == "src/lib/b.tsx"
    assert r.resolve("src/lib/x.ts", "../db") == "src/db/index.ts"
    assert r.resolve("src/x.ts", "./util.mjs") == "src/util.mts"
    assert r.resolve("src/x.ts", "./data.json") == "src/data.json"
    assert r.resolve("src/x.ts", "../../outside") is None
    assert r.resolve("src/x.ts", "react") is None


def test_tsconfig_paths_nearest_config_and_extends() -> None:
    files = {
        "tsconfig.base.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@db/*": '
                              '["packages/db/src/*"], "~lib": ["libs/main.ts"]}}}',
        "apps/web/tsconfig.json": '{"extends": "../../tsconfig.base.json",\n'
                                  ' "compilerOptions": {"baseUrl": ".",\n'
                                  ' "paths": {"@/*": ["./src/*"]}}}',
        "apps/admin/jsconfig.json": '{"extends": "../../tsconfig.base", // no paths here\n}',
        "apps/docs/tsconfig.json": '{"extends": "../../tsconfig.base.json",\n'
                                   ' "compilerOptions": {"paths": {"@/*": ["./src/*"]}}}',
        "apps/web/src/db/schema.ts": "", "packages/db/src/client.ts": "", "libs/main.ts": "",
        "src/db/schema.ts": "",
    }
    r = _resolver(files)
    assert r.resolve("apps/web/src/app/page.tsx", "@/db/schema") == "apps/web/src/db/schema.ts"
    # no baseUrl of its own: paths are relative to the inherited baseUrl (the root), as in tsc
    assert r.resolve("apps/docs/src/page.tsx", "@/db/schema") == "src/db/schema.ts"
    # the web config's own paths replace the inherited ones, as in TypeScript
    assert r.resolve("apps/web/src/app/page.tsx", "@db/client") is None
    assert r.resolve("apps/admin/pages/x.js", "@db/client") == "packages/db/src/client.ts"
    assert r.resolve("apps/admin/pages/x.js", "~lib") == "libs/main.ts"


def test_base_url_alone_resolves_bare_specifiers() -> None:
    r = _resolver({"tsconfig.json": '{"compilerOptions": {"baseUrl": "src"}}',
                   "src/lib/db.ts": ""})
    assert r.resolve("src/app/page.tsx", "lib/db") == "src/lib/db.ts"


def test_workspace_packages() -> None:
    files = {
        "packages/db/package.json": '{"name": "@acme/db", "exports": {".": "./src/index.ts",'
                                    ' "./schema": {"types": "./dist/schema.d.ts",'
                                    ' "default": "./lib/schema-entry.ts"}}}',
        "packages/db/src/index.ts": "", "packages/db/lib/schema-entry.ts": "",
        "packages/ui/package.json": '{"name": "@acme/ui"}', "packages/ui/src/index.ts": "",
        "packages/ui/src/button.tsx": "",
    }
    r = _resolver(files)
    assert r.resolve("apps/web/page.tsx", "@acme/db") == "packages/db/src/index.ts"
    # "types" names a built file that is not in the repository: the source target is used
    assert r.resolve("apps/web/page.tsx", "@acme/db/schema") == "packages/db/lib/schema-entry.ts"
    assert r.resolve("apps/web/page.tsx", "@acme/ui") == "packages/ui/src/index.ts"
    assert r.resolve("apps/web/page.tsx", "@acme/ui/button") == "packages/ui/src/button.tsx"
    assert dependencies('{"dependencies": {"next": "14"}, "devDependencies": {"x": "1"}}') \
        == {"next", "x"}


def _program(files: dict[str, str]) -> ExportResolver:
    facts: dict[str, FileFacts] = {p: parse_file(t, p)[0] for p, t in files.items()
                                   if p.endswith((".ts", ".tsx"))}
    return ExportResolver(facts, _resolver(files))


def test_exports_through_barrels_aliases_and_cycles() -> None:
    exports = _program({
        "tsconfig.json": '{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}',
        "src/db/schema/growers.ts": 'export const growers = pgTable("growers", {});\n'
                                    "export const herd = growers;\n",
        "src/db/schema/index.ts": 'export * from "./growers";\n'
                                  'export { growers as farmers } from "./growers";\n'
                                  'export * from "./cycle";\n',
        "src/db/schema/cycle.ts": 'export * from "./index";\n',
        "src/db/all.ts": 'import * as schema from "./schema";\nexport { schema };\n',
        "src/app/page.ts": 'import { growers, farmers as f } from "@/db/schema";\n'
                           'import { schema } from "@/db/all";\n'
                           'import { herd } from "@/db/schema";\n',
    })
    page = "src/app/page.ts"
    origin = ("src/db/schema/growers.ts", "growers")
    assert exports.binding(page, "growers") == origin
    assert exports.binding(page, "f") == origin
    assert exports.binding(page, "herd") == origin
    namespace = exports.binding(page, "schema")
    assert namespace == ("src/db/schema/index.ts", "*")
    assert exports.member(namespace, "growers") == origin
    assert exports.origin("src/db/schema/index.ts", "missing") is None  # the cycle ends
