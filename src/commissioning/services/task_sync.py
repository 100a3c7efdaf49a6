"""``commission tasks sync``: read people's changes back from each sink, then deliver the outbox.

Per sink, in this order:

1. backfill — queue every open task the sink has never seen (a sink added later);
2. read back — a status a person set in the tracker (or in the Markdown file) is mapped to a
   phase (seed 003's inference) and applied through a validated transition, the person's act
   being its confirmation; a move the machine refuses is undone in the tracker (our phase is
   pushed back) and reported. Checklist ticks are read back too;
3. deliver — the outbox, in order, with retries and backoff (``act/delivery.py``).

Our store stays the source of truth for the phase. Nothing is lost when a tracker is down: the
work stays queued and the report says how much and when it is tried next.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from commissioning.act.delivery import DeliveryReport, RetryPolicy, deliver
from commissioning.act.sinks.base import RemoteState, Sink
from commissioning.act.sinks.github import GitHubSink
from commissioning.act.sinks.linear import LinearSink
from commissioning.act.sinks.markdown import MarkdownSink
from commissioning.config import VentureConfig, load_venture_config, sink_token
from commissioning.errors import ConfigError, SinkError, SinkUnavailable
from commissioning.machines import Machine
from commissioning.machines.workflow import check_transition, match_status
from commissioning.observe.scanner import check_root, venture_name
from commissioning.services.scanning import store_url
from commissioning.services.tasks import delivery_for, evidence_holds, task_machine
from commissioning.store import Store, open_store
from commissioning.store.tasks import Delivery, Move
from commissioning.tasks import merge_ticks
from commissioning.tasks.model import Link, QueueSummary

SINKS = ("store", "markdown", "github", "linear")


@dataclass(frozen=True, slots=True)
class SinkSync:
    """What one sync did for one sink, and what is still queued for it."""

    sink: str
    backfilled: int = 0
    read_back: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()
    delivery: DeliveryReport | None = None
    queue: QueueSummary | None = None
    error: str | None = None

    @property
    def queued(self) -> int:
        return self.queue.queued if self.queue else 0


@dataclass(frozen=True, slots=True)
class SyncReport:
    venture: str
    sinks: tuple[SinkSync, ...] = field(default=())

    @property
    def queued(self) -> int:
        return sum(s.queued for s in self.sinks)


def _now() -> datetime:
    return datetime.now(UTC)


def build_sink(name: str, root: Path, config: VentureConfig, machine: Machine,
               client: httpx.Client) -> Sink:
    """The sink ``name`` as ``commissioning.toml`` configures it (tokens from the environment)."""
    section = config.tasks
    if name == "markdown":
        return MarkdownSink(root, section.markdown.path, machine)
    if name == "github":
        github = section.github
        token = sink_token(github.token_env)
        if not github.repo:
            raise ConfigError("the github sink needs a repository", key="tasks.github.repo",
                              hint='[tasks.github] repo = "owner/name"')
        if not token:
            raise ConfigError(f"the github sink needs a token in ${github.token_env}",
                              key="tasks.github.token_env",
                              hint=f"export {github.token_env}=… (a token with issues: write)")
        return GitHubSink(client, github.repo, machine, token=token, api_url=github.api_url,
                          label=github.label)
    if name == "linear":
        linear = section.linear
        token = sink_token(linear.token_env)
        if not linear.team:
            raise ConfigError("the linear sink needs a team", key="tasks.linear.team",
                              hint='[tasks.linear] team = "ENG" (the team key)')
        if not token:
            raise ConfigError(f"the linear sink needs an API key in ${linear.token_env}",
                              key="tasks.linear.token_env",
                              hint=f"export {linear.token_env}=lin_api_…")
        return LinearSink(client, linear.team, machine, token=token, api_url=linear.api_url,
                          states=linear.states)
    raise ConfigError(f"unknown sink '{name}'", key="tasks.sinks",
                      hint=f"sinks: {', '.join(SINKS)}")


def _read_back(store: Store, venture: str, sink: Sink, machine: Machine, at: datetime,
               delivery: Delivery, document: dict[str, object] | None,
               ) -> tuple[list[str], list[str]]:
    links = {link.key: link for link in store.tasks.links(venture, sink.name)}
    moved: list[str] = []
    refused: list[str] = []
    for remote in sink.pull(tuple(links.values())):
        link = links[remote.key]
        task = store.tasks.get_task(venture, remote.key)
        if remote.checklist is not None:
            ticked = merge_ticks(task.checklist, remote.checklist)
            if ticked != task.checklist:
                task = store.tasks.set_checklist(venture, task.key, ticked, at, delivery)
        if remote.fingerprint == link.remote_status:
            continue  # nobody changed the status there
        kind, text = _apply_status(store, venture, sink, machine, task.key, remote, at,
                                   delivery, document)
        if kind == "moved":
            moved.append(text)
        elif kind == "refused":
            refused.append(text)
        store.tasks.save_link(venture, Link(link.key, link.sink, link.external_id, link.url,
                                            remote.fingerprint), at)
    return moved, refused


def _apply_status(store: Store, venture: str, sink: Sink, machine: Machine, key: str,
                  remote: RemoteState, at: datetime, delivery: Delivery,
                  document: dict[str, object] | None) -> tuple[str, str]:
    """Apply a person's status change through the machine: ("moved" | "same" | "refused", why)."""
    task = store.tasks.get_task(venture, key)
    match = match_status(machine, remote.status)
    where = f"'{remote.status}' in {sink.name}"
    if match.phase == task.phase:
        return "same", f"{key}: {where} is already {task.phase}"
    decision = check_transition(machine, task.phase, match.phase,
                                task.facts(verified=evidence_holds(document, task)),
                                confirmed=True)  # a person acted in the tracker: confirmed
    if match.how == "default" or not decision.ok:
        why = f"no phase matches {where}" if match.how == "default" else decision.message
        store.tasks.requeue(venture, key, (sink.name,), at)  # show our phase there again
        return "refused", f"{key}: {why}; {sink.name} is set back to {task.phase}"
    store.tasks.transition(venture, Move(
        key=key, source=task.phase, target=match.phase, actor=remote.actor or sink.name,
        reason=f"status set to {where}", command=f"tasks sync --sink {sink.name}",
        confidence=decision.confidence), at, delivery)
    return "moved", f"{key}: {task.phase} → {match.phase} ({where})"


def sync(
    root: Path, *, db: str | None = None, sink: str | None = None, force: bool = False,
    client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], datetime] = _now,
) -> SyncReport:
    """Read back and deliver for every configured sink (or only ``sink``)."""
    check_root(root)
    config = load_venture_config(root)
    name = venture_name(root, config)
    names = [sink] if sink else list(dict.fromkeys(config.tasks.sinks))
    unknown = [n for n in names if n not in SINKS]
    if unknown:
        raise ConfigError(f"unknown sink '{unknown[0]}'", hint=f"sinks: {', '.join(SINKS)}")
    machine = task_machine()
    retry = config.tasks.retry
    policy = RetryPolicy(retry.attempts, retry.backoff, retry.max_wait, retry.max_backoff)
    delivery = delivery_for(config)
    owned = client is None
    http = client or httpx.Client(timeout=max(config.tasks.github.timeout,
                                              config.tasks.linear.timeout))
    reports = []
    try:
        with open_store(store_url(root, db)) as store:
            stored = store.scans.latest_scan(name)
            document = stored.document if stored else None
            for sink_name in names:
                if sink_name == "store":
                    reports.append(SinkSync("store"))
                    continue
                built = build_sink(sink_name, root, config, machine, http)
                reports.append(_sync_one(store, name, built, machine, policy, delivery,
                                         document, clock, sleep, force))
    finally:
        if owned:
            http.close()
    return SyncReport(name, tuple(reports))


def _sync_one(store: Store, venture: str, sink: Sink, machine: Machine, policy: RetryPolicy,
              delivery: Delivery, document: dict[str, object] | None,
              clock: Callable[[], datetime], sleep: Callable[[float], None],
              force: bool) -> SinkSync:
    skip = [s.id for s in machine.states
            if str(s.get("issue", "open")) != "open"]  # closed before the sink knew them
    backfilled = store.tasks.backfill(venture, sink.name, clock(), skip=skip)
    moved: list[str] = []
    refused: list[str] = []
    error = None
    try:
        moved, refused = _read_back(store, venture, sink, machine, clock(), delivery, document)
    except SinkUnavailable as exc:
        error = f"read back skipped: {exc}"
    except SinkError as exc:
        error = f"read back failed: {exc}"
    report = deliver(store.tasks, venture, sink, clock=clock, policy=policy, sleep=sleep,
                     force=force)
    queue = next((q for q in store.tasks.queued(venture) if q.sink == sink.name), None)
    return SinkSync(sink.name, backfilled, tuple(moved), tuple(refused), report, queue, error)
