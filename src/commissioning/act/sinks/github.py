"""The GitHub Issues sink (REST v3): one issue per task, labels for phase and kind.

The requests we use, as documented by GitHub:

- ``GET  /repos/{owner}/{repo}/issues?labels=L&state=all&per_page=100&page=N`` — our issues
- ``POST /repos/{owner}/{repo}/issues`` ``{title, body, labels}`` — 201 and the issue
- ``PATCH /repos/{owner}/{repo}/issues/{number}`` ``{title, body, labels, state,
  state_reason}`` — close as ``completed`` / ``not_planned``, reopen with ``reopened``

Idempotent: every issue carries our label and a hidden ``<!-- commission-key: KEY -->`` marker
in its body, so a task whose creation timed out after GitHub stored it is found again, not
created twice. Labels a person added are kept; only ``phase: …`` and ``kind: …`` are ours.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from commissioning.act.sinks.base import RemoteState
from commissioning.act.sinks.http import send
from commissioning.errors import SinkUnavailable
from commissioning.machines import Machine
from commissioning.machines.workflow import match_status, state_meta, status_for_phase
from commissioning.tasks import TaskRecord, description, parse_checklist
from commissioning.tasks.model import Link

_MARKER = re.compile(r"<!-- commission-key: (\S+) -->")
PHASE_LABEL = "phase: "
KIND_LABEL = "kind: "
_PER_PAGE = 100


def _labels(issue: Mapping[str, Any]) -> list[str]:
    return [str(label["name"]) if isinstance(label, dict) else str(label)
            for label in issue.get("labels", [])]


class GitHubSink:
    name = "github"
    comments = False

    def __init__(self, client: httpx.Client, repo: str, machine: Machine, *, token: str,
                 api_url: str = "https://api.github.com", label: str = "commissioning") -> None:
        self._client = client
        self._base = f"{api_url.rstrip('/')}/repos/{repo}"
        self._machine = machine
        self._label = label
        self._headers = {"Authorization": f"Bearer {token}",
                         "Accept": "application/vnd.github+json",
                         "X-GitHub-Api-Version": "2022-11-28"}
        self._issues: dict[int, dict[str, Any]] | None = None

    # -- reading --------------------------------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return send(self._client, self.name, method, f"{self._base}{path}",
                    headers=self._headers, **kwargs)

    def _listing(self) -> dict[int, dict[str, Any]]:
        """Every issue with our label (open and closed), read once per sync."""
        if self._issues is None:
            found: dict[int, dict[str, Any]] = {}
            page = 1
            while True:
                batch = self._request("GET", "/issues", params={
                    "labels": self._label, "state": "all", "per_page": _PER_PAGE,
                    "page": page}).json()
                for issue in batch:
                    if "pull_request" not in issue:
                        found[int(issue["number"])] = issue
                if len(batch) < _PER_PAGE:
                    break
                page += 1
            self._issues = found
        return self._issues

    def _by_key(self, key: str) -> dict[str, Any] | None:
        for issue in self._listing().values():
            match = _MARKER.search(issue.get("body") or "")
            if match and match.group(1) == key:
                return issue
        return None

    # -- pushing --------------------------------------------------------------------------------

    def _desired(self, task: TaskRecord, current: Mapping[str, Any] | None) -> dict[str, Any]:
        status = status_for_phase(self._machine, task.phase)
        kept = [name for name in _labels(current or {})
                if not name.startswith((PHASE_LABEL, KIND_LABEL)) and name != self._label]
        labels = sorted({*kept, self._label, f"{PHASE_LABEL}{status}",
                         f"{KIND_LABEL}{task.kind.value}"})
        issue = str(state_meta(self._machine, task.phase, "issue") or "open")
        desired: dict[str, Any] = {
            "title": task.title,
            "body": description(task.body, task.checklist, owner=task.owner, phase=task.phase),
            "labels": labels,
            "state": "open" if issue == "open" else "closed",
        }
        if issue != "open":
            desired["state_reason"] = issue
        return desired

    def _changes(self, desired: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
        changes = {k: v for k, v in desired.items()
                   if k not in ("labels", "state_reason") and current.get(k) != v}
        if sorted(_labels(current)) != desired["labels"]:
            changes["labels"] = desired["labels"]
        if desired["state"] == "closed" and current.get("state_reason") != desired.get(
                "state_reason"):
            changes["state"] = "closed"
            changes["state_reason"] = desired["state_reason"]
        if desired["state"] == "open" and current.get("state") == "closed":
            changes["state_reason"] = "reopened"
        return changes

    def push(self, task: TaskRecord, link: Link | None) -> Link:
        current = None
        if link is not None:
            current = self._listing().get(int(link.external_id))
            if current is None:
                current = self._request("GET", f"/issues/{link.external_id}").json()
        else:
            current = self._by_key(task.key)
        desired = self._desired(task, current)
        if current is None:
            try:
                current = self._request("POST", "/issues", json={
                    "title": desired["title"], "body": desired["body"],
                    "labels": desired["labels"]}).json()
            except SinkUnavailable:
                self._issues = None  # it may have landed: list again before the next try
                raise
        changes = self._changes(desired, current)
        if changes:
            current = self._request("PATCH", f"/issues/{current['number']}", json=changes).json()
        if self._issues is not None:
            self._issues[int(current["number"])] = current
        return Link(task.key, self.name, str(current["number"]), url=current.get("html_url"),
                    remote_status=self.fingerprint(current))

    def comment(self, task: TaskRecord, link: Link | None, transition: Mapping[str, object],
                *, retry: bool) -> None:
        """Transitions show as label and state changes; the audit trail stays in the store."""

    # -- reading back ---------------------------------------------------------------------------

    @staticmethod
    def fingerprint(issue: Mapping[str, Any]) -> str:
        phase = next((name[len(PHASE_LABEL):] for name in _labels(issue)
                      if name.startswith(PHASE_LABEL)), "")
        state = str(issue.get("state", "open"))
        reason = issue.get("state_reason") if state == "closed" else None
        return f"{state}:{reason or ''}:{phase}"

    def status_of(self, issue: Mapping[str, Any]) -> str:
        """The tracker status a person meant: closing, reopening, or relabelling the issue."""
        _, reason, label = self.fingerprint(issue).split(":", 2)
        labelled = match_status(self._machine, label).phase if label else None
        shown = str(state_meta(self._machine, labelled, "issue") or "open") if labelled \
            else "open"
        if issue.get("state") == "closed":
            if reason == "not_planned":
                return "Cancelled"
            return label if shown == "completed" else "Done"
        if shown != "open":  # reopened by a person: the work is not done
            return "In Progress"
        return label or status_for_phase(self._machine, self._machine.initial.id)

    def pull(self, links: Sequence[Link]) -> Sequence[RemoteState]:
        self._issues = None  # read fresh: people changed things since the last sync
        listing = self._listing()
        states = []
        for link in links:
            issue = listing.get(int(link.external_id))
            if issue is None:
                continue
            states.append(RemoteState(
                link.key, link.external_id, self.fingerprint(issue), self.status_of(issue),
                checklist=parse_checklist(issue.get("body") or ""), actor="github"))
        return states
