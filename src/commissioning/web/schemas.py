"""The API's request bodies and the shapes its OpenAPI document promises.

Responses are the services' plain documents; the models here describe them for clients and for
the schemathesis run that holds the server to its own OpenAPI.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from commissioning.evidence import Kind


class ErrorBody(BaseModel):
    """The one error shape: ``CommissioningError.to_dict()`` (subclasses add fields)."""

    model_config = ConfigDict(extra="allow")

    error: str = Field(description="The error class, e.g. UnknownTableError")
    message: str
    hint: str | None = None


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route: each status it may answer with, in the one error shape."""
    text = {400: "Bad input", 401: "No valid bearer token", 403: "The token's role may not",
            404: "Not found", 409: "Refused by the workflow machine", 422: "Malformed request",
            503: "The store is unavailable"}
    return {s: {"model": ErrorBody, "description": text.get(s, "Error")} for s in statuses}


READ_ERRORS = errors(401, 422, 503)


class AttestationIn(BaseModel):
    """Evidence posted by a person or an agent. Who posts it comes from the token."""

    model_config = ConfigDict(extra="forbid")

    table: str = Field(min_length=1, max_length=200, description="Table name or schema.name")
    kind: Kind = Field(description="The evidence kind (a rung of the ladder) being attested")
    reason: str = Field(min_length=1, max_length=4000, pattern=r"\S",
                        description="Why the evidence holds")
    observed: str = Field(default="", max_length=4000, description="What was seen, if anything")
    path: str | None = Field(default=None, max_length=1000,
                             description="A file that proves it, relative to the venture root")
    line: int | None = Field(default=None, ge=1, le=10_000_000)


class MoveIn(BaseModel):
    """A task transition: the target phase, why, and (below 80% confidence) a confirmation."""

    model_config = ConfigDict(extra="forbid")

    to: str = Field(min_length=1, max_length=50, description="Target phase, e.g. PLANNED")
    reason: str = Field(default="", max_length=4000)
    confirm: bool = Field(default=False,
                          description="Confirm a transition whose confidence is below 80")
