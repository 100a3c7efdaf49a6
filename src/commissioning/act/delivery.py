"""Deliver a sink's queued work, in order, retrying with backoff; lose nothing.

Within one sync a request that fails for a passing reason (timeout, 5xx, 429) is retried up to
``attempts`` times, waiting ``backoff`` doubled each time, or the tracker's ``Retry-After`` when
it sent one and it is short (``max_wait``). When it still fails, the item stays queued with its
error and a ``next_attempt_at`` (the longer of ``Retry-After`` and an exponential backoff capped
at ``max_backoff``), and delivery to that sink stops for this sync: the tracker is down, the
rest waits its turn, in order. A refusal (4xx) marks only that item and moves on.

Delivered items are stamped, never deleted; every upsert is idempotent in the sinks and every
comment carries its own id, so a retry after a lost answer delivers nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from commissioning.act.sinks.base import Sink
from commissioning.errors import SinkError, SinkUnavailable, UnknownTaskError
from commissioning.store.tasks import TaskRepository
from commissioning.tasks import TaskRecord
from commissioning.tasks.model import Link, OutboxItem

SYNC_BACKOFF = 30.0  # seconds before the first retry in a later sync, doubled per attempt
BATCH = 50  # deliveries recorded per transaction


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 3
    backoff: float = 0.5
    max_wait: float = 10.0
    max_backoff: float = 900.0

    def wait(self, tries: int, error: SinkUnavailable) -> float | None:
        """Seconds to wait before the next try within this sync, or None: give up for now."""
        if tries >= self.attempts:
            return None
        wait = error.retry_after if error.retry_after is not None \
            else self.backoff * float(2 ** (tries - 1))
        return wait if wait <= self.max_wait else None

    def later(self, attempts: int, retry_after: float | None) -> float:
        """Seconds until a later sync should try an item that failed ``attempts`` times."""
        backoff = min(self.max_backoff, SYNC_BACKOFF * float(2 ** max(attempts - 1, 0)))
        return max(backoff, retry_after or 0.0)


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    sink: str
    delivered: int = 0
    failed: int = 0
    requests_retried: int = 0
    stopped: str | None = None  # why this sink was left for a later sync (it is unavailable)
    errors: tuple[str, ...] = field(default=())


def _once(sink: Sink, item: OutboxItem, task: TaskRecord | None, link: Link | None,
          retry: bool) -> Link | None:
    if task is None:
        raise UnknownTaskError(f"task {item.key} is no longer stored")
    if item.op == "comment":
        sink.comment(task, link, item.payload, retry=retry)
        return None
    return sink.push(task, link)


class _Marks:
    """Deliveries recorded in batches: a push is idempotent and a comment carries its own id,
    so a crash before a batch is written only means those items are delivered again, once."""

    def __init__(self, repo: TaskRepository, clock: Callable[[], datetime]) -> None:
        self._repo = repo
        self._clock = clock
        self._done: list[tuple[OutboxItem, Link | None]] = []

    def add(self, item: OutboxItem, link: Link | None) -> None:
        self._done.append((item, link))
        if len(self._done) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self._done:
            self._repo.delivered_many(self._done, self._clock())
            self._done = []


def deliver(
    repo: TaskRepository, venture: str, sink: Sink, *, clock: Callable[[], datetime],
    policy: RetryPolicy, sleep: Callable[[float], None], force: bool = False,
) -> DeliveryReport:
    """Deliver what is due for ``sink`` (everything queued, with ``force``)."""
    links = {link.key: link for link in repo.links(venture, sink.name)}
    tasks = {task.key: task for task in repo.list_tasks(venture)}
    marks = _Marks(repo, clock)
    delivered = failed = retried = 0
    errors: list[str] = []
    try:
        for item in repo.due(venture, sink.name, clock(), force=force):
            tries = 0
            while True:
                tries += 1
                try:
                    link = _once(sink, item, tasks.get(item.key), links.get(item.key),
                                 retry=item.attempts > 0 or tries > 1)
                except SinkUnavailable as exc:
                    wait = policy.wait(tries, exc)
                    if wait is None:
                        later = policy.later(item.attempts + 1, exc.retry_after)
                        retry_at = clock() + timedelta(seconds=later)
                        repo.failed(item, str(exc), retry_at)
                        repo.defer(venture, sink.name, retry_at)  # the rest waits, in order
                        return DeliveryReport(sink.name, delivered, failed + 1, retried,
                                              stopped=str(exc), errors=tuple(errors))
                    retried += 1
                    sleep(wait)
                    continue
                except (SinkError, UnknownTaskError) as exc:
                    later = policy.later(item.attempts + 1, None)
                    repo.failed(item, str(exc), clock() + timedelta(seconds=later))
                    failed += 1
                    errors.append(f"{item.key}: {exc}")
                    break
                marks.add(item, link)
                if link is not None:
                    links[item.key] = link
                delivered += 1
                break
    finally:
        marks.flush()
    return DeliveryReport(sink.name, delivered, failed, retried, errors=tuple(errors))
