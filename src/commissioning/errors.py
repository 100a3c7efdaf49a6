"""One error hierarchy for the whole package.

Pure code raises these and never prints; the surfaces (CLI, API) render them once, with the
message a user can act on. Each class carries the exit code the CLI uses and the HTTP status
the API answers with, so no surface has to guess.

    CommissioningError                 exit 2, HTTP 500
    ├── UserInputError                 exit 2, HTTP 400   something the user gave is wrong
    │   ├── ConfigError                                   commissioning.toml is malformed
    │   ├── PathNotFoundError          HTTP 404           the venture path does not exist
    │   ├── UnknownTableError          HTTP 404           no table of that name in the scan
    │   ├── UnknownMachineError        HTTP 404           no machine of that name
    │   ├── UnknownTaskError           HTTP 404           no task of that key in the store
    │   ├── UnknownCapabilityError     HTTP 404           no capability of that slug
    │   ├── UnknownProposalError       HTTP 404           no proposal of that id
    │   └── TransitionRefused          HTTP 409           the workflow machine refused a move
    │       └── ConfirmationRequired   HTTP 409           allowed, but below 80: confirm it
    ├── MachineDefinitionError                            a machine definition is malformed
    ├── NoScanError                    HTTP 404           nothing stored yet: run a scan first
    ├── ScanError                                         the scan failed; nothing was stored
    ├── LiveSourceError                HTTP 502           a live source (venture DB, test report)
    │                                                     could not be read: its kinds are unknown
    ├── StoreError                     HTTP 503           our own store could not be read/written
    ├── AuthError                      HTTP 401           no valid bearer token was given
    │   └── PermissionDeniedError      HTTP 403           the token's role may not do this
    └── SinkError                      HTTP 502           a tracker (GitHub, Linear…) failed
        └── SinkUnavailable            HTTP 503           down, 5xx, 429 or timed out: retry later
"""

from __future__ import annotations


class CommissioningError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code: int = 2
    http_status: int = 500

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"

    def to_dict(self) -> dict[str, object]:
        """The one error shape of the JSON surfaces."""
        return {"error": type(self).__name__, "message": self.message, "hint": self.hint}


class UserInputError(CommissioningError):
    http_status = 400


class ConfigError(UserInputError):
    """commissioning.toml (or a flag) holds something we cannot use."""

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None,
        key: str | None = None, hint: str | None = None,
    ) -> None:
        where = path or "commissioning.toml"
        if line is not None:
            where = f"{where}:{line}"
        prefix = f"{where}: " if where else ""
        keyed = f"key '{key}': " if key else ""
        super().__init__(f"{prefix}{keyed}{message}", hint=hint)
        self.path = path
        self.line = line
        self.key = key


class PathNotFoundError(UserInputError):
    http_status = 404


class UnknownTableError(UserInputError):
    http_status = 404


class UnknownMachineError(UserInputError):
    http_status = 404


class UnknownTaskError(UserInputError):
    http_status = 404


class UnknownCapabilityError(UserInputError):
    http_status = 404


class UnknownProposalError(UserInputError):
    http_status = 404


class TransitionRefused(UserInputError):  # noqa: N818 (the name the issue uses)
    """The workflow machine refused a transition; ``allowed`` names the targets it would take."""

    http_status = 409

    def __init__(
        self, message: str, *, allowed: tuple[str, ...] = (), failures: tuple[str, ...] = (),
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.allowed = allowed
        self.failures = failures

    def to_dict(self) -> dict[str, object]:
        return {**super().to_dict(), "allowed": list(self.allowed),
                "failures": list(self.failures)}


class ConfirmationRequired(TransitionRefused):
    """The transition is allowed but its confidence is below the threshold: confirm it."""

    def __init__(self, message: str, *, confidence: int, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.confidence = confidence

    def to_dict(self) -> dict[str, object]:
        return {**super().to_dict(), "confidence": self.confidence,
                "requires_confirmation": True}


class MachineDefinitionError(CommissioningError):
    """A machine definition file is malformed; the message names the line."""

    def __init__(self, message: str, *, source: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line


class NoScanError(CommissioningError):
    http_status = 404


class ScanError(CommissioningError):
    """The scan could not complete. Nothing was stored."""


class LiveSourceError(CommissioningError):
    """A live source (the venture's database, a test report) could not be read.

    Observers catch it and turn it into a diagnostic and unknown kinds, so the static scan still
    completes; the message is safe to print (it never holds a password).
    """

    http_status = 502


class StoreError(CommissioningError):
    http_status = 503


class AuthError(CommissioningError):
    """A surface needs a bearer token and got none, an unknown one, or a revoked one."""

    http_status = 401


class PermissionDeniedError(AuthError):
    """The token is valid but its role may not do this (an agent moving a task, …)."""

    http_status = 403

    def __init__(self, message: str, *, role: str, needs: tuple[str, ...],
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.role = role
        self.needs = needs

    def to_dict(self) -> dict[str, object]:
        return {**super().to_dict(), "role": self.role, "needs": list(self.needs)}


class SinkError(CommissioningError):
    """A sink (tracker) refused or failed a delivery. The outbox keeps the work queued."""

    http_status = 502

    def __init__(self, message: str, *, sink: str, status: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.sink = sink
        self.status = status


class SinkUnavailable(SinkError):  # noqa: N818 (a state, like TransitionRefused)
    """The tracker is down, overloaded (5xx), rate limiting (429) or timed out: retry later.

    ``retry_after`` is the tracker's own ``Retry-After`` in seconds, when it sent one.
    """

    http_status = 503

    def __init__(self, message: str, *, sink: str, status: int | None = None,
                 retry_after: float | None = None, hint: str | None = None) -> None:
        super().__init__(message, sink=sink, status=status, hint=hint)
        self.retry_after = retry_after
