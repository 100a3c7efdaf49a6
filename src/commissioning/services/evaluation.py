"""``commission eval``: scan a labelled repository (storing nothing in it) and score the scan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from commissioning.errors import UserInputError
from commissioning.report.accuracy import STATIC_KINDS, score
from commissioning.services.scanning import scan


def load_labels(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserInputError(f"no such label file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserInputError(f"cannot read label file {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise UserInputError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("tables"), list):
        raise UserInputError(f"{path}: a label file needs a 'tables' list",
                             hint="see LABELS.md for the format")
    for i, entry in enumerate(data["tables"]):
        if not isinstance(entry, dict) or "table" not in entry or \
                not isinstance(entry.get("evidence", {}), dict):
            raise UserInputError(f"{path}: tables[{i}] needs 'table' and an 'evidence' object")
        unknown = set(entry.get("evidence", {})) - set(STATIC_KINDS)
        if unknown:
            raise UserInputError(f"{path}: tables[{i}] ({entry['table']}) has unknown kinds "
                                 f"{sorted(unknown)}; known: {list(STATIC_KINDS)}")
    return data


def evaluate(labels_path: Path, repo: Path) -> dict[str, Any]:
    labels = load_labels(labels_path)
    document = scan(repo, store=False, cache=False).document  # writes nothing into the repo
    result = score(labels, document)
    result["profiles"] = document["venture"]["profiles"]
    result["scanned_commit"] = document["snapshot"]["commit"]
    return result
