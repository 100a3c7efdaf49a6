"""The Linear sink (GraphQL): one issue per task in a team, the phase as the team's workflow
state, a comment for every transition.

Operations used (``POST {api_url}`` with ``{"query", "variables"}``, header
``Authorization: <API key>``): ``teams`` (with their ``states``: id, name, type, position),
``issue(id)``, ``issueCreate``, ``issueUpdate``, ``issues(filter: {id: {in: …}})``,
``comment(id)``, ``commentCreate``.

Idempotent by construction: Linear accepts a client-chosen UUID for a new issue or comment, so
each task's issue id is ``uuid5(key)`` and each transition's comment id is ``uuid5(key#id)``;
before creating, we look the id up, so a retry after a lost answer creates nothing twice.

A phase maps to the team's state: a name configured in ``[tasks.linear.states]``, else a state
named like one of the phase's tracker statuses, else the first state of the phase's Linear
type (backlog, unstarted, started, completed, canceled). Read back, a state name maps through
the same names, then seed 003's inference, then its type.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from commissioning.act.sinks.base import RemoteState
from commissioning.act.sinks.http import retry_after, send
from commissioning.errors import SinkError, SinkUnavailable
from commissioning.machines import Machine
from commissioning.machines.workflow import match_status, state_meta, tracker_statuses
from commissioning.tasks import TaskRecord, description, parse_checklist
from commissioning.tasks.model import Link

NAMESPACE = uuid.UUID("6f1c9a52-3c1e-4d1f-9a3b-0c0001551000")  # our ids: uuid5(NAMESPACE, key)
TYPE_PHASES = {"triage": "IDEA", "backlog": "IDEA", "unstarted": "PLANNED",
               "started": "IMPLEMENTING", "completed": "COMPLETE", "canceled": "CANCELLED"}
_ISSUE_FIELDS = "id identifier url title description state { id name type }"
TEAMS = ("query Teams { teams(first: 250) { nodes { id key name "
         "states(first: 250) { nodes { id name type position } } } } }")
ISSUE = f"query Issue($id: String!) {{ issue(id: $id) {{ {_ISSUE_FIELDS} }} }}"
ISSUES = (f"query Issues($ids: [ID!], $after: String) {{ issues(filter: {{id: {{in: $ids}}}}, "
          f"first: 100, after: $after) {{ nodes {{ {_ISSUE_FIELDS} }} "
          "pageInfo { hasNextPage endCursor } } }")
CREATE = (f"mutation IssueCreate($input: IssueCreateInput!) {{ issueCreate(input: $input) "
          f"{{ success issue {{ {_ISSUE_FIELDS} }} }} }}")
UPDATE = (f"mutation IssueUpdate($id: String!, $input: IssueUpdateInput!) "
          f"{{ issueUpdate(id: $id, input: $input) {{ success issue {{ {_ISSUE_FIELDS} }} }} }}")
COMMENT = "query Comment($id: String!) { comment(id: $id) { id } }"
COMMENT_CREATE = ("mutation CommentCreate($input: CommentCreateInput!) "
                  "{ commentCreate(input: $input) { success comment { id } } }")


def issue_id(key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, key))


def comment_id(key: str, transition: object) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{key}#{transition}"))


def _not_found(errors: Sequence[Mapping[str, Any]]) -> bool:
    return any("not found" in str(e.get("message", "")).lower()
               or (e.get("extensions") or {}).get("code") == "NOT_FOUND" for e in errors)


class LinearSink:
    name = "linear"
    comments = True

    def __init__(self, client: httpx.Client, team: str, machine: Machine, *, token: str,
                 api_url: str = "https://api.linear.app/graphql",
                 states: Mapping[str, str] | None = None) -> None:
        self._client = client
        self._url = api_url
        self._team_ref = team
        self._machine = machine
        self._names = {phase.upper(): name for phase, name in (states or {}).items()}
        self._headers = {"Authorization": token, "Content-Type": "application/json"}
        self._team: dict[str, Any] | None = None

    def _gql(self, query: str, variables: Mapping[str, Any] | None = None,
             *, missing_ok: bool = False) -> dict[str, Any] | None:
        response = send(self._client, self.name, "POST", self._url, headers=self._headers,
                        json={"query": query, "variables": dict(variables or {})},
                        passthrough=(400,))
        try:
            payload = response.json()
        except ValueError:
            raise SinkError(f"linear: answered {response.status_code} without JSON",
                            sink=self.name, status=response.status_code) from None
        errors = payload.get("errors") or []
        if errors:
            codes = {str((e.get("extensions") or {}).get("code", "")) for e in errors}
            if "RATELIMITED" in codes:
                raise SinkUnavailable("linear: rate limited", sink=self.name, status=429,
                                      retry_after=retry_after(response))
            if missing_ok and _not_found(errors):
                return None
            hint = "check the API key" if "AUTHENTICATION_ERROR" in codes else None
            raise SinkError(f"linear: {errors[0].get('message', errors[0])}", sink=self.name,
                            status=response.status_code, hint=hint)
        data = payload.get("data")
        return data if isinstance(data, dict) else {}

    # -- the team and its workflow states -------------------------------------------------------

    def team(self) -> dict[str, Any]:
        if self._team is None:
            data = self._gql(TEAMS) or {}
            for team in data.get("teams", {}).get("nodes", []):
                if self._team_ref in (team.get("key"), team.get("id"), team.get("name")):
                    self._team = team
                    break
            else:
                raise SinkError(f"linear: no team '{self._team_ref}' is visible to this key",
                                sink=self.name, hint="set [tasks.linear] team to a team key")
        return self._team

    def _states(self) -> list[dict[str, Any]]:
        nodes = self.team().get("states", {}).get("nodes", [])
        return sorted(nodes, key=lambda s: (s.get("position", 0), s.get("name", "")))

    def state_for(self, phase: str) -> dict[str, Any]:
        """The team's workflow state that shows ``phase``."""
        states = self._states()
        wanted = [self._names[phase]] if phase in self._names else []
        wanted += list(tracker_statuses(self._machine, phase))
        for name in wanted:
            for state in states:
                if str(state.get("name", "")).lower() == name.lower():
                    return state
        kind = str(state_meta(self._machine, phase, "linear_type") or "backlog")
        for state in states:
            if state.get("type") == kind:
                return state
        raise SinkError(f"linear: team '{self._team_ref}' has no workflow state for {phase} "
                        f"(type {kind})", sink=self.name,
                        hint=f"name one in [tasks.linear.states] {phase} = \"…\"")

    def status_of(self, state: Mapping[str, Any]) -> str:
        """A team state read back as a status name ``match_status`` maps to the right phase."""
        name = str(state.get("name", ""))
        for phase, configured in self._names.items():
            if configured.lower() == name.lower():
                return phase
        if match_status(self._machine, name).how != "default":
            return name
        return TYPE_PHASES.get(str(state.get("type", "")), name)

    # -- pushing --------------------------------------------------------------------------------

    def _issue(self, ident: str) -> dict[str, Any] | None:
        data = self._gql(ISSUE, {"id": ident}, missing_ok=True)
        issue = (data or {}).get("issue")
        return issue if isinstance(issue, dict) else None

    def push(self, task: TaskRecord, link: Link | None) -> Link:
        ident = link.external_id if link else issue_id(task.key)
        current = self._issue(ident)
        state = self.state_for(task.phase)
        shown_state = (current or {}).get("state") or {}
        if shown_state.get("id") and \
                match_status(self._machine, self.status_of(shown_state)).phase == task.phase:
            state = shown_state  # a person's choice among the phase's states is kept
        fields = {"title": task.title, "stateId": state["id"],
                  "description": description(task.body, task.checklist, owner=task.owner,
                                             phase=task.phase)}
        if current is None:
            data = self._gql(CREATE, {"input": {"id": ident, "teamId": self.team()["id"],
                                                **fields}}) or {}
            current = data.get("issueCreate", {}).get("issue") or {"id": ident}
        else:
            shown = {"title": current.get("title"), "description": current.get("description"),
                     "stateId": (current.get("state") or {}).get("id")}
            changes = {k: v for k, v in fields.items() if shown[k] != v}
            if changes:
                data = self._gql(UPDATE, {"id": ident, "input": changes}) or {}
                current = data.get("issueUpdate", {}).get("issue") or current
        return Link(task.key, self.name, str(current.get("id", ident)), url=current.get("url"),
                    remote_status=str(state.get("name")))

    def comment(self, task: TaskRecord, link: Link | None, transition: Mapping[str, object],
                *, retry: bool) -> None:
        if link is None:
            raise SinkError(f"linear: {task.key} has no issue yet", sink=self.name)
        ident = comment_id(task.key, transition.get("transition"))
        if retry and self._gql(COMMENT, {"id": ident}, missing_ok=True):
            return  # the earlier try landed
        emoji = str(state_meta(self._machine, str(transition.get("to")), "emoji") or "📌")
        body = (f"{emoji} **Workflow Phase: {transition.get('from') or 'new'} → "
                f"{transition.get('to')}**\n\n{transition.get('reason')}\n\n---\n"
                f"*{transition.get('actor')} via `{transition.get('command')}` · "
                f"confidence {transition.get('confidence')}%*")
        self._gql(COMMENT_CREATE, {"input": {"id": ident, "issueId": link.external_id,
                                             "body": body}})

    # -- reading back ---------------------------------------------------------------------------

    def pull(self, links: Sequence[Link]) -> Sequence[RemoteState]:
        by_id = {link.external_id: link for link in links}
        found: list[RemoteState] = []
        ids = sorted(by_id)
        for start in range(0, len(ids), 100):
            after: str | None = None
            while True:
                data = self._gql(ISSUES, {"ids": ids[start:start + 100], "after": after}) or {}
                issues = data.get("issues", {})
                for issue in issues.get("nodes", []):
                    link = by_id.get(str(issue.get("id")))
                    if link is None:
                        continue
                    state = issue.get("state") or {}
                    found.append(RemoteState(
                        link.key, link.external_id, str(state.get("name", "")),
                        self.status_of(state), actor="linear",
                        checklist=parse_checklist(str(issue.get("description") or ""))))
                page = issues.get("pageInfo") or {}
                if not page.get("hasNextPage"):
                    break
                after = page.get("endCursor")
        return found
