"""Which live observers a scan runs: the venture database and the test reports it was given.

Flags win over ``commissioning.toml``: ``--venture-db URL`` over ``COMMISSIONING_VENTURE_DB``
over ``[live] venture_db``; ``--report FILE`` (relative to the working directory) adds to
the ``[live] reports`` globs (relative to the venture root). The password is read from the
variable ``[live] password_env`` names, by ``config``, at scan time, and goes nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from commissioning.config import VentureConfig, live_password, load_settings
from commissioning.errors import ConfigError, PathNotFoundError
from commissioning.observe.live import DatabaseObserver, LiveDatabase, LiveObserver
from commissioning.observe.reports import ReportFile, ReportObserver


def live_observers(
    root: Path,
    config: VentureConfig,
    *,
    venture_db: str | None = None,
    reports: Sequence[Path] = (),
) -> tuple[LiveObserver, ...]:
    """The observers for this scan (none when no database and no report is configured).

    Raises :class:`PathNotFoundError` for a ``--report`` file that does not exist: a typo in a
    flag is the user's to fix, not a silent "no report".
    """
    observers: list[LiveObserver] = []
    given = venture_db or load_settings().venture_db
    url = given or config.live.venture_db
    if url:
        live = config.live
        observers.append(DatabaseObserver(LiveDatabase(
            url=url, password=live_password(live), password_env=live.password_env,
            exact_count_limit=live.exact_count_limit, connect_timeout=live.connect_timeout,
            statement_timeout=live.statement_timeout,
            exposed_schemas=tuple(live.exposed_schemas),
            base=None if given else str(root.resolve()))))
    files = report_files(root, config, reports)
    if files or config.live.reports:
        observers.append(ReportObserver(files, root))
    return tuple(observers)


def report_files(root: Path, config: VentureConfig,
                 given: Sequence[Path]) -> tuple[ReportFile, ...]:
    """``--report`` files, then the ``[live] reports`` globs' matches, each once, in order."""
    for path in given:
        if not path.is_file():
            raise PathNotFoundError(f"no such test report: {path}",
                                    hint="pass a JUnit XML or Playwright JSON report file")
    found = list(given)
    for pattern in config.live.reports:
        try:
            found.extend(sorted(p for p in root.glob(pattern.lstrip("/")) if p.is_file()))
        except ValueError as exc:  # an empty or unusable pattern
            raise ConfigError(f"not a usable glob {pattern!r}: {exc}", key="live.reports",
                              hint='globs relative to the venture root, e.g. "reports/*.xml"'
                              ) from None
    out: dict[Path, ReportFile] = {}
    base = root.resolve()
    for path in found:
        resolved = path.resolve()
        if resolved not in out:
            out[resolved] = ReportFile(resolved, _shown(resolved, base))
    return tuple(out.values())


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
