"""Settings in one typed place: ``commissioning.toml``, ``COMMISSIONING_*`` variables and flags.

No other module reads ``os.environ`` or parses the config file. A malformed file is rejected with
the key and the line that hold the problem.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any

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


class VentureConfig(_Section):
    """The parsed ``commissioning.toml``; every field has a default, so the file is optional."""

    venture: VentureSection = Field(default_factory=VentureSection)
    scan: ScanSection = Field(default_factory=ScanSection)
    roles: dict[str, RoleRule] = Field(default_factory=dict)
    ideas: list[IdeaTable] = Field(default_factory=list)
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
