"""The governance matrix: shipped as data (``governance/matrix.toml``), overridable per venture.

Reading the packaged file is the only I/O, as for the machines; building and merging is pure.
``[governance]`` of ``commissioning.toml`` may override a route's approvers, an action's route,
add action types, and maps the roles to people or agents::

    [governance.roles]
    senior = ["@alice"]
    ceo = ["@matt"]

    [governance.actions.waive_evidence]
    route = "needs_ceo"
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from commissioning.errors import ConfigError
from commissioning.governance.model import ActionRule, Executor, GovernanceMatrix, Route

_PACKAGE = "commissioning.governance"
_FILE = "matrix.toml"


@cache
def shipped_matrix_data() -> dict[str, Any]:
    """The matrix shipped with the package, as parsed TOML."""
    text = (resources.files(_PACKAGE) / _FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _route(value: object, where: str) -> Route:
    try:
        return Route(str(value))
    except ValueError:
        raise ConfigError(f"unknown route {value!r}; routes: "
                          f"{', '.join(r.value for r in Route)}", key=where) from None


def _action(name: str, raw: Mapping[str, Any], base: ActionRule | None) -> ActionRule:
    where = f"governance.actions.{name}"
    route = _route(raw["route"], where) if "route" in raw else (base.route if base else None)
    if route is None:
        raise ConfigError("a new action type needs a route", key=where)
    executes = raw.get("executes", base.executes.value if base else "")
    try:
        executor = Executor(str(executes))
    except ValueError:
        raise ConfigError(f"unknown executor {executes!r}; one of: waiver, claim",
                          key=where) from None
    return ActionRule(name=name, title=str(raw.get("title", base.title if base else name)),
                      route=route, executes=executor,
                      description=str(raw.get("description", base.description if base else "")))


def build_matrix(shipped: Mapping[str, Any],
                 overrides: Mapping[str, Any] | None = None) -> GovernanceMatrix:
    """The shipped matrix with ``overrides`` (the ``[governance]`` table) applied."""
    overrides = overrides or {}
    actions: dict[str, ActionRule] = {}
    for name, raw in dict(shipped.get("actions", {})).items():
        actions[name] = _action(name, raw, None)
    for name, raw in dict(overrides.get("actions", {})).items():
        actions[name] = _action(name, raw, actions.get(name))
    approvers: dict[Route, tuple[str, ...]] = {}
    for source in (shipped.get("routes", {}), overrides.get("routes", {})):
        for name, raw in dict(source).items():
            approvers[_route(name, f"governance.routes.{name}")] = tuple(
                str(r) for r in raw.get("approvers", ()))
    roles = {str(role): tuple(str(p) for p in people)
             for role, people in dict(overrides.get("roles", {})).items()}
    return GovernanceMatrix(actions=actions, approvers=approvers, roles=roles)


def default_matrix(overrides: Mapping[str, Any] | None = None) -> GovernanceMatrix:
    return build_matrix(shipped_matrix_data(), overrides)


def matrix_to_dict(matrix: GovernanceMatrix) -> dict[str, object]:
    """The matrix as the API and ``commission proposals --json`` show it."""
    return {
        "actions": [{"action": a.name, "title": a.title, "route": a.route.value,
                     "approvers": list(matrix.approvers.get(a.route, ())),
                     "executes": a.executes.value or None, "description": a.description}
                    for a in matrix.actions.values()],
        "roles": {role: list(people) for role, people in sorted(matrix.roles.items())},
    }
