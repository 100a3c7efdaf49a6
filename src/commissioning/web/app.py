"""The app factory: one FastAPI app for the JSON API, the Control Room, MCP and A2A.

    app = create_app(serve_settings(Path("examples/dairy-plant")))

Routers per concern (``api_*.py``, ``pages.py``, ``auth.py``); static files and templates ship
inside the package. Every error leaves in the one shape (``CommissioningError.to_dict()``) with
the HTTP status its class carries; framework errors (a malformed request, an unknown route) are
put in the same shape.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from commissioning import __version__
from commissioning.agents.a2a import a2a_routes
from commissioning.agents.mcp import build_mcp
from commissioning.errors import CommissioningError, UserInputError
from commissioning.services.context import ServeSettings, Workspace
from commissioning.web import (
    api_agents,
    api_attestations,
    api_capabilities,
    api_governance,
    api_machines,
    api_scans,
    api_status,
    api_tables,
    api_tasks,
    auth,
    pages,
    pages_governance,
)
from commissioning.web.render import error_response

log = logging.getLogger("commissioning.web")

DESCRIPTION = """Where every data table of the venture stands on the 10-state commissioning
ladder, with evidence; every gap becomes a task.

Reads are open on loopback unless the server was started with `--require-token`. Every write
needs `Authorization: Bearer <token>` from `commission token create --role agent|admin`: the
agent role may post attestations and trigger a rescan; only admin may move tasks. Errors have
one shape: `{"error", "message", "hint"}` (some add fields), with the status of the error class.
"""

_HTTP_NAMES = {404: "NotFound", 405: "MethodNotAllowed", 406: "NotAcceptable",
               415: "UnsupportedMediaType"}


class FrameworkError(UserInputError):
    """A request the framework refused before our code ran (unknown route, bad method, …)."""


def create_app(settings: ServeSettings, *, workspace: Workspace | None = None) -> FastAPI:
    """The whole server over one venture: API, pages, ``/mcp`` and A2A."""
    ws = workspace or Workspace(settings)
    mcp = build_mcp(ws)
    mcp_http = mcp.streamable_http_app(streamable_http_path="/mcp", stateless_http=True,
                                       json_response=True, host=settings.host)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        async with mcp.session_manager.run():
            yield
        ws.close()

    app = FastAPI(title="Commissioning", version=__version__, description=DESCRIPTION,
                  openapi_url="/api/openapi.json", docs_url="/api/docs", redoc_url=None,
                  lifespan=lifespan)
    app.state.ws = ws
    app.state.venture_name = ws.name
    _install_error_handlers(app)
    for module in (api_status, api_tables, api_tasks, api_machines, api_scans,
                   api_attestations, api_agents, api_capabilities, api_governance, auth, pages,
                   pages_governance):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(packages=[("commissioning.web", "static")]), name="static")
    app.router.routes.extend(mcp_http.routes)
    app.router.routes.extend(a2a_routes(ws, f"http://{settings.host}:{settings.port}"))
    return app


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CommissioningError)
    async def ours(request: Request, exc: CommissioningError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, exc: RequestValidationError) -> Response:
        details = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", "")}
                   for e in exc.errors()]
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(first["loc"])
        body = {"error": "ValidationError", "message": f"{where}: {first['msg']}".lstrip(": "),
                "hint": "see /api/openapi.json for the expected shape", "details": details}
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def framework(request: Request, exc: StarletteHTTPException) -> Response:
        error = FrameworkError(str(exc.detail))
        error.http_status = exc.status_code
        body = error.to_dict() | {"error": _HTTP_NAMES.get(exc.status_code, "HTTPError")}
        return error_response(request, error, body, exc.headers)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"error": "InternalError",
                             "message": f"{type(exc).__name__}: the server failed this request",
                             "hint": "the server log has the traceback"}, status_code=500)
