"""The [live] section: the venture database, where its password comes from, the report globs."""

from __future__ import annotations

from pathlib import Path

import pytest

from commissioning.config import live_password, parse_venture_config
from commissioning.errors import ConfigError
from commissioning.observe.live import DatabaseObserver
from commissioning.observe.reports import ReportObserver
from commissioning.services.live import live_observers

LIVE = """[venture]
name = "dairy"

[live]
venture_db = "postgresql+psycopg://app@db.internal/dairy"
password_env = "VENTURE_DB_PASSWORD"
reports = ["reports/*.xml", "playwright-report/*.json"]
exact_count_limit = 5000
"""


def test_the_live_section_parses_and_holds_no_password() -> None:
    config = parse_venture_config(LIVE)
    assert config.live.venture_db == "postgresql+psycopg://app@db.internal/dairy"
    assert config.live.reports == ["reports/*.xml", "playwright-report/*.json"]
    assert config.live.exact_count_limit == 5000
    assert config.live.statement_timeout == 10.0 and config.live.exposed_schemas == ["public"]


def test_the_password_is_read_from_the_named_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    live = parse_venture_config(LIVE).live
    monkeypatch.delenv("VENTURE_DB_PASSWORD", raising=False)
    assert live_password(live) is None
    monkeypatch.setenv("VENTURE_DB_PASSWORD", "s3cret")
    assert live_password(live) == "s3cret"
    assert live_password(parse_venture_config("").live) is None


@pytest.mark.parametrize(("text", "line", "fragment"), [
    ('[live]\nventure_db = "x"\npasword_env = "P"\n', 3, "live.pasword_env"),
    ("[live]\nexact_count_limit = 0\n", 2, "greater than 0"),
    ('[live]\nreports = "reports/*.xml"\n', 2, "live.reports"),
])
def test_a_malformed_live_section_names_key_and_line(text: str, line: int,
                                                     fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_venture_config(text)
    assert caught.value.line == line and fragment in str(caught.value)


def test_flags_win_over_the_environment_over_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = parse_venture_config(LIVE)
    monkeypatch.setenv("COMMISSIONING_VENTURE_DB", "sqlite:///from-env.db")
    monkeypatch.setenv("VENTURE_DB_PASSWORD", "s3cret")
    [db, reports] = live_observers(tmp_path, config, venture_db="sqlite:///from-flag.db")
    assert isinstance(db, DatabaseObserver) and isinstance(reports, ReportObserver)
    assert db.database.url == "sqlite:///from-flag.db" and db.database.base is None
    assert "s3cret" not in repr(db)
    [db, _] = live_observers(tmp_path, config)
    assert isinstance(db, DatabaseObserver) and db.database.url == "sqlite:///from-env.db"
    monkeypatch.delenv("COMMISSIONING_VENTURE_DB")
    [db, _] = live_observers(tmp_path, config)
    assert isinstance(db, DatabaseObserver)
    assert db.database.url.endswith("@db.internal/dairy")
    assert db.database.base == str(tmp_path.resolve())  # a file's relative path: the venture's
    assert db.database.password == "s3cret"


def test_no_live_source_means_no_observer(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMMISSIONING_VENTURE_DB", raising=False)
    assert live_observers(tmp_path, parse_venture_config("")) == ()


def test_an_unusable_report_glob_is_a_config_error(tmp_path: Path) -> None:
    config = parse_venture_config('[live]\nreports = [""]\n')
    with pytest.raises(ConfigError, match=r"live\.reports"):
        live_observers(tmp_path, config)
