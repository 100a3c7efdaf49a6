"""The Rails profile's role rules (docs/evidence.md, "Rails") and how a file earns a role.

Rules are the shared ``Rule`` data, merged with ``[roles.<kind>]`` overrides by
``observe.roles.role_book``. Signals are matched against a parsed Ruby file:

* ``inherits:<Const>``: a class in the file has ``Const`` among its ancestors (as written in
  the project: ``class Api::Base < ActionController::API`` makes every subclass match
  ``inherits:ActionController::API``);
* ``include:<Mod>``: a class or module in the file includes, extends or prepends ``Mod``;
* anything else: a literal looked for in code, never in comments or strings (``form_with``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from commissioning.config import RoleRule as ConfigRule
from commissioning.evidence import Kind
from commissioning.observe.globs import GlobSet
from commissioning.observe.roles import APP_KINDS, Rule, role_book
from commissioning.observe.ruby.facts import RubyFacts

INHERITS = "inherits:"
INCLUDE = "include:"

TEST_GLOBS = ("**/spec/**", "**/test/**", "**/*_spec.rb", "**/*_test.rb", "**/features/**")
MIGRATION_GLOBS = ("**/db/migrate/**/*.rb", "**/db/*_migrate/**/*.rb")
SCHEMA_GLOBS = ("**/db/schema.rb", "**/db/*_schema.rb", "**/db/structure.sql",
                "**/db/*_structure.sql")
SEED_GLOBS = ("**/db/seeds.rb", "**/db/seeds/**/*.rb", "**/db/seeds/**/*.rake",
              *(f"**/lib/tasks/*{word}*.rake" for word in ("seed", "fake", "sample", "demo")))
API_CONTROLLERS = ("**/app/controllers/api/**",)
WEBHOOKS = ("**/app/controllers/webhooks/**", "**/app/controllers/**/*webhooks_controller.rb")

RAILS_RULES: tuple[Rule, ...] = (
    Rule(Kind.MIGRATION, "rails.create_table", MIGRATION_GLOBS),
    Rule(Kind.DATA, "rails.seed", SEED_GLOBS),
    Rule(Kind.REPOSITORY, "rails.model_access", ("**",)),
    Rule(Kind.SERVER_ACTIONS, "rails.controller", ("**/app/controllers/**/*.rb",),
         exclude=API_CONTROLLERS),
    Rule(Kind.CRUD_UI, "rails.view", ("**/app/views/**",), exclude=(
        "**/app/views/layouts/**", "**/app/views/**/*mailer/**", "**/app/views/api/**",
        "**/*.{json,xml,rss,atom,text,js,csv,ics}.*", "**/*.jbuilder", "**/*.builder")),
    Rule(Kind.CRUD_UI, "rails.admin", ("**/app/admin/**", "**/app/avo/**",
                                       "**/app/dashboards/**", "**/app/components/**")),
    Rule(Kind.CRUD_UI, "rails.form",
         signals=("form_with", "form_for", "simple_form_for", "form_tag", "ActiveAdmin.register")),
    Rule(Kind.ETL, "rails.job", ("**/app/jobs/**", "**/app/workers/**", "**/app/sidekiq/**",
                                 "**/app/tasks/**", "**/app/mailboxes/**", "**/lib/tasks/**",
                                 "**/script/**", "**/app/importers/**", "**/app/exporters/**",
                                 "**/lib/importers/**", "**/lib/exporters/**", *WEBHOOKS)),
    Rule(Kind.ETL, "rails.worker", signals=(
        f"{INCLUDE}Sidekiq::Worker", f"{INCLUDE}Sidekiq::Job", f"{INHERITS}ActiveJob::Base",
        f"{INHERITS}ApplicationJob", f"{INHERITS}MaintenanceTasks::Task")),
    Rule(Kind.A2A_API, "rails.api_controller", API_CONTROLLERS,
         signals=(f"{INHERITS}ActionController::API",)),
    Rule(Kind.A2A_API, "rails.serializer", ("**/app/serializers/**", "**/app/blueprints/**"),
         signals=(f"{INHERITS}ActiveModel::Serializer", f"{INCLUDE}JSONAPI::Serializer",
                  f"{INHERITS}Blueprinter::Base")),
    Rule(Kind.A2A_API, "rails.graphql", ("**/app/graphql/**",),
         signals=(f"{INHERITS}GraphQL::Schema",)),
    Rule(Kind.A2A_API, "rails.jbuilder", ("**/*.jbuilder", "**/app/views/api/**")),
    Rule(Kind.A2A_API, "grape.api", ("**/app/api/**",), signals=(f"{INHERITS}Grape::API",)),
    Rule(Kind.E2E_TESTS, "rails.request_spec", (
        "**/spec/requests/**", "**/spec/system/**", "**/spec/features/**",
        "**/spec/integration/**", "**/spec/api/**")),
    Rule(Kind.E2E_TESTS, "rails.integration_test", (
        "**/test/system/**", "**/test/integration/**", "**/test/controllers/**"),
         signals=(f"{INHERITS}ActionDispatch::IntegrationTest",
                  f"{INHERITS}ActionDispatch::SystemTestCase",
                  f"{INHERITS}ApplicationSystemTestCase")),
)
# A functional controller test calls actions without routing or middleware: not end-to-end.
FUNCTIONAL_TESTS = (f"{INHERITS}ActionController::TestCase",)


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: Rule
    globs: GlobSet
    exclude: GlobSet
    scope: GlobSet


class RailsRoleBook:
    """The effective rules of a Rails scan, compiled once."""

    def __init__(self, config_roles: Mapping[str, ConfigRule]) -> None:
        self.rules = role_book(config_roles, RAILS_RULES).rules
        self._compiled = tuple(_Compiled(r, GlobSet.of(r.globs), GlobSet.of(r.exclude),
                                         GlobSet.of(r.scope)) for r in self.rules)
        kinds = {k.value: k for k in Kind}
        self._kind_exclude = {kinds[name]: GlobSet.of(rule.exclude)
                              for name, rule in config_roles.items() if rule.exclude}
        self._tests = GlobSet.of(TEST_GLOBS)
        self._schema = GlobSet.of(SCHEMA_GLOBS)
        self._migrations = GlobSet.of(self.globs(Kind.MIGRATION))
        self._seeds = GlobSet.of(self.globs(Kind.DATA))

    def globs(self, kind: Kind) -> tuple[str, ...]:
        return tuple(g for r in self.rules if r.kind == kind for g in r.globs)

    @property
    def literals(self) -> tuple[str, ...]:
        """The literal signals the parser must look for in code."""
        return tuple(sorted({s for r in self.rules for s in r.signals
                             if not s.startswith((INHERITS, INCLUDE))}))

    @property
    def detectors(self) -> tuple[str, ...]:
        return tuple(sorted({r.detector for r in self.rules}))

    def is_test(self, path: str) -> bool:
        return self._tests.match(path)

    def is_schema(self, path: str) -> bool:
        return self._schema.match(path)

    def is_migration(self, path: str) -> bool:
        return self._migrations.match(path)

    def is_seed(self, path: str) -> bool:
        return self._seeds.match(path)

    def never_app(self, path: str) -> bool:
        """Tests, seeds, migrations and schema files hold no app code."""
        return self.is_test(path) or self.is_seed(path) or self.is_migration(path) \
            or self.is_schema(path)

    def roles(self, path: str, facts: RubyFacts | None,
              ancestors: Iterable[str] = ()) -> dict[Kind, str]:
        """Kind → detector: the first matching rule of each kind, then the exclusions of
        docs/evidence.md (tests, seeds and migrations are never app code; only seeds give data;
        a functional controller test is not end-to-end)."""
        marks = _marks(facts, ancestors)
        found: dict[Kind, str] = {}
        for compiled in self._compiled:
            rule = compiled.rule
            if rule.kind in found or rule.kind == Kind.MIGRATION or compiled.exclude.match(path):
                continue
            if (compiled.scope and not compiled.scope.match(path)) \
                    or any(k in found for k in rule.unless):
                continue
            kind_exclude = self._kind_exclude.get(rule.kind)
            if kind_exclude is not None and kind_exclude.match(path):
                continue
            if compiled.globs.match(path) or _any_signal(rule.signals, facts, marks):
                found[rule.kind] = rule.detector
        if Kind.E2E_TESTS in found and _any_signal(FUNCTIONAL_TESTS, facts, marks):
            del found[Kind.E2E_TESTS]
        if Kind.E2E_TESTS in found or self.never_app(path):
            for kind in APP_KINDS:
                found.pop(kind, None)
        if not self.is_seed(path):
            found.pop(Kind.DATA, None)
        return found


def _marks(facts: RubyFacts | None, ancestors: Iterable[str]) -> frozenset[str]:
    """The structural signals a file shows."""
    marks = {INHERITS + a for a in ancestors}
    for d in facts.definitions if facts is not None else ():
        if d.superclass is not None:
            marks.add(INHERITS + d.superclass.written)
        marks.update(INCLUDE + ref.written for ref in d.includes)
    return frozenset(marks)


def _any_signal(signals: Iterable[str], facts: RubyFacts | None, marks: frozenset[str]) -> bool:
    for signal in signals:
        if signal.startswith((INHERITS, INCLUDE)):
            if signal in marks:
                return True
        elif facts is not None and facts.signal_line(signal) is not None:
            return True
    return False
