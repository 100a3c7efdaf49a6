"""One error hierarchy for the whole package.

Pure code raises these and never prints; the surfaces (CLI, API) render them once, with the
message a user can act on. Each class carries the exit code the CLI uses and the HTTP status
the API answers with, so no surface has to guess.

    CommissioningError                 exit 2, HTTP 500
    ├── UserInputError                 exit 2, HTTP 400   something the user gave is wrong
    │   ├── ConfigError                                   commissioning.toml is malformed
    │   ├── PathNotFoundError          HTTP 404           the venture path does not exist
    │   └── UnknownTableError          HTTP 404           no table of that name in the scan
    ├── MachineDefinitionError                            a machine definition is malformed
    ├── NoScanError                    HTTP 404           nothing stored yet: run a scan first
    ├── ScanError                                         the scan failed; nothing was stored
    └── StoreError                     HTTP 503           our own store could not be read/written
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


class StoreError(CommissioningError):
    http_status = 503
