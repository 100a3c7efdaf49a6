"""Rendering: one page function builds a dict; this module sends it as HTML or as its JSON twin.

As in datasette, every HTML page has a JSON twin built by the same function: a page handler
returns ``page(request, "grid.html", data)`` and the same ``data`` goes out as JSON when the URL
asks for it (``?format=json``, or a ``.json`` suffix on the page's path). Jinja2 lives here and
in the templates only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from commissioning import __version__
from commissioning.errors import CommissioningError

# Colour carries the outcome; the mark repeats it for people who cannot tell the colours apart.
OUTCOME_MARKS = {"present": "✓", "waived": "◐", "unknown": "?", "failing": "✗", "missing": ""}
# Column heads of the grid: the rung names, short enough for a 38-pixel column.
RUNG_SHORT = {"schema": "Schema", "migration": "Migration", "data": "Data",
              "repository": "Repo", "server_actions": "Actions", "crud_ui": "CRUD UI",
              "etl": "ETL", "a2a_api": "A2A API", "e2e_tests": "E2E", "commissioned": "Done"}

_env = Environment(
    loader=PackageLoader("commissioning.web", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["tojson_pretty"] = lambda value: json.dumps(value, indent=2, ensure_ascii=False)
_env.globals["OUTCOME_MARKS"] = OUTCOME_MARKS
_env.globals["RUNG_SHORT"] = RUNG_SHORT
_env.globals["version"] = __version__


def wants_json(request: Request) -> bool:
    """The JSON twin is asked for by ``?format=json`` or a ``.json`` path suffix."""
    return request.query_params.get("format") == "json" or request.url.path.endswith(".json")


def json_twin_url(request: Request) -> str:
    """This page's own URL with ``format=json`` added: every page links to it."""
    params = dict(request.query_params)
    params["format"] = "json"
    return f"{request.url.path}?{urlencode(params)}"


def render_html(request: Request, template: str, data: Mapping[str, Any]) -> str:
    context = {
        **data,
        "data": data,
        "request": request,
        "json_url": json_twin_url(request),
        "viewer": getattr(request.state, "viewer", None),
        "venture_name": getattr(request.app.state, "venture_name", ""),
    }
    return _env.get_template(template).render(context)


def page(request: Request, template: str, data: Mapping[str, Any], *,
         status_code: int = 200) -> Response:
    """Send ``data`` as the page ``template`` renders it, or as JSON when that is asked for."""
    if wants_json(request):
        return JSONResponse(dict(data), status_code=status_code)
    return HTMLResponse(render_html(request, template, data), status_code=status_code)


def fragment(request: Request, template: str, data: Mapping[str, Any], *,
             status_code: int = 200) -> HTMLResponse:
    """A partial page for htmx to swap in (never a JSON twin: its JSON is the API's answer)."""
    return HTMLResponse(render_html(request, template, data), status_code=status_code)


def error_body(exc: CommissioningError) -> dict[str, object]:
    """The one error shape of every JSON surface (``CommissioningError.to_dict``)."""
    return exc.to_dict()


def error_response(request: Request, exc: CommissioningError,
                   body: Mapping[str, object] | None = None,
                   headers: Mapping[str, str] | None = None) -> Response:
    """JSON for the API and JSON twins; an HTML error page for a person's browser.

    ``body`` replaces ``exc.to_dict()`` when the caller names the error differently (the
    framework's own 404 and 405)."""
    payload = dict(body) if body is not None else error_body(exc)
    sent = dict(headers or {})
    if exc.http_status == 401:
        sent["WWW-Authenticate"] = "Bearer"
    if request.url.path.startswith(("/api/", "/mcp", "/.well-known/")) or wants_json(request) \
            or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse(payload, status_code=exc.http_status, headers=sent)
    html = render_html(request, "error.html", {"title": str(payload["error"]), "error": payload,
                                               "status": exc.http_status})
    return HTMLResponse(html, status_code=exc.http_status, headers=sent)
