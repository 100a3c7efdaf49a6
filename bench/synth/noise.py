"""Files that hold no table: components, utilities, styles, unit tests, docs and assets.

Real ventures are mostly this. Noise is spread over the domains in a fixed proportion, imports
other noise (utilities import utilities, components import the UI kit) so the import graph is
as dense as an app's, and never names a table, so it adds no evidence: only files to list,
hash, parse and walk.
"""

from __future__ import annotations

import random

from .files import Writer, camel

# (kind, share of the noise) — the proportions every generated venture keeps
TS_MIX = (("component", 35), ("util", 30), ("style", 15), ("unit_test", 10), ("doc", 5),
          ("asset", 5))
PY_MIX = (("util", 45), ("template", 20), ("unit_test", 15), ("doc", 10), ("asset", 10))
_WIDGETS = ("badge", "toolbar", "summary", "chart", "filter", "empty-state", "pager", "legend",
            "timeline", "stat", "avatar", "breadcrumbs", "menu", "tooltip", "drawer", "tabs")
_UTILS = ("format", "dates", "money", "units", "slug", "retry", "cache", "parse", "csv",
          "colors", "sort", "group", "range", "round", "clamp", "debounce")


def write_noise(count: int, domains: tuple[str, ...], flavour: str, out: Writer,
                seed: int) -> None:
    """``count`` noise files, for ``flavour`` "ts" (a Next.js app) or "py" (a FastAPI app)."""
    rng = random.Random(f"noise:{seed}:{count}")
    mix = TS_MIX if flavour == "ts" else PY_MIX
    kinds = [k for k, share in mix for _ in range(share)]
    made: dict[tuple[str, str], int] = {}
    for i in range(count):
        kind = kinds[i % len(kinds)]
        domain = domains[rng.randrange(len(domains))]
        n = made.get((kind, domain), 0)
        made[(kind, domain)] = n + 1
        path, text = _NOISE[flavour, kind](domain, _stem(kind, n), n, rng)
        out.write(path, text)


def _stem(kind: str, n: int) -> str:
    """The n-th file name of a kind within a domain: ``format``, …, ``format-1``, …"""
    word = (_WIDGETS if kind == "component" else _UTILS)[n % 16]
    return f"{word}-{n // 16}" if n >= 16 else word


def _ts_component(domain: str, stem: str, n: int, rng: random.Random) -> tuple[str, str]:
    name = camel(f"{domain}-{stem}")
    helper = f"./{_stem('component', n - 1)}" if n > 0 else "@/lib/action-result"
    form = rng.random() < 0.1  # a search box: a form that reaches no table
    body = ('    <form role="search" onSubmit={(e) => e.preventDefault()}>\n'
            "      <input name=\"q\" />\n    </form>\n" if form else
            f'    <Card className="{stem}">\n      <span>{{label}}</span>\n    </Card>\n')
    return (f"src/components/{domain}/{stem}.tsx",
            '"use client";\n\nimport { useState } from "react";\n'
            'import { Card } from "@/components/ui/card";\n'
            f'import * as helpers from "{helper}";\n\n'
            f"export function {name}({{ label }}: {{ label: string }}) {{\n"
            "  const [open, setOpen] = useState(false);\n"
            "  void helpers;\n"
            "  return (\n    <div onClick={() => setOpen(!open)}>\n"
            f"{body}    </div>\n  );\n}}\n")


def _ts_util(domain: str, stem: str, n: int, rng: random.Random) -> tuple[str, str]:
    other = f'import {{ clamp as base }} from "./{_stem("util", n - 1)}";\n' if n > 0 else ""
    factor = rng.randint(2, 9)
    return (f"src/lib/{domain}/{stem}.ts",
            f"{other}\n/** {stem} helpers for {domain}: pure, no I/O. */\n"
            f"export function clamp(value: number, low = 0, high = {factor * 100}): number {{\n"
            "  return Math.min(high, Math.max(low, value));\n}\n\n"
            f"export function scale(value: number): number {{\n  return value * {factor};\n}}\n\n"
            "export function label(value: number, unit: string): string {\n"
            "  return `${value.toFixed(1)} ${unit}`;\n}\n")


def _ts_style(domain: str, stem: str, n: int, rng: random.Random) -> tuple[str, str]:
    return (f"src/styles/{domain}/{stem}.module.css",
            f".{stem.replace('-', '_')} {{\n  display: grid;\n  gap: {rng.randint(2, 16)}px;\n}}\n"
            f"\n.{stem.replace('-', '_')}:hover {{\n  outline: 1px solid #ccc;\n}}\n")


def _ts_unit_test(domain: str, stem: str, n: int, rng: random.Random) -> tuple[str, str]:
    return (f"src/lib/{domain}/{stem}.test.ts",
            'import { describe, expect, it } from "vitest";\n\n'
            f'describe("{stem}", () => {{\n  it("adds", () => {{\n'
            f"    expect({n} + 1).toBe({n + 1});\n  }});\n}});\n")


def _doc(domain: str, stem: str, n: int, rng: random.Random) -> tuple[str, str]:
    return (f"docs/{domain}/{stem}.md",
            f"# {stem} ({domain})\n\nHow the {domain} team uses {stem}: see the runbook.\n")


def _asset(domain: str, stem: str, n: int, rng: random.Random) -> tuple[str, str]:
    return (f"public/{domain}/{stem}.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
            f'<circle cx="12" cy="12" r="{rng.randint(3, 11)}"/></svg>\n')


def _py_util(domain: str, stem: str, n: int, rng: random.Random) -> tuple[str, str]:
    module = stem.replace("-", "_")
    previous = _stem("util", n - 1).replace("-", "_")
    other = f"from app.lib.{domain}.{previous} import clamp as _clamp\n\n" if n > 0 else ""
    return (f"app/lib/{domain}/{module}.py",
            f'"""{stem} helpers for {domain}: pure, no I/O."""\n\n{other}'
            f"def clamp(value: float, low: float = 0, high: float = {rng.randint(2, 9) * 100})"
            " -> float:\n    return min(high, max(low, value))\n\n\n"
            "def label(value: float, unit: str) -> str:\n    return f\"{value:.1f} {unit}\"\n")


def _py_template(domain: str, stem: str, n: int, rng: random.Random) -> tuple[str, str]:
    return (f"app/templates/{domain}/partials/{stem}.html",
            f'<div class="{stem}">{{{{ label }}}}</div>\n')


def _py_unit_test(domain: str, stem: str, n: int, rng: random.Random) -> tuple[str, str]:
    return (f"tests/unit/{domain}/test_{stem.replace('-', '_')}.py",
            f"def test_{stem.replace('-', '_')}() -> None:\n    assert {n} + 1 == {n + 1}\n")


_NOISE = {
    ("ts", "component"): _ts_component, ("ts", "util"): _ts_util, ("ts", "style"): _ts_style,
    ("ts", "unit_test"): _ts_unit_test, ("ts", "doc"): _doc, ("ts", "asset"): _asset,
    ("py", "util"): _py_util, ("py", "template"): _py_template,
    ("py", "unit_test"): _py_unit_test, ("py", "doc"): _doc, ("py", "asset"): _asset,
}
