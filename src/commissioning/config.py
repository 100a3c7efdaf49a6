"""Settings in one typed place: ``commissioning.toml``, ``COMMISSIONING_*`` variables and flags.

No other module reads ``os.environ`` or parses the config file. A malformed file is rejected with
the key and the line that hold the problem.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from commissioning.errors import ConfigError

CONFIG_FILE = "commissioning.toml"
STORE_DIR = ".commissioning"
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VentureSection(_Section):
    name: str | None = None
    profiles: list[str] = Field(default_factory=list)  # empty: detect


class ScanSection(_Section):
    exclude: list[str] = Field(default_factory=list)
    max_file_bytes: int = Field(default=2_000_000, gt=0)
    max_hops: int = Field(default=4, ge=0, le=12)


class RoleRule(_Section):
    """Override of one role's defaults. ``globs`` replaces the defaults; ``extra_globs`` adds."""

    globs: list[str] | None = None
    extra_globs: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    signals: list[str] | None = None
    extra_signals: list[str] = Field(default_factory=list)


class IdeaTable(_Section):
    name: str
    schema_: str = Field(default="public", alias="schema")
    note: str = ""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value


class LiveSection(_Section):
    """Live evidence: the venture's own database (read-only) and its test reports.

    The URL holds no password: ``password_env`` names the environment variable it is read from
    at scan time (see :func:`live_password`), so the password is never stored or hashed.
    """

    venture_db: str | None = None
    password_env: str | None = None
    reports: list[str] = Field(default_factory=list)  # globs, relative to the venture root
    exact_count_limit: int = Field(default=100_000, gt=0)  # above it: the planner's estimate
    connect_timeout: float = Field(default=5.0, gt=0, le=300)  # seconds
    statement_timeout: float = Field(default=10.0, gt=0, le=3600)  # seconds, every statement
    exposed_schemas: list[str] = Field(default_factory=lambda: ["public"])  # Supabase Data API


class TaskTemplateSection(_Section):
    """``[tasks.templates.<kind>]``: override what the task of one gap kind says (str.format)."""

    title: str | None = None
    why: str | None = None
    where: str | None = None
    checklist: list[str] | None = None
    body: str | None = None


class MarkdownSinkSection(_Section):
    path: str = "tasks"  # folder, relative to the venture root: one file per task


class GitHubSinkSection(_Section):
    repo: str | None = None  # "owner/name"
    api_url: str = "https://api.github.com"
    token_env: str = "GITHUB_TOKEN"  # the variable the token is read from (never stored)
    label: str = "commissioning"  # on every issue we open: how we find ours again
    timeout: float = Field(default=10.0, gt=0, le=300)

    @field_validator("repo")
    @classmethod
    def _owner_name(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[\w.-]+/[\w.-]+", value):
            raise ValueError("must be 'owner/name'")
        return value


class LinearSinkSection(_Section):
    team: str | None = None  # the team's key (e.g. "ENG") or id
    api_url: str = "https://api.linear.app/graphql"
    token_env: str = "LINEAR_API_KEY"
    states: dict[str, str] = Field(default_factory=dict)  # phase -> the team's state name
    timeout: float = Field(default=10.0, gt=0, le=300)


class RetrySection(_Section):
    """Outbox delivery: retries within one sync, and the backoff between syncs."""

    attempts: int = Field(default=3, ge=1, le=10)  # tries per request within one sync
    backoff: float = Field(default=0.5, ge=0, le=60)  # seconds, doubled per try
    max_wait: float = Field(default=10.0, ge=0, le=600)  # longest Retry-After waited in-run
    max_backoff: float = Field(default=900.0, gt=0)  # cap of the delay between syncs


class TasksSection(_Section):
    """``[tasks]``: where tasks go and what they say."""

    sinks: list[str] = Field(default_factory=lambda: ["store"])
    auto_complete: bool = False  # the scanner also moves VERIFIED -> COMPLETE on a later scan
    templates: dict[str, TaskTemplateSection] = Field(default_factory=dict)
    markdown: MarkdownSinkSection = Field(default_factory=MarkdownSinkSection)
    github: GitHubSinkSection = Field(default_factory=GitHubSinkSection)
    linear: LinearSinkSection = Field(default_factory=LinearSinkSection)
    retry: RetrySection = Field(default_factory=RetrySection)

    @field_validator("sinks")
    @classmethod
    def _known_sinks(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - {"store", "markdown", "github", "linear"})
        if unknown:
            raise ValueError(f"unknown sink {unknown[0]!r}; sinks: store, markdown, github, linear")
        return value

    @field_validator("templates")
    @classmethod
    def _known_kinds(cls, value: dict[str, TaskTemplateSection]) -> dict[str, TaskTemplateSection]:
        kinds = {"schema", "migration", "data", "repository", "server_actions", "crud_ui", "etl",
                 "a2a_api", "e2e_tests", "commissioned"}
        unknown = sorted(set(value) - kinds)
        if unknown:
            raise ValueError(f"no gap kind named {unknown[0]!r}; kinds: {', '.join(sorted(kinds))}")
        return value


class RoutingRuleSection(_Section):
    """``[[routing.rules]]``: ``owner`` for tables matching ``table`` and/or ``path`` (globs)."""

    owner: str
    table: str | None = None
    path: str | None = None

    @field_validator("path")
    @classmethod
    def _relative(cls, value: str | None) -> str | None:
        return value.lstrip("/") if value else value


class RoutingSection(_Section):
    """``[routing]``: rules first, then CODEOWNERS of the schema file, then ``default``."""

    default: str | None = None
    codeowners: bool = True
    rules: list[RoutingRuleSection] = Field(default_factory=list)


class CapabilitiesSection(_Section):
    """``[capabilities]``: where the feature matrix is (relative to the venture root), and how
    many days usage and a verification stay fresh (L3, L4)."""

    spec: str = "docs/feature-matrix.md"
    freshness_days: int = Field(default=30, ge=1, le=3650)


RouteName = Literal["auto_approve", "needs_review", "needs_ceo"]


class GovernanceActionSection(_Section):
    """``[governance.actions.<type>]``: change an action type's route, or add a type."""

    route: RouteName | None = None
    title: str | None = None
    description: str | None = None
    executes: Literal["", "waiver", "claim"] | None = None


class GovernanceRouteSection(_Section):
    """``[governance.routes.<route>]``: the roles that may decide a proposal on that route."""

    approvers: list[str] = Field(default_factory=list)


class GovernanceSection(_Section):
    """``[governance]``: the roles (people or agents, e.g. ``senior = ["@alice"]``) and
    overrides of the shipped governance matrix (governance/matrix.toml)."""

    roles: dict[str, list[str]] = Field(default_factory=dict)
    actions: dict[str, GovernanceActionSection] = Field(default_factory=dict)
    routes: dict[RouteName, GovernanceRouteSection] = Field(default_factory=dict)


class VentureConfig(_Section):
    """The parsed ``commissioning.toml``; every field has a default, so the file is optional."""

    venture: VentureSection = Field(default_factory=VentureSection)
    scan: ScanSection = Field(default_factory=ScanSection)
    roles: dict[str, RoleRule] = Field(default_factory=dict)
    ideas: list[IdeaTable] = Field(default_factory=list)
    tasks: TasksSection = Field(default_factory=TasksSection)
    routing: RoutingSection = Field(default_factory=RoutingSection)
    live: LiveSection = Field(default_factory=LiveSection)
    capabilities: CapabilitiesSection = Field(default_factory=CapabilitiesSection)
    governance: GovernanceSection = Field(default_factory=GovernanceSection)
    # Filled by the loader, not by users: where each idea was named (for its evidence line).
    idea_lines: dict[str, int] = Field(default_factory=dict, exclude=True)
    source_text: str = Field(default="", exclude=True, repr=False)

    @property
    def config_hash(self) -> str:
        return "sha256:" + hashlib.sha256(self.source_text.encode("utf-8")).hexdigest()


class Settings(BaseSettings):
    """Process-level settings: environment (``COMMISSIONING_*``) overridden by flags."""

    model_config = SettingsConfigDict(env_prefix="COMMISSIONING_", extra="ignore")

    db: str | None = None  # COMMISSIONING_DB: our store's URL (default: SQLite in the venture)
    venture_db: str | None = None  # COMMISSIONING_VENTURE_DB: the venture's own DB (read-only)
    # COMMISSIONING_REQUIRE_READ_TOKEN: `commission serve` asks a token for reads too (writes
    # always need one); off by default because the server listens on loopback.
    require_read_token: bool = False
    # COMMISSIONING_TOKEN: the bearer token `commission mcp` (stdio) writes with.
    token: str | None = None


def live_password(live: LiveSection) -> str | None:
    """The venture database's password, from the variable ``[live] password_env`` names.

    Read here because this is the one module that reads the environment; None when no variable
    is named or it is not set (the connection then tries without one and says so if refused).
    """
    if not live.password_env:
        return None
    return os.environ.get(live.password_env) or None


def sink_token(env_name: str) -> str | None:
    """A tracker's token, from the variable its sink section names (``token_env``).

    Read here, the one module that reads the environment; None when it is not set (the sink
    then refuses to sync and says which variable to set).
    """
    return os.environ.get(env_name) or None


def current_actor() -> str:
    """Who is acting from this shell, for the audit of task transitions a person makes:
    ``COMMISSIONING_ACTOR``, else the login name, else ``someone``."""
    for name in ("COMMISSIONING_ACTOR", "USER", "USERNAME", "LOGNAME"):
        value = os.environ.get(name)
        if value:
            return value
    return "someone"


def load_settings(**overrides: Any) -> Settings:
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)


def load_venture_config(root: Path) -> VentureConfig:
    path = root / CONFIG_FILE
    if not path.is_file():
        return VentureConfig()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", path=CONFIG_FILE) from exc
    return parse_venture_config(text)


def parse_venture_config(text: str) -> VentureConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POSITION.search(str(exc))
        raise ConfigError(f"not valid TOML: {exc}", path=CONFIG_FILE,
                          line=int(match.group(1)) if match else None) from exc
    try:
        config = VentureConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [str(p) for p in first["loc"]]
        raise ConfigError(first["msg"], path=CONFIG_FILE, key=".".join(loc),
                          line=_line_of(text, loc)) from None
    lines = {idea.name: _line_of(text, ["ideas", idea.name]) or 1 for idea in config.ideas}
    return config.model_copy(update={"idea_lines": lines, "source_text": text})


def _line_of(text: str, loc: list[str]) -> int | None:
    """Best effort: the line where the deepest named key (or quoted value) of ``loc`` appears."""
    lines = text.splitlines()
    for part in reversed(loc):
        if part.isdigit():
            continue
        name = re.escape(part)
        pattern = re.compile(rf"""^\s*(\[+\s*)?("?{name}"?\s*[=\].]|.*["']{name}["'])""")
        for number, raw in enumerate(lines, start=1):
            if pattern.search(raw):
                return number
    return None
