"""Synthetic ventures for benchmarks and scale tests: deterministic, with known states.

``generate(root, tables=N, files=M, seed=S, stack="drizzle"|"fastapi")`` writes a venture whose
every table's expected state (and the evidence "ahead" of its gap) is known from the plan
(``synth.plan``), so a test can hold the scanner to it at any size. Kept out of the package:
it is a tool for measuring the product, not part of it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .drizzle import write_drizzle
from .fastapi import write_fastapi
from .files import Writer
from .noise import write_noise
from .plan import TablePlan, VenturePlan, make_plan

STACKS = ("drizzle", "fastapi")
__all__ = ["STACKS", "TablePlan", "VenturePlan", "generate", "git_commit", "make_plan"]


def generate(root: Path, *, tables: int, files: int | None = None, seed: int = 0,
             stack: str = "drizzle") -> VenturePlan:
    """Write the venture under ``root`` (which must not exist or be empty); ``files`` is the
    total to reach with noise (default: ten per table); layers alone may exceed it."""
    if stack not in STACKS:
        raise ValueError(f"unknown stack {stack!r}; known: {', '.join(STACKS)}")
    plan = make_plan(tables, seed=seed, stack=stack)
    root.mkdir(parents=True, exist_ok=True)
    out = Writer(root)
    (write_drizzle if stack == "drizzle" else write_fastapi)(plan, out)
    out.write("commissioning.toml", _config(plan))
    out.write("expected-states.json", json.dumps(plan.expected(), indent=1) + "\n")
    wanted = files if files is not None else 10 * tables
    write_noise(max(0, wanted - out.count), plan.domains,
                "ts" if stack == "drizzle" else "py", out, seed)
    return plan


def _config(plan: VenturePlan) -> str:
    ideas = "".join(f'\n[[ideas]]\nname = "{t.name}"\nnote = "planned, not modelled yet"\n'
                    for t in plan.tables if t.idea)
    return f'[venture]\nname = "{plan.name}"\n\n[scan]\nmax_hops = 4\n{ideas}'


def git_commit(root: Path) -> None:
    """Make the venture a git repository with everything committed, as a real one is."""
    env = {"GIT_AUTHOR_NAME": "synth", "GIT_AUTHOR_EMAIL": "synth@example.invalid",
           "GIT_COMMITTER_NAME": "synth", "GIT_COMMITTER_EMAIL": "synth@example.invalid",
           "PATH": "/usr/bin:/bin:/usr/local/bin"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "synthetic venture"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env)
