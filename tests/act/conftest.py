"""A venture wired to local GitHub and Linear servers, with a clock the tests move."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from tests.act.fakes import FakeGitHub, FakeLinear, serving

from commissioning import services
from commissioning.services import task_sync

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CODEOWNERS = "# who owns what\n*  @greenhouse/leads\nsrc/db/  @greenhouse/data\n"


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime.now(UTC) + timedelta(seconds=1))
    slept: list[float] = field(default_factory=list)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def sleep(self, seconds: float) -> None:  # retries wait on this clock, not the wall's
        self.slept.append(seconds)
        self.advance(seconds)


@dataclass
class Rig:
    root: Path
    github: FakeGitHub
    linear: FakeLinear
    clock: Clock

    def scan(self) -> dict[str, object]:
        return services.scan(self.root).document

    def sync(self, sink: str | None = None, *, force: bool = False,
             timeout: float = 2.0) -> task_sync.SyncReport:
        with httpx.Client(timeout=timeout) as client:
            return task_sync.sync(self.root, sink=sink, force=force, client=client,
                                  sleep=self.clock.sleep, clock=self.clock)

    def only(self, report: task_sync.SyncReport, sink: str) -> task_sync.SinkSync:
        return next(s for s in report.sinks if s.sink == sink)


def configure(root: Path, github_url: str, linear_url: str, sinks: str) -> None:
    config = root / "commissioning.toml"
    config.write_text(config.read_text(encoding="utf-8") + f"""
[tasks]
sinks = {sinks}

[tasks.github]
repo = "acme/greenhouse"
api_url = "{github_url}"

[tasks.linear]
team = "GRN"
api_url = "{linear_url}/graphql"

[tasks.retry]
attempts = 3
backoff = 0.5
max_wait = 5
""", encoding="utf-8")


@pytest.fixture
def rig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Rig]:
    monkeypatch.delenv("COMMISSIONING_DB", raising=False)
    monkeypatch.setenv("GITHUB_TOKEN", "gh-token")
    monkeypatch.setenv("LINEAR_API_KEY", "lin-key")
    monkeypatch.setenv("COMMISSIONING_ACTOR", "alice")
    root = tmp_path / "greenhouse"
    shutil.copytree(FIXTURES / "drizzle-mini", root)
    (root / "CODEOWNERS").write_text(CODEOWNERS, encoding="utf-8")
    github, linear = FakeGitHub(token="gh-token"), FakeLinear(token="lin-key")
    with serving(github) as github_url, serving(linear) as linear_url:
        configure(root, github_url, linear_url,
                  '["store", "markdown", "github", "linear"]')
        yield Rig(root, github, linear, Clock())
