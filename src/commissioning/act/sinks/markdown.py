"""The Markdown sink: one file per task in a folder of the venture, front matter on top.

The front matter (``key``, ``phase``, ``status``, table, rung, owner) is "YAML-ish": one
``name: value`` per line, strings JSON-quoted when they need it, so any YAML reader and our own
few lines read it. A person may edit ``phase:`` (a phase or a tracker status name) or tick the
checklist: both are read back on the next sync. Files are written whole (temp file + rename),
and only when their text changes, so re-syncing is a no-op.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from commissioning.act.sinks.base import RemoteState
from commissioning.machines import Machine
from commissioning.machines.workflow import status_for_phase
from commissioning.tasks import TaskRecord, description, parse_checklist
from commissioning.tasks.model import Link

_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./- ")


def file_name(task: TaskRecord) -> str:
    prefix = "" if task.table.schema in ("public", "main") else f"{task.table.schema}."
    return f"{prefix}{task.table.name}-{task.n}-{task.kind.value}.md"


def _value(value: object) -> str:
    text = str(value)
    if text and set(text) <= _PLAIN and not text.startswith((" ", "-")) and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def render(task: TaskRecord, machine: Machine) -> str:
    front = {
        "key": task.key, "title": task.title, "phase": task.phase,
        "status": status_for_phase(machine, task.phase), "table": str(task.table),
        "state": task.n, "kind": task.kind.value, "owner": task.owner or "",
        "verify": task.verify_command,
    }
    head = "\n".join(f"{name}: {_value(value)}" for name, value in front.items())
    text = description(task.body, task.checklist, owner=task.owner, phase=task.phase)
    return f"---\n{head}\n---\n\n# {task.title}\n\n{text}"


def front_matter(text: str) -> dict[str, str]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    found: dict[str, str] = {}
    for line in lines[1:]:
        if line.strip() == "---":
            break
        name, sep, raw = line.partition(":")
        if not sep:
            continue
        raw = raw.strip()
        if raw.startswith('"'):
            try:
                raw = str(json.loads(raw))
            except ValueError:
                raw = raw.strip('"')
        found[name.strip()] = raw
    return found


class MarkdownSink:
    name = "markdown"
    comments = False

    def __init__(self, root: Path, folder: str, machine: Machine) -> None:
        self._folder = root / folder
        self._relative = folder.strip("/")
        self._machine = machine

    def push(self, task: TaskRecord, link: Link | None) -> Link:
        path = self._folder / (Path(link.external_id).name if link else file_name(task))
        relative = f"{self._relative}/{path.name}"
        text = render(task, self._machine)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            temporary = path.with_name(f".{path.name}.tmp")
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(path)
        return Link(task.key, self.name, relative, url=None, remote_status=task.phase)

    def comment(self, task: TaskRecord, link: Link | None, transition: Mapping[str, object],
                *, retry: bool) -> None:
        """The file shows the phase; the audit trail stays in the store."""

    def pull(self, links: Sequence[Link]) -> Sequence[RemoteState]:
        states = []
        for link in links:
            path = self._folder / Path(link.external_id).name
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            front = front_matter(text)
            if front.get("key") != link.key or not front.get("phase"):
                continue
            states.append(RemoteState(link.key, link.external_id, front["phase"], front["phase"],
                                      checklist=parse_checklist(text), actor="markdown"))
        return states
