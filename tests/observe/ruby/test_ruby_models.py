"""Models found by their superclass chain and mapped to tables by Rails' naming rules."""

from __future__ import annotations

from commissioning.observe.ruby.constants import ConstantIndex, zeitwerk_match
from commissioning.observe.ruby.facts import ConstRef
from commissioning.observe.ruby.inflect import Inflector
from commissioning.observe.ruby.models import ModelCatalog
from commissioning.observe.ruby.parser import parse_ruby

FILES = {
    "app/models/application_record.rb": "class ApplicationRecord < ActiveRecord::Base\n"
                                        "  primary_abstract_class\nend\n",
    "app/models/person.rb": "class Person < ApplicationRecord\nend\n",
    "app/models/admin.rb": "class Admin < Person\nend\n",
    "app/models/billing.rb": "module Billing\n  def self.table_name_prefix = 'billing_'\nend\n",
    "app/models/billing/invoice.rb": "module Billing\n  class Invoice < ApplicationRecord\n"
                                     "  end\nend\n",
    "app/models/shop/item.rb": "class Shop::Item < ApplicationRecord\nend\n",
    "app/models/order.rb": "class Order < ApplicationRecord\n  class Note < ApplicationRecord\n"
                           "  end\nend\n",
    "app/models/legacy.rb": "class Legacy < ApplicationRecord\n  self.table_name = 'old_t'\n"
                            "end\n",
    "app/models/dynamic.rb": "class Dynamic < ApplicationRecord\n  self.table_name = name\nend\n",
    "app/models/base_report.rb": "class BaseReport < ApplicationRecord\n"
                                "  self.abstract_class = true\nend\n",
    "app/models/sales_report.rb": "class SalesReport < BaseReport\nend\n",
    "app/models/git_hub_user.rb": "class GitHubUser < ApplicationRecord\nend\n",
    "app/models/plain.rb": "class Plain\nend\n",
    "app/models/form.rb": "class Form < ActiveModel::Model\nend\n",
    "lib/sequel_thing.rb": "class SequelThing < Sequel::Model\nend\n",
}


def _catalog(files: dict[str, str], inflector: Inflector | None = None) -> ModelCatalog:
    inflector = inflector or Inflector.default()
    facts = {p: parse_ruby(t, p) for p, t in files.items()}
    return ModelCatalog(ConstantIndex(facts, inflector), inflector)


def test_tables_by_rails_naming() -> None:
    catalog = _catalog(FILES)
    tables = {n: m.table for n, m in catalog.models.items()}
    assert tables == {
        "ApplicationRecord": None, "Person": "people", "Admin": "people",
        "Billing::Invoice": "billing_invoices", "Shop::Item": "items",
        "Order": "orders", "Order::Note": "order_notes", "Legacy": "old_t", "Dynamic": None,
        "BaseReport": None, "SalesReport": "sales_reports", "GitHubUser": "git_hub_users",
    }
    assert catalog.models["ApplicationRecord"].abstract
    assert catalog.models["Dynamic"].reason == "self.table_name is not a string literal"
    assert catalog.models["Admin"].path == "app/models/admin.rb"


def test_acronyms_change_the_table_name() -> None:
    catalog = _catalog(FILES, Inflector.default().with_(acronyms=["GitHub"]))
    assert catalog.table_of("GitHubUser") == "github_users"


def test_an_undefined_application_record_is_still_active_record() -> None:
    catalog = _catalog({"app/models/tag.rb": "class Tag < ApplicationRecord\nend\n"})
    assert catalog.table_of("Tag") == "tags"


def test_constants_resolve_innermost_first_and_fall_back_to_a_prefix() -> None:
    facts = {p: parse_ruby(t, p) for p, t in FILES.items()}
    index = ConstantIndex(facts)
    ref = ConstRef(("Billing::Invoice::Person", "Billing::Person", "Person"), 1)
    resolved = index.resolve(ref)
    assert resolved is not None and (resolved.name, resolved.exact) == ("Person", True)
    const = index.resolve(ConstRef(("Order::STATUSES",), 1))
    assert const is not None and (const.name, const.exact) == ("Order", False)
    assert index.resolve(ConstRef(("Nope",), 1)) is None
    assert index.owner("Billing::Invoice") == "app/models/billing/invoice.rb"
    assert index.owner("Billing") == "app/models/billing.rb"


def test_a_namespace_reopened_everywhere_has_no_owner() -> None:
    files = {f"app/services/billing/{n}.rb": f"module Billing\n  class {n.title()}\n  end\nend\n"
             for n in ("charge", "refund")}
    index = ConstantIndex({p: parse_ruby(t, p) for p, t in files.items()})
    assert index.owner("Billing") is None
    assert index.owner("Billing::Charge") == "app/services/billing/charge.rb"


def test_zeitwerk_paths() -> None:
    inflector = Inflector.default()
    assert zeitwerk_match("app/models/billing/invoice.rb", "Billing::Invoice", inflector)
    assert zeitwerk_match("lib/billing/invoice.rb", "Billing::Invoice", inflector)
    assert not zeitwerk_match("app/models/invoice.rb", "Billing::Invoice", inflector)
