"""How a Python file earns a role: a profile's ``Rule`` data matched against its facts.

Rules are the shared ``observe.roles.Rule`` values, merged with ``[roles.<kind>]`` overrides by
``observe.roles.role_book`` (so ``commissioning.toml`` overrides a Python profile exactly as it
does the Drizzle one). A signal is one of:

* ``import:<module>``: the file imports the module or something inside it (``import:celery``);
* ``python:<name>``: a structural fact the reader or the profile computed (``python:route``, a
  function under ``@app.get("/…")``; ``python:test_client``, a test driving a test client);
* anything else: a literal looked for in code, never in strings or comments (``@shared_task``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from commissioning.config import RoleRule as ConfigRule
from commissioning.evidence import Kind
from commissioning.observe.globs import GlobSet
from commissioning.observe.python.facts import PyFileFacts
from commissioning.observe.roles import APP_KINDS, IMPORT_PREFIX, Rule, role_book

STRUCTURAL_PREFIX = "python:"
PY_TEST_GLOBS = ("**/tests/**", "**/test/**", "**/test_*.py", "**/*_test.py", "**/tests.py",
                 "**/conftest.py", "**/testing/**", "**/*_tests.py")


class PythonRoleBook:
    """The effective rules of a Python scan, compiled once."""

    def __init__(self, config_roles: Mapping[str, ConfigRule], defaults: Sequence[Rule],
                 tests: Iterable[str] = PY_TEST_GLOBS) -> None:
        self.rules = role_book(config_roles, defaults).rules
        self._compiled = tuple((r, GlobSet.of(r.globs), GlobSet.of(r.exclude))
                               for r in self.rules)
        kinds = {k.value: k for k in Kind}
        self._kind_exclude = {kinds[name]: GlobSet.of(rule.exclude)
                              for name, rule in config_roles.items() if rule.exclude}
        self._tests = GlobSet.of(tests)
        self._migrations = GlobSet.of(self.globs(Kind.MIGRATION))
        self._seeds = GlobSet.of(self.globs(Kind.DATA))

    def globs(self, kind: Kind) -> tuple[str, ...]:
        return tuple(g for r in self.rules if r.kind == kind for g in r.globs)

    @property
    def literals(self) -> tuple[str, ...]:
        """The literal signals the reader must look for in code."""
        return tuple(sorted({s for r in self.rules for s in r.signals
                             if not s.startswith((IMPORT_PREFIX, STRUCTURAL_PREFIX))}))

    @property
    def detectors(self) -> tuple[str, ...]:
        return tuple(sorted({r.detector for r in self.rules}))

    def is_test(self, path: str) -> bool:
        return self._tests.match(path)

    def is_migration(self, path: str) -> bool:
        return self._migrations.match(path)

    def is_seed(self, path: str) -> bool:
        return self._seeds.match(path) and not self.is_test(path)

    def never_app(self, path: str) -> bool:
        """Tests, seeds and migrations hold no app code."""
        return self.is_test(path) or self.is_seed(path) or self.is_migration(path)

    def allows(self, kind: Kind, path: str) -> bool:
        """Whether a role found another way (a view a URLconf names) may stand."""
        exclude = self._kind_exclude.get(kind)
        if exclude is not None and exclude.match(path):
            return False
        return not (kind in APP_KINDS and self.never_app(path))

    def roles(self, path: str, facts: PyFileFacts | None,
              marks: Iterable[str] = ()) -> dict[Kind, str]:
        """Kind → detector: the first matching rule of each kind (a rule is passed over when the
        file shows one of its ``unless_signals``), then the exclusions of docs/evidence.md
        (tests, seeds and migrations are never app code; only seeds give data; an e2e test is
        never app code either). ``marks`` are structural signals the profile
        found across files (``python:url_view``: a view some URLconf routes to)."""
        extra = frozenset(marks)
        found: dict[Kind, str] = {}
        for rule, globs, exclude in self._compiled:
            if rule.kind in found or rule.kind == Kind.MIGRATION or exclude.match(path):
                continue
            kind_exclude = self._kind_exclude.get(rule.kind)
            if kind_exclude is not None and kind_exclude.match(path):
                continue
            if rule.unless_signals and _any_signal(rule.unless_signals, facts, extra):
                continue
            if globs.match(path) or _any_signal(rule.signals, facts, extra):
                found[rule.kind] = rule.detector
        if Kind.E2E_TESTS in found or self.never_app(path):
            for kind in APP_KINDS:
                found.pop(kind, None)
        if not self.is_seed(path):
            found.pop(Kind.DATA, None)
        return found


def _any_signal(signals: Iterable[str], facts: PyFileFacts | None,
                marks: frozenset[str]) -> bool:
    for signal in signals:
        if signal in marks:
            return True
        if facts is None:
            continue
        if signal.startswith(IMPORT_PREFIX):
            if signal[len(IMPORT_PREFIX):] in facts.imported_specifiers():
                return True
        elif facts.signal_line(signal) is not None:
            return True
    return False
