"""Read where delivery stands: ``.planning/`` and ``.company/state.json``. Read-only.

The observer lists the files under ``.planning/`` (never following a symlink out of it) and reads
the few texts the derivation needs (ROADMAP.md, STATE.md, verification and UAT files); it reads
``.company/state.json`` and keeps ``phase``, ``goal``, ``branch`` and ``blockers``. It never
writes: ``commission workflow advance`` writes the state file, through ``act/company_state.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from commissioning.delivery.model import (
    COMPANY_STATE,
    PLANNING_DIR,
    CompanyState,
    DeliveryObservation,
    PlanningTree,
)

MAX_TEXT_BYTES = 1_000_000
_READ = ("ROADMAP.md", "STATE.md")
_READ_SUFFIXES = ("VERIFICATION.MD", "UAT.MD")


def _planning(root: Path) -> PlanningTree:
    base = root / PLANNING_DIR
    if not base.is_dir():
        return PlanningTree(present=False)
    files: list[str] = []
    for folder, dirs, names in os.walk(base, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                files.append(path.relative_to(base).as_posix())
    texts = []
    for relative in sorted(files):
        if relative in _READ or relative.upper().endswith(_READ_SUFFIXES):
            text = _text(base / relative)
            if text is not None:
                texts.append((relative, text))
    return PlanningTree(present=True, files=tuple(sorted(files)), texts=tuple(texts))


def _text(path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            return None
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def read_company_state(root: Path) -> tuple[CompanyState | None, str | None, dict[str, object]]:
    """(the state, why it cannot be used, the whole JSON object) of ``.company/state.json``."""
    path = root / COMPANY_STATE
    if not path.is_file():
        return None, None, {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"{COMPANY_STATE}: cannot read it ({exc})", {}
    except json.JSONDecodeError as exc:
        return None, f"{COMPANY_STATE}:{exc.lineno}: not valid JSON ({exc.msg})", {}
    if not isinstance(data, dict):
        return None, f"{COMPANY_STATE}: not a JSON object", {}
    phase = data.get("phase")
    if not isinstance(phase, str | int) or isinstance(phase, bool) or not str(phase).strip():
        return None, f"{COMPANY_STATE}: no `phase`", data
    blockers = data.get("blockers") or []
    listed = blockers if isinstance(blockers, list) else [blockers]
    return CompanyState(
        phase=str(phase), goal=str(data.get("goal") or ""), branch=str(data.get("branch") or ""),
        blockers=tuple(_blocker(b) for b in listed if b)), None, data


def _blocker(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("description") or value.get("title") or value.get("reason")
                   or json.dumps(value, sort_keys=True))
    return str(value)


def observe_delivery(root: Path) -> DeliveryObservation:
    """What ``.planning/`` and ``.company/state.json`` say, read without changing anything."""
    company, problem, _ = read_company_state(root)
    return DeliveryObservation(planning=_planning(root), company=company,
                               company_problem=problem)
