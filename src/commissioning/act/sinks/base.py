"""What every sink does, and the values it hands back.

A sink renders a stored task where people work (a Markdown file, a GitHub issue, a Linear issue)
and reads back what people changed there. It decides nothing: the phase comes from our store;
a status a person set is returned as a :class:`RemoteState` for the services to map through the
task machine. Every sink must be idempotent: pushing the same task twice leaves one issue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from commissioning.tasks import ChecklistItem, TaskRecord
from commissioning.tasks.model import Link


@dataclass(frozen=True, slots=True)
class RemoteState:
    """A task as a sink shows it now.

    ``fingerprint`` is compared with the ``remote_status`` we stored when we last pushed: when
    they differ, a person changed the task there. ``status`` is that change as a tracker status
    name (for ``match_status``); ``checklist`` the items as ticked there.
    """

    key: str
    external_id: str
    fingerprint: str
    status: str
    checklist: tuple[ChecklistItem, ...] | None = None
    actor: str | None = None


class Sink(Protocol):
    """The verbs of a sink. ``comments`` says whether it wants one comment per transition."""

    name: str
    comments: bool

    def push(self, task: TaskRecord, link: Link | None) -> Link:
        """Create or update the task's issue/file so it shows the task as it is now; return
        where it lives and the status pushed (``Link.remote_status``)."""
        ...

    def comment(self, task: TaskRecord, link: Link | None, transition: Mapping[str, object],
                *, retry: bool) -> None:
        """Post one transition as a comment (``retry``: an earlier try may have landed)."""
        ...

    def pull(self, links: Sequence[Link]) -> Sequence[RemoteState]:
        """The current state of every linked task, as people may have changed it."""
        ...
