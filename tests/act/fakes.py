"""Local stand-ins for the GitHub REST and Linear GraphQL APIs, on 127.0.0.1, random ports.

They implement the subset the sinks use, with the request and response shapes the vendors
document, and fail on demand: a status (503, 502, 429 with ``Retry-After``), a dropped
connection (an outage), a lost answer (the change is applied, then the answer fails: the case
that makes retries create duplicates unless the sink is idempotent), or a slow answer (timeout).
Every request is logged so tests can count what reached the tracker.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

Matcher = Callable[[str, str, Any], bool]  # (method, path, JSON body) -> fail this one?


@dataclass
class Failure:
    kind: str  # "status" | "drop" | "lost" | "slow"
    status: int = 503
    retry_after: str | None = None
    body: dict[str, Any] | None = None
    seconds: float = 1.0
    when: Matcher | None = None


@dataclass
class Logged:
    method: str
    path: str
    body: Any
    status: int


@dataclass
class FakeService:
    """The shared machinery: failure queue, request log, token check."""

    token: str
    failures: list[Failure] = field(default_factory=list)
    log: list[Logged] = field(default_factory=list)
    down: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, times: int = 1, status: int = 503, retry_after: str | None = None,
             kind: str = "status", body: dict[str, Any] | None = None,
             seconds: float = 1.0, when: Matcher | None = None) -> None:
        """Fail the next ``times`` requests (matching ``when``, if given) in the way ``kind``
        says: ``status`` answers ``status``; ``drop`` closes the connection; ``lost`` applies
        the request and then answers 502; ``slow`` answers after ``seconds``."""
        for _ in range(times):
            self.failures.append(Failure(kind, status, retry_after, body, seconds, when))

    def take_failure(self, method: str, path: str, body: Any) -> Failure | None:
        with self.lock:
            for index, failure in enumerate(self.failures):
                if failure.when is None or failure.when(method, path, body):
                    return self.failures.pop(index)
        return None

    def writes(self, method: str | None = None) -> list[Logged]:
        return [r for r in self.log if r.method != "GET" and r.status < 400
                and (method is None or r.method == method)]

    def handle(self, method: str, path: str, query: dict[str, list[str]], body: Any,
               headers: Any) -> tuple[int, Any, dict[str, str]]:
        raise NotImplementedError


class _Handler(BaseHTTPRequestHandler):
    service: FakeService

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def _serve(self, method: str) -> None:
        service = self.server.service  # type: ignore[attr-defined]
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        url = urlparse(self.path)
        failure = service.take_failure(method, url.path, body)
        if service.down or (failure and failure.kind == "drop"):
            service.log.append(Logged(method, url.path, body, 599))
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if failure and failure.kind == "slow":
            time.sleep(failure.seconds)
        if failure and failure.kind == "status":
            payload = failure.body or {"message": "Service Unavailable"}
            headers = {"Retry-After": failure.retry_after} if failure.retry_after else {}
            service.log.append(Logged(method, url.path, body, failure.status))
            self._answer(failure.status, payload, headers)
            return
        with service.lock:
            status, payload, headers = service.handle(method, url.path, parse_qs(url.query),
                                                      body, self.headers)
        service.log.append(Logged(method, url.path, body, status))
        if failure and failure.kind == "lost":  # applied, but the answer never arrives intact
            status, payload, headers = 502, {"message": "Bad Gateway"}, {}
        self._answer(status, payload, headers)
        return

    def _answer(self, status: int, payload: Any, headers: dict[str, str]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PATCH(self) -> None:
        self._serve("PATCH")


@contextmanager
def serving(service: FakeService) -> Iterator[str]:
    """Run ``service`` on 127.0.0.1 at a random port; yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.service = service  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# -- GitHub ---------------------------------------------------------------------------------------

_ISSUES = re.compile(r"^/repos/([^/]+)/([^/]+)/issues$")
_ISSUE = re.compile(r"^/repos/([^/]+)/([^/]+)/issues/(\d+)$")


@dataclass
class FakeGitHub(FakeService):
    """``/repos/{owner}/{repo}/issues`` (list, create), ``/issues/{n}`` (get, update)."""

    repo: str = "acme/greenhouse"
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    base: str = ""

    def _authorised(self, headers: Any) -> bool:
        return headers.get("Authorization") == f"Bearer {self.token}"

    def handle(self, method: str, path: str, query: dict[str, list[str]], body: Any,
               headers: Any) -> tuple[int, Any, dict[str, str]]:
        if not self._authorised(headers):
            return 401, {"message": "Bad credentials"}, {}
        many, one = _ISSUES.match(path), _ISSUE.match(path)
        repo = (many or one).group(1) + "/" + (many or one).group(2) if (many or one) else ""
        if repo != self.repo:
            return 404, {"message": "Not Found"}, {}
        if many and method == "GET":
            return 200, self._list(query), {}
        if many and method == "POST":
            return self._create(body)
        if one:
            issue = self.issues.get(int(one.group(3)))
            if issue is None:
                return 404, {"message": "Not Found"}, {}
            if method == "GET":
                return 200, issue, {}
            if method == "PATCH":
                return self._update(issue, body)
        return 405, {"message": "Method Not Allowed"}, {}

    def _list(self, query: dict[str, list[str]]) -> list[dict[str, Any]]:
        wanted = set((query.get("labels") or [""])[0].split(",")) - {""}
        state = (query.get("state") or ["open"])[0]
        per_page = int((query.get("per_page") or ["30"])[0])
        page = int((query.get("page") or ["1"])[0])
        found = [i for _, i in sorted(self.issues.items(), reverse=True)
                 if wanted <= {label["name"] for label in i["labels"]}
                 and (state == "all" or i["state"] == state)]
        return found[(page - 1) * per_page: page * per_page]

    def _create(self, body: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        if not body or not body.get("title"):
            return 422, {"message": "Validation Failed"}, {}
        number = max(self.issues, default=0) + 1
        issue = {
            "number": number, "title": body["title"], "body": body.get("body", ""),
            "labels": [{"name": name} for name in body.get("labels", [])],
            "state": "open", "state_reason": None,
            "html_url": f"https://github.com/{self.repo}/issues/{number}",
        }
        self.issues[number] = issue
        return 201, issue, {}

    def _update(self, issue: dict[str, Any], body: dict[str, Any]) -> tuple[int, Any, dict]:
        for key in ("title", "body"):
            if key in body:
                issue[key] = body[key]
        if "labels" in body:
            issue["labels"] = [{"name": name} for name in body["labels"]]
        if "state" in body:
            issue["state"] = body["state"]
            issue["state_reason"] = body.get("state_reason") if body["state"] == "closed" \
                else ("reopened" if body.get("state_reason") == "reopened" else None)
        elif "state_reason" in body:
            issue["state_reason"] = body["state_reason"]
        return 200, issue, {}

    # what a person does in GitHub's UI
    def person_closes(self, number: int, reason: str = "completed") -> None:
        self.issues[number].update(state="closed", state_reason=reason)

    def person_reopens(self, number: int) -> None:
        self.issues[number].update(state="open", state_reason="reopened")

    def person_relabels(self, number: int, phase_label: str) -> None:
        labels = [lb for lb in self.issues[number]["labels"]
                  if not lb["name"].startswith("phase: ")]
        self.issues[number]["labels"] = [*labels, {"name": phase_label}]


# -- Linear ---------------------------------------------------------------------------------------

_OPERATION = re.compile(r"^\s*(query|mutation)\s+(\w+)")
DEFAULT_STATES = [
    ("s-backlog", "Backlog", "backlog", 0), ("s-todo", "Todo", "unstarted", 1),
    ("s-progress", "In Progress", "started", 2), ("s-review", "In Review", "started", 3),
    ("s-done", "Done", "completed", 4), ("s-canceled", "Canceled", "canceled", 5),
]


@dataclass
class FakeLinear(FakeService):
    """One GraphQL endpoint: Teams, Issue, Issues, IssueCreate, IssueUpdate, Comment,
    CommentCreate — answering ``{"data": …}`` or ``{"errors": [...]}`` as Linear does."""

    team_key: str = "GRN"
    states: list[tuple[str, str, str, int]] = field(default_factory=lambda: list(DEFAULT_STATES))
    issues: dict[str, dict[str, Any]] = field(default_factory=dict)
    comments: dict[str, dict[str, Any]] = field(default_factory=dict)

    def _state(self, state_id: str) -> dict[str, Any] | None:
        for sid, name, kind, position in self.states:
            if sid == state_id:
                return {"id": sid, "name": name, "type": kind, "position": position}
        return None

    def handle(self, method: str, path: str, query: dict[str, list[str]], body: Any,
               headers: Any) -> tuple[int, Any, dict[str, str]]:
        if headers.get("Authorization") != self.token:
            return 400, {"errors": [{"message": "Authentication required",
                                     "extensions": {"code": "AUTHENTICATION_ERROR"}}]}, {}
        if method != "POST" or path != "/graphql":
            return 404, {"message": "Not Found"}, {}
        match = _OPERATION.match(body.get("query", ""))
        if not match:
            return 400, {"errors": [{"message": "Syntax Error"}]}, {}
        operation = match.group(2)
        variables = body.get("variables") or {}
        handler = getattr(self, f"_op_{operation}", None)
        if handler is None:
            return 400, {"errors": [{"message": f"unknown operation {operation}"}]}, {}
        return 200, handler(variables), {}

    def _op_Teams(self, _: dict[str, Any]) -> dict[str, Any]:
        states = [self._state(s[0]) for s in self.states]
        return {"data": {"teams": {"nodes": [{"id": "team-1", "key": self.team_key,
                                              "name": "Greenhouse",
                                              "states": {"nodes": states}}]}}}

    def _not_found(self) -> dict[str, Any]:
        return {"data": None, "errors": [{"message": "Entity not found",
                                          "extensions": {"code": "INVALID_INPUT"}}]}

    def _op_Issue(self, v: dict[str, Any]) -> dict[str, Any]:
        issue = self.issues.get(v["id"])
        return {"data": {"issue": issue}} if issue else self._not_found()

    def _op_Issues(self, v: dict[str, Any]) -> dict[str, Any]:
        ids = v.get("ids") or []
        nodes = [self.issues[i] for i in ids if i in self.issues]
        return {"data": {"issues": {"nodes": nodes,
                                    "pageInfo": {"hasNextPage": False, "endCursor": None}}}}

    def _op_IssueCreate(self, v: dict[str, Any]) -> dict[str, Any]:
        data = v["input"]
        if data.get("id") in self.issues:
            return {"data": None, "errors": [{"message": "Entity already exists",
                                              "extensions": {"code": "INVALID_INPUT"}}]}
        ident = data.get("id") or f"generated-{len(self.issues) + 1}"
        number = len(self.issues) + 1
        issue = {"id": ident, "identifier": f"{self.team_key}-{number}",
                 "url": f"https://linear.app/acme/issue/{self.team_key}-{number}",
                 "title": data["title"], "description": data.get("description", ""),
                 "state": self._state(data.get("stateId") or self.states[0][0])}
        self.issues[ident] = issue
        return {"data": {"issueCreate": {"success": True, "issue": issue}}}

    def _op_IssueUpdate(self, v: dict[str, Any]) -> dict[str, Any]:
        issue = self.issues.get(v["id"])
        if issue is None:
            return self._not_found()
        data = v["input"]
        for key in ("title", "description"):
            if key in data:
                issue[key] = data[key]
        if "stateId" in data:
            issue["state"] = self._state(data["stateId"])
        return {"data": {"issueUpdate": {"success": True, "issue": issue}}}

    def _op_Comment(self, v: dict[str, Any]) -> dict[str, Any]:
        found = self.comments.get(v["id"])
        return {"data": {"comment": {"id": found["id"]}}} if found else self._not_found()

    def _op_CommentCreate(self, v: dict[str, Any]) -> dict[str, Any]:
        data = v["input"]
        if data.get("id") in self.comments:
            return {"data": None, "errors": [{"message": "Entity already exists"}]}
        if data.get("issueId") not in self.issues:
            return self._not_found()
        self.comments[data["id"]] = dict(data)
        return {"data": {"commentCreate": {"success": True, "comment": {"id": data["id"]}}}}

    # what a person does in Linear's UI
    def person_moves(self, issue_id: str, state_name: str) -> None:
        sid = next(s[0] for s in self.states if s[1] == state_name)
        self.issues[issue_id]["state"] = self._state(sid)

    def comments_on(self, issue_id: str) -> list[dict[str, Any]]:
        return [c for c in self.comments.values() if c["issueId"] == issue_id]
