"""A task as Markdown (what every sink shows), and its checklist read back from Markdown.

Pure. The description every tracker receives is the stored body followed by the
``## Implementation Checklist`` section (the heading seed 003's pre-condition looks for). A person
who ticks an item in the tracker or in the Markdown file is read back on sync: the ticks of items
whose text we know are taken, anything else in the text is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from commissioning.tasks.model import ChecklistItem

CHECKLIST_HEADING = "## Implementation Checklist"
_ITEM = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s+(.+?)\s*$")


def checklist_markdown(items: Iterable[ChecklistItem]) -> str:
    return "\n".join(f"- [{'x' if item.done else ' '}] {item.text}" for item in items)


def description(body: str, checklist: Iterable[ChecklistItem], *, owner: str | None = None,
                phase: str | None = None) -> str:
    """The full Markdown of a task: body, checklist, and a footer naming owner and phase."""
    items = tuple(checklist)
    parts = [body.rstrip()]
    if items:
        parts.append(f"{CHECKLIST_HEADING}\n{checklist_markdown(items)}")
    footer = [f"Owner: {owner}" if owner else "Owner: unrouted"]
    if phase:
        footer.append(f"Phase: {phase}")
    parts.append("---\n" + " · ".join(footer))
    return "\n\n".join(parts) + "\n"


def parse_checklist(text: str) -> tuple[ChecklistItem, ...]:
    """Every ``- [ ]`` / ``- [x]`` item of ``text``, in order."""
    found = []
    for line in text.splitlines():
        match = _ITEM.match(line)
        if match:
            found.append(ChecklistItem(match.group(2), match.group(1).lower() == "x"))
    return tuple(found)


def merge_ticks(
    ours: tuple[ChecklistItem, ...], theirs: Iterable[ChecklistItem],
) -> tuple[ChecklistItem, ...]:
    """Our items with the ticks read back from ``theirs`` (matched by text)."""
    ticks = {item.text: item.done for item in theirs}
    return tuple(ChecklistItem(item.text, ticks.get(item.text, item.done)) for item in ours)


def keep_ticks(
    previous: tuple[ChecklistItem, ...], regenerated: tuple[ChecklistItem, ...],
) -> tuple[ChecklistItem, ...]:
    """A regenerated checklist keeps the ticks of the items that did not change."""
    return merge_ticks(regenerated, (item for item in previous if item.done))
