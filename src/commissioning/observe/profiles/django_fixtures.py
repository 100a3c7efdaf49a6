"""Django fixtures: ``<app>/fixtures/*.json|yaml``, objects that name ``"model": "app.model"``.

A fixture is data ``loaddata`` inserts, so each model it names has data evidence at the line
the model is first named. JSON is parsed (a file that does not parse is a diagnostic);
YAML is read line by line for ``model:`` keys, which is all a fixture needs to say, so no YAML
library is required. Fixtures under test folders are test data and are not read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from commissioning.evidence import Diagnostic, Severity
from commissioning.observe.globs import GlobSet
from commissioning.observe.source_tree import SourceTree

FIXTURE_GLOBS = ("**/fixtures/**/*.json", "**/fixtures/**/*.yaml", "**/fixtures/**/*.yml")
_YAML_MODEL = re.compile(r"""^\s*-?\s*model\s*:\s*["']?([\w]+\.[\w]+)["']?\s*$""")
_FIXTURES = GlobSet.of(FIXTURE_GLOBS)


@dataclass(frozen=True, slots=True)
class FixtureRow:
    label: str  # app label, lower-cased
    model: str  # model name, lower-cased
    path: str
    line: int


def fixture_files(files: Iterable[str], is_test: Callable[[str], bool]) -> list[str]:
    return [f for f in files if _FIXTURES.match(f) and not is_test(f)]


def read_fixtures(tree: SourceTree, files: Iterable[str],
                  tick: Callable[[], None] = lambda: None) -> tuple[list[FixtureRow],
                                                                   list[Diagnostic]]:
    rows: list[FixtureRow] = []
    notes: list[Diagnostic] = []
    for path in sorted(files):
        text = tree.text(path)
        tick()
        if text is None:
            continue
        if path.endswith(".json"):
            labels = _json_models(text, path, notes)
        else:
            labels = [m.group(1) for line in text.splitlines()
                      if (m := _YAML_MODEL.match(line)) is not None]
        for label in dict.fromkeys(labels):
            app, _, model = label.lower().partition(".")
            rows.append(FixtureRow(app, model, path, _line_of(text, label)))
    return rows, notes


def _json_models(text: str, path: str, notes: list[Diagnostic]) -> list[str]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        notes.append(Diagnostic(Severity.WARNING, "fixture-parse-error",
                                f"could not parse this fixture ({exc}); it gives no evidence",
                                path, getattr(exc, "lineno", None)))
        return []
    if not isinstance(data, list):
        return []
    return [item["model"] for item in data if isinstance(item, dict)
            and isinstance(item.get("model"), str) and item["model"].count(".") == 1]


def _line_of(text: str, label: str) -> int:
    lowered = label.lower()
    for number, line in enumerate(text.splitlines(), start=1):
        if lowered in line.lower():
            return number
    return 1
