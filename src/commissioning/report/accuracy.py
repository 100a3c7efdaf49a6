"""Score a scan against hand labels (../shared/design/LABELS.md): precision, recall, states.

Pure: labels and a status document in, a score out. Tables match by name, case-insensitive,
ignoring a schema prefix; a labelled table the scanner did not find counts every
labelled-present kind as a false negative and is listed as missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

STATIC_KINDS: tuple[str, ...] = ("schema", "migration", "data", "repository", "server_actions",
                                 "crud_ui", "etl", "a2a_api", "e2e_tests")


@dataclass(frozen=True, slots=True)
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Count) -> Count:
        return Count(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return None if self.tp + self.fp == 0 else round(self.tp / (self.tp + self.fp), 4)

    @property
    def recall(self) -> float | None:
        return None if self.tp + self.fn == 0 else round(self.tp / (self.tp + self.fn), 4)

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall}


def _bare(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower()


def _detected(table: Mapping[str, Any]) -> set[str]:
    evidence = table.get("evidence", {})
    return {kind for kind in STATIC_KINDS if evidence.get(kind)}


def _static_state(kinds: set[str]) -> int:
    state = 0
    for n, kind in enumerate(STATIC_KINDS, start=1):
        if kind not in kinds:
            break
        state = n
    return state


def score(labels: Mapping[str, Any], document: Mapping[str, Any]) -> dict[str, Any]:
    """The ``commission eval --json`` document."""
    found = {_bare(t["name"]): t for t in document.get("tables", [])}
    labelled: Sequence[Mapping[str, Any]] = labels.get("tables", [])
    counts = {kind: Count() for kind in STATIC_KINDS}
    exact = within = 0
    missing: list[str] = []
    rows: list[dict[str, Any]] = []
    for entry in labelled:
        name = _bare(str(entry["table"]))
        truth = {k for k, v in entry.get("evidence", {}).items() if v.get("present")}
        table = found.get(name)
        detected = _detected(table) if table is not None else set()
        if table is None:
            missing.append(str(entry["table"]))
        for kind in STATIC_KINDS:
            counts[kind] += Count(tp=int(kind in truth and kind in detected),
                                  fp=int(kind not in truth and kind in detected),
                                  fn=int(kind in truth and kind not in detected))
        state = _static_state(detected) if table is not None else None
        expected = int(entry.get("state", _static_state(truth)))
        exact += int(state == expected)
        within += int(state is not None and abs(state - expected) <= 1)
        rows.append({"table": entry["table"], "labelled_state": expected, "state": state,
                     "false_positives": sorted(detected - truth),
                     "false_negatives": sorted(truth - detected)})
    total = sum(counts.values(), Count())
    n = len(labelled)
    return {
        "repo": labels.get("repo"),
        "commit": labels.get("commit"),
        "stack": labels.get("stack"),
        "tables": n,
        "kinds": {kind: c.to_dict() for kind, c in counts.items()},
        "micro": {"precision": total.precision, "recall": total.recall},
        "state_exact": round(exact / n, 4) if n else None,
        "state_within_1": round(within / n, 4) if n else None,
        "missing": missing,
        "per_table": rows,
    }
