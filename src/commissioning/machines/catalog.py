"""The machines shipped with the package, found by name.

Reading a packaged definition is the only I/O here; evaluation stays pure elsewhere.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from commissioning.errors import UserInputError
from commissioning.machines.loader import parse_machine
from commissioning.machines.model import Machine

_PACKAGE = "commissioning.machines.definitions"


def builtin_names() -> tuple[str, ...]:
    files = resources.files(_PACKAGE).iterdir()
    return tuple(sorted(f.name.removesuffix(".toml") for f in files if f.name.endswith(".toml")))


@cache
def builtin_machine(name: str) -> Machine:
    if name not in builtin_names():
        raise UserInputError(f"no machine named '{name}'",
                             hint=f"known machines: {', '.join(builtin_names())}")
    resource = resources.files(_PACKAGE) / f"{name}.toml"
    return parse_machine(resource.read_text(encoding="utf-8"), source=f"machines/{name}.toml")
