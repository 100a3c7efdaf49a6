"""The Rails stack profile: docs/evidence.md ("Rails"), implemented.

Tables come from ``db/schema.rb`` (or ``db/structure.sql``) and the migrations; models map to
them by Rails' naming rules (``observe.ruby.models``). Every other kind of evidence is
*role × reach*, as for the other profiles: a file with a role (``rails_roles``) that accesses a
table, or reaches a file that does through the constant-reference graph (``rails_access``)
within ``scan.max_hops`` edges.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping

from commissioning.config import VentureConfig
from commissioning.evidence import Diagnostic, Evidence, Kind, Severity, TableInfo, TableKey
from commissioning.observe.parsers import parse_files, ruby
from commissioning.observe.profiles.base import ProfileResult, Ticker
from commissioning.observe.profiles.rails_access import (
    AccessIndex,
    association_tables,
    build_edges,
    index_accesses,
    role_evidence,
)
from commissioning.observe.profiles.rails_methods import build_method_index
from commissioning.observe.profiles.rails_roles import RAILS_RULES, RailsRoleBook
from commissioning.observe.roles import Rule
from commissioning.observe.ruby.constants import ConstantIndex
from commissioning.observe.ruby.facts import RubyFacts
from commissioning.observe.ruby.inflect import Inflector
from commissioning.observe.ruby.models import ModelCatalog
from commissioning.observe.ruby.parser import is_ruby_source, parse_ruby
from commissioning.observe.ruby.routes import RouteTable
from commissioning.observe.ruby.schema import SchemaFindings, read_schema, seed_sql_writes
from commissioning.observe.source_tree import SourceTree

Progress = Callable[[int, int], None]
VERSION = "1"
BASE_DETECTORS = ("rails.schema", "rails.create_table", "rails.migration_schema",
                  "sql.create_table", "sql.insert", "rails.model_access", "rails.model_query",
                  "rails.named_for_model", "rails.association", "rails.job_argument")
_SCRIPT_DIRS = ("script/", "bin/", "scripts/")


class RailsProfile:
    name = "rails"
    version = VERSION
    rules: tuple[Rule, ...] = RAILS_RULES

    def detect(self, tree: SourceTree) -> bool:
        """A Rails app: ``config/application.rb`` beside a ``Gemfile``, or ``db/schema.rb``
        beside ``app/models``."""
        files = set(tree.files())
        for path in files:
            base = posixpath.basename(path)
            root = path[:-len("config/application.rb")] if path.endswith(
                "config/application.rb") else None
            if root is not None and (root == "" or root.endswith("/")) \
                    and f"{root}Gemfile" in files:
                return True
            if base == "schema.rb" and path.endswith("db/schema.rb"):
                prefix = path[:-len("db/schema.rb")]
                if any(f.startswith(f"{prefix}app/models/") for f in files):
                    return True
        return False

    def observe(self, tree: SourceTree, config: VentureConfig,
                progress: Progress | None = None) -> ProfileResult:
        book = RailsRoleBook(config.roles)
        files = tree.files()
        facts, notes = _parse_all(tree, files, book, progress)
        inflector = _inflector(facts)
        index = ConstantIndex(facts, inflector)
        catalog = ModelCatalog(index, inflector)
        schema_files = [f for f in files if book.is_schema(f)]
        migrations = [f for f in files if book.is_migration(f) and f in facts]
        found = read_schema(facts, schema_files, migrations, tree.text)
        tables, schema_evidence = _tables(found, bool(schema_files))
        model_tables, model_notes = _model_tables(catalog, tables)
        roles = {path: book.roles(path, facts.get(path), _ancestors(facts.get(path), index))
                 for path in files if path in facts or _is_template(path)}
        roles = {p: r for p, r in roles.items() if r}
        associations = association_tables(index, catalog.models, model_tables, inflector)
        methods = build_method_index(facts, index, inflector)
        engine = _engine_models(tables, model_tables)
        accesses = index_accesses(facts, index, {**engine, **model_tables}, roles, associations,
                                  methods)
        routes = RouteTable([r for f in sorted(facts) for r in facts[f].routes])
        own_tables: dict[str, set[TableKey]] = {}
        for name, key in model_tables.items():
            own_tables.setdefault(catalog.models[name].path, set()).add(key)
        edges = build_edges(facts, index, routes, files, inflector, leaves=set(own_tables),
                            methods=methods)
        evidence = [*schema_evidence, *_data_sql(facts, files, book, tables)]
        evidence += role_evidence(roles, accesses, edges, config.scan.max_hops, own_tables)
        symbols = _symbols(model_tables)
        return ProfileResult(
            tables=tuple(TableInfo(key, profile="rails", symbol=symbols.get(key))
                         for key in sorted(tables)),
            evidence=tuple(sorted({e for e in evidence if e.table in tables},
                                  key=Evidence.sort_key)),
            diagnostics=tuple(sorted({*notes, *found.diagnostics, *model_notes},
                                     key=Diagnostic.sort_key)),
            detectors=tuple((d, VERSION) for d in sorted(set(BASE_DETECTORS)
                                                          | set(book.detectors))),
            components=_components(facts, catalog, routes, accesses),
        )


RAILS = RailsProfile()


def _parse_all(tree: SourceTree, files: tuple[str, ...], book: RailsRoleBook,
               progress: Progress | None) -> tuple[dict[str, RubyFacts], list[Diagnostic]]:
    candidates = [f for f in files if is_ruby_source(f) or _maybe_script(f)]
    sources = [f for f in candidates if is_ruby_source(f)]
    literals = book.literals
    tick = Ticker(len(candidates), progress)

    # Ruby by name: cached by content and parsed across cores (observe.parsers)
    parsed: dict[str, RubyFacts] = dict(parse_files(tree, ruby(literals), sources, tick))
    for path in candidates:  # an extension-less script is Ruby when its shebang says so
        if path in parsed or is_ruby_source(path):
            continue
        text = tree.text(path)
        if text is not None and is_ruby_source(path, text.split("\n", 1)[0]):
            parsed[path] = parse_ruby(text, path, literals)
        forget = getattr(tree, "forget", None)
        if callable(forget):
            forget(path)
        tick()
    facts = {path: parsed[path] for path in candidates if path in parsed}
    return facts, [note for found in facts.values() for note in found.diagnostics]


def _maybe_script(path: str) -> bool:
    """An extension-less file in a script folder may be Ruby (its shebang decides)."""
    base = posixpath.basename(path)
    return "." not in base and any(path.startswith(d) or f"/{d}" in path for d in _SCRIPT_DIRS)


def _is_template(path: str) -> bool:
    """Views that are not parsed (HAML, Slim) still have roles, reached through their
    controller."""
    return "app/views/" in path and not path.endswith(".erb")


def _inflector(facts: Mapping[str, RubyFacts]) -> Inflector:
    """The default rules plus the app's ``inflect.irregular``/``uncountable`` lines."""
    irregulars: list[tuple[str, str]] = []
    uncountables: list[str] = []
    acronyms: list[str] = []
    for path in sorted(facts):
        if path.startswith("config/") or "/config/" in path:
            irregulars.extend(facts[path].inflections)
            uncountables.extend(facts[path].uncountables)
            acronyms.extend(facts[path].acronyms)
    return Inflector.default().with_(irregulars, uncountables, acronyms)


def _ancestors(own: RubyFacts | None, index: ConstantIndex) -> list[str]:
    """Written names of every ancestor class of the file's classes, through project code."""
    out: list[str] = []
    for d in own.definitions if own is not None else ():
        ref = d.superclass
        seen: set[str] = set()
        while ref is not None and len(seen) < 12:
            out.append(ref.written.lstrip(":"))
            name = index.resolve_name(ref.candidates)
            if name is None or name in seen:
                break
            seen.add(name)
            ref = next((x.superclass for _, x in index.definitions[name] if x.superclass), None)
    return out


def _tables(found: SchemaFindings, has_schema_file: bool) -> tuple[
        set[TableKey], list[Evidence]]:
    """Schema-file tables, then tables only migrations create. Without a schema file (not
    committed), the migrations are the app's schema source and give schema evidence too."""
    evidence = [Evidence(key, Kind.SCHEMA, detector, path=path, line=line)
                for key, (path, line, detector) in found.schema.items()]
    for key, (path, line) in found.migrated.items():
        evidence.append(Evidence(key, Kind.MIGRATION, "rails.create_table", path=path,
                                 line=line))
        if not has_schema_file:
            evidence.append(Evidence(key, Kind.SCHEMA, "rails.migration_schema", path=path,
                                     line=line))
    return set(found.schema) | set(found.migrated), evidence


def _model_tables(catalog: ModelCatalog, tables: set[TableKey]) -> tuple[
        dict[str, TableKey], list[Diagnostic]]:
    """Model class → its table, for models whose table the schema knows; a diagnostic for
    every other concrete model, so none is dropped silently."""
    by_name = {(k.name.lower()): k for k in sorted(tables)}
    out: dict[str, TableKey] = {}
    notes: list[Diagnostic] = []
    for name, model in sorted(catalog.models.items()):
        if model.abstract:
            continue
        if model.table is None:
            notes.append(Diagnostic(Severity.WARNING, "rails-model-table-unresolved",
                                    f"model {name}: table name cannot be resolved "
                                    f"({model.reason}); its accesses are not counted",
                                    model.path, model.line))
            continue
        key = by_name.get(model.table.lower()) or by_name.get(model.table.rsplit(".", 1)[-1])
        if key is None:
            notes.append(Diagnostic(Severity.INFO, "rails-model-table-unknown",
                                    f"model {name} maps to table '{model.table}', which no "
                                    "schema file or migration defines; its accesses are not "
                                    "counted", model.path, model.line))
            continue
        out[name] = key
    return out, notes


# Models that engines (gems) define and the app's schema holds the tables of: no file of the
# app defines them, so their constants are matched by the name written.
ENGINE_MODELS: dict[str, str] = {
    "Doorkeeper::Application": "oauth_applications",
    "Doorkeeper::AccessToken": "oauth_access_tokens",
    "Doorkeeper::AccessGrant": "oauth_access_grants",
    "Doorkeeper::OpenidConnect::Request": "oauth_openid_requests",
    "ActiveStorage::Blob": "active_storage_blobs",
    "ActiveStorage::Attachment": "active_storage_attachments",
    "ActiveStorage::VariantRecord": "active_storage_variant_records",
    "ActionText::RichText": "action_text_rich_texts",
    "ActionMailbox::InboundEmail": "action_mailbox_inbound_emails",
    "PaperTrail::Version": "versions",
    "Audited::Audit": "audits",
    "ActsAsTaggableOn::Tag": "tags",
    "ActsAsTaggableOn::Tagging": "taggings",
    "PgSearch::Document": "pg_search_documents",
    "GoodJob::Job": "good_jobs",
    "Pay::Customer": "pay_customers",
    "Pay::Subscription": "pay_subscriptions",
    "Pay::Charge": "pay_charges",
    "Pay::PaymentMethod": "pay_payment_methods",
    "Pay::Merchant": "pay_merchants",
    "Pay::Webhook": "pay_webhooks",
    "Noticed::Event": "noticed_events",
    "Noticed::Notification": "noticed_notifications",
    "Ahoy::Visit": "ahoy_visits",
    "Ahoy::Event": "ahoy_events",
}


def _engine_models(tables: set[TableKey], model_tables: Mapping[str, TableKey]) -> dict[
        str, TableKey]:
    """Engine models whose table the schema defines and no app model already maps to."""
    by_name = {k.name.lower(): k for k in tables}
    taken = set(model_tables.values())
    out: dict[str, TableKey] = {}
    for model, table in ENGINE_MODELS.items():
        key = by_name.get(table)
        if key is not None and key not in taken and model not in model_tables:
            out[model] = key
    return out


def _symbols(model_tables: Mapping[str, TableKey]) -> dict[TableKey, str]:
    """A table's model (the base class when STI subclasses share it)."""
    out: dict[TableKey, str] = {}
    for name in sorted(model_tables, key=lambda n: (n.count("::"), len(n), n)):
        out.setdefault(model_tables[name], name)
    return out


def _data_sql(facts: Mapping[str, RubyFacts], files: tuple[str, ...],
              book: RailsRoleBook, tables: set[TableKey]) -> list[Evidence]:
    """Rows a seed puts in with SQL (``connection.execute "INSERT …"``)."""
    seeds = [f for f in files if book.is_seed(f)]
    return [Evidence(w.table, Kind.DATA, w.action, path=w.path, line=w.line)
            for w in seed_sql_writes(facts, seeds) if w.table in tables]


def _components(facts: Mapping[str, RubyFacts], catalog: ModelCatalog, routes: RouteTable,
                accesses: AccessIndex) -> tuple[str, ...]:
    seen = {"rails"}
    if catalog.models or accesses.direct:
        seen.add("activerecord")
    marks = {ref.written for f in facts.values() for d in f.definitions for ref in d.includes}
    if marks & {"Sidekiq::Worker", "Sidekiq::Job"}:
        seen.add("sidekiq")
    if any(p.startswith("spec/") or "/spec/" in p for p in facts):
        seen.add("rspec")
    if routes.routes:
        seen.add("rails-routes")
    return tuple(sorted(seen))
