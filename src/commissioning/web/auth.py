"""Who is calling: bearer tokens for programs, a cookie for a person's browser.

Every check is ``services.auth.check``; this module only finds the token in the request.
Programs send ``Authorization: Bearer cm_…``. A person signs in once on ``/login`` by pasting a
token; it is kept in an HttpOnly, SameSite=Strict cookie. A write carried by that cookie must
also come from htmx (the ``HX-Request`` header, which another site cannot make a browser send
without a CORS preflight we never grant) and from this origin: the cookie alone never writes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from commissioning.errors import AuthError, CommissioningError
from commissioning.services import auth
from commissioning.services.auth import ANONYMOUS, Action, Principal
from commissioning.services.context import Workspace
from commissioning.web.render import render_html

COOKIE = "commissioning_token"
router = APIRouter(include_in_schema=False)


def workspace(request: Request) -> Workspace:
    ws: Workspace = request.app.state.ws
    return ws


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if header and (scheme.lower() != "bearer" or not value.strip()):
        raise AuthError("the Authorization header must be `Bearer <token>`")
    return value.strip() or None


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


def presented_token(request: Request, action: Action) -> tuple[str | None, bool]:
    """The token of this request and whether it came from the sign-in cookie: the bearer header
    wins; the cookie counts for reads, and for writes only as the module doc says."""
    token = _bearer(request)
    if token:
        return token, False
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return None, False
    if action is Action.READ:
        return cookie, True
    if request.headers.get("hx-request") == "true" and _same_origin(request):
        return cookie, True
    return None, False


def requires(action: Action) -> Callable[[Request], Awaitable[Principal]]:
    """A FastAPI dependency: the caller, allowed to ``action`` (401/403 otherwise).

    An anonymous read while reads are open costs nothing; anything else checks the token in the
    store, on a worker thread."""

    async def dependency(request: Request) -> Principal:
        ws = workspace(request)
        open_reads = not ws.settings.require_read_token
        token, from_cookie = presented_token(request, action)
        if token is None and action is Action.READ and open_reads:
            principal = ANONYMOUS
        else:
            try:
                principal = await run_in_threadpool(auth.check, ws.store, token, action,
                                                    open_reads=open_reads)
            except AuthError:
                # A stale sign-in cookie must not lock a person out of pages anyone may read.
                if not (from_cookie and action is Action.READ and open_reads):
                    raise
                principal = ANONYMOUS
        request.state.viewer = principal
        return principal

    dependency.__name__ = f"requires_{action.value}"
    return dependency


def caller(request: Request, action: Action) -> Principal:
    """The same check as :func:`requires`, for a handler that renders its own refusal (the
    board and the attestation form answer htmx with a fragment, not with JSON)."""
    ws = workspace(request)
    token, _ = presented_token(request, action)
    principal = auth.check(ws.store, token, action,
                           open_reads=not ws.settings.require_read_token)
    request.state.viewer = principal
    return principal


Reader = Annotated[Principal, Depends(requires(Action.READ))]
Attester = Annotated[Principal, Depends(requires(Action.ATTEST))]
Scanner = Annotated[Principal, Depends(requires(Action.SCAN))]
TaskMover = Annotated[Principal, Depends(requires(Action.MOVE_TASK))]
WorkspaceDep = Annotated[Workspace, Depends(workspace)]


def viewer(request: Request) -> Principal:
    """Who the browser is signed in as, for display only (never raises, never authorises)."""
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return ANONYMOUS
    try:
        return auth.authenticate(workspace(request).store, cookie)
    except CommissioningError:
        return ANONYMOUS


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    request.state.viewer = viewer(request)
    return HTMLResponse(render_html(request, "login.html", {"next": _local(next), "error": None}))


@router.post("/login")
def login(request: Request, token: Annotated[str, Form()], next: Annotated[str, Form()] = "/",
          ) -> Response:
    """Check the pasted token once, then keep it in the sign-in cookie."""
    try:
        principal = auth.authenticate(workspace(request).store, token)
    except CommissioningError as exc:
        request.state.viewer = ANONYMOUS
        html = render_html(request, "login.html", {"next": _local(next), "error": exc.message})
        return HTMLResponse(html, status_code=exc.http_status)
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
    request.state.viewer = principal
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _local(target: str) -> str:
    """Only redirect within this site (no open redirect through ``next``)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
