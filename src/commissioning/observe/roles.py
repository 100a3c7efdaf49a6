"""Which roles a file plays, from path globs and content signals: docs/evidence.md as data.

The defaults below are the table in docs/evidence.md; ``[roles.<kind>]`` in commissioning.toml
replaces (``globs``, ``signals``) or extends (``extra_globs``, ``extra_signals``) them and may
``exclude`` paths. A signal is either a structural name the parser recognises
(``directive:use server``, ``jsx:form``, ``trpc:router``…), ``import:<module>`` (the file
imports it; ``import:@testing-library/*`` for a scope), or a literal substring looked for in
code (never in comments or strings). Directory globs are written ``**/dir/**`` so they also
hold inside a monorepo's app folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from commissioning.config import RoleRule as ConfigRule
from commissioning.errors import ConfigError
from commissioning.evidence import Kind
from commissioning.evidence.pickling import FastPickle
from commissioning.observe.globs import GlobSet
from commissioning.observe.typescript.facts import (
    SIG_API_KEY,
    SIG_JSX_ACTION,
    SIG_JSX_FORM,
    SIG_JSX_ON_SUBMIT,
    SIG_OPENAPI_IMPORT,
    SIG_OPENAPI_META,
    SIG_ROUTE_ACTION,
    SIG_ROUTE_PAGE,
    SIG_TRPC_PROCEDURE,
    SIG_TRPC_ROUTER,
    SIG_UI_CALLED,
    SIG_USE_SERVER,
    STRUCTURAL_SIGNALS,
    FileFacts,
)

TEST_GLOBS = ("**/*.test.*", "**/*.spec.*", "**/__tests__/**", "tests/**", "test/**")
MIGRATION_GLOBS = ("**/drizzle/**/*.sql", "**/supabase/migrations/**/*.sql",
                   "**/migrations/**/*.sql")
MIGRATION_CODE_GLOBS = ("**/migrations/**",)  # TS/JS migrations: never app code either
SEED_SQL_GLOBS = ("**/supabase/seed.sql", "**/seed*.sql", "**/seeds/**/*.sql")
SEED_SCRIPT_GLOBS = ("**/seed*.{ts,js,mjs}", "**/seeds/**", "**/scripts/seed*")
UNIT_TEST_IMPORTS = ("vitest", "jest", "@jest/globals", "@testing-library/*")
PLAYWRIGHT_IMPORT = "@playwright/test"
IMPORT_PREFIX = "import:"

# Kinds no test, seed, migration or e2e file can have.
APP_KINDS = frozenset({Kind.REPOSITORY, Kind.SERVER_ACTIONS, Kind.CRUD_UI, Kind.ETL, Kind.A2A_API})
ROLE_KINDS = (Kind.DATA, Kind.REPOSITORY, Kind.SERVER_ACTIONS, Kind.CRUD_UI, Kind.ETL,
              Kind.A2A_API, Kind.E2E_TESTS)


@dataclass(frozen=True, slots=True)
class Rule:
    """One way a file earns a kind's role; its detector names the evidence it yields.

    A file matches when it matches a glob or shows a signal, is not excluded, lies within
    ``scope`` when one is given (a signal that counts only inside ``supabase/functions``), has
    none of the ``unless`` roles (an edge function is an API only when it is not a job), and
    shows none of the ``unless_signals`` (a route handler the UI calls, or that checks the
    user's session, is the app's own back end, not a machine API). A ``narrow`` rule matched by
    a signal gives its role to the code holding the signal, not the whole file: reach starts at
    the definition (or inline tRPC procedure) on each signal's line (``Role.lines``).
    """

    kind: Kind
    detector: str
    globs: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    unless: tuple[Kind, ...] = ()
    unless_signals: tuple[str, ...] = ()
    narrow: bool = False


_APP_PAGES = "**/app/**/page.{tsx,jsx,ts,js}"
ROUTE_HANDLER_GLOBS = ("**/app/**/api/**/route.{ts,js}", "**/pages/api/**")
NOT_API_GLOBS = (tuple(f"**/api/{x}/**" for x in ("cron", "webhooks", "auth", "trpc"))
                 + tuple(f"**/pages/api/{x}.*" for x in ("cron", "webhooks", "auth", "trpc")))
VERSIONED_API_GLOBS = ("**/api/v[0-9]*/**", "**/api/public/**")
# Reading the signed-in user's session: NextAuth ``auth()``/``getServerSession``, Clerk
# ``currentUser``, Supabase ``auth.getUser``, iron-session, Lucia, Kinde, Next's ``cookies()``.
SESSION_SIGNALS = ("auth()", "getServerSession(", "getServerAuthSession(", "getSession(",
                   "currentUser(", "getCurrentUser(", ".auth.getUser(", "getIronSession(",
                   "validateRequest(", "getKindeServerSession(", "cookies()")
# Stripe ``constructEvent``, svix/Clerk ``new Webhook`` / ``verifyWebhook``: an ingesting webhook.
WEBHOOK_SIGNALS = ("constructEventAsync(", "constructEvent(", "verifyWebhook(", "new Webhook(")
# Middleware that checks a bearer token for the route (Hono's ``bearerAuth``).
KEY_AUTH_CALLS = ("bearerAuth(",)
# An endpoint shows these also when code it uses shows them (``profiles.drizzle_access``).
INHERITED_SIGNALS = frozenset({SIG_API_KEY, *KEY_AUTH_CALLS, *SESSION_SIGNALS})
DEFAULT_RULES: tuple[Rule, ...] = (
    Rule(Kind.MIGRATION, "sql.create_table", MIGRATION_GLOBS),
    Rule(Kind.DATA, "sql.insert", SEED_SQL_GLOBS),
    Rule(Kind.DATA, "seed.script", SEED_SCRIPT_GLOBS),
    Rule(Kind.REPOSITORY, "code.access", ("**",)),
    Rule(Kind.SERVER_ACTIONS, "nextjs.use_server", signals=(SIG_USE_SERVER,)),
    Rule(Kind.SERVER_ACTIONS, "trpc.router", signals=(SIG_TRPC_ROUTER,)),
    Rule(Kind.SERVER_ACTIONS, "trpc.procedure", signals=(SIG_TRPC_PROCEDURE,)),
    Rule(Kind.SERVER_ACTIONS, "nextjs.actions_path", ("**/actions/**", "**/actions.{ts,js}")),
    Rule(Kind.SERVER_ACTIONS, "remix.action", signals=(SIG_ROUTE_ACTION,), narrow=True),
    Rule(Kind.CRUD_UI, "nextjs.page", (_APP_PAGES, "**/pages/**/*.{tsx,jsx}"),
         exclude=("**/pages/api/**", "**/pages/_app.*", "**/pages/_document.*")),
    Rule(Kind.CRUD_UI, "remix.route", signals=(SIG_ROUTE_PAGE,)),
    Rule(Kind.CRUD_UI, "react.form",
         signals=(SIG_JSX_FORM, "useForm(", SIG_JSX_ACTION, SIG_JSX_ON_SUBMIT)),
    Rule(Kind.ETL, "etl.path", (
        "**/jobs/**", "**/workers/**", "**/worker/**", "**/cron/**", "**/etl/**",
        "**/pipelines/**", "**/ingest/**", "**/importers/**", "**/exporters/**",
        "**/imports/**", "**/exports/**", "**/app/api/cron/**", "**/app/api/webhooks/**",
        "**/trigger/**", "**/inngest/**", "**/supabase/functions/**", "**/scripts/**")),
    Rule(Kind.ETL, "etl.signal",
         signals=("inngest.createFunction(", "schedules.task(", "cron.schedule(", "new Worker(")),
    # a route handler that verifies a webhook's signature ingests another system's events
    Rule(Kind.ETL, "webhook.verified", signals=WEBHOOK_SIGNALS, scope=ROUTE_HANDLER_GLOBS),
    # A machine interface: a versioned or public API, a route that takes an API key or bearer
    # token, an OpenAPI operation. Any other route handler is one only when the app's own UI
    # does not call it and it does not check the user's session: then it is the app's back end.
    Rule(Kind.A2A_API, "api.versioned_path", VERSIONED_API_GLOBS, exclude=NOT_API_GLOBS),
    Rule(Kind.A2A_API, "api.key_auth", signals=(SIG_API_KEY, *KEY_AUTH_CALLS),
         exclude=NOT_API_GLOBS, scope=ROUTE_HANDLER_GLOBS),
    Rule(Kind.A2A_API, "openapi.operation", signals=(SIG_OPENAPI_META,), narrow=True),
    Rule(Kind.A2A_API, "openapi.route", signals=(SIG_OPENAPI_IMPORT,), exclude=NOT_API_GLOBS,
         scope=ROUTE_HANDLER_GLOBS),
    Rule(Kind.A2A_API, "nextjs.api_route", ROUTE_HANDLER_GLOBS, exclude=NOT_API_GLOBS,
         unless=(Kind.ETL,), unless_signals=(SIG_UI_CALLED, *SESSION_SIGNALS)),
    Rule(Kind.A2A_API, "graphql.resolver", ("**/resolvers/**", "**/graphql/**")),
    Rule(Kind.A2A_API, "mcp.tool", signals=("server.tool(", "registerTool(")),
    Rule(Kind.E2E_TESTS, "cypress.spec", ("**/cypress/e2e/**", "**/*.cy.{ts,js}")),
    Rule(Kind.E2E_TESTS, "playwright.spec",
         ("**/e2e/**", "**/tests/e2e/**", "**/*.e2e.{ts,js}", "**/playwright/**"),
         signals=(IMPORT_PREFIX + PLAYWRIGHT_IMPORT,),
         # app/api/e2e/** are the app's own test-support routes, not specs
         exclude=("**/app/**/api/**", "**/pages/api/**")),
)


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: Rule
    globs: GlobSet
    exclude: GlobSet
    scope: GlobSet


@dataclass(frozen=True, slots=True)
class Role(FastPickle):
    """A file's role of one kind; ``lines`` (a ``narrow`` rule's signal lines) limit it to the
    code on those lines, empty for the whole file."""

    kind: Kind
    detector: str
    lines: tuple[int, ...] = ()


class RoleBook:
    """The effective rules of a scan (defaults merged with config), compiled once."""

    def __init__(self, rules: Iterable[Rule], kind_excludes: Mapping[Kind, Iterable[str]]) -> None:
        self.rules = tuple(rules)
        compiled = (_Compiled(r, GlobSet.of(r.globs), GlobSet.of(r.exclude), GlobSet.of(r.scope))
                    for r in self.rules)
        # rules with ``unless`` go last, once the roles they depend on are known
        self._compiled = tuple(sorted(compiled, key=lambda c: bool(c.rule.unless)))
        self._kind_exclude = {k: GlobSet.of(v) for k, v in kind_excludes.items()}
        self._tests = GlobSet.of(TEST_GLOBS)
        self._migrations = GlobSet.of(self.globs(Kind.MIGRATION))
        self._migration_code = GlobSet.of(MIGRATION_CODE_GLOBS)
        self._seeds = GlobSet.of(self.globs(Kind.DATA))

    def globs(self, kind: Kind) -> tuple[str, ...]:
        return tuple(g for r in self.rules if r.kind == kind for g in r.globs)

    @property
    def literals(self) -> tuple[str, ...]:
        """The literal substrings the parser must look for."""
        found = {s for r in self.rules for s in (*r.signals, *r.unless_signals)
                 if s not in STRUCTURAL_SIGNALS and not s.startswith(IMPORT_PREFIX)}
        return tuple(sorted(found))

    @property
    def detectors(self) -> tuple[str, ...]:
        return tuple(sorted({r.detector for r in self.rules}))

    def is_migration(self, path: str) -> bool:
        """A migration SQL file; a seed-named file (``drizzle/seed.sql``) is a seed instead."""
        return self._migrations.match(path) and not self._seeds.match(path)

    def is_migration_code(self, path: str) -> bool:
        return self.is_migration(path) or self._migration_code.match(path)

    def is_seed(self, path: str) -> bool:
        return self._seeds.match(path)

    def is_test(self, path: str) -> bool:
        return self._tests.match(path)

    def allows(self, kind: Kind, path: str) -> bool:
        """Whether a role found another way (a route handler the UI calls) may stand."""
        kind_exclude = self._kind_exclude.get(kind)
        if kind_exclude is not None and kind_exclude.match(path):
            return False
        never_app = self.is_test(path) or self.is_seed(path) or self.is_migration_code(path)
        return not (kind in APP_KINDS and never_app)

    def roles(self, path: str, facts: FileFacts) -> dict[Kind, Role]:
        """The first matching rule of each kind, after the exclusions docs/evidence.md sets."""
        found: dict[Kind, Role] = {}
        for compiled in self._compiled:
            rule = compiled.rule
            if rule.kind in found or rule.kind == Kind.MIGRATION or compiled.exclude.match(path):
                continue
            if (compiled.scope and not compiled.scope.match(path)) \
                    or any(k in found for k in rule.unless) \
                    or _any_signal(rule.unless_signals, facts):
                continue
            kind_exclude = self._kind_exclude.get(rule.kind)
            if kind_exclude is not None and kind_exclude.match(path):
                continue
            if compiled.globs.match(path):
                found[rule.kind] = Role(rule.kind, rule.detector)
            elif _any_signal(rule.signals, facts):
                lines = _signal_lines(rule.signals, facts) if rule.narrow else ()
                found[rule.kind] = Role(rule.kind, rule.detector, lines)
        if Kind.E2E_TESTS in found and is_unit_test(facts):
            del found[Kind.E2E_TESTS]
        if Kind.E2E_TESTS in found or self.is_test(path) or self.is_seed(path) \
                or self.is_migration_code(path):
            for kind in APP_KINDS:
                found.pop(kind, None)
        if not self.is_seed(path):
            found.pop(Kind.DATA, None)
        return found


def _any_signal(signals: Iterable[str], facts: FileFacts) -> bool:
    for signal in signals:
        if signal.startswith(IMPORT_PREFIX):
            if imports_module(facts, signal[len(IMPORT_PREFIX):]):
                return True
        elif facts.signal_line(signal) is not None:
            return True
    return False


def _signal_lines(signals: Iterable[str], facts: FileFacts) -> tuple[int, ...]:
    wanted = set(signals)
    return tuple(sorted({s.line for s in facts.signals if s.name in wanted}))


def imports_module(facts: FileFacts, module: str) -> bool:
    """Whether the file imports ``module`` (``scope/*`` for any module of a scope)."""
    for specifier in facts.imported_specifiers():
        if module.endswith("/*"):
            if specifier.startswith(module[:-1]):
                return True
        elif specifier == module or specifier.startswith(module + "/"):
            return True
    return False


def is_unit_test(facts: FileFacts) -> bool:
    """A vitest/jest/testing-library file that does not import Playwright is never e2e."""
    if imports_module(facts, PLAYWRIGHT_IMPORT):
        return False
    return any(imports_module(facts, m) for m in UNIT_TEST_IMPORTS)


def role_book(config_roles: Mapping[str, ConfigRule],
              defaults: Iterable[Rule] = DEFAULT_RULES) -> RoleBook:
    """Merge ``[roles.<kind>]`` overrides into a profile's default rules; a misspelt kind is an
    error, since silently ignoring it would silently change what counts as evidence."""
    rules: list[Rule] = []
    excludes: dict[Kind, list[str]] = {}
    kinds = {k.value: k for k in (Kind.MIGRATION, *ROLE_KINDS)}
    for name in sorted(config_roles):
        if name not in kinds:
            raise ConfigError(f"unknown role kind {name!r}", key=f"roles.{name}",
                              hint="roles can be set for: " + ", ".join(kinds))
    overrides = {kinds[name]: rule for name, rule in config_roles.items()}
    for default in defaults:
        override = overrides.get(default.kind)
        if override is None:
            rules.append(default)
            continue
        globs = () if override.globs is not None else default.globs
        signals = () if override.signals is not None else default.signals
        if globs or signals:
            rules.append(replace(default, globs=globs, signals=signals))
    for kind, override in sorted(overrides.items()):
        globs = (*(override.globs or ()), *override.extra_globs)
        signals = (*(override.signals or ()), *override.extra_signals)
        if globs or signals:
            rules.append(Rule(kind, f"config.{kind.value}", tuple(globs), tuple(signals)))
        if override.exclude:
            excludes[kind] = list(override.exclude)
    return RoleBook(rules, excludes)
